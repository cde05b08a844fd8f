"""An in-memory catalogue store with its reader and writer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from tvnexa.domain.catalogue import (
    BlocklistEntry,
    CatalogueRecord,
    Channel,
    Feed,
    Region,
)
from tvnexa.domain.datasets import NATURAL_ORDER, Dataset
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.ingestion import ChangeCounts, diff_records
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.queries import ChannelQuery, RecordQuery


class InMemoryCatalogStore:
    """The records of every dataset by key; writers swap whole datasets at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.datasets: dict[Dataset, dict[str, CatalogueRecord]] = {
            dataset: {} for dataset in Dataset
        }


class InMemoryCatalogWriter:
    def __init__(self, store: InMemoryCatalogStore) -> None:
        self.store = store

    def replace(
        self, dataset: Dataset, records: Sequence[CatalogueRecord]
    ) -> ChangeCounts:
        with self.store.lock:
            stored = self.store.datasets[dataset]
            changes = diff_records(stored, records)
            if changes.counts.changed:
                self.store.datasets[dataset] = {r.key: r for r in records}
        return changes.counts


def natural_sort_key(dataset: Dataset) -> Callable[[Any], tuple[Any, ...]]:
    """Sort like SQL on the natural order fields: nulls first, then by value."""
    names = NATURAL_ORDER[dataset]

    def sort_key(record: Any) -> tuple[Any, ...]:
        values = (getattr(record, name) for name in names)
        return tuple((value is not None, value or "") for value in values)

    return sort_key


def scalar_fields(dataset: Dataset) -> frozenset[str]:
    record_type: Any = dataset.record_type
    return frozenset(
        f.name for f in fields(record_type) if not str(f.type).startswith("tuple")
    )


T = TypeVar("T")


def page_of(items: list[T], page: PageRequest) -> Page[T]:
    window = items[page.offset : page.offset + page.limit]
    return Page(window, len(items), page.offset, page.limit)


class InMemoryCatalogReader:
    def __init__(self, store: InMemoryCatalogStore) -> None:
        self.store = store

    def records(self, dataset: Dataset) -> list[CatalogueRecord]:
        return sorted(
            self.store.datasets[dataset].values(), key=natural_sort_key(dataset)
        )

    def count(self, dataset: Dataset) -> int:
        return len(self.store.datasets[dataset])

    def keys(self, dataset: Dataset) -> frozenset[str]:
        return frozenset(self.store.datasets[dataset])

    def get(self, dataset: Dataset, key: str) -> CatalogueRecord | None:
        return self.store.datasets[dataset].get(key)

    def get_many(
        self, dataset: Dataset, keys: Collection[str]
    ) -> list[CatalogueRecord]:
        wanted = set(keys)
        return [r for r in self.records(dataset) if r.key in wanted]

    def where_in(
        self, dataset: Dataset, field_name: str, values: Collection[str]
    ) -> list[CatalogueRecord]:
        check_field(dataset, field_name)
        wanted = set(values)
        return [r for r in self.records(dataset) if getattr(r, field_name) in wanted]

    def find(
        self, dataset: Dataset, query: RecordQuery, page: PageRequest
    ) -> Page[CatalogueRecord]:
        for name in query.equals:
            check_field(dataset, name)
        matches = [
            record
            for record in self.records(dataset)
            if all(getattr(record, k) == v for k, v in query.equals.items())
            and text_matches(query.text, [getattr(record, "name", "")])
        ]
        return page_of(matches, page)

    def channels(self, query: ChannelQuery, page: PageRequest) -> Page[Channel]:
        channels: Iterable[Any] = self.records(Dataset.CHANNELS)
        feeds_by_channel: dict[str, list[Feed]] = {}
        for feed in self.store.datasets[Dataset.FEEDS].values():
            assert isinstance(feed, Feed)
            feeds_by_channel.setdefault(feed.channel, []).append(feed)
        region_countries = self.region_countries(query.region)
        blocked = self.blocked()
        matches = [
            channel
            for channel in channels
            if channel_matches(
                channel,
                feeds_by_channel.get(channel.id, []),
                query,
                region_countries,
                blocked,
            )
        ]
        return page_of(matches, page)

    def region_countries(self, code: str | None) -> frozenset[str]:
        region = self.store.datasets[Dataset.REGIONS].get(code or "")
        if isinstance(region, Region):
            return frozenset(region.countries)
        return frozenset()

    def blocked(self) -> frozenset[str]:
        entries = self.store.datasets[Dataset.BLOCKLIST].values()
        return frozenset(e.channel for e in entries if isinstance(e, BlocklistEntry))


def channel_matches(
    channel: Channel,
    feeds: list[Feed],
    query: ChannelQuery,
    region_countries: frozenset[str],
    blocked: frozenset[str],
) -> bool:
    """Whether a channel passes every filter of `query` (see ChannelQuery)."""
    areas = set(channel.legacy_broadcast_area)
    languages = set(channel.legacy_languages)
    timezones: set[str] = set()
    for feed in feeds:
        areas.update(feed.broadcast_area)
        languages.update(feed.languages)
        timezones.update(feed.timezones)
    if channel.legacy_subdivision:
        areas.add(f"s/{channel.legacy_subdivision}")
    if channel.legacy_city:
        areas.add(f"ct/{channel.legacy_city}")
    checks = [
        query.country is None or channel.country == query.country,
        query.subdivision is None or f"s/{query.subdivision}" in areas,
        query.city is None or f"ct/{query.city}" in areas,
        query.region is None or channel.country in region_countries,
        query.category is None or query.category in channel.categories,
        query.language is None or query.language in languages,
        query.timezone is None or query.timezone in timezones,
        query.nsfw is None or channel.is_nsfw == query.nsfw,
        query.closed is None or (channel.closed is not None) == query.closed,
        query.blocked is None or (channel.id in blocked) == query.blocked,
        text_matches(query.text, [channel.name, *channel.alt_names]),
    ]
    return all(checks)


def check_field(dataset: Dataset, field_name: str) -> None:
    if field_name not in scalar_fields(dataset):
        raise InvalidQuery(field_name, f"{dataset.value} cannot be filtered by it")


def text_matches(text: str | None, candidates: Iterable[str | None]) -> bool:
    if not text:
        return True
    needle = text.casefold()
    return any(needle in (candidate or "").casefold() for candidate in candidates)
