"""PeeweeCatalogReader: lookups, natural order, paging and a fixed query count."""

from __future__ import annotations

from typing import Any

import peewee
import pytest

from tvnexa.adapters.persistence import PeeweeCatalogReader, PeeweeCatalogWriter
from tvnexa.adapters.persistence import catalog_reader as reader_module
from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import ChannelQuery, RecordQuery

ALL = PageRequest(0, 100)


def test_count_keys_and_get(
    reader: PeeweeCatalogReader, loaded: dict[Dataset, list[Any]]
) -> None:
    feeds = loaded[Dataset.FEEDS]

    assert reader.count(Dataset.FEEDS) == len(feeds)
    assert reader.keys(Dataset.FEEDS) == {feed.key for feed in feeds}
    assert reader.get(Dataset.FEEDS, "Alpha.uk@Wales") == feeds[1]
    assert reader.get(Dataset.FEEDS, "Alpha.uk@Nope") is None
    assert reader.count(Dataset.LOGOS) == 2


def test_get_many_returns_those_that_exist_in_natural_order(
    reader: PeeweeCatalogReader, loaded: dict[Dataset, list[Any]]
) -> None:
    records = reader.get_many(
        Dataset.CHANNELS, ["Gamma.us", "Nope.xx", "Alpha.uk", "Gamma.us"]
    )

    assert [channel.id for channel in records] == ["Alpha.uk", "Gamma.us"]
    assert reader.get_many(Dataset.CHANNELS, []) == []


def test_natural_order_puts_nulls_first(
    reader: PeeweeCatalogReader, loaded: dict[Dataset, list[Any]]
) -> None:
    streams = reader.find(Dataset.STREAMS, RecordQuery(), ALL).items
    guides = reader.find(Dataset.GUIDES, RecordQuery(), ALL).items

    assert [(s.channel, s.feed) for s in streams] == [
        (None, None),
        ("Alpha.uk", "SD"),
        ("Beta.fr", None),
    ]
    assert [(g.site, g.site_id, g.lang) for g in guides] == [
        ("epg.example", "101", "fr"),
        ("tv.example", "101", "en"),
        ("tv.example", "102", "fr"),
    ]


def test_where_in_matches_a_scalar_field(
    reader: PeeweeCatalogReader, loaded: dict[Dataset, list[Any]]
) -> None:
    feeds = reader.where_in(
        Dataset.FEEDS, "channel", {"Gamma.us", "Alpha.uk", "Nope.xx"}
    )
    cities = reader.where_in(Dataset.CITIES, "subdivision", ["UK-ENG", "CA-ON"])

    assert [feed.key for feed in feeds] == [
        "Alpha.uk@SD",
        "Alpha.uk@Wales",
        "Gamma.us@HD",
    ]
    assert [city.code for city in cities] == ["CATOR", "GBLON"]
    assert reader.where_in(Dataset.FEEDS, "channel", []) == []


