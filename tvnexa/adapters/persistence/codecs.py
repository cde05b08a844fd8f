"""Conversion between catalogue records and table rows, without per-row Peewee."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from operator import attrgetter
from types import MappingProxyType
from typing import Any

import peewee

from tvnexa.adapters.persistence.fields import JsonListField, decode_list, encode_list
from tvnexa.adapters.persistence.models import DATASET_MODELS
from tvnexa.domain.catalogue import CatalogueRecord
from tvnexa.domain.datasets import Dataset

Row = tuple[Any, ...]

# Joins a channel's folded names in its search text; nobody types it, so a
# search term never matches across two names.
SEARCH_SEPARATOR = "\x1f"


def fold(text: str) -> str:
    """The case-insensitive form used on both sides of every text search."""
    return text.casefold()


class FieldKind(Enum):
    TEXT = "text"
    BOOL = "bool"
    INT = "int"
    LIST = "list"


def _kind(field: peewee.Field) -> FieldKind:
    if isinstance(field, JsonListField):
        return FieldKind.LIST
    if isinstance(field, peewee.BooleanField):
        return FieldKind.BOOL
    if isinstance(field, peewee.IntegerField):
        return FieldKind.INT
    return FieldKind.TEXT


def _search_name(record: Any) -> str:
    return fold(record.name)


def _search_text(record: Any) -> str:
    return SEARCH_SEPARATOR.join(
        fold(name) for name in (record.name, *record.alt_names)
    )


def _record_key(record: Any) -> str:
    return str(record.key)


DERIVED_COLUMNS: dict[str, Callable[[Any], Any]] = {
    "search_name": _search_name,
    "search_text": _search_text,
}


class RecordCodec:
    """Rows of one dataset's table, and the records they hold.

    `columns` is the insert order: the record's fields (in declaration order),
    then the key column when the key is not a field, then derived columns.
    `record_columns` is what a SELECT must return for `record()`.
    """

    def __init__(self, dataset: Dataset, model: type[peewee.Model]) -> None:
        self.dataset = dataset
        self.record_type = dataset.record_type
        names = tuple(field.name for field in dataclasses.fields(self.record_type))
        model_fields = model._meta.fields
        self.record_columns = names
        self.kinds = MappingProxyType(
            {name: _kind(model_fields[name]) for name in names}
        )
        primary_key = model._meta.primary_key
        if not isinstance(primary_key, peewee.Field):
            raise TypeError(f"{model.__name__} needs a one-column primary key")
        self.key_column: str = primary_key.name

        extras: list[tuple[str, Callable[[Any], Any]]] = []
        if self.key_column not in names:
            extras.append((self.key_column, _record_key))
        extras.extend(
            (name, derive)
            for name, derive in DERIVED_COLUMNS.items()
            if name in model_fields
        )
        self.columns = names + tuple(name for name, _ in extras)
        self._extras = tuple(derive for _, derive in extras)
        self._values = attrgetter(*names)
        self._list_positions = tuple(
            i for i, name in enumerate(names) if self.kinds[name] is FieldKind.LIST
        )
        self._bool_positions = tuple(
            i for i, name in enumerate(names) if self.kinds[name] is FieldKind.BOOL
        )
        self._key_position = self.columns.index(self.key_column)

    def row(self, record: CatalogueRecord) -> Row:
        values = list(self._values(record))
        for position in self._list_positions:
            values[position] = encode_list(values[position])
        values.extend(derive(record) for derive in self._extras)
        return tuple(values)

    def rows(self, records: Iterable[CatalogueRecord]) -> Iterator[Row]:
        return map(self.row, records)

    def update_row(self, record: CatalogueRecord) -> Row:
        """Every non-key column, then the key (for `UPDATE ... WHERE key = ?`)."""
        row = self.row(record)
        position = self._key_position
        return (*row[:position], *row[position + 1 :], row[position])

    @property
    def update_columns(self) -> tuple[str, ...]:
        return tuple(name for name in self.columns if name != self.key_column)

    def record(self, values: Sequence[Any]) -> CatalogueRecord:
        """The record held by `values`, selected in `record_columns` order."""
        converted = list(values)
        for position in self._list_positions:
            converted[position] = decode_list(converted[position])
        for position in self._bool_positions:
            converted[position] = bool(converted[position])
        return self.record_type(*converted)

    def scalar_kind(self, name: str) -> FieldKind | None:
        """The kind of a scalar (non-list) field, None when there is none by name."""
        kind = self.kinds.get(name)
        return None if kind is None or kind is FieldKind.LIST else kind


CODECS: MappingProxyType[Dataset, RecordCodec] = MappingProxyType(
    {dataset: RecordCodec(dataset, model) for dataset, model in DATASET_MODELS.items()}
)
