"""Bulk statements on raw DB-API cursors: parameterised, chunked executemany."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

import peewee

T = TypeVar("T")
Row = Sequence[Any]

# Rows per executemany call: bounds memory (the MySQL driver builds one
# statement per call) without losing the speed of batching.
ROWS_PER_BATCH = 5_000
# Keys per `IN (...)` list, far below every engine's parameter limit.
KEYS_PER_STATEMENT = 500


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def quote(database: peewee.Database, name: str) -> str:
    """`name` as a quoted identifier in the database's dialect."""
    opening, closing = database.quote[0], database.quote[-1]
    return f"{opening}{name.replace(closing, closing * 2)}{closing}"


class BulkStatements:
    """Inserts, updates and deletes many rows of one table at a time.

    It goes straight to the DB-API cursor: Peewee's per-row query building
    costs more than the database's own work on large datasets.
    """

    def __init__(self, database: peewee.Database) -> None:
        # Peewee types cursor() loosely; the cursor is a plain DB-API one.
        self._database: Any = database
        self._param = database.param

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> int:
        names = ", ".join(self._quote(column) for column in columns)
        marks = ", ".join([self._param] * len(columns))
        sql = f"INSERT INTO {self._quote(table)} ({names}) VALUES ({marks})"
        return self._executemany(sql, rows)

    def update(
        self,
        table: str,
        columns: Sequence[str],
        key_column: str,
        rows: Iterable[Row],
    ) -> int:
        """Rows hold the values of `columns`, then the key of the row to change."""
        assignments = ", ".join(
            f"{self._quote(column)} = {self._param}" for column in columns
        )
        sql = (
            f"UPDATE {self._quote(table)} SET {assignments} "
            f"WHERE {self._quote(key_column)} = {self._param}"
        )
        return self._executemany(sql, rows)

    def delete(
        self,
        table: str,
        key_column: str,
        keys: Iterable[str],
        fixed: Sequence[tuple[str, Any]] = (),
    ) -> None:
        """Delete the rows whose `key_column` is in `keys` (and match `fixed`)."""
        conditions = [f"{self._quote(column)} = {self._param}" for column, _ in fixed]
        fixed_values = [value for _, value in fixed]
        cursor = self._database.cursor()
        try:
            for chunk in chunked(keys, KEYS_PER_STATEMENT):
                marks = ", ".join([self._param] * len(chunk))
                where = " AND ".join(
                    [*conditions, f"{self._quote(key_column)} IN ({marks})"]
                )
                cursor.execute(
                    f"DELETE FROM {self._quote(table)} WHERE {where}",
                    [*fixed_values, *chunk],
                )
        finally:
            cursor.close()

    def _executemany(self, sql: str, rows: Iterable[Row]) -> int:
        count = 0
        cursor = self._database.cursor()
        try:
            for chunk in chunked(rows, ROWS_PER_BATCH):
                cursor.executemany(sql, chunk)
                count += len(chunk)
        finally:
            cursor.close()
        return count

    def _quote(self, name: str) -> str:
        return quote(self._database, name)
