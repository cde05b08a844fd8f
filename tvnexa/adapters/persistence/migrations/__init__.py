"""Versioned schema migrations, applied in order and recorded in the database."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import peewee

from tvnexa.adapters.persistence.database import is_mysql, write_transaction
from tvnexa.adapters.persistence.errors import storage_errors
from tvnexa.adapters.persistence.fields import UtcDateTimeField

logger = logging.getLogger(__name__)

# Each module `mNNNN_<name>.py` here defines `apply(database)` and declares its
# tables as they were at that version; a shipped migration is never edited, a
# schema change adds the next module.
HISTORY_TABLE = "schema_migrations"
MODULE_NAME = re.compile(r"^m(?P<version>\d{4})_\w+$")

# MySQL's DDL commits as it goes, so concurrent migrators are kept apart by a
# named server lock rather than by the transaction.
MYSQL_LOCK_NAME = "tvnexa.schema_migrations"
MYSQL_LOCK_TIMEOUT_SECONDS = 300


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[peewee.Database], None]


def available_migrations() -> list[Migration]:
    """Every migration module in this package, in version order."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        match = MODULE_NAME.match(module.name)
        if match is None:
            continue
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        found.append(Migration(int(match["version"]), module.name, loaded.apply))
    return sorted(found, key=lambda migration: migration.version)


def migrate(database: peewee.Database) -> list[str]:
    """Apply the pending migrations in order; return the names of those applied.

    Each runs in its own transaction where the engine allows DDL in one
    (SQLite); running again when nothing is pending changes nothing.
    """
    history = _history_model(database)
    applied: list[str] = []
    with storage_errors("migrating the database schema"), _exclusive(database):
        database.create_tables([history], safe=True)
        for migration in available_migrations():
            if _apply_once(database, history, migration):
                applied.append(migration.name)
    if applied:
        logger.info("database schema migrated: %s", ", ".join(applied))
    return applied


def applied_versions(database: peewee.Database) -> list[int]:
    """The versions recorded as applied, oldest first."""
    history = _history_model(database)
    with storage_errors("reading the schema history"):
        if not database.table_exists(HISTORY_TABLE):
            return []
        return [row.version for row in history.select().order_by(history.version)]


def _apply_once(database: peewee.Database, history: Any, migration: Migration) -> bool:
    # Under the write lock (SQLite), two processes starting together cannot
    # both apply one migration.
    with write_transaction(database):
        if history.select().where(history.version == migration.version).exists():
            return False
        migration.apply(database)
        history.insert(
            version=migration.version,
            name=migration.name,
            applied_at=datetime.now(UTC),
        ).execute()
    return True


@contextmanager
def _exclusive(database: peewee.Database) -> Iterator[None]:
    if not is_mysql(database):
        yield
        return
    connection: Any = database
    granted = connection.execute_sql(
        "SELECT GET_LOCK(%s, %s)", (MYSQL_LOCK_NAME, MYSQL_LOCK_TIMEOUT_SECONDS)
    ).fetchone()[0]
    if granted != 1:
        raise peewee.OperationalError("another process holds the migration lock")
    try:
        yield
    finally:
        connection.execute_sql("SELECT RELEASE_LOCK(%s)", (MYSQL_LOCK_NAME,))


def _history_model(database: peewee.Database) -> Any:
    target = database

    class SchemaMigration(peewee.Model):
        version = peewee.IntegerField(primary_key=True)
        name = peewee.CharField(max_length=255)
        applied_at = UtcDateTimeField()

        class Meta:
            database = target
            table_name = HISTORY_TABLE

    return SchemaMigration
