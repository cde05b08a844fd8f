"""The catalogue contract: what every CatalogWriter and CatalogReader does."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import pytest

from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset, dependency_order
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.ingestion import ChangeCounts
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import ChannelQuery, RecordQuery

if TYPE_CHECKING:
    from tests.contract.conftest import CatalogAdapters

ALL = PageRequest(0, 1000)

# The same assertions run on each factory in conftest.py (in memory, Peewee on
# SQLite, Peewee on MariaDB), so a fake cannot drift from the real adapters.

CHANNELS = [
    c.Channel("Alpha.uk", "Alpha One", "UK", ("Alpha Uno",), categories=("news",)),
    c.Channel(
        "Beta.fr", "Beta TV", "FR", categories=("movies", "news"), closed="2021-05-01"
    ),
    c.Channel("Gamma.us", "Gamma", "US", categories=("xxx",), is_nsfw=True),
    c.Channel(
        "Delta.ca",
        "Délta",
        "CA",
        legacy_languages=("fra",),
        legacy_subdivision="CA-QC",
        legacy_city="CAMTR",
    ),
]
FEEDS = [
    c.Feed(
        "Alpha.uk",
        "SD",
        "SD",
        is_main=True,
        broadcast_area=("c/UK", "ct/GBLON"),
        timezones=("Europe/London",),
        languages=("eng",),
    ),
    c.Feed(
        "Alpha.uk",
        "Cymru",
        "Cymru",
        broadcast_area=("s/UK-WLS",),
        timezones=("Europe/London",),
        languages=("cym",),
    ),
    c.Feed(
        "Beta.fr",
        "SD",
        "SD",
        is_main=True,
        timezones=("Europe/Paris",),
        languages=("fra",),
    ),
    c.Feed("Gamma.us", "HD", "HD", is_main=True, languages=("eng",), format="1080i"),
]
STREAMS = [
    c.Stream("https://s.example/b", "Beta.fr", "SD", "Beta"),
    c.Stream("https://s.example/z", title="Unmatched"),
    c.Stream("https://s.example/a", "Alpha.uk", None, "Alpha"),
    c.Stream("https://s.example/a2", "Alpha.uk", "SD", "Alpha SD", "720p"),
]
CATALOGUE: dict[Dataset, list[Any]] = {
    Dataset.CATEGORIES: [c.Category("movies", "Movies"), c.Category("news", "News")],
    Dataset.LANGUAGES: [c.Language("eng", "English"), c.Language("fra", "French")],
    Dataset.TIMEZONES: [c.Timezone("Europe/Paris", "+01:00", ("FR",))],
    Dataset.COUNTRIES: [
        c.Country("CA", "Canada", ("eng", "fra"), "🇨🇦"),
        c.Country("FR", "France", ("fra",), "🇫🇷"),
        c.Country("UK", "United Kingdom", ("eng",), "🇬🇧"),
        c.Country("US", "United States", ("eng",), "🇺🇸"),
    ],
    Dataset.SUBDIVISIONS: [c.Subdivision("CA-QC", "CA", "Québec")],
    Dataset.REGIONS: [c.Region("EUR", "Europe", ("FR", "UK"))],
    Dataset.CITIES: [
        c.City("CAMTR", "CA", "Montréal", "CA-QC"),
        c.City("GBLON", "UK", "London"),
    ],
    Dataset.CHANNELS: CHANNELS,
    Dataset.FEEDS: FEEDS,
    Dataset.LOGOS: [c.Logo("Alpha.uk", "https://l.example/a.png", width=64, height=64)],
    Dataset.STREAMS: STREAMS,
    Dataset.GUIDES: [
        c.Guide("site.example", "2", "Beta.fr", None, "Beta", "fr"),
        c.Guide("site.example", "1", None, None, "Nobody", "en"),
    ],
    Dataset.BLOCKLIST: [c.BlocklistEntry("Gamma.us", "https://ref.example/g", "nsfw")],
}


def load(adapters: CatalogAdapters) -> None:
    for dataset in dependency_order():
        adapters.writer.replace(dataset, CATALOGUE[dataset])


def keys(records: Any) -> list[str]:
    return [record.key for record in records]


# Replace


def test_replace_counts_every_kind_of_change(adapters: CatalogAdapters) -> None:
    writer, reader = adapters.writer, adapters.reader

    assert writer.replace(Dataset.STREAMS, STREAMS) == ChangeCounts(added=4)
    assert writer.replace(Dataset.STREAMS, list(reversed(STREAMS))) == ChangeCounts(
        unchanged=4
    )

    retitled = dataclasses.replace(STREAMS[0], title="Beta HD", quality="1080p")
    newcomer = c.Stream("https://s.example/new", "Gamma.us")
    counts = writer.replace(
        Dataset.STREAMS, [retitled, STREAMS[2], STREAMS[3], newcomer]
    )

    assert counts == ChangeCounts(added=1, updated=1, removed=1, unchanged=2)
    assert reader.get(Dataset.STREAMS, retitled.key) == retitled
    assert reader.get(Dataset.STREAMS, STREAMS[1].key) is None
    assert reader.count(Dataset.STREAMS) == 4

    assert writer.replace(Dataset.STREAMS, []) == ChangeCounts(removed=4)
    assert reader.count(Dataset.STREAMS) == 0


def test_replace_touches_only_its_own_dataset(adapters: CatalogAdapters) -> None:
    load(adapters)

    adapters.writer.replace(Dataset.FEEDS, [])

    assert adapters.reader.count(Dataset.FEEDS) == 0
    assert adapters.reader.count(Dataset.CHANNELS) == len(CHANNELS)


# Lookups


def test_every_record_comes_back_as_it_was_stored(adapters: CatalogAdapters) -> None:
    load(adapters)

    for dataset, records in CATALOGUE.items():
        assert adapters.reader.count(dataset) == len(records)
        assert adapters.reader.keys(dataset) == frozenset(keys(records))
        for record in records:
            assert adapters.reader.get(dataset, record.key) == record
    assert adapters.reader.get(Dataset.CHANNELS, "Nope.xx") is None


def test_get_many_returns_those_that_exist_in_natural_order(
    adapters: CatalogAdapters,
) -> None:
    load(adapters)

    found = adapters.reader.get_many(
        Dataset.CHANNELS, ["Gamma.us", "Nope.xx", "Alpha.uk"]
    )

    assert keys(found) == ["Alpha.uk", "Gamma.us"]
    assert adapters.reader.get_many(Dataset.CHANNELS, []) == []


def test_where_in_matches_one_scalar_field(adapters: CatalogAdapters) -> None:
    load(adapters)

    feeds = adapters.reader.where_in(Dataset.FEEDS, "channel", ["Gamma.us", "Alpha.uk"])
    cities = adapters.reader.where_in(Dataset.CITIES, "country", {"UK", "CA", "DE"})

    assert keys(feeds) == ["Alpha.uk@Cymru", "Alpha.uk@SD", "Gamma.us@HD"]
    assert keys(cities) == ["CAMTR", "GBLON"]
    assert adapters.reader.where_in(Dataset.FEEDS, "channel", []) == []


@pytest.mark.parametrize("field_name", ["no_such_field", "categories"])
def test_where_in_and_find_refuse_what_is_not_a_scalar_field(
    adapters: CatalogAdapters, field_name: str
) -> None:
    with pytest.raises(InvalidQuery):
        adapters.reader.where_in(Dataset.CHANNELS, field_name, ["news"])
    with pytest.raises(InvalidQuery):
        adapters.reader.find(Dataset.CHANNELS, RecordQuery({field_name: "news"}), ALL)


# Lists


def test_lists_follow_the_natural_order_nulls_first(adapters: CatalogAdapters) -> None:
    load(adapters)

    streams = adapters.reader.find(Dataset.STREAMS, RecordQuery(), ALL).items
    guides = adapters.reader.find(Dataset.GUIDES, RecordQuery(), ALL).items

    assert [(s.channel, s.feed, s.url) for s in streams] == [
        (None, None, "https://s.example/z"),
        ("Alpha.uk", None, "https://s.example/a"),
        ("Alpha.uk", "SD", "https://s.example/a2"),
        ("Beta.fr", "SD", "https://s.example/b"),
    ]
    assert [g.site_id for g in guides] == ["1", "2"]


def test_find_filters_on_equal_fields_and_name_text(adapters: CatalogAdapters) -> None:
    load(adapters)

    def found(dataset: Dataset, query: RecordQuery) -> list[str]:
        return keys(adapters.reader.find(dataset, query, ALL).items)

    assert found(
        Dataset.FEEDS, RecordQuery({"channel": "Alpha.uk", "is_main": True})
    ) == ["Alpha.uk@SD"]
    assert found(Dataset.STREAMS, RecordQuery({"channel": None})) == [STREAMS[1].key]
    assert found(
        Dataset.STREAMS, RecordQuery({"channel": "Alpha.uk", "feed": None})
    ) == [STREAMS[2].key]
    assert found(Dataset.COUNTRIES, RecordQuery(text="UNITED")) == ["UK", "US"]
    assert found(Dataset.CITIES, RecordQuery(text="MONTRÉAL")) == ["CAMTR"]
    assert found(Dataset.CHANNELS, RecordQuery(text="uno")) == []  # the name only
    assert found(Dataset.CHANNELS, RecordQuery({"is_nsfw": False}, "a")) == [
        "Alpha.uk",
        "Beta.fr",
        "Delta.ca",
    ]


def test_find_pages_with_totals(adapters: CatalogAdapters) -> None:
    load(adapters)
    seen: list[str] = []
    offset: int | None = 0

    while offset is not None:
        page = adapters.reader.find(
            Dataset.STREAMS, RecordQuery(), PageRequest(offset, 3)
        )
        assert page.total == len(STREAMS)
        assert (page.offset, page.limit) == (offset, 3)
        seen.extend(keys(page.items))
        offset = page.next_offset

    every = adapters.reader.find(Dataset.STREAMS, RecordQuery(), ALL).items
    assert seen == keys(every)
    assert (
        adapters.reader.find(Dataset.STREAMS, RecordQuery(), PageRequest(10, 3)).items
        == []
    )


# Channels


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Alpha.uk", "Beta.fr", "Delta.ca", "Gamma.us"]),
        ({"country": "FR"}, ["Beta.fr"]),
        ({"region": "EUR"}, ["Alpha.uk", "Beta.fr"]),
        ({"subdivision": "UK-WLS"}, ["Alpha.uk"]),
        ({"subdivision": "CA-QC"}, ["Delta.ca"]),
        ({"city": "GBLON"}, ["Alpha.uk"]),
        ({"city": "CAMTR"}, ["Delta.ca"]),
        ({"category": "news"}, ["Alpha.uk", "Beta.fr"]),
        ({"language": "eng"}, ["Alpha.uk", "Gamma.us"]),
        ({"language": "fra"}, ["Beta.fr", "Delta.ca"]),
        ({"timezone": "Europe/London"}, ["Alpha.uk"]),
        ({"nsfw": True}, ["Gamma.us"]),
        ({"nsfw": False}, ["Alpha.uk", "Beta.fr", "Delta.ca"]),
        ({"closed": True}, ["Beta.fr"]),
        ({"closed": False}, ["Alpha.uk", "Delta.ca", "Gamma.us"]),
        ({"blocked": True}, ["Gamma.us"]),
        ({"blocked": False}, ["Alpha.uk", "Beta.fr", "Delta.ca"]),
        ({"text": "ALPHA"}, ["Alpha.uk"]),
        ({"text": "uno"}, ["Alpha.uk"]),
        ({"text": "délta"}, ["Delta.ca"]),
        ({"category": "news", "language": "eng", "blocked": False}, ["Alpha.uk"]),
        ({"country": "US", "nsfw": False}, []),
    ],
    ids=repr,
)
def test_channels_match_every_filter(
    adapters: CatalogAdapters, filters: dict[str, Any], expected: list[str]
) -> None:
    load(adapters)

    page = adapters.reader.channels(ChannelQuery(**filters), ALL)

    assert keys(page.items) == expected
    assert page.total == len(expected)


def test_channels_page_in_id_order(adapters: CatalogAdapters) -> None:
    load(adapters)

    first = adapters.reader.channels(ChannelQuery(), PageRequest(0, 3))
    rest = adapters.reader.channels(ChannelQuery(), PageRequest(3, 3))

    assert keys(first.items) == ["Alpha.uk", "Beta.fr", "Delta.ca"]
    assert keys(rest.items) == ["Gamma.us"]
    assert (first.total, first.next_offset, rest.next_offset) == (4, 3, None)
    assert list(first.items) == sorted(CHANNELS, key=lambda ch: ch.id)[:3]
