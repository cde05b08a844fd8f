"""Schema migrations: applied once, in order, and matching the runtime models."""

from __future__ import annotations

import ast
import threading
from pathlib import Path
from typing import Any

import peewee
import pytest

from tvnexa.adapters.persistence import migrate, open_database
from tvnexa.adapters.persistence import migrations as migrations_package
from tvnexa.adapters.persistence.migrations import (
    applied_versions,
    available_migrations,
)
from tvnexa.adapters.persistence.models import bind_models


def test_migrate_applies_every_migration_in_order_then_nothing(
    database_url: str,
) -> None:
    database = open_database(database_url)

    first = migrate(database)
    second = migrate(database)

    names = [migration.name for migration in available_migrations()]
    versions = list(range(1, len(names) + 1))
    assert first == names
    assert names[:3] == ["m0001_catalogue", "m0002_ingestion_runs", "m0003_job_locks"]
    assert second == []
    assert applied_versions(database) == versions
    recorded = database.execute_sql(
        "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
    ).fetchall()
    assert [(version, name) for version, name, _ in recorded] == list(
        zip(versions, names, strict=True)
    )
    assert all(applied_at for _, _, applied_at in recorded)


def test_every_runtime_model_matches_the_migrated_schema(
    writer_db: peewee.Database,
) -> None:
    context = writer_db.get_sql_context()

    for model in bind_models(writer_db).all():
        table = model._meta.table_name
        assert writer_db.table_exists(table), table
        stored = {column.name: column for column in writer_db.get_columns(table)}
        declared = model._meta.sorted_fields

        assert list(stored) == [field.column_name for field in declared], table
        for field in declared:
            column = stored[field.column_name]
            expected_type = field.ddl_datatype(context).sql
            assert column.data_type.upper() == expected_type.upper(), (
                table,
                field.name,
            )
            assert column.null == field.null, (table, field.name)

        primary_key = writer_db.get_primary_keys(table)
        assert primary_key == [
            field.column_name for field in model._meta.get_primary_keys()
        ]
        assert _indexed_columns(writer_db, table) == _declared_indexes(model), table


def test_migrate_twice_at_once_applies_each_migration_once(database_url: str) -> None:
    databases = [open_database(database_url) for _ in range(2)]
    results: list[list[str]] = []
    failures: list[BaseException] = []

    def run(database: peewee.Database) -> None:
        try:
            results.append(migrate(database))
        except BaseException as exc:  # collected, then reported by the test
            failures.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=run, args=(db,)) for db in databases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not failures
    assert sorted(name for result in results for name in result) == [
        migration.name for migration in available_migrations()
    ]


@pytest.mark.parametrize("migration", available_migrations(), ids=lambda m: m.name)
def test_a_migration_imports_nothing_from_the_project(migration: Any) -> None:
    # A shipped migration must keep creating the same tables even when the
    # runtime models change, so it may depend on Peewee alone.
    source = Path(migrations_package.__path__[0], f"{migration.name}.py").read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert imported <= {"__future__", "peewee", "typing"}


def _indexed_columns(database: peewee.Database, table: str) -> set[tuple[str, ...]]:
    # SQLite's automatic index of a text primary key is the key, not an index.
    return {
        tuple(index.columns)
        for index in database.get_indexes(table)
        if not index.name.startswith("sqlite_autoindex")
    }


def _declared_indexes(model: Any) -> set[tuple[str, ...]]:
    return {
        tuple(field.column_name for field in index._expressions)
        for index in model._meta.fields_to_index()
    }
