"""PeeweeCatalogReader: lists, lookups and searches over the stored catalogue."""

from __future__ import annotations

import logging
import operator
from collections.abc import Collection, Iterable, Sequence
from functools import reduce
from typing import Any, cast

import peewee

from tvnexa.adapters.persistence.bulk import chunked
from tvnexa.adapters.persistence.channel_filters import channel_conditions
from tvnexa.adapters.persistence.codecs import CODECS, FieldKind, RecordCodec, fold
from tvnexa.adapters.persistence.errors import storage_errors
from tvnexa.adapters.persistence.models import bind_models
from tvnexa.domain.catalogue import CatalogueRecord, Channel
from tvnexa.domain.datasets import NATURAL_ORDER, Dataset
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.queries import ChannelQuery, RecordQuery

logger = logging.getLogger(__name__)

# Values per `IN (...)` list; SQLite allows 32766 parameters per statement.
VALUES_PER_QUERY = 10_000

# Stands for a filter value no stored record can equal.
NEVER = object()
_NOTHING = peewee.SQL("1 = 0")


class PeeweeCatalogReader:
    """The CatalogReader port on a Peewee database.

    Lists come in each dataset's natural order (its key fields, nulls first).
    A call that needs several statements runs them in one read transaction,
    so its count and its page describe the same snapshot.
    """

    def __init__(self, database: peewee.Database) -> None:
        # Peewee types execute_sql() loosely; it returns a DB-API cursor.
        self._database: Any = database
        self._models = bind_models(database)

    def count(self, dataset: Dataset) -> int:
        model = self._models.dataset(dataset)
        with storage_errors(f"counting {dataset.value}"):
            return self._count(model.select())

    def keys(self, dataset: Dataset) -> frozenset[str]:
        model = self._models.dataset(dataset)
        query = model.select(model._meta.primary_key)
        with storage_errors(f"reading {dataset.value} keys"):
            return frozenset(row[0] for row in self._execute(query))

    def get(self, dataset: Dataset, key: str) -> CatalogueRecord | None:
        model = self._models.dataset(dataset)
        query = self._select(dataset).where(model._meta.primary_key == key)
        with storage_errors(f"reading {dataset.value} {key!r}"):
            row = self._execute(query).fetchone()
        return None if row is None else CODECS[dataset].record(row)

    def get_many(
        self, dataset: Dataset, keys: Collection[str]
    ) -> list[CatalogueRecord]:
        """The records with these keys that exist, in natural order."""
        return self._records_in(dataset, CODECS[dataset].key_column, keys)

    def where_in(
        self, dataset: Dataset, field_name: str, values: Collection[str]
    ) -> list[CatalogueRecord]:
        """Records whose scalar `field_name` is one of `values`, in natural order.

        One query, or one per VALUES_PER_QUERY values for very long lists.
        """
        kind = _check_field(CODECS[dataset], field_name)
        stored = (_stored_value(kind, value) for value in values)
        return self._records_in(
            dataset, field_name, [v for v in stored if v is not NEVER]
        )

    def find(
        self, dataset: Dataset, query: RecordQuery, page: PageRequest
    ) -> Page[CatalogueRecord]:
        """A page of records matching every `equals` filter and the name text."""
        codec = CODECS[dataset]
        model = self._models.dataset(dataset)
        conditions = [
            _equals(model, name, _stored_value(_check_field(codec, name), value))
            for name, value in query.equals.items()
        ]
        if query.text:
            # A record without a name has no text to match.
            has_name = "search_name" in codec.columns
            text = fold(query.text)
            conditions.append(
                peewee.fn.INSTR(model.search_name, text) > 0 if has_name else _NOTHING
            )
        return self._page(dataset, conditions, page)

    def channels(self, query: ChannelQuery, page: PageRequest) -> Page[Channel]:
        """A page of the channels matching every filter of `query`."""
        conditions = channel_conditions(self._models, query)
        return cast(Page[Channel], self._page(Dataset.CHANNELS, conditions, page))

    def _page(
        self, dataset: Dataset, conditions: Sequence[Any], page: PageRequest
    ) -> Page[CatalogueRecord]:
        _check_page(page)
        model = self._models.dataset(dataset)
        counted = model.select()
        listed = self._select(dataset).limit(page.limit).offset(page.offset)
        if conditions:
            where = reduce(operator.and_, conditions)
            counted, listed = counted.where(where), listed.where(where)

        with storage_errors(f"listing {dataset.value}"), self._database.atomic():
            total = self._count(counted)
            rows = self._execute(listed).fetchall()

        codec = CODECS[dataset]
        items = [codec.record(row) for row in rows]
        return Page(items=items, total=total, offset=page.offset, limit=page.limit)

    def _records_in(
        self, dataset: Dataset, column: str, values: Iterable[Any]
    ) -> list[CatalogueRecord]:
        model = self._models.dataset(dataset)
        field = model._meta.fields[column]
        wanted = list(dict.fromkeys(values))
        if not wanted:
            return []

        rows: list[Sequence[Any]] = []
        chunks = list(chunked(wanted, VALUES_PER_QUERY))
        with storage_errors(f"reading {dataset.value}"), self._database.atomic():
            for chunk in chunks:
                rows.extend(
                    self._execute(self._select(dataset).where(_one_of(field, chunk)))
                )

        codec = CODECS[dataset]
        records = [codec.record(row) for row in rows]
        if len(chunks) > 1:
            # Each query came back ordered; merged, they must be ordered again.
            records.sort(key=_natural_key(dataset))
        return records

    def _select(self, dataset: Dataset) -> Any:
        codec = CODECS[dataset]
        model = self._models.dataset(dataset)
        columns = [model._meta.fields[name] for name in codec.record_columns]
        order = [model._meta.fields[name] for name in NATURAL_ORDER[dataset]]
        if codec.key_column not in NATURAL_ORDER[dataset]:
            order.append(model._meta.primary_key)
        return model.select(*columns).order_by(*order)

    def _count(self, query: Any) -> int:
        counted = query.select(peewee.fn.COUNT(peewee.SQL("*")))
        return int(self._execute(counted).fetchone()[0])

    def _execute(self, query: Any) -> Any:
        sql, params = query.sql()
        return self._database.execute_sql(sql, params)


