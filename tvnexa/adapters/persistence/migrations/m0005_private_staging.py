"""Migration 5: guides are staged on the storing connection, not in a shared table."""

from __future__ import annotations

from typing import Any

import peewee

NAME = "private_staging"


def apply(database: peewee.Database) -> None:
    # Each stage now makes its own `programme_staging` where only its
    # connection sees it; on SQLite a table of that name in the main database
    # would hide it, so the shared one goes, with any stage left behind.
    # Peewee types execute_sql() loosely.
    target: Any = database
    target.execute_sql("DROP TABLE IF EXISTS programme_staging")
