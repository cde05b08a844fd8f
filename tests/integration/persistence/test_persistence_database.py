"""open_database: SQLite tuning, separate reader and writer, clear failures."""

from __future__ import annotations

import threading
from typing import Any

import peewee
import pytest

from tvnexa.adapters.persistence import (
    PeeweeCatalogReader,
    PeeweeCatalogWriter,
    migrate,
    open_database,
)
from tvnexa.adapters.persistence.models import bind_models
from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import StorageError


def pragma(database: peewee.Database, name: str) -> Any:
    return database.execute_sql(f"PRAGMA {name}").fetchone()[0]


def test_sqlite_is_tuned_for_one_writer_and_many_readers(database_url: str) -> None:
    database = open_database(database_url)

    assert pragma(database, "journal_mode") == "wal"
    assert pragma(database, "synchronous") == 1  # NORMAL
    assert pragma(database, "foreign_keys") == 0
    assert pragma(database, "busy_timeout") >= 5000
    assert pragma(database, "cache_size") < 0  # a size in KiB, not in pages
    assert pragma(database, "query_only") == 0


def test_a_read_only_database_refuses_writes(database_url: str) -> None:
    migrate(open_database(database_url))
    reader = open_database(database_url, read_only=True)

    assert pragma(reader, "query_only") == 1
    with pytest.raises(peewee.OperationalError):
        reader.execute_sql("DELETE FROM channels")


def test_reader_and_writer_never_share_model_classes(database_url: str) -> None:
    writer_db, reader_db = open_database(database_url), open_database(database_url)
    writer_models, reader_models = bind_models(writer_db), bind_models(reader_db)

    assert writer_db is not reader_db
    for dataset in Dataset:
        writer_model = writer_models.dataset(dataset)
        reader_model = reader_models.dataset(dataset)
        assert writer_model is not reader_model
        assert writer_model._meta.database is writer_db
        assert reader_model._meta.database is reader_db
    assert writer_models.runs._meta.database is writer_db


def test_a_reader_thread_and_a_writer_thread_work_side_by_side(
    database_url: str,
) -> None:
    writer_db = open_database(database_url)
    migrate(writer_db)
    writer = PeeweeCatalogWriter(writer_db)
    reader = PeeweeCatalogReader(open_database(database_url, read_only=True))
    counts: list[int] = []
    failures: list[BaseException] = []
    done = threading.Event()

    def write() -> None:
        try:
            for size in range(1, 30):
                languages = [
                    c.Language(f"l{n:02d}", f"Language {n}") for n in range(size)
                ]
                writer.replace(Dataset.LANGUAGES, languages)
        except BaseException as exc:  # reported by the test below
            failures.append(exc)
        finally:
            done.set()

    def read() -> None:
        try:
            while not done.is_set():
                counts.append(reader.count(Dataset.LANGUAGES))
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write), threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not failures
    assert counts == sorted(counts)  # each count is a whole dataset, never a mix
    assert reader.count(Dataset.LANGUAGES) == 29


@pytest.mark.parametrize(
    "url", ["postgres://localhost/tvnexa", "oracle://x/y", "mysql://db.example"]
)
def test_an_unusable_url_is_a_storage_error(url: str) -> None:
    with pytest.raises(StorageError):
        open_database(url)


def test_a_mysql_url_gets_utf8mb4_and_a_binary_collation() -> None:
    database = open_database("mysql://user:secret@db.example:3306/tvnexa")

    assert isinstance(database, peewee.MySQLDatabase)
    assert database.connect_params["charset"] == "utf8mb4"
    assert database.connect_params["collation"] == "utf8mb4_bin"
    assert database.connect_params["host"] == "db.example"
    assert database.connect_params["port"] == 3306


def test_a_read_only_mysql_url_asks_for_read_only_sessions() -> None:
    database = open_database("mysql://user@db.example/tvnexa", read_only=True)

    assert "READ ONLY" in database.connect_params["init_command"]
