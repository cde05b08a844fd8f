"""Migration 3: the job leases every worker shares."""

from __future__ import annotations

import peewee

# Self-contained on purpose: the table is declared here as it was at this version.
NAME = "job_locks"

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

    class JobLocks(peewee.Model):
        name = peewee.CharField(max_length=255, primary_key=True)
        holder = peewee.CharField(max_length=255)
        expires_at = _UtcDateTime()

        class Meta:
            database = target
            table_settings = settings
            table_name = "job_locks"
            # Expired leases are swept by a range over this index.
            indexes = ((("expires_at",), False),)

    database.create_tables([JobLocks], safe=True)
