"""Tables of the channel datasets: channels and their feeds, logos, streams..."""

from __future__ import annotations

import peewee

from tvnexa.adapters.persistence.fields import JsonListField
from tvnexa.adapters.persistence.models.base import (
    UnboundModel,
    code_field,
    key_field,
)


class ChannelRow(UnboundModel):
    id = key_field()
    name = peewee.TextField()
    country = code_field()
    alt_names = JsonListField()
    network = peewee.TextField(null=True)
    owners = JsonListField()
    categories = JsonListField()
    is_nsfw = peewee.BooleanField()
    launched = code_field(null=True)
    closed = code_field(null=True)
    replaced_by = code_field(null=True)
    website = peewee.TextField(null=True)
    legacy_subdivision = code_field(null=True)
    legacy_city = code_field(null=True)
    legacy_languages = JsonListField()
    legacy_broadcast_area = JsonListField()
    legacy_logo = peewee.TextField(null=True)
    # Case-folded copies for substring search: the name alone (RecordQuery)
    # and the name with every alternative name (ChannelQuery).
    search_name = peewee.TextField()
    search_text = peewee.TextField()

    class Meta:
        table_name = "channels"
        indexes = (
            (("country",), False),
            (("is_nsfw",), False),
            (("closed",), False),
        )


class FeedRow(UnboundModel):
    key = key_field()
    channel = code_field()
    id = code_field()
    name = peewee.TextField()
    alt_names = JsonListField()
    is_main = peewee.BooleanField()
    broadcast_area = JsonListField()
    timezones = JsonListField()
    languages = JsonListField()
    format = code_field(null=True)
    search_name = peewee.TextField()

    class Meta:
        table_name = "feeds"
        indexes = ((("channel", "id"), False),)


class LogoRow(UnboundModel):
    key = key_field()
    channel = code_field()
    url = peewee.TextField()
    feed = code_field(null=True)
    in_use = peewee.BooleanField()
    tags = JsonListField()
    width = peewee.IntegerField()
    height = peewee.IntegerField()
    format = code_field(null=True)

    class Meta:
        table_name = "logos"
        indexes = ((("channel", "feed"), False),)


class StreamRow(UnboundModel):
    key = key_field()
    url = peewee.TextField()
    channel = code_field(null=True)
    feed = code_field(null=True)
    title = peewee.TextField()
    quality = code_field(null=True)
    label = peewee.TextField(null=True)
    user_agent = peewee.TextField(null=True)
    referrer = peewee.TextField(null=True)

    class Meta:
        table_name = "streams"
        indexes = ((("channel", "feed"), False),)


class GuideRow(UnboundModel):
    key = key_field()
    site = code_field()
    site_id = code_field()
    channel = code_field(null=True)
    feed = code_field(null=True)
    site_name = peewee.TextField()
    lang = code_field()
    url = peewee.TextField(null=True)

    class Meta:
        table_name = "guides"
        indexes = (
            (("channel", "feed"), False),
            (("site", "site_id"), False),
        )


class BlocklistRow(UnboundModel):
    key = key_field()
    channel = code_field()
    ref = peewee.TextField()
    reason = code_field(null=True)

    class Meta:
        table_name = "blocklist"
        indexes = ((("channel",), False),)
