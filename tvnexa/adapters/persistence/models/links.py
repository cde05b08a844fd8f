"""Link tables that make every channel filter an indexed lookup."""

from __future__ import annotations

import peewee

from tvnexa.adapters.persistence.models.base import UnboundModel, code_field

# Each channel link row remembers the record it came from (`source` dataset and
# `origin` key), because one channel's languages or areas come from the channel
# itself (older snapshots) and from each of its feeds; replacing one feed then
# touches exactly that feed's rows.


def _source_field() -> peewee.CharField:
    return peewee.CharField(max_length=32)


class ChannelCategoryRow(UnboundModel):
    source = _source_field()
    origin = code_field()
    channel = code_field()
    category = code_field()

    class Meta:
        table_name = "channel_categories"
        primary_key = peewee.CompositeKey("source", "origin", "category")
        indexes = ((("category", "channel"), False),)


class ChannelLanguageRow(UnboundModel):
    source = _source_field()
    origin = code_field()
    channel = code_field()
    language = code_field()

    class Meta:
        table_name = "channel_languages"
        primary_key = peewee.CompositeKey("source", "origin", "language")
        indexes = ((("language", "channel"), False),)


class ChannelTimezoneRow(UnboundModel):
    source = _source_field()
    origin = code_field()
    channel = code_field()
    timezone = code_field()

    class Meta:
        table_name = "channel_timezones"
        primary_key = peewee.CompositeKey("source", "origin", "timezone")
        indexes = ((("timezone", "channel"), False),)


class ChannelAreaRow(UnboundModel):
    """A place a channel broadcasts to: kind `c`, `r`, `s` or `ct`, and a code."""

    source = _source_field()
    origin = code_field()
    channel = code_field()
    kind = peewee.CharField(max_length=8)
    code = code_field()

    class Meta:
        table_name = "channel_areas"
        primary_key = peewee.CompositeKey("source", "origin", "kind", "code")
        indexes = ((("kind", "code", "channel"), False),)


class RegionCountryRow(UnboundModel):
    """A region's member countries, so the region filter needs no JSON parsing."""

    region = code_field()
    country = code_field()

    class Meta:
        table_name = "region_countries"
        primary_key = peewee.CompositeKey("region", "country")
        indexes = ((("country",), False),)
