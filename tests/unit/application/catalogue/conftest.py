"""A small catalogue in memory, and a reader that counts the calls made to it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

import pytest

from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.domain.catalogue import (
    BlocklistEntry,
    CatalogueRecord,
    Category,
    Channel,
    City,
    Country,
    Feed,
    Guide,
    Language,
    Logo,
    Region,
    Stream,
    Subdivision,
    Timezone,
)
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.queries import ChannelQuery, RecordQuery

SAMPLE: dict[Dataset, Sequence[CatalogueRecord]] = {
    Dataset.LANGUAGES: [
        Language("eng", "English"),
        Language("fra", "French"),
        Language("spa", "Spanish"),
    ],
    Dataset.CATEGORIES: [Category("news", "News"), Category("sports", "Sports")],
    Dataset.TIMEZONES: [Timezone("Europe/London", "+00:00", ("UK",))],
    Dataset.COUNTRIES: [
        Country("UK", "United Kingdom", ("eng",), "🇬🇧"),
        Country("FR", "France", ("fra",), "🇫🇷"),
        Country("US", "United States", ("eng", "spa"), "🇺🇸"),
    ],
    Dataset.SUBDIVISIONS: [
        Subdivision("UK-ENG", "UK", "England"),
        Subdivision("FR-IDF", "FR", "Île-de-France"),
        Subdivision("US-CA", "US", "California"),
    ],
    Dataset.REGIONS: [
        Region("EUR", "Europe", ("UK", "FR")),
        Region("NAM", "North America", ("US", "XX")),
    ],
    Dataset.CITIES: [
        City("GBLON", "UK", "London", "UK-ENG"),
        City("FRPAR", "FR", "Paris", "FR-IDF"),
    ],
    Dataset.CHANNELS: [
        Channel(
            "BBCOne.uk",
            "BBC One",
            "UK",
            alt_names=("BBC 1",),
            network="BBC",
            owners=("BBC",),
            categories=("news", "unknown"),
            launched="1936-11-02",
            website="https://bbc.co.uk/",
        ),
        Channel("France3.fr", "France 3", "FR", categories=("news",)),
        Channel(
            "OldOne.uk",
            "Old One",
            "UK",
            closed="2020-01-01",
            replaced_by="BBCOne.uk@HD",
        ),
        Channel(
            "Legacy.us",
            "Legacy TV",
            "US",
            legacy_subdivision="US-CA",
            legacy_city="Los Angeles",
            legacy_languages=("spa",),
            legacy_broadcast_area=("c/US",),
            legacy_logo="https://logos.example/legacy.png",
        ),
        Channel("Lost.zz", "Lost", "ZZ", replaced_by="Gone.zz"),
    ],
    Dataset.FEEDS: [
        Feed(
            "BBCOne.uk",
            "HD",
            "HD",
            is_main=True,
            broadcast_area=("c/UK", "s/UK-ENG", "ct/GBLON"),
            languages=("eng",),
        ),
        Feed("BBCOne.uk", "Scotland", "Scotland", broadcast_area=("s/UK-SCT",)),
        Feed("France3.fr", "Main", "Main", is_main=True, languages=("fra",)),
        Feed(
            "France3.fr",
            "Paris",
            "Paris",
            broadcast_area=("s/FR-IDF", "ct/FRPAR"),
            languages=("fra",),
        ),
        Feed("OldOne.uk", "SD", "SD", is_main=True, languages=("eng",)),
    ],
    Dataset.LOGOS: [
        Logo("BBCOne.uk", "https://logos.example/bbc-a-feed.png", feed="HD"),
        Logo("BBCOne.uk", "https://logos.example/bbc-b-channel.png"),
        Logo("BBCOne.uk", "https://logos.example/bbc-0-retired.png", in_use=False),
        Logo("France3.fr", "https://logos.example/f3-a-paris.png", feed="Paris"),
        Logo("France3.fr", "https://logos.example/f3-z-main.png", feed="Main"),
    ],
    Dataset.STREAMS: [
        Stream("https://s.example/bbc1.m3u8", "BBCOne.uk", "HD", referrer="https://r/"),
        Stream("https://s.example/bbc2.m3u8", "BBCOne.uk", None, user_agent="UA/1"),
        Stream("https://s.example/f3.m3u8", "France3.fr", "Main"),
        Stream("https://s.example/orphan.m3u8"),
    ],
    Dataset.GUIDES: [
        Guide("bbc.co.uk", "101", "BBCOne.uk", "HD", " BBC One ", "en"),
        Guide("tv.fr", "f3", "France3.fr", None, "France 3", "fr"),
    ],
    Dataset.BLOCKLIST: [BlocklistEntry("France3.fr", "https://ref/1", "dmca")],
}


def load(store: InMemoryCatalogStore, data: dict[Dataset, Sequence[CatalogueRecord]]):
    writer = InMemoryCatalogWriter(store)
    for dataset, records in data.items():
        writer.replace(dataset, records)


@pytest.fixture
def store() -> InMemoryCatalogStore:
    store = InMemoryCatalogStore()
    load(store, SAMPLE)
    return store


@pytest.fixture
def reader(store: InMemoryCatalogStore) -> InMemoryCatalogReader:
    return InMemoryCatalogReader(store)


class CountingReader:
    """Passes every call to a real reader and counts them by method name."""

    def __init__(self, inner: InMemoryCatalogReader) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def count(self, dataset: Dataset) -> int:
        self.calls["count"] += 1
        return self.inner.count(dataset)

    def keys(self, dataset: Dataset) -> frozenset[str]:
        self.calls["keys"] += 1
        return self.inner.keys(dataset)

    def get(self, dataset: Dataset, key: str) -> CatalogueRecord | None:
        self.calls["get"] += 1
        return self.inner.get(dataset, key)

    def get_many(
        self, dataset: Dataset, keys: Collection[str]
    ) -> list[CatalogueRecord]:
        self.calls["get_many"] += 1
        return self.inner.get_many(dataset, keys)

    def where_in(
        self, dataset: Dataset, field_name: str, values: Collection[str]
    ) -> list[CatalogueRecord]:
        self.calls["where_in"] += 1
        return self.inner.where_in(dataset, field_name, values)

    def find(
        self, dataset: Dataset, query: RecordQuery, page: PageRequest
    ) -> Page[CatalogueRecord]:
        self.calls["find"] += 1
        return self.inner.find(dataset, query, page)

    def channels(self, query: ChannelQuery, page: PageRequest) -> Page[Channel]:
        self.calls["channels"] += 1
        return self.inner.channels(query, page)


@pytest.fixture
def counting_reader(reader: InMemoryCatalogReader) -> CountingReader:
    return CountingReader(reader)


def many_channels(count: int) -> dict[Dataset, Sequence[CatalogueRecord]]:
    """`count` channels, each with a feed, a logo, a stream, a city and a guide."""
    data = dict(SAMPLE)
    data[Dataset.CHANNELS] = [
        Channel(f"Ch{n:03}.uk", f"Channel {n}", "UK", categories=("news",))
        for n in range(count)
    ]
    data[Dataset.FEEDS] = [
        Feed(f"Ch{n:03}.uk", "HD", "HD", True, ("ct/GBLON", "s/UK-ENG"), (), ("eng",))
        for n in range(count)
    ]
    data[Dataset.LOGOS] = [
        Logo(f"Ch{n:03}.uk", f"https://l/{n}.png") for n in range(count)
    ]
    data[Dataset.STREAMS] = [
        Stream(f"https://s/{n}.m3u8", f"Ch{n:03}.uk", "HD") for n in range(count)
    ]
    data[Dataset.GUIDES] = [
        Guide("site", str(n), f"Ch{n:03}.uk", "HD") for n in range(count)
    ]
    return data


@pytest.fixture
def crowded_reader() -> CountingReader:
    store = InMemoryCatalogStore()
    load(store, many_channels(60))
    return CountingReader(InMemoryCatalogReader(store))
