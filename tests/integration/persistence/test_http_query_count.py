"""A list page costs the same number of SQL statements whatever its length,
counted on a real SQLite reader behind the real HTTP app."""

from __future__ import annotations

from typing import Any

import peewee
import pytest
from falcon import testing

from tvnexa.adapters.cache.inprocess import NullCache
from tvnexa.adapters.persistence import (
    PeeweeCatalogReader,
    PeeweeCatalogWriter,
    PeeweeRunHistory,
)
from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset
from tvnexa.entrypoints.http import ApiSettings, create_app

MANY = 60


def many_channels() -> list[c.Channel]:
    return [
        c.Channel(f"Many{i:03}.fr", f"Many {i}", "FR", categories=("news",))
        for i in range(MANY)
    ]


def related(channels: list[c.Channel]) -> dict[Dataset, list[Any]]:
    return {
        Dataset.FEEDS: [
            c.Feed(ch.id, "SD", "SD", is_main=True, languages=("fra",))
            for ch in channels
        ],
        Dataset.LOGOS: [c.Logo(ch.id, f"https://logo/{ch.id}.png") for ch in channels],
        Dataset.STREAMS: [
            c.Stream(f"https://stream/{ch.id}", ch.id, "SD") for ch in channels
        ],
        Dataset.GUIDES: [c.Guide("site", ch.id, ch.id, "SD") for ch in channels],
    }


@pytest.fixture
def client(
    writer: PeeweeCatalogWriter,
    loaded: dict[Dataset, list[Any]],
    reader_db: peewee.Database,
    run_history: PeeweeRunHistory,
) -> testing.TestClient:
    channels = [*loaded[Dataset.CHANNELS], *many_channels()]
    writer.replace(Dataset.CHANNELS, channels)
    for dataset, records in related(many_channels()).items():
        writer.replace(dataset, [*loaded.get(dataset, []), *records])
    app = create_app(
        PeeweeCatalogReader(reader_db), run_history, NullCache(), ApiSettings()
    )
    return testing.TestClient(app)


def selects(log: Any) -> int:
    return len(log.starting_with("SELECT", "WITH"))


@pytest.mark.parametrize(
    "route",
    [
        "/api/v1/channels?limit={n}",
        "/api/v1/channels?category=news&language=fra&limit={n}",
        "/api/v1/channels/search?term=many&limit={n}",
        "/api/v1/countries?limit={n}",
        "/api/v1/regions?limit={n}",
        "/api/v1/subdivisions?limit={n}",
        "/api/v1/streams?limit={n}",
        "/api/v1/feeds?limit={n}",
    ],
)
def test_a_page_costs_the_same_statements_at_any_length(
    client: testing.TestClient, reader_db: peewee.Database, trace: Any, route: str
) -> None:
    client.simulate_get(route.format(n=1))
    log = trace(reader_db)

    short = client.simulate_get(route.format(n=1))
    short_cost = selects(log)
    log.clear()
    long = client.simulate_get(route.format(n=50))
    long_cost = selects(log)

    assert short.status_code == long.status_code == 200
    assert len(long.json["data"]) > len(short.json["data"]) or "regions" in route
    assert short_cost == long_cost
    assert 0 < long_cost <= 8
