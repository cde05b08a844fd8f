"""Which link-table rows each catalogue record owns (see models/links.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from tvnexa.adapters.persistence.codecs import Row
from tvnexa.domain.catalogue import CatalogueRecord, Channel, Feed, Region
from tvnexa.domain.datasets import Dataset


@dataclass(frozen=True, slots=True)
class LinkSpec:
    """How one dataset's records fill one link table.

    A record's rows are those whose `owner_column` holds its key and whose
    `fixed` columns hold the given values; deleting them is a lookup on a
    prefix of the table's primary key.
    """

    table: str
    columns: tuple[str, ...]
    fixed: tuple[tuple[str, str], ...]
    owner_column: str
    rows: Callable[[Any], Iterable[Row]]

    def rows_of(self, records: Iterable[CatalogueRecord]) -> Iterable[Row]:
        for record in records:
            yield from self.rows(record)


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _area(item: str) -> tuple[str, str]:
    """`c/UK` as (`c`, `UK`); an item without a kind keeps an empty one."""
    kind, separator, code = item.partition("/")
    return (kind, code) if separator else ("", item)


def _channel_categories(channel: Channel) -> list[Row]:
    owner = (Dataset.CHANNELS.value, channel.id, channel.id)
    return [(*owner, value) for value in _unique(channel.categories)]


def _channel_languages(channel: Channel) -> list[Row]:
    owner = (Dataset.CHANNELS.value, channel.id, channel.id)
    return [(*owner, value) for value in _unique(channel.legacy_languages)]


def _channel_areas(channel: Channel) -> list[Row]:
    owner = (Dataset.CHANNELS.value, channel.id, channel.id)
    areas = [_area(item) for item in channel.legacy_broadcast_area]
    if channel.legacy_subdivision:
        areas.append(("s", channel.legacy_subdivision))
    if channel.legacy_city:
        areas.append(("ct", channel.legacy_city))
    return [(*owner, kind, code) for kind, code in _unique(areas)]


def _feed_owner(feed: Feed) -> tuple[str, str, str]:
    return (Dataset.FEEDS.value, feed.key, feed.channel)


def _feed_languages(feed: Feed) -> list[Row]:
    return [(*_feed_owner(feed), value) for value in _unique(feed.languages)]


def _feed_timezones(feed: Feed) -> list[Row]:
    return [(*_feed_owner(feed), value) for value in _unique(feed.timezones)]


def _feed_areas(feed: Feed) -> list[Row]:
    areas = _unique(_area(item) for item in feed.broadcast_area)
    return [(*_feed_owner(feed), kind, code) for kind, code in areas]


def _region_countries(region: Region) -> list[Row]:
    return [(region.code, country) for country in _unique(region.countries)]


_CHANNEL_LINK = ("source", "origin", "channel")
_FROM_CHANNELS = (("source", Dataset.CHANNELS.value),)
_FROM_FEEDS = (("source", Dataset.FEEDS.value),)

LINKS: Mapping[Dataset, tuple[LinkSpec, ...]] = MappingProxyType(
    {
        Dataset.CHANNELS: (
            LinkSpec(
                "channel_categories",
                (*_CHANNEL_LINK, "category"),
                _FROM_CHANNELS,
                "origin",
                _channel_categories,
            ),
            LinkSpec(
                "channel_languages",
                (*_CHANNEL_LINK, "language"),
                _FROM_CHANNELS,
                "origin",
                _channel_languages,
            ),
            LinkSpec(
                "channel_areas",
                (*_CHANNEL_LINK, "kind", "code"),
                _FROM_CHANNELS,
                "origin",
                _channel_areas,
            ),
        ),
        Dataset.FEEDS: (
            LinkSpec(
                "channel_languages",
                (*_CHANNEL_LINK, "language"),
                _FROM_FEEDS,
                "origin",
                _feed_languages,
            ),
            LinkSpec(
                "channel_timezones",
                (*_CHANNEL_LINK, "timezone"),
                _FROM_FEEDS,
                "origin",
                _feed_timezones,
            ),
            LinkSpec(
                "channel_areas",
                (*_CHANNEL_LINK, "kind", "code"),
                _FROM_FEEDS,
                "origin",
                _feed_areas,
            ),
        ),
        Dataset.REGIONS: (
            LinkSpec(
                "region_countries",
                ("region", "country"),
                (),
                "region",
                _region_countries,
            ),
        ),
    }
)


def links_of(dataset: Dataset) -> tuple[LinkSpec, ...]:
    return LINKS.get(dataset, ())
