"""Channel details to and from bytes, for a shared cache that any process reads."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from tvnexa.application.catalogue.views import (
    CategoryView,
    ChannelDetailView,
    CountryView,
    GuideView,
    LanguageView,
    StreamView,
    SubdivisionView,
)

# Part of every cache key: bump it when the encoding changes, so processes on
# the old and new code never read each other's entries.
FORMAT_VERSION = 1


def encode_detail(view: ChannelDetailView) -> bytes:
    raw = dataclasses.asdict(view)
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_detail(data: bytes) -> ChannelDetailView:
    """Raises ValueError when the bytes are not a detail this version wrote."""
    try:
        return detail_from(json.loads(data))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not an encoded channel detail: {exc}") from exc


def country_from(raw: dict[str, Any]) -> CountryView:
    languages = tuple(LanguageView(**language) for language in raw["languages"])
    return CountryView(raw["code"], raw["name"], raw["flag"], languages)


def subdivision_from(raw: dict[str, Any] | None) -> SubdivisionView | None:
    if raw is None:
        return None
    return SubdivisionView(raw["code"], raw["name"], country_from(raw["country"]))


def detail_from(raw: dict[str, Any]) -> ChannelDetailView:
    replaced_by = raw["replaced_by"]
    return ChannelDetailView(
        channel_id=raw["channel_id"],
        name=raw["name"],
        network=raw["network"],
        country=country_from(raw["country"]),
        subdivision=subdivision_from(raw["subdivision"]),
        city=raw["city"],
        is_nsfw=raw["is_nsfw"],
        website=raw["website"],
        logo=raw["logo"],
        launched=raw["launched"],
        closed=raw["closed"],
        replaced_by=detail_from(replaced_by) if replaced_by is not None else None,
        streams=tuple(StreamView(**stream) for stream in raw["streams"]),
        guides=tuple(GuideView(**guide) for guide in raw["guides"]),
        languages=tuple(LanguageView(**language) for language in raw["languages"]),
        categories=tuple(CategoryView(**category) for category in raw["categories"]),
        alt_names=tuple(raw["alt_names"]),
        owners=tuple(raw["owners"]),
        broadcast_areas=tuple(raw["broadcast_areas"]),
    )
