"""Upstream schemas of channels and what hangs off them: feeds, logos, streams..."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from tvnexa.adapters.iptv_org.schema_base import (
    UpstreamSchema,
    flag,
    legacy_text,
    legacy_text_list,
    optional_text,
    required_text,
    text_list,
    text_with_default,
)
from tvnexa.domain import catalogue as c


def _absent_if_empty(reference: str | None) -> str | None:
    # Streams of 2023-11 to 2025-03 wrote an unmatched channel as "" rather than
    # null; both mean the same thing.
    return reference or None


class ChannelSchema(UpstreamSchema):
    """A channel of any era since 2022.

    2022 to 2025 snapshots also carry `subdivision`, `city`, `broadcast_area`,
    `languages` and `logo`, kept in the `legacy_*` fields; 2022 has a single
    `native_name` where later snapshots have the `alt_names` list.
    """

    record_type = c.Channel

    id = required_text()
    name = required_text()
    country = required_text()
    alt_names = text_list()
    native_name = legacy_text("native_name")
    network = optional_text()
    owners = text_list()
    categories = text_list()
    is_nsfw = flag(False)
    launched = optional_text()
    closed = optional_text()
    replaced_by = optional_text()
    website = optional_text()
    legacy_subdivision = legacy_text("subdivision")
    legacy_city = legacy_text("city")
    legacy_broadcast_area = legacy_text_list("broadcast_area")
    legacy_languages = legacy_text_list("languages")
    legacy_logo = legacy_text("logo")

    def build(self, data: dict[str, Any]) -> c.Channel:
        native_name = data.pop("native_name", None)
        if native_name and not data["alt_names"]:
            data["alt_names"] = (native_name,)
        return c.Channel(**data)


class FeedSchema(UpstreamSchema):
    """A feed; the file of 2025-03 to 2025-06 named `format` `video_format`."""

    record_type = c.Feed

    channel = required_text()
    id = required_text()
    name = required_text()
    alt_names = text_list()
    is_main = flag(False)
    broadcast_area = text_list()
    timezones = text_list()
    languages = text_list()
    format = optional_text()
    video_format = legacy_text("video_format")

    def build(self, data: dict[str, Any]) -> c.Feed:
        video_format = data.pop("video_format", None)
        if data["format"] is None:
            data["format"] = video_format
        return c.Feed(**data)


class LogoSchema(UpstreamSchema):
    """A logo of a channel or of one of its feeds, published since 2025-07."""

    record_type = c.Logo

    channel = required_text()
    url = required_text()
    feed = optional_text()
    in_use = flag(True)
    tags = text_list()
    width = fields.Integer(strict=True, allow_none=True, load_default=0)
    height = fields.Integer(strict=True, allow_none=True, load_default=0)
    format = optional_text()

    def build(self, data: dict[str, Any]) -> c.Logo:
        data["feed"] = _absent_if_empty(data["feed"])
        # A null size means the size is unknown, which the record spells 0.
        data["width"] = data["width"] or 0
        data["height"] = data["height"] or 0
        return c.Logo(**data)


class StreamSchema(UpstreamSchema):
    """A stream of any era since 2022.

    Before 2025-04 the referrer was `http_referrer`, and status, width, height,
    bitrate, frame_rate, timeshift and the check dates came and went; the title
    exists since 2025-07.
    """

    record_type = c.Stream

    url = required_text()
    channel = optional_text()
    feed = optional_text()
    title = fields.String(allow_none=True, load_default="")
    quality = optional_text()
    label = optional_text()
    user_agent = optional_text()
    referrer = optional_text()
    http_referrer = legacy_text("http_referrer")

    def build(self, data: dict[str, Any]) -> c.Stream:
        http_referrer = data.pop("http_referrer", None)
        if data["referrer"] is None:
            data["referrer"] = http_referrer
        data["channel"] = _absent_if_empty(data["channel"])
        data["feed"] = _absent_if_empty(data["feed"])
        data["title"] = data["title"] or ""
        return c.Stream(**data)


class GuideSchema(UpstreamSchema):
    """Which site supplies a channel's guide.

    2022 guides have no site_id or site_name but the `url` of the guide file;
    the site name is kept untrimmed, as upstream writes it. The `sources` list added
    in 2026-05 is not part of the record.
    """

    record_type = c.Guide

    site = required_text()
    site_id = text_with_default("")
    channel = optional_text()
    feed = optional_text()
    site_name = text_with_default("")
    lang = fields.String(allow_none=True, load_default="en")
    url = optional_text()

    def build(self, data: dict[str, Any]) -> c.Guide:
        data["channel"] = _absent_if_empty(data["channel"])
        data["feed"] = _absent_if_empty(data["feed"])
        # The guide exporter itself writes "en" when a site gives no language.
        data["lang"] = data["lang"] or "en"
        return c.Guide(**data)


class BlocklistSchema(UpstreamSchema):
    """`{channel, reason, ref}`; reason is absent before 2025-03."""

    record_type = c.BlocklistEntry

    channel = required_text()
    ref = text_with_default("")
    reason = optional_text()
