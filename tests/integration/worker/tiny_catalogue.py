"""A directory holding all 13 iptv-org datasets as tiny JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHANNELS = ("One.fr", "Two.fr")

TINY_CATALOGUE: dict[str, list[dict[str, Any]]] = {
    "categories": [{"id": "news", "name": "News", "description": None}],
    "languages": [{"code": "fra", "name": "French"}],
    "timezones": [{"id": "Europe/Paris", "utc_offset": "+01:00", "countries": ["FR"]}],
    "countries": [{"name": "France", "code": "FR", "languages": ["fra"], "flag": ""}],
    "subdivisions": [
        {"country": "FR", "code": "FR-IDF", "name": "Ile-de-France", "parent": None}
    ],
    "regions": [{"code": "EUR", "name": "Europe", "countries": ["FR"]}],
    "cities": [
        {
            "country": "FR",
            "subdivision": "FR-IDF",
            "code": "FRPAR",
            "name": "Paris",
            "wikidata_id": "Q90",
        }
    ],
    "channels": [
        {
            "id": channel,
            "name": channel.split(".")[0],
            "alt_names": [],
            "network": None,
            "owners": [],
            "country": "FR",
            "categories": ["news"],
            "is_nsfw": False,
            "launched": None,
            "closed": None,
            "replaced_by": None,
            "website": None,
        }
        for channel in CHANNELS
    ],
    "feeds": [
        {
            "channel": channel,
            "id": "SD",
            "name": "SD",
            "alt_names": [],
            "is_main": True,
            "broadcast_area": ["c/FR"],
            "timezones": ["Europe/Paris"],
            "languages": ["fra"],
            "format": "576i",
        }
        for channel in CHANNELS
    ],
    "logos": [
        {
            "channel": channel,
            "feed": None,
            "in_use": True,
            "tags": [],
            "width": 100,
            "height": 100,
            "format": "PNG",
            "url": f"https://logos.example/{channel}.png",
        }
        for channel in CHANNELS
    ],
    "streams": [
        {
            "channel": channel,
            "feed": "SD",
            "title": channel,
            "url": f"https://streams.example/{channel}.m3u8",
            "quality": "576p",
            "label": None,
            "user_agent": None,
            "referrer": None,
        }
        for channel in CHANNELS
    ],
    "guides": [
        {
            "channel": channel,
            "feed": "SD",
            "site": "guides.example",
            "site_id": channel,
            "site_name": channel,
            "lang": "fr",
        }
        for channel in CHANNELS
    ],
    "blocklist": [{"channel": "Two.fr", "reason": "dmca", "ref": "https://ref/1"}],
}


def write_tiny_catalogue(directory: Path) -> Path:
    """Write every dataset as `<dataset>.json` in `directory`; return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, records in TINY_CATALOGUE.items():
        (directory / f"{name}.json").write_text(json.dumps(records), encoding="utf-8")
    return directory
