"""Which other records a catalogue record points at, field by field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset

AREA_KINDS = {
    "c": Dataset.COUNTRIES,
    "r": Dataset.REGIONS,
    "s": Dataset.SUBDIVISIONS,
    "ct": Dataset.CITIES,
}


class Reference:
    """One pointer from a field of a record to the key of a record elsewhere."""

    __slots__ = ("field", "key", "target")

    def __init__(self, field: str, target: Dataset | None, key: str) -> None:
        self.field = field
        self.target = target
        self.key = key


def references(record: Any) -> Iterator[Reference]:
    """Every reference `record` makes; a None target means a malformed one."""
    if isinstance(record, c.Country):
        yield from many("languages", Dataset.LANGUAGES, record.languages)
    elif isinstance(record, c.Subdivision):
        yield Reference("country", Dataset.COUNTRIES, record.country)
        yield from optional("parent", Dataset.SUBDIVISIONS, record.parent)
    elif isinstance(record, c.Region):
        yield from many("countries", Dataset.COUNTRIES, record.countries)
    elif isinstance(record, c.City):
        yield Reference("country", Dataset.COUNTRIES, record.country)
        yield from optional("subdivision", Dataset.SUBDIVISIONS, record.subdivision)
    elif isinstance(record, c.Timezone):
        yield from many("countries", Dataset.COUNTRIES, record.countries)
    elif isinstance(record, c.Channel):
        yield from channel_references(record)
    elif isinstance(record, c.Feed):
        yield Reference("channel", Dataset.CHANNELS, record.channel)
        yield from many("languages", Dataset.LANGUAGES, record.languages)
        yield from many("timezones", Dataset.TIMEZONES, record.timezones)
        yield from areas("broadcast_area", record.broadcast_area)
    elif isinstance(record, c.Logo | c.Stream | c.Guide):
        yield from feed_reference(record.channel, record.feed)
    elif isinstance(record, c.BlocklistEntry):
        yield Reference("channel", Dataset.CHANNELS, record.channel)


def channel_references(channel: c.Channel) -> Iterator[Reference]:
    yield Reference("country", Dataset.COUNTRIES, channel.country)
    yield from many("categories", Dataset.CATEGORIES, channel.categories)
    if channel.replaced_by:
        replacement, _feed = c.split_channel_ref(channel.replaced_by)
        yield Reference("replaced_by", Dataset.CHANNELS, replacement)
    yield from optional("subdivision", Dataset.SUBDIVISIONS, channel.legacy_subdivision)
    # Older snapshots name the city ("Melbourne") rather than give a UN/LOCODE,
    # so there is no key to check it against.
    yield from many("languages", Dataset.LANGUAGES, channel.legacy_languages)
    yield from areas("broadcast_area", channel.legacy_broadcast_area)


def feed_reference(channel: str | None, feed: str | None) -> Iterator[Reference]:
    # Streams and guides not yet matched to a channel have neither; that is a
    # normal state upstream, not a dangling reference.
    if not channel:
        return
    yield Reference("channel", Dataset.CHANNELS, channel)
    if feed:
        yield Reference("feed", Dataset.FEEDS, f"{channel}@{feed}")


def many(field: str, target: Dataset, keys: tuple[str, ...]) -> Iterator[Reference]:
    for key in keys:
        yield Reference(field, target, key)


def optional(field: str, target: Dataset, key: str | None) -> Iterator[Reference]:
    if key:
        yield Reference(field, target, key)


def areas(field: str, codes: tuple[str, ...]) -> Iterator[Reference]:
    for code in codes:
        kind, _, key = code.partition("/")
        yield Reference(field, AREA_KINDS.get(kind), key or code)
