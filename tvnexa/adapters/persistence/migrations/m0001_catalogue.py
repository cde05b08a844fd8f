"""Migration 1: the thirteen catalogue tables and the channel filter link tables."""

from __future__ import annotations

from typing import Any

import peewee

# Self-contained on purpose: the tables are declared here as they were at this
# version, so later model changes never alter what this migration creates.
NAME = "catalogue"

_MYSQL_TABLE_SETTINGS = [
    "ENGINE=InnoDB",
    "DEFAULT CHARSET=utf8mb4",
    "COLLATE=utf8mb4_bin",
]


def apply(database: peewee.Database) -> None:
    target = database
    settings = (
        _MYSQL_TABLE_SETTINGS if isinstance(database, peewee.MySQLDatabase) else None
    )

    def key_column() -> peewee.CharField[Any]:
        return peewee.CharField(max_length=255, primary_key=True)

    def code_column(null: bool = False) -> peewee.CharField[Any]:
        if null:
            return peewee.CharField(max_length=255, null=True)
        return peewee.CharField(max_length=255)

    def text_column(null: bool = False) -> peewee.TextField[Any]:
        return peewee.TextField(null=True) if null else peewee.TextField()

    class Table(peewee.Model):
        class Meta:
            database = target
            table_settings = settings
            legacy_table_names = False

    class Categories(Table):
        id = key_column()
        name = text_column()
        description = text_column(null=True)
        search_name = text_column()

        class Meta:
            table_name = "categories"

    class Languages(Table):
        code = key_column()
        name = text_column()
        search_name = text_column()

        class Meta:
            table_name = "languages"

    class Countries(Table):
        code = key_column()
        name = text_column()
        languages = text_column()
        flag = text_column()
        search_name = text_column()

        class Meta:
            table_name = "countries"

    class Subdivisions(Table):
        code = key_column()
        country = code_column()
        name = text_column()
        parent = code_column(null=True)
        search_name = text_column()

        class Meta:
            table_name = "subdivisions"
            indexes = ((("country",), False),)

    class Regions(Table):
        code = key_column()
        name = text_column()
        countries = text_column()
        search_name = text_column()

        class Meta:
            table_name = "regions"

    class Cities(Table):
        code = key_column()
        country = code_column()
        name = text_column()
        subdivision = code_column(null=True)
        wikidata_id = code_column(null=True)
        search_name = text_column()

        class Meta:
            table_name = "cities"
            indexes = ((("country",), False), (("subdivision",), False))

    class Timezones(Table):
        id = key_column()
        utc_offset = code_column()
        countries = text_column()

        class Meta:
            table_name = "timezones"

    class Channels(Table):
        id = key_column()
        name = text_column()
        country = code_column()
        alt_names = text_column()
        network = text_column(null=True)
        owners = text_column()
        categories = text_column()
        is_nsfw = peewee.BooleanField()
        launched = code_column(null=True)
        closed = code_column(null=True)
        replaced_by = code_column(null=True)
        website = text_column(null=True)
        legacy_subdivision = code_column(null=True)
        legacy_city = code_column(null=True)
        legacy_languages = text_column()
        legacy_broadcast_area = text_column()
        legacy_logo = text_column(null=True)
        search_name = text_column()
        search_text = text_column()

        class Meta:
            table_name = "channels"
            indexes = (
                (("country",), False),
                (("is_nsfw",), False),
                (("closed",), False),
            )

    class Feeds(Table):
        key = key_column()
        channel = code_column()
        id = code_column()
        name = text_column()
        alt_names = text_column()
        is_main = peewee.BooleanField()
        broadcast_area = text_column()
        timezones = text_column()
        languages = text_column()
        format = code_column(null=True)
        search_name = text_column()

        class Meta:
            table_name = "feeds"
            indexes = ((("channel", "id"), False),)

    class Logos(Table):
        key = key_column()
        channel = code_column()
        url = text_column()
        feed = code_column(null=True)
        in_use = peewee.BooleanField()
        tags = text_column()
        width = peewee.IntegerField()
        height = peewee.IntegerField()
        format = code_column(null=True)

        class Meta:
            table_name = "logos"
            indexes = ((("channel", "feed"), False),)

    class Streams(Table):
        key = key_column()
        url = text_column()
        channel = code_column(null=True)
        feed = code_column(null=True)
        title = text_column()
        quality = code_column(null=True)
        label = text_column(null=True)
        user_agent = text_column(null=True)
        referrer = text_column(null=True)

        class Meta:
            table_name = "streams"
            indexes = ((("channel", "feed"), False),)

    class Guides(Table):
        key = key_column()
        site = code_column()
        site_id = code_column()
        channel = code_column(null=True)
        feed = code_column(null=True)
        site_name = text_column()
        lang = code_column()
        url = text_column(null=True)

        class Meta:
            table_name = "guides"
            indexes = ((("channel", "feed"), False), (("site", "site_id"), False))

    class Blocklist(Table):
        key = key_column()
        channel = code_column()
        ref = text_column()
        reason = code_column(null=True)

        class Meta:
            table_name = "blocklist"
            indexes = ((("channel",), False),)

    def channel_link(name: str, value_columns: tuple[str, ...]) -> type[peewee.Model]:
        # Every channel link table: the record that owns the row, the channel,
        # then the linked value(s); looked up by value, then channel.
        attributes: dict[str, object] = {
            "source": peewee.CharField(max_length=32),
            "origin": code_column(),
            "channel": code_column(),
        }
        for column in value_columns:
            attributes[column] = (
                peewee.CharField(max_length=8) if column == "kind" else code_column()
            )
        attributes["Meta"] = type(
            "Meta",
            (),
            {
                "table_name": name,
                "primary_key": peewee.CompositeKey("source", "origin", *value_columns),
                "indexes": (((*value_columns, "channel"), False),),
            },
        )
        return type(name, (Table,), attributes)

    class RegionCountries(Table):
        region = code_column()
        country = code_column()

        class Meta:
            table_name = "region_countries"
            primary_key = peewee.CompositeKey("region", "country")
            indexes = ((("country",), False),)

    links: list[type[peewee.Model]] = [
        channel_link("channel_categories", ("category",)),
        channel_link("channel_languages", ("language",)),
        channel_link("channel_timezones", ("timezone",)),
        channel_link("channel_areas", ("kind", "code")),
        RegionCountries,
    ]
    catalogue = [
        Categories,
        Languages,
        Timezones,
        Countries,
        Subdivisions,
        Regions,
        Cities,
        Channels,
        Feeds,
        Logos,
        Streams,
        Guides,
        Blocklist,
    ]
    # IF NOT EXISTS lets a re-run finish what an interrupted one started on
    # engines (MySQL) whose DDL cannot be rolled back.
    database.create_tables([*catalogue, *links], safe=True)
