"""What a reader can be asked: channel filters and plain record filters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ChannelQuery:
    """Filters over channels; every filter left as None matches everything.

    - country: the channel's own country code.
    - subdivision, city: a main or secondary feed broadcasts to it (`s/`, `ct/`),
      or an older snapshot gave the channel that subdivision or city.
    - region: the channel's country is one of the region's countries.
    - category: one of the channel's categories.
    - language, timezone: one of the channel's feeds uses it (older snapshots:
      the channel's own languages).
    - nsfw, closed (has a closing date), blocked (named in the blocklist).
    - text: case-insensitive substring of the name or of an alternative name.
    """

    country: str | None = None
    subdivision: str | None = None
    region: str | None = None
    city: str | None = None
    category: str | None = None
    language: str | None = None
    timezone: str | None = None
    nsfw: bool | None = None
    closed: bool | None = None
    blocked: bool | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """Exact-match filters on a dataset's scalar fields, and free text on its name.

    `equals` maps a field name of the record type to the value it must have;
    `text` is a case-insensitive substring of the record's `name` field (for
    records that have one).
    """

    equals: Mapping[str, str | bool | None] = field(default_factory=dict)
    text: str | None = None
