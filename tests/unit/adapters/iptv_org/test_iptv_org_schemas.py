"""Upstream schemas: every era's format reads into the domain records."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import ValidationError, fields

from tvnexa.adapters.iptv_org.reader import DatasetReader, compile_plan, read_records
from tvnexa.adapters.iptv_org.schema_base import UpstreamSchema
from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import Problem, ProblemKind


def read_one(dataset: Dataset, item: Any) -> c.CatalogueRecord:
    result = read_records(dataset, [item])
    assert result.problems == [], result.problems
    (record,) = result.records
    return record


def rejection(dataset: Dataset, item: Any) -> Problem:
    result = read_records(dataset, [item])
    assert result.records == []
    (problem,) = result.problems
    return problem


CURRENT = [
    (
        Dataset.CATEGORIES,
        {"id": "news", "name": "News", "description": "Daily news"},
        c.Category("news", "News", "Daily news"),
    ),
    (Dataset.LANGUAGES, {"code": "fra", "name": "French"}, c.Language("fra", "French")),
    (
        Dataset.COUNTRIES,
        {"name": "United Kingdom", "code": "UK", "languages": ["eng"], "flag": "🇬🇧"},
        c.Country("UK", "United Kingdom", ("eng",), "🇬🇧"),
    ),
    (
        Dataset.SUBDIVISIONS,
        {"country": "CA", "code": "CA-ON", "name": "Ontario", "parent": None},
        c.Subdivision("CA-ON", "CA", "Ontario", None),
    ),
    (
        Dataset.REGIONS,
        {"code": "EUR", "name": "Europe", "countries": ["FR", "UK"]},
        c.Region("EUR", "Europe", ("FR", "UK")),
    ),
    (
        Dataset.CITIES,
        {
            "country": "CN",
            "subdivision": None,
            "code": "CNYAT",
            "name": "Yantai",
            "wikidata_id": "Q210902",
        },
        c.City("CNYAT", "CN", "Yantai", None, "Q210902"),
    ),
    (
        Dataset.TIMEZONES,
        {"id": "Europe/London", "utc_offset": "+00:00", "countries": ["UK", "GG"]},
        c.Timezone("Europe/London", "+00:00", ("UK", "GG")),
    ),
    (
        Dataset.CHANNELS,
        {
            "id": "BBCOne.uk",
            "name": "BBC One",
            "alt_names": ["BBC 1"],
            "network": "BBC",
            "owners": ["BBC"],
            "country": "UK",
            "categories": ["general"],
            "is_nsfw": False,
            "launched": "1936-11-02",
            "closed": None,
            "replaced_by": "BBCTwo.uk@HD",
            "website": "https://www.bbc.co.uk/",
        },
        c.Channel(
            id="BBCOne.uk",
            name="BBC One",
            country="UK",
            alt_names=("BBC 1",),
            network="BBC",
            owners=("BBC",),
            categories=("general",),
            launched="1936-11-02",
            replaced_by="BBCTwo.uk@HD",
            website="https://www.bbc.co.uk/",
        ),
    ),
    (
        Dataset.FEEDS,
        {
            "channel": "48Hours.us",
            "id": "GB",
            "name": "GB",
            "alt_names": ["UK"],
            "is_main": False,
            "broadcast_area": ["c/UK", "ct/GBLON"],
            "timezones": ["Europe/London"],
            "languages": ["eng"],
            "format": "720p",
        },
        c.Feed(
            "48Hours.us",
            "GB",
            "GB",
            ("UK",),
            False,
            ("c/UK", "ct/GBLON"),
            ("Europe/London",),
            ("eng",),
            "720p",
        ),
    ),
    (
        Dataset.LOGOS,
        {
            "channel": "002RadioTV.do",
            "feed": None,
            "in_use": False,
            "tags": ["white"],
            "width": 334,
            "height": 210,
            "format": "PNG",
            "url": "https://i.imgur.com/7oNe8xj.png",
        },
        c.Logo(
            "002RadioTV.do",
            "https://i.imgur.com/7oNe8xj.png",
            None,
            False,
            ("white",),
            334,
            210,
            "PNG",
        ),
    ),
    (
        Dataset.STREAMS,
        {
            "channel": "France3.fr",
            "feed": "ParisIledeFrance",
            "title": "France 3",
            "url": "https://example.com/f3.m3u8",
            "quality": "1080p",
            "label": "Geo-blocked] [Not 24/7",
            "user_agent": "VLC",
            "referrer": "https://example.com/",
        },
        c.Stream(
            "https://example.com/f3.m3u8",
            "France3.fr",
            "ParisIledeFrance",
            "France 3",
            "1080p",
            "Geo-blocked] [Not 24/7",
            "VLC",
            "https://example.com/",
        ),
    ),
    (
        Dataset.GUIDES,
        {
            "channel": None,
            "feed": None,
            "site": "abc.net.au",
            "site_id": "Adelaide#7bravo",
            "site_name": " A&E ",
            "lang": "en",
        },
        c.Guide("abc.net.au", "Adelaide#7bravo", None, None, " A&E ", "en"),
    ),
    (
        Dataset.BLOCKLIST,
        {"channel": "X.us", "reason": "dmca", "ref": "https://github.com/i/1"},
        c.BlocklistEntry("X.us", "https://github.com/i/1", "dmca"),
    ),
]


@pytest.mark.parametrize(("dataset", "item", "expected"), CURRENT)
def test_the_current_format_reads_into_the_record(
    dataset: Dataset, item: dict[str, Any], expected: c.CatalogueRecord
) -> None:
    assert read_one(dataset, item) == expected


@pytest.mark.parametrize(("dataset", "item", "expected"), CURRENT)
def test_unknown_keys_are_left_out(
    dataset: Dataset, item: dict[str, Any], expected: c.CatalogueRecord
) -> None:
    assert read_one(dataset, {**item, "added_in_2030": [1, {"x": None}]}) == expected


def test_lists_become_tuples() -> None:
    channel = read_one(
        Dataset.CHANNELS,
        {"id": "A.fr", "name": "A", "country": "FR", "owners": ["X", "Y"]},
    )

    assert isinstance(channel, c.Channel)
    assert channel.owners == ("X", "Y")
    assert channel.alt_names == ()


LEGACY = [
    pytest.param(
        Dataset.COUNTRIES,
        {"name": "Afghanistan", "code": "AF", "lang": "pus", "flag": "🇦🇫"},
        c.Country("AF", "Afghanistan", ("pus",), "🇦🇫"),
        id="country-2022-single-lang",
    ),
    pytest.param(
        Dataset.CATEGORIES,
        {"id": "auto", "name": "Auto"},
        c.Category("auto", "Auto", None),
        id="category-without-description",
    ),
    pytest.param(
        Dataset.SUBDIVISIONS,
        {"country": "AD", "name": "Canillo", "code": "AD-02"},
        c.Subdivision("AD-02", "AD", "Canillo", None),
        id="subdivision-2022-without-parent",
    ),
    pytest.param(
        Dataset.REGIONS,
        {"name": "Asia", "code": "ASIA", "countries": ["CN"]},
        c.Region("ASIA", "Asia", ("CN",)),
        id="region-2022-key-order",
    ),
    pytest.param(
        Dataset.CHANNELS,
        {
            "id": "360degNovosti.ru",
            "name": "360° Novosti",
            "native_name": "360° Новости",
            "network": None,
            "country": "RU",
            "subdivision": "RU-MOS",
            "city": "Moscow",
            "broadcast_area": ["c/RU"],
            "languages": ["rus"],
            "categories": ["news"],
            "is_nsfw": False,
            "launched": None,
            "closed": None,
            "replaced_by": None,
            "website": "https://360tv.ru/",
            "logo": "https://example.com/360.png",
        },
        c.Channel(
            id="360degNovosti.ru",
            name="360° Novosti",
            country="RU",
            alt_names=("360° Новости",),
            categories=("news",),
            website="https://360tv.ru/",
            legacy_subdivision="RU-MOS",
            legacy_city="Moscow",
            legacy_languages=("rus",),
            legacy_broadcast_area=("c/RU",),
            legacy_logo="https://example.com/360.png",
        ),
        id="channel-2022",
    ),
    pytest.param(
        Dataset.CHANNELS,
        {"id": "A.fr", "name": "A", "native_name": None, "country": "FR"},
        c.Channel(id="A.fr", name="A", country="FR"),
        id="channel-2022-null-native-name",
    ),
    pytest.param(
        Dataset.FEEDS,
        {
            "channel": "A.fr",
            "id": "SD",
            "name": "SD",
            "is_main": True,
            "broadcast_area": ["c/FR"],
            "timezones": ["Europe/Paris"],
            "languages": ["fra"],
            "video_format": "576i",
            "launched": None,
            "closed": None,
            "replaced_by": None,
        },
        c.Feed(
            "A.fr", "SD", "SD", (), True, ("c/FR",), ("Europe/Paris",), ("fra",), "576i"
        ),
        id="feed-2025-03-video-format",
    ),
    pytest.param(
        Dataset.STREAMS,
        {
            "channel": "100News.ua",
            "url": "http://85.238.112.40:8810/a.m3u8",
            "http_referrer": "https://ref.example/",
            "user_agent": None,
            "status": "online",
            "width": 720,
            "height": 576,
            "bitrate": 0,
            "frame_rate": 25.0,
            "added_at": "2022-08-13T10:00:00Z",
        },
        c.Stream(
            "http://85.238.112.40:8810/a.m3u8",
            "100News.ua",
            referrer="https://ref.example/",
        ),
        id="stream-2022",
    ),
    pytest.param(
        Dataset.STREAMS,
        {
            "channel": "",
            "url": "http://ott.example/s9.m3u8",
            "timeshift": "2",
            "http_referrer": None,
            "user_agent": "Mozilla/5.0",
        },
        c.Stream("http://ott.example/s9.m3u8", None, user_agent="Mozilla/5.0"),
        id="stream-2024-empty-channel",
    ),
    pytest.param(
        Dataset.STREAMS,
        {
            "channel": None,
            "feed": None,
            "url": "https://live.example/a.m3u8",
            "referrer": None,
            "user_agent": None,
            "quality": "480p",
        },
        c.Stream("https://live.example/a.m3u8", quality="480p"),
        id="stream-2025-05-without-title",
    ),
    pytest.param(
        Dataset.GUIDES,
        {
            "channel": "0.es",
            "site": "gatotv.com",
            "lang": "es",
            "url": "https://iptv-org.github.io/epg/guides/es/gatotv.com.epg.xml",
        },
        c.Guide(
            "gatotv.com",
            "",
            "0.es",
            None,
            "",
            "es",
            "https://iptv-org.github.io/epg/guides/es/gatotv.com.epg.xml",
        ),
        id="guide-2022",
    ),
    pytest.param(
        Dataset.GUIDES,
        {"channel": "0.es", "site": "gatotv.com", "lang": "es", "days": 2, "url": "u"},
        c.Guide("gatotv.com", "", "0.es", None, "", "es", "u"),
        id="guide-2023-with-days",
    ),
    pytest.param(
        Dataset.GUIDES,
        {
            "channel": "BBCOne.uk",
            "feed": "HD",
            "site": "sky.com",
            "site_id": "2076",
            "site_name": "BBC One HD ",
            "lang": "en",
            "sources": [{"host": "w1", "format": "xml", "url": "https://w1/g.xml"}],
        },
        c.Guide("sky.com", "2076", "BBCOne.uk", "HD", "BBC One HD ", "en"),
        id="guide-2026-with-sources",
    ),
    pytest.param(
        Dataset.BLOCKLIST,
        {"channel": "AnimalPlanetAfrica.us", "ref": "https://github.com/i/1831"},
        c.BlocklistEntry("AnimalPlanetAfrica.us", "https://github.com/i/1831", None),
        id="blocklist-2022-without-reason",
    ),
    pytest.param(
        Dataset.LOGOS,
        {"channel": "A.fr", "feed": "", "url": "https://l/a.png", "width": None},
        c.Logo("A.fr", "https://l/a.png"),
        id="logo-empty-feed-null-width",
    ),
]


@pytest.mark.parametrize(("dataset", "item", "expected"), LEGACY)
def test_older_formats_read_into_the_current_record(
    dataset: Dataset, item: dict[str, Any], expected: c.CatalogueRecord
) -> None:
    assert read_one(dataset, item) == expected


def test_current_alt_names_win_over_a_native_name() -> None:
    item = {"id": "A.fr", "name": "A", "country": "FR", "alt_names": ["B"]}

    channel = read_one(Dataset.CHANNELS, {**item, "native_name": "C"})

    assert isinstance(channel, c.Channel)
    assert channel.alt_names == ("B",)


REJECTED = [
    pytest.param(Dataset.CHANNELS, ["BBCOne.uk"], "record", "Invalid input", id="list"),
    pytest.param(Dataset.CHANNELS, "BBCOne.uk", "record", "Invalid input", id="str"),
    pytest.param(Dataset.STREAMS, None, "record", "Invalid input", id="null"),
    pytest.param(Dataset.STREAMS, 42, "record", "Invalid input", id="number"),
    pytest.param(
        Dataset.CHANNELS,
        {"name": "A", "country": "FR"},
        "id",
        "Missing data for required field.",
        id="channel-without-id",
    ),
    pytest.param(
        Dataset.CHANNELS,
        {"id": "A.fr", "name": None, "country": "FR"},
        "name",
        "Field may not be null.",
        id="channel-null-name",
    ),
    pytest.param(
        Dataset.CHANNELS,
        {"id": "A.fr", "name": 5, "country": "FR"},
        "name",
        "Not a valid string.",
        id="channel-numeric-name",
    ),
    pytest.param(
        Dataset.CHANNELS,
        {"id": "A.fr", "name": "A", "country": "FR", "is_nsfw": "maybe"},
        "is_nsfw",
        "Not a valid boolean.",
        id="channel-odd-boolean",
    ),
    pytest.param(
        Dataset.CHANNELS,
        {"id": "A.fr", "name": "A", "country": "FR", "alt_names": ["B", None]},
        "alt_names",
        "item 1: Field may not be null.",
        id="channel-null-alt-name",
    ),
    pytest.param(
        Dataset.CHANNELS,
        {"id": "A.fr", "name": "A", "country": "FR", "categories": "news"},
        "categories",
        "Not a valid list.",
        id="channel-categories-not-a-list",
    ),
    pytest.param(
        Dataset.FEEDS,
        {"id": "SD", "name": "SD"},
        "channel",
        "Missing data for required field.",
        id="feed-without-channel",
    ),
    pytest.param(
        Dataset.LOGOS,
        {"channel": "A.fr", "url": "u", "width": 1.5},
        "width",
        "Not a valid integer.",
        id="logo-fractional-width",
    ),
    pytest.param(
        Dataset.LOGOS,
        {"channel": "A.fr", "url": "u", "height": True},
        "height",
        "Not a valid integer.",
        id="logo-boolean-height",
    ),
    pytest.param(
        Dataset.STREAMS,
        {"channel": "A.fr"},
        "url",
        "Missing data for required field.",
        id="stream-without-url",
    ),
    pytest.param(
        Dataset.GUIDES,
        {"channel": "A.fr", "site_id": "1", "lang": "fr"},
        "site",
        "Missing data for required field.",
        id="guide-without-site",
    ),
    pytest.param(
        Dataset.GUIDES,
        {"site": "s", "site_id": None},
        "site_id",
        "Field may not be null.",
        id="guide-null-site-id",
    ),
    pytest.param(
        Dataset.BLOCKLIST,
        {"reason": "dmca", "ref": "r"},
        "channel",
        "Missing data for required field.",
        id="blocklist-without-channel",
    ),
    pytest.param(
        Dataset.TIMEZONES,
        {"id": "Europe/Paris", "countries": ["FR"]},
        "utc_offset",
        "Missing data for required field.",
        id="timezone-without-offset",
    ),
    pytest.param(
        Dataset.COUNTRIES,
        {"code": "FR", "name": "France", "lang": 3},
        "lang",
        "Not a valid string.",
        id="country-numeric-lang",
    ),
]


@pytest.mark.parametrize(("dataset", "item", "field", "reason"), REJECTED)
def test_a_bad_record_becomes_a_problem_naming_its_field(
    dataset: Dataset, item: Any, field: str, reason: str
) -> None:
    problem = rejection(dataset, item)

    assert problem.kind is ProblemKind.REJECTED
    assert problem.dataset == dataset.value
    assert problem.position == 0
    assert problem.field == field
    assert problem.reason.startswith(reason)


def test_problems_carry_the_index_in_the_array_and_good_records_survive() -> None:
    items: list[Any] = [
        {"code": "fra", "name": "French"},
        {"code": "deu"},
        "eng",
        {"code": "spa", "name": "Spanish"},
        {"code": None, "name": "Null"},
    ]

    result = read_records(Dataset.LANGUAGES, items)

    assert result.records == [c.Language("fra", "French"), c.Language("spa", "Spanish")]
    assert [(p.position, p.field) for p in result.problems] == [
        (1, "name"),
        (2, "record"),
        (4, "code"),
    ]


def test_the_first_offending_field_follows_the_schema_order() -> None:
    problem = rejection(Dataset.CHANNELS, {"country": 1, "name": 2, "id": 3})

    assert problem.field == "id"


def test_values_marshmallow_accepts_leniently_are_read_its_way() -> None:
    item = {"channel": "A.fr", "id": "SD", "name": "SD", "is_main": "true"}

    feed = read_one(Dataset.FEEDS, item)

    assert isinstance(feed, c.Feed)
    assert feed.is_main is True


# Values a field may meet: the exact types the plan takes as they are, and
# everything else it must hand to marshmallow.
VARIANTS: list[Any] = [
    "x",
    "",
    None,
    True,
    False,
    0,
    7,
    1.5,
    "true",
    [],
    ["a", "b"],
    ["a", None],
    ["a", 1],
    {"a": 1},
    "__absent__",
]


@pytest.mark.parametrize("dataset", list(Dataset))
def test_the_plain_field_plan_never_disagrees_with_marshmallow(
    dataset: Dataset,
) -> None:
    reader = DatasetReader(dataset)
    schema = reader._schema
    keys = [f.data_key or name for name, f in schema.load_fields.items()]
    base: dict[str, Any] = {key: "x" for key in keys}
    base.update({k: [] for k, f in _fields_by_key(schema).items() if _is_list(f)})
    base.update({k: True for k, f in _fields_by_key(schema).items() if _is_flag(f)})
    base.update({k: 1 for k, f in _fields_by_key(schema).items() if _is_int(f)})

    compared = 0
    for key in keys:
        for variant in VARIANTS:
            item = dict(base)
            if variant == "__absent__":
                del item[key]
            else:
                item[key] = variant
            try:
                loaded = schema.load(item)
            except ValidationError:
                loaded = None
            plain = reader.plain_fields(dict(item))
            if plain is None:
                continue
            compared += 1
            assert loaded is not None, (key, variant)
            assert schema.build(plain) == loaded, (key, variant)

    assert compared > len(keys)


def _fields_by_key(schema: UpstreamSchema) -> dict[str, fields.Field[Any]]:
    return {f.data_key or name: f for name, f in schema.load_fields.items()}


def _is_list(field: fields.Field[Any]) -> bool:
    return isinstance(field, fields.List)


def _is_flag(field: fields.Field[Any]) -> bool:
    return isinstance(field, fields.Boolean)


def _is_int(field: fields.Field[Any]) -> bool:
    return isinstance(field, fields.Integer)


class _ValidatedSchema(UpstreamSchema):
    record_type = c.Language
    code = fields.String(required=True, validate=lambda value: len(value) == 3)
    name = fields.String(required=True)


class _UrlSchema(UpstreamSchema):
    record_type = c.Language
    code = fields.Url(required=True)
    name = fields.String(required=True)


@pytest.mark.parametrize("schema", [_ValidatedSchema(), _UrlSchema()])
def test_the_plan_refuses_fields_it_cannot_reproduce(schema: UpstreamSchema) -> None:
    with pytest.raises(TypeError, match="code"):
        compile_plan(schema)
