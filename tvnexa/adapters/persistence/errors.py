"""Translation of database driver and Peewee errors into StorageError."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import peewee

from tvnexa.domain.errors import StorageError

try:
    import pymysql
except ImportError:  # pragma: no cover - PyMySQL is a declared dependency
    pymysql = None

# Raw DB-API cursors raise the driver's own classes, Peewee queries its own.
DATABASE_ERRORS: tuple[type[Exception], ...] = (peewee.PeeweeException, sqlite3.Error)
if pymysql is not None:
    DATABASE_ERRORS = (*DATABASE_ERRORS, pymysql.err.Error)


@contextmanager
def storage_errors(action: str) -> Iterator[None]:
    """Raise StorageError, naming `action`, for any database failure inside."""
    try:
        yield
    except DATABASE_ERRORS as exc:
        raise StorageError(f"{action} failed: {exc}") from exc