def _check_page(page: PageRequest) -> None:
    if page.offset < 0:
        raise InvalidQuery("offset", "must be 0 or more")
    if page.limit < 0:
        raise InvalidQuery("limit", "must be 0 or more")


def _check_field(codec: RecordCodec, name: str) -> FieldKind:
    kind = codec.scalar_kind(name)
    if kind is None:
        raise InvalidQuery(name, f"{codec.dataset.value} cannot be filtered by it")
    return kind


def _stored_value(kind: FieldKind, value: object) -> object:
    """`value` as its column stores it, or NEVER when no record can equal it.

    Python's equality decides, as for records in memory: text never equals a
    boolean, and a boolean equals the integers 0 and 1.
    """
    if value is None:
        return None
    if kind is FieldKind.TEXT:
        return value if isinstance(value, str) else NEVER
    if isinstance(value, int) and (kind is FieldKind.INT or value in (0, 1)):
        return bool(value) if kind is FieldKind.BOOL else int(value)
    return NEVER


def _equals(model: Any, name: str, value: object) -> Any:
    field = model._meta.fields[name]
    if value is NEVER:
        return _NOTHING
    return field.is_null() if value is None else field == value


def _one_of(field: Any, values: Sequence[Any]) -> Any:
    present = [value for value in values if value is not None]
    condition = field.in_(present)
    # SQL's IN never matches NULL, so a wanted None is asked for separately.
    return condition | field.is_null() if len(present) < len(values) else condition


def _natural_key(dataset: Dataset) -> Any:
    names = (*NATURAL_ORDER[dataset], CODECS[dataset].key_column)

    def key(record: CatalogueRecord) -> tuple[tuple[bool, Any], ...]:
        values = (getattr(record, name) for name in names)
        return tuple((value is not None, value or "") for value in values)

    return key
