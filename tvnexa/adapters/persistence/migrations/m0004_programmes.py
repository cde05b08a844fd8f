"""Migration 4: stored programmes, the staging of guides, and guide channel matches."""

from __future__ import annotations

from typing import Any

import peewee

# Self-contained on purpose: the tables are declared here as they were at this
# version, so later model changes never alter what this migration creates.
NAME = "programmes"

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


class _MediumText(peewee.TextField):
    # MySQL's TEXT stops at 64 KiB, which one long programme could pass.
    field_type = "MEDIUMTEXT"


def apply(database: peewee.Database) -> None:
    target = database
    is_mysql = isinstance(database, peewee.MySQLDatabase)
    settings = _MYSQL_TABLE_SETTINGS if is_mysql else None

    def code_column(null: bool = False) -> peewee.CharField[Any]:
        if null:
            return peewee.CharField(max_length=255, null=True)
        return peewee.CharField(max_length=255)

    def programme_id() -> peewee.Field:
        # Without AUTOINCREMENT SQLite hands the id of a deleted last row to
        # the next one, and an id a client holds would name another programme.
        if is_mysql:
            return peewee.BigAutoField()
        return peewee.BigAutoField(constraints=[peewee.SQL("AUTOINCREMENT")])

    class Table(peewee.Model):
        class Meta:
            database = target
            table_settings = settings
            legacy_table_names = False

    class Programmes(Table):
        id = programme_id()
        source = code_column()
        priority = peewee.IntegerField()
        guide_channel = code_column()
        channel = code_column(null=True)
        feed = code_column(null=True)
        start_utc = _UtcDateTime()
        stop_utc = _UtcDateTime(null=True)
        end_utc = _UtcDateTime()
        title = _MediumText()
        search_text = _MediumText()
        data = _MediumText()

        class Meta:
            table_name = "programmes"
            indexes = (
                (("channel", "end_utc", "start_utc"), False),
                (("source", "guide_channel", "start_utc"), False),
                (("end_utc",), False),
            )

    class ProgrammeStaging(Table):
        id = peewee.BigAutoField()
        stage = peewee.BigIntegerField()
        guide_channel = code_column()
        start_utc = _UtcDateTime()
        stop_utc = _UtcDateTime(null=True)
        filled_stop = _UtcDateTime(null=True)
        title = _MediumText()
        search_text = _MediumText()
        data = _MediumText()

        class Meta:
            table_name = "programme_staging"
            # The stops too, so the commit's lookups among the programmes sharing a
            # start never read the rows, whose text is most of their size.
            indexes = (
                (
                    ("stage", "guide_channel", "start_utc", "stop_utc", "filled_stop"),
                    False,
                ),
            )

    class GuideChannelMatches(Table):
        source = code_column()
        guide_channel = code_column()
        channel = code_column(null=True)
        feed = code_column(null=True)
        method = peewee.CharField(max_length=32, null=True)
        data = _MediumText()

        class Meta:
            table_name = "guide_channel_matches"
            primary_key = peewee.CompositeKey("source", "guide_channel")

    database.create_tables(
        [Programmes, ProgrammeStaging, GuideChannelMatches], safe=True
    )
