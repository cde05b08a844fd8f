"""The API built by create_app on in-memory adapters, with a small catalogue."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from falcon import testing

from tvnexa.adapters.cache.inprocess import InProcessCache
from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.adapters.memory.runs import InMemoryRunHistory, InMemoryRunStore
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
from tvnexa.entrypoints.http import ApiSettings, create_app

CATALOGUE: dict[Dataset, Sequence[CatalogueRecord]] = {
    Dataset.LANGUAGES: [Language("eng", "English"), Language("fra", "Français")],
    Dataset.CATEGORIES: [
        Category("kids", "Kids", "For children"),
        Category("news", "News", "Current affairs"),
    ],
    Dataset.TIMEZONES: [
        Timezone("America/Argentina/Buenos_Aires", "-03:00", ("AR",)),
        Timezone("Europe/London", "+00:00", ("UK",)),
        Timezone("Europe/Paris", "+01:00", ("FR",)),
    ],
    Dataset.COUNTRIES: [
        Country("FR", "France", ("fra",), "🇫🇷"),
        Country("UK", "United Kingdom", ("eng",), "🇬🇧"),
    ],
    Dataset.SUBDIVISIONS: [
        Subdivision("FR-IDF", "FR", "Île-de-France"),
        Subdivision("UK-ENG", "UK", "England"),
    ],
    Dataset.REGIONS: [Region("EUR", "Europe", ("FR", "UK"))],
    Dataset.CITIES: [
        City("FRPAR", "FR", "Paris", "FR-IDF"),
        City("GBLON", "UK", "London", "UK-ENG"),
    ],
    Dataset.CHANNELS: [
        Channel("BBCOne.uk", "BBC One", "UK", categories=("news",), owners=("BBC",)),
        Channel("BBCTwo.uk", "BBC Two", "UK", categories=("kids",)),
        Channel("France3.fr", "France 3", "FR", categories=("news",)),
        Channel("Naughty.fr", "Naughty", "FR", is_nsfw=True),
        Channel("Old.uk", "Old", "UK", closed="2019-05-01", replaced_by="BBCOne.uk@HD"),
    ],
    Dataset.FEEDS: [
        Feed(
            "BBCOne.uk",
            "HD",
            "HD",
            is_main=True,
            broadcast_area=("c/UK", "s/UK-ENG", "ct/GBLON"),
            timezones=("Europe/London",),
            languages=("eng",),
            format="1080i",
        ),
        Feed("BBCTwo.uk", "SD", "SD", is_main=True, languages=("eng",)),
        Feed(
            "France3.fr",
            "Paris",
            "Paris",
            is_main=True,
            broadcast_area=("s/FR-IDF", "ct/FRPAR"),
            timezones=("Europe/Paris",),
            languages=("fra",),
            format="576i",
        ),
    ],
    Dataset.LOGOS: [
        Logo("BBCOne.uk", "https://logos.example/bbc1.png", width=512, height=512),
        Logo("France3.fr", "https://logos.example/f3.png", feed="Paris"),
    ],
    Dataset.STREAMS: [
        Stream("https://s.example/bbc1.m3u8", "BBCOne.uk", "HD", quality="1080p"),
        Stream("https://s.example/f3.m3u8", "France3.fr", "Paris", quality="720p"),
    ],
    Dataset.GUIDES: [Guide("bbc.co.uk", "101", "BBCOne.uk", "HD", "BBC One", "en")],
    Dataset.BLOCKLIST: [BlocklistEntry("Naughty.fr", "https://ref/1", "nsfw")],
}


def build_store(catalogue) -> InMemoryCatalogStore:
    store = InMemoryCatalogStore()
    writer = InMemoryCatalogWriter(store)
    for dataset, records in catalogue.items():
        writer.replace(dataset, records)
    return store


@pytest.fixture
def catalogue() -> dict[Dataset, Sequence[CatalogueRecord]]:
    """A copy of the sample catalogue, for tests that change a dataset."""
    return dict(CATALOGUE)


@pytest.fixture
def store() -> InMemoryCatalogStore:
    return build_store(CATALOGUE)


@pytest.fixture
def run_store() -> InMemoryRunStore:
    return InMemoryRunStore()


@pytest.fixture
def make_client(store, run_store):
    """A TestClient factory: swap in another reader, settings or catalogue."""

    def make(reader=None, settings=None, catalogue=None, **options):
        if catalogue is not None:
            reader = InMemoryCatalogReader(build_store(catalogue))
        app = create_app(
            reader or InMemoryCatalogReader(store),
            InMemoryRunHistory(run_store),
            InProcessCache(),
            settings or ApiSettings(),
            **options,
        )
        return testing.TestClient(app)

    return make


@pytest.fixture
def client(make_client) -> testing.TestClient:
    return make_client()
