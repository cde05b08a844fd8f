"""Which plain datasets the API serves, under which path, codes and filters."""

from __future__ import annotations

from tvnexa.domain.datasets import Dataset
from tvnexa.entrypoints.http import codes
from tvnexa.entrypoints.http.params import Filter, Kind
from tvnexa.entrypoints.http.resources.records import RecordRoute
from tvnexa.entrypoints.http.serializers.records import category

RECORD_ROUTES: tuple[RecordRoute, ...] = (
    RecordRoute(
        "categories",
        Dataset.CATEGORIES,
        codes.CATEGORIES_LISTED,
        codes.CATEGORY_FOUND,
        q=True,
        serialize=category,
    ),
    RecordRoute(
        "languages",
        Dataset.LANGUAGES,
        codes.LANGUAGES_LISTED,
        codes.LANGUAGE_FOUND,
        q=True,
    ),
    RecordRoute(
        "cities",
        Dataset.CITIES,
        codes.CITIES_LISTED,
        codes.CITY_FOUND,
        filters={"country": Filter("country"), "subdivision": Filter("subdivision")},
        q=True,
    ),
    RecordRoute(
        "timezones",
        Dataset.TIMEZONES,
        codes.TIMEZONES_LISTED,
        codes.TIMEZONE_FOUND,
        filters={"utc_offset": Filter("utc_offset")},
        # IANA ids have slashes (America/Argentina/Buenos_Aires).
        item_path="/{key:path}",
    ),
    RecordRoute(
        "feeds",
        Dataset.FEEDS,
        codes.FEEDS_LISTED,
        codes.FEED_FOUND,
        filters={
            "channel": Filter("channel"),
            "is_main": Filter("is_main", Kind.BOOLEAN),
            "format": Filter("format"),
        },
        q=True,
        item_path="/{channel}/{feed}",
        key_parts=("channel", "feed"),
    ),
    RecordRoute(
        "logos",
        Dataset.LOGOS,
        codes.LOGOS_LISTED,
        codes.LOGO_FOUND,
        filters={
            "channel": Filter("channel"),
            "feed": Filter("feed"),
            "in_use": Filter("in_use", Kind.BOOLEAN),
            "format": Filter("format"),
        },
    ),
    RecordRoute(
        "streams",
        Dataset.STREAMS,
        codes.STREAMS_LISTED,
        codes.STREAM_FOUND,
        filters={
            "channel": Filter("channel"),
            "feed": Filter("feed"),
            "quality": Filter("quality"),
            "label": Filter("label"),
        },
    ),
    RecordRoute(
        "guides",
        Dataset.GUIDES,
        codes.GUIDES_LISTED,
        codes.GUIDE_FOUND,
        filters={
            "channel": Filter("channel"),
            "feed": Filter("feed"),
            "site": Filter("site"),
            "site_id": Filter("site_id"),
            "lang": Filter("lang"),
        },
    ),
    RecordRoute(
        "blocklist",
        Dataset.BLOCKLIST,
        codes.BLOCKLIST_LISTED,
        codes.BLOCKLIST_ENTRY_FOUND,
        filters={"channel": Filter("channel"), "reason": Filter("reason")},
    ),
)
