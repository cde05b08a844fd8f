"""JSON of channels, their streams and guides, with the old contract's names."""

from __future__ import annotations

from typing import Any

from tvnexa.application.catalogue import (
    ChannelDetailView,
    GuideView,
    SimpleChannelView,
    StreamView,
)
from tvnexa.entrypoints.http.serializers.places import (
    category,
    country,
    language,
    subdivision,
)


def stream(view: StreamView) -> dict[str, Any]:
    return {
        "code": view.code,
        "url": view.url,
        "http_referrer": view.http_referrer,
        "user_agent": view.user_agent,
    }


def guide(view: GuideView) -> dict[str, Any]:
    return {
        "code": view.code,
        "site": view.site,
        "site_id": view.site_id,
        "site_name": view.site_name,
        "lang": view.lang,
    }


def simple_channel(view: SimpleChannelView) -> dict[str, Any]:
    return {
        "channel_id": view.channel_id,
        "name": view.name,
        "city": view.city,
        "is_nsfw": view.is_nsfw,
        "website": view.website,
        "logo": view.logo,
        "streams": [stream(item) for item in view.streams],
    }


def channel_detail(view: ChannelDetailView) -> dict[str, Any]:
    replaced_by = view.replaced_by
    return {
        "channel_id": view.channel_id,
        "name": view.name,
        "network": view.network,
        "country": country(view.country),
        "subdivision": subdivision(view.subdivision) if view.subdivision else None,
        "city": view.city,
        "is_nsfw": view.is_nsfw,
        "website": view.website,
        "logo": view.logo,
        "launched": view.launched,
        "closed": view.closed,
        "replaced_by": channel_detail(replaced_by) if replaced_by else None,
        "streams": [stream(item) for item in view.streams],
        "guides": [guide(item) for item in view.guides],
        "languages": [language(item) for item in view.languages],
        "categories": [category(item) for item in view.categories],
        "alt_names": list(view.alt_names),
        "owners": list(view.owners),
        "broadcast_areas": list(view.broadcast_areas),
    }
