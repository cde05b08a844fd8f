"""Opening the catalogue database from a URL: SQLite files or MySQL / MariaDB."""

from __future__ import annotations

import logging
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlparse

import peewee
from playhouse import db_url

from tvnexa.domain.errors import StorageError

logger = logging.getLogger(__name__)

# Set on every new connection. NORMAL synchronisation is durable enough in WAL
# mode; foreign keys stay off because upstream cross-references dangle on
# purpose (they are kept as data). The page size only takes on a new file:
# 16 KiB pages made the commit of a big guide a fifth faster (fewer pages to
# split, log and checkpoint), and now/next over a whole country was no slower.
SQLITE_PRAGMAS: dict[str, object] = {
    "page_size": 16_384,
    "synchronous": "normal",
    "foreign_keys": 0,
    "busy_timeout": 15_000,
    "cache_size": -64_000,
    "temp_store": "memory",
}

SQLITE_BUSY_TIMEOUT_SECONDS = 15
SQLITE_WAL_RETRY_SECONDS = 0.02

# Keys and codes compare and sort by code point, as Python does, so every
# adapter returns the same order; text search uses pre-folded columns instead
# of a case-insensitive collation.
# (The migrations give every table this charset and collation.)
MYSQL_CHARSET = "utf8mb4"
MYSQL_COLLATION = "utf8mb4_bin"
MYSQL_READ_ONLY = "SET SESSION TRANSACTION READ ONLY"


def open_database(url: str, *, read_only: bool = False) -> peewee.Database:
    """The database at `url`; connections open on first use, one per thread.

    `sqlite:///path/to/file.sqlite3` and `mysql://user:password@host:port/name`
    are understood; options in the URL's query string win over the defaults
    chosen here. `read_only` makes every connection refuse writes, so a reader
    can never write by mistake. A writable SQLite file is switched to WAL now.
    """
    scheme = urlparse(url).scheme
    given = {name for name, _ in parse_qsl(urlparse(url).query)}

    if scheme.startswith("sqlite"):
        pragmas = dict(SQLITE_PRAGMAS)
        if read_only:
            pragmas["query_only"] = 1
        defaults: dict[str, Any] = {
            "pragmas": pragmas,
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        }
    elif scheme.startswith("mysql"):
        defaults = {"charset": MYSQL_CHARSET, "collation": MYSQL_COLLATION}
        if read_only:
            defaults["init_command"] = MYSQL_READ_ONLY
    else:
        raise StorageError(f"unsupported database URL scheme {scheme!r}")

    options = {name: value for name, value in defaults.items() if name not in given}
    try:
        database: peewee.Database = db_url.connect(url, **options)
        if is_sqlite(database) and not read_only:
            _make_parent_folder(database)
            _use_wal(database)
    except (OSError, RuntimeError, ValueError, peewee.PeeweeException) as exc:
        raise StorageError(f"cannot open database {_redacted(url)}: {exc}") from exc
    logger.debug("database opened: %s", _redacted(url))
    return database


def _make_parent_folder(database: peewee.Database) -> None:
    """Create the folder of a new SQLite file, so a fresh data dir just works."""
    filename = str(database.database)
    if filename and filename != ":memory:" and not filename.startswith("file:"):
        Path(filename).parent.mkdir(parents=True, exist_ok=True)


def is_mysql(database: peewee.Database) -> bool:
    """Whether `database` speaks the MySQL dialect (MySQL or MariaDB)."""
    return isinstance(database, peewee.MySQLDatabase)


def is_sqlite(database: peewee.Database) -> bool:
    return isinstance(database, peewee.SqliteDatabase)


def write_transaction(database: peewee.Database) -> AbstractContextManager[Any]:
    """A transaction meant to write, holding the write lock from its start.

    SQLite takes the lock up front (BEGIN IMMEDIATE), so what the transaction
    reads before writing cannot change under it; other engines lock per row.
    """
    if is_sqlite(database):
        return database.atomic(lock_type="IMMEDIATE")
    return database.atomic()


def _use_wal(database: peewee.Database) -> None:
    """Switch the file to write-ahead logging, which lets readers keep a snapshot.

    WAL is a property of the file, so it is set once here rather than on each
    connection: two connections switching a new file at the same moment get
    "database is locked" at once, without waiting, so this retries instead.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_SECONDS
    connection: Any = database
    while True:
        try:
            with database.connection_context():
                connection.execute_sql("PRAGMA journal_mode = wal")
            return
        except peewee.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(SQLITE_WAL_RETRY_SECONDS)


def _redacted(url: str) -> str:
    parsed = urlparse(url)
    if parsed.password is None:
        return url
    return url.replace(f":{parsed.password}@", ":***@", 1)
