"""Adapter factories for the contract suite: one set of assertions, every adapter."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee
import pytest

from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.adapters.memory.runs import (
    InMemoryRunHistory,
    InMemoryRunLog,
    InMemoryRunStore,
)
from tvnexa.adapters.persistence import (
    PeeweeCatalogReader,
    PeeweeCatalogWriter,
    PeeweeRunHistory,
    PeeweeRunLog,
    migrate,
    open_database,
)
from tvnexa.application.ports import CatalogReader, CatalogWriter, RunHistory, RunLog

MARIADB_SERVER = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}


@dataclass
class CatalogAdapters:
    """The four catalogue and run-history roles, all over one store."""

    writer: CatalogWriter
    reader: CatalogReader
    run_log: RunLog
    run_history: RunHistory
    close: Callable[[], None] = field(default=lambda: None)


# A factory takes a scratch folder and returns fresh, empty adapters; add one to
# CATALOG_ADAPTER_FACTORIES and every contract test runs on it.
CatalogAdaptersFactory = Callable[[Path], CatalogAdapters]


def in_memory_adapters(tmp_path: Path) -> CatalogAdapters:
    catalog, runs = InMemoryCatalogStore(), InMemoryRunStore()
    return CatalogAdapters(
        InMemoryCatalogWriter(catalog),
        InMemoryCatalogReader(catalog),
        InMemoryRunLog(runs),
        InMemoryRunHistory(runs),
    )


def peewee_sqlite_adapters(tmp_path: Path) -> CatalogAdapters:
    # Writer and reader are two databases over one file, as in embedded mode.
    url = f"sqlite:///{tmp_path / 'contract.sqlite3'}"
    writer_db = open_database(url)
    migrate(writer_db)
    reader_db = open_database(url, read_only=True)
    return _peewee_adapters(writer_db, reader_db, lambda: None)


def peewee_mariadb_adapters(tmp_path: Path) -> CatalogAdapters:
    import pymysql

    name = f"tvnexa_contract_{uuid.uuid4().hex[:12]}"
    try:
        admin = pymysql.connect(**MARIADB_SERVER, connect_timeout=5)
    except pymysql.err.OperationalError as exc:
        pytest.fail(f"MariaDB is not answering on 127.0.0.1:3306 ({exc})")
    admin.cursor().execute(f"CREATE DATABASE `{name}`")
    url = f"mysql://root@127.0.0.1:3306/{name}"
    writer_db = open_database(url)
    migrate(writer_db)

    def drop() -> None:
        admin.cursor().execute(f"DROP DATABASE `{name}`")
        admin.close()

    return _peewee_adapters(writer_db, open_database(url, read_only=True), drop)


def _peewee_adapters(
    writer_db: peewee.Database, reader_db: peewee.Database, cleanup: Callable[[], None]
) -> CatalogAdapters:
    def close() -> None:
        writer_db.close()
        reader_db.close()
        cleanup()

    return CatalogAdapters(
        PeeweeCatalogWriter(writer_db),
        PeeweeCatalogReader(reader_db),
        PeeweeRunLog(writer_db),
        PeeweeRunHistory(reader_db),
        close,
    )


CATALOG_ADAPTER_FACTORIES: list[Any] = [
    pytest.param(in_memory_adapters, id="in-memory"),
    pytest.param(peewee_sqlite_adapters, id="peewee-sqlite"),
    pytest.param(
        peewee_mariadb_adapters, id="peewee-mariadb", marks=pytest.mark.mariadb
    ),
]


@pytest.fixture
def catalog_adapters() -> list[CatalogAdaptersFactory]:
    """Every factory the contract runs on."""
    return [param.values[0] for param in CATALOG_ADAPTER_FACTORIES]


@pytest.fixture(params=CATALOG_ADAPTER_FACTORIES)
def adapters(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[CatalogAdapters]:
    """Fresh, empty adapters from each factory in turn."""
    built: CatalogAdapters = request.param(tmp_path)
    yield built
    built.close()
