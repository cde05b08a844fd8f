"""Migration 2: the ingestion run history."""

from __future__ import annotations

import peewee

# Self-contained on purpose: the table is declared here as it was at this version.
NAME = "ingestion_runs"

_MYSQL_TABLE_SETTINGS = [
    "ENGINE=InnoDB",
    "DEFAULT CHARSET=utf8mb4",
    "COLLATE=utf8mb4_bin",
]


class _UtcDateTime(peewee.Field):
    # Microseconds kept: MySQL's bare DATETIME would drop them.
    field_type = "DATETIME"

    def get_modifiers(self) -> list[int]:
        return [6]


def apply(database: peewee.Database) -> None:
    target = database
    settings = (
        _MYSQL_TABLE_SETTINGS if isinstance(database, peewee.MySQLDatabase) else None
    )

    class IngestionRuns(peewee.Model):
        id = peewee.AutoField()
        dataset = peewee.CharField(max_length=255)
        status = peewee.CharField(max_length=32)
        started_at = _UtcDateTime()
        finished_at = _UtcDateTime(null=True)
        added = peewee.IntegerField()
        updated = peewee.IntegerField()
        removed = peewee.IntegerField()
        unchanged = peewee.IntegerField()
        rejected = peewee.IntegerField()
        dangling = peewee.IntegerField()
        error = peewee.TextField(null=True)
        problems = peewee.TextField()
        etag = peewee.TextField(null=True)
        last_modified = peewee.TextField(null=True)
        digest = peewee.TextField(null=True)

        class Meta:
            database = target
            table_settings = settings
            table_name = "ingestion_runs"
            indexes = ((("dataset", "started_at"), False), (("status",), False))

    database.create_tables([IngestionRuns], safe=True)
