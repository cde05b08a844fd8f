"""Migration 6: programmes indexed by channel, source and start, for now and next."""

from __future__ import annotations

from typing import Any

import peewee

# Self-contained on purpose: only the indexed columns are declared, as they
# were at this version.
NAME = "programmes_by_channel_source"


def apply(database: peewee.Database) -> None:
    target = database

    class Programmes(peewee.Model):
        source = peewee.CharField(max_length=255)
        channel = peewee.CharField(max_length=255, null=True)
        start_utc = peewee.DateTimeField()

        class Meta:
            database = target
            table_name = "programmes"

    # Which sources feed a channel, and its programmes in (start, id) order per
    # source, are each one range of this index. A migration runs once, so no
    # IF NOT EXISTS, which MySQL does not know for indexes.
    by_channel_source = Programmes.index(
        Programmes.channel, Programmes.source, Programmes.start_utc, safe=False
    )
    # Peewee types execute() loosely.
    connection: Any = database
    connection.execute(by_channel_source)
