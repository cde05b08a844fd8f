"""Fixtures for the Peewee persistence tests: SQLite files and a small catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee
import pytest

from tvnexa.adapters.persistence import (
    PeeweeCatalogReader,
    PeeweeCatalogWriter,
    PeeweeRunHistory,
    PeeweeRunLog,
    migrate,
    open_database,
)
from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset, dependency_order


def small_catalogue() -> dict[Dataset, list[Any]]:
    """A few records of every dataset, shaped to exercise every channel filter."""
    return {
        Dataset.CATEGORIES: [
            c.Category("general", "General"),
            c.Category("movies", "Movies", "Films"),
            c.Category("news", "News"),
            c.Category("xxx", "XXX"),
        ],
        Dataset.LANGUAGES: [
            c.Language("cym", "Welsh"),
            c.Language("eng", "English"),
            c.Language("fra", "French"),
        ],
        Dataset.TIMEZONES: [
            c.Timezone("Europe/London", "+00:00", ("UK",)),
            c.Timezone("Europe/Paris", "+01:00", ("FR",)),
        ],
        Dataset.COUNTRIES: [
            c.Country("CA", "Canada", ("eng", "fra"), "🇨🇦"),
            c.Country("DE", "Germany", ("deu",), "🇩🇪"),
            c.Country("FR", "France", ("fra",), "🇫🇷"),
            c.Country("UK", "United Kingdom", ("eng",), "🇬🇧"),
            c.Country("US", "United States", ("eng",), "🇺🇸"),
        ],
        Dataset.SUBDIVISIONS: [
            c.Subdivision("CA-ON", "CA", "Ontario"),
            c.Subdivision("UK-ENG", "UK", "England"),
            c.Subdivision("UK-WLS", "UK", "Wales"),
        ],
        Dataset.REGIONS: [
            c.Region("EUR", "Europe", ("DE", "FR", "UK")),
            c.Region("NAM", "North America", ("CA", "US")),
        ],
        Dataset.CITIES: [
            c.City("CATOR", "CA", "Toronto", "CA-ON", "Q172"),
            c.City("GBLON", "UK", "London", "UK-ENG"),
            c.City("XXNUL", "XX", "Nowhere"),
        ],
        Dataset.CHANNELS: [
            c.Channel(
                "Alpha.uk",
                "Alpha One",
                "UK",
                alt_names=("Alpha Uno",),
                categories=("news", "general"),
                website="https://alpha.example",
            ),
            c.Channel(
                "Beta.fr", "Beta TV", "FR", categories=("movies",), closed="2020-01-01"
            ),
            c.Channel("Gamma.us", "Gamma", "US", categories=("xxx",), is_nsfw=True),
            # Shaped like a pre-2025 snapshot: languages and places on the channel.
            c.Channel(
                "Delta.ca",
                "Delta Ontario",
                "CA",
                legacy_languages=("fra",),
                legacy_broadcast_area=("c/CA",),
                legacy_subdivision="CA-ON",
                legacy_city="CATOR",
                legacy_logo="https://delta.example/logo.png",
            ),
            c.Channel("Epsilon.de", "ÉPSILON 100% Kanal", "DE"),
        ],
        Dataset.FEEDS: [
            c.Feed(
                "Alpha.uk",
                "SD",
                "SD",
                is_main=True,
                broadcast_area=("c/UK", "s/UK-ENG", "ct/GBLON"),
                timezones=("Europe/London",),
                languages=("eng",),
                format="576i",
            ),
            c.Feed(
                "Alpha.uk",
                "Wales",
                "Wales",
                broadcast_area=("s/UK-WLS",),
                timezones=("Europe/London",),
                languages=("cym", "eng"),
            ),
            c.Feed(
                "Beta.fr",
                "SD",
                "SD",
                is_main=True,
                broadcast_area=("c/FR", "r/EUR"),
                timezones=("Europe/Paris",),
                languages=("fra",),
            ),
            c.Feed(
                "Gamma.us",
                "HD",
                "HD",
                is_main=True,
                broadcast_area=("c/US",),
                timezones=("America/New_York",),
                languages=("eng",),
                format="1080i",
            ),
            # Upstream files drift apart: a feed of a channel nobody has.
            c.Feed("Ghost.xx", "SD", "SD", languages=("zzz",), timezones=("Etc/UTC",)),
        ],
        Dataset.LOGOS: [
            c.Logo("Alpha.uk", "https://alpha.example/a.png", width=512, height=512),
            c.Logo("Alpha.uk", "https://alpha.example/b.svg", "SD", False, ("white",)),
        ],
        Dataset.STREAMS: [
            c.Stream("https://s.example/alpha.m3u8", "Alpha.uk", "SD", "Alpha One"),
            c.Stream("https://s.example/orphan.m3u8", title="Orphan", quality="720p"),
            c.Stream(
                "https://s.example/beta.m3u8", "Beta.fr", None, "Beta", label="Geo"
            ),
        ],
        Dataset.GUIDES: [
            c.Guide("tv.example", "101", "Alpha.uk", "SD", " Alpha One ", "en"),
            c.Guide("tv.example", "102", None, None, "Unknown", "fr"),
            c.Guide("epg.example", "101", "Beta.fr", None, "Beta", "fr"),
        ],
        Dataset.BLOCKLIST: [
            c.BlocklistEntry("Beta.fr", "https://ref.example/1", "dmca"),
            c.BlocklistEntry("Gamma.us", "https://ref.example/2", "nsfw"),
        ],
    }


def load_catalogue(writer: PeeweeCatalogWriter, data: dict[Dataset, list[Any]]) -> None:
    for dataset in dependency_order():
        writer.replace(dataset, data[dataset])


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'catalogue.sqlite3'}"


@pytest.fixture
def writer_db(database_url: str) -> Iterator[peewee.Database]:
    database = open_database(database_url)
    migrate(database)
    yield database
    database.close()


@pytest.fixture
def reader_db(
    database_url: str, writer_db: peewee.Database
) -> Iterator[peewee.Database]:
    database = open_database(database_url, read_only=True)
    yield database
    database.close()


@pytest.fixture
def writer(writer_db: peewee.Database) -> PeeweeCatalogWriter:
    return PeeweeCatalogWriter(writer_db)


@pytest.fixture
def reader(reader_db: peewee.Database) -> PeeweeCatalogReader:
    return PeeweeCatalogReader(reader_db)


@pytest.fixture
def catalogue() -> dict[Dataset, list[Any]]:
    return small_catalogue()


@pytest.fixture
def loaded(
    writer: PeeweeCatalogWriter, catalogue: dict[Dataset, list[Any]]
) -> dict[Dataset, list[Any]]:
    """The small catalogue, stored; returns what was stored."""
    load_catalogue(writer, catalogue)
    return catalogue


@pytest.fixture
def run_log(writer_db: peewee.Database) -> PeeweeRunLog:
    return PeeweeRunLog(writer_db)


@pytest.fixture
def run_history(reader_db: peewee.Database) -> PeeweeRunHistory:
    return PeeweeRunHistory(reader_db)


class StatementLog:
    """Every SQL statement an SQLite connection runs (its trace callback)."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, statement: str) -> None:
        self.statements.append(statement.strip())

    def starting_with(self, *verbs: str) -> list[str]:
        return [s for s in self.statements if s.split(None, 1)[0].upper() in verbs]

    def clear(self) -> None:
        self.statements.clear()


@pytest.fixture
def trace() -> Any:
    """Start tracing a database's connection: `log = trace(database)`."""
    traced: list[Any] = []

    def start(database: peewee.Database) -> StatementLog:
        log = StatementLog()
        connection = database.connection()
        connection.set_trace_callback(log)
        traced.append(connection)
        return log

    yield start
    for connection in traced:
        connection.set_trace_callback(None)
