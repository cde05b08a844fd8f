"""Column types the catalogue needs beyond Peewee's: string lists and UTC times."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import peewee

EMPTY_LIST_JSON = "[]"

# Fixed width, so that text comparison (SQLite) orders times correctly.
UTC_TEXT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def encode_list(values: Sequence[str]) -> str:
    """A list of strings as compact JSON text."""
    if not values:
        return EMPTY_LIST_JSON
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


def decode_list(text: str | None) -> tuple[str, ...]:
    if not text or text == EMPTY_LIST_JSON:
        return ()
    return tuple(json.loads(text))


def encode_utc(moment: datetime) -> str:
    """A datetime as naive UTC text; a naive input is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime(UTC_TEXT_FORMAT)


def decode_utc(value: str | datetime) -> datetime:
    """An aware UTC datetime from what either driver returns for a DATETIME."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC)


class JsonListField(peewee.TextField):
    """A tuple of strings stored as JSON text (both engines, no JSON type needed)."""

    def db_value(self, value: Sequence[str] | None) -> str | None:
        return None if value is None else encode_list(value)

    def python_value(self, value: str | None) -> tuple[str, ...] | None:
        return None if value is None else decode_list(value)


class UtcDateTimeField(peewee.Field):
    """An instant stored as UTC with microseconds, returned timezone-aware."""

    field_type = "DATETIME"

    def get_modifiers(self) -> list[Any]:
        # MySQL's bare DATETIME drops fractions of a second; SQLite ignores it.
        return [6]

    def db_value(self, value: datetime | None) -> str | None:
        return None if value is None else encode_utc(value)

    def python_value(self, value: str | datetime | None) -> datetime | None:
        return None if value is None else decode_utc(value)