def test_where_in_splits_very_long_lists_and_keeps_the_order(
    reader: PeeweeCatalogReader,
    loaded: dict[Dataset, list[Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader_module, "VALUES_PER_QUERY", 2)
    wanted = ["Gamma.us", "Beta.fr", "Alpha.uk", "Ghost.xx", "Nope.xx"]

    feeds = reader.where_in(Dataset.FEEDS, "channel", wanted)

    expected = sorted(
        (f for f in loaded[Dataset.FEEDS]), key=lambda f: (f.channel, f.id)
    )
    assert feeds == expected


@pytest.mark.parametrize("field_name", ["nope", "languages", "key"])
def test_where_in_refuses_what_is_not_a_scalar_field(
    reader: PeeweeCatalogReader, field_name: str
) -> None:
    with pytest.raises(InvalidQuery):
        reader.where_in(Dataset.COUNTRIES, field_name, ["eng"])


def test_find_matches_equals_and_name_text(
    reader: PeeweeCatalogReader, loaded: dict[Dataset, list[Any]]
) -> None:
    def codes(dataset: Dataset, query: RecordQuery) -> list[str]:
        return [record.key for record in reader.find(dataset, query, ALL).items]

    assert codes(Dataset.SUBDIVISIONS, RecordQuery({"country": "UK"})) == [
        "UK-ENG",
        "UK-WLS",
    ]
    assert codes(Dataset.CITIES, RecordQuery({"subdivision": None})) == ["XXNUL"]
    assert codes(
        Dataset.CITIES, RecordQuery({"country": "UK", "subdivision": "UK-ENG"})
    ) == ["GBLON"]
    assert codes(
        Dataset.FEEDS, RecordQuery({"is_main": True, "channel": "Alpha.uk"})
    ) == ["Alpha.uk@SD"]
    assert codes(Dataset.COUNTRIES, RecordQuery(text="UNITED")) == ["UK", "US"]
    assert codes(Dataset.CHANNELS, RecordQuery(text="uno")) == []  # the name only
    assert codes(Dataset.CHANNELS, RecordQuery({"is_nsfw": False}, "ÉPS")) == [
        "Epsilon.de"
    ]
    assert codes(Dataset.LOGOS, RecordQuery({"in_use": False})) == [
        c.Logo("Alpha.uk", "https://alpha.example/b.svg", "SD").key
    ]


def test_find_compares_values_as_python_does(
    reader: PeeweeCatalogReader, loaded: dict[Dataset, list[Any]]
) -> None:
    def total(dataset: Dataset, query: RecordQuery) -> int:
        return reader.find(dataset, query, ALL).total

    assert total(Dataset.CHANNELS, RecordQuery({"is_nsfw": "true"})) == 0
    assert total(Dataset.CHANNELS, RecordQuery({"country": True})) == 0
    assert (
        total(Dataset.STREAMS, RecordQuery(text="alpha")) == 0
    )  # streams have no name
    assert total(Dataset.STREAMS, RecordQuery(text="")) == 3


@pytest.mark.parametrize("field_name", ["nope", "alt_names", "key"])
def test_find_refuses_what_is_not_a_scalar_field(
    reader: PeeweeCatalogReader, field_name: str
) -> None:
    with pytest.raises(InvalidQuery):
        reader.find(Dataset.CHANNELS, RecordQuery({field_name: "x"}), ALL)


def test_pages_follow_the_natural_order_without_gaps(
    writer: PeeweeCatalogWriter, reader: PeeweeCatalogReader
) -> None:
    names = [f"Channel{n:03d}.{cc}" for n in range(37) for cc in ("uk", "fr")]
    writer.replace(
        Dataset.CHANNELS,
        [c.Channel(name, name, name[-2:].upper()) for name in reversed(names)],
    )

    seen: list[str] = []
    offset = 0
    while True:
        page = reader.channels(ChannelQuery(), PageRequest(offset, 10))
        assert page.total == len(names)
        seen.extend(channel.id for channel in page.items)
        if page.next_offset is None:
            break
        offset = page.next_offset

    assert seen == sorted(names)
    uk_only = reader.channels(ChannelQuery(country="UK"), PageRequest(30, 10))
    assert [ch.id for ch in uk_only.items] == sorted(
        n for n in names if n.endswith("uk")
    )[30:]
    assert uk_only.total == 37
    assert reader.channels(ChannelQuery(), PageRequest(500, 10)).items == []


@pytest.mark.parametrize("limit", [0, 1, 3, 1000])
def test_a_page_costs_two_queries_whatever_its_size(
    reader: PeeweeCatalogReader,
    reader_db: peewee.Database,
    loaded: dict[Dataset, list[Any]],
    trace: Any,
    limit: int,
) -> None:
    every_filter = ChannelQuery(
        country="UK",
        subdivision="UK-ENG",
        region="EUR",
        city="GBLON",
        category="news",
        language="eng",
        timezone="Europe/London",
        nsfw=False,
        closed=False,
        blocked=False,
        text="alpha",
    )
    log = trace(reader_db)

    channels = reader.channels(every_filter, PageRequest(0, limit))
    channel_selects = log.starting_with("SELECT")
    log.clear()
    found = reader.find(
        Dataset.GUIDES, RecordQuery({"lang": "fr"}), PageRequest(0, limit)
    )

    assert channels.total == 1 and len(channels.items) == min(limit, 1)
    assert found.total == 2 and len(found.items) == min(limit, 2)
    assert len(channel_selects) == 2
    assert len(log.starting_with("SELECT")) == 2


def test_a_negative_offset_or_limit_is_refused(reader: PeeweeCatalogReader) -> None:
    with pytest.raises(InvalidQuery):
        reader.channels(ChannelQuery(), PageRequest(-1, 10))
    with pytest.raises(InvalidQuery):
        reader.find(Dataset.CHANNELS, RecordQuery(), PageRequest(0, -1))
