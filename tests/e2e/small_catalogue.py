"""A small but complete catalogue (all 13 datasets) written as iptv-org JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHANNEL_COUNT = 40


def small_catalogue() -> dict[str, list[dict[str, Any]]]:
    channels = [
        {
            "id": f"Channel{i}.fr",
            "name": f"Channel {i}",
            "alt_names": [],
            "network": None,
            "owners": [],
            "country": "FR",
            "categories": ["news"] if i % 2 else ["kids"],
            "is_nsfw": False,
            "launched": None,
            "closed": None,
            "replaced_by": None,
            "website": None,
        }
        for i in range(CHANNEL_COUNT)
    ]
    feeds = [
        {
            "channel": channel["id"],
            "id": "SD",
            "name": "SD",
            "alt_names": [],
            "is_main": True,
            "broadcast_area": ["c/FR"],
            "timezones": ["Europe/Paris"],
            "languages": ["fra"],
            "format": "576i",
        }
        for channel in channels
    ]
    return {
        "categories": [
            {"id": "news", "name": "News", "description": None},
            {"id": "kids", "name": "Kids", "description": None},
        ],
        "languages": [{"code": "fra", "name": "French"}],
        "timezones": [
            {"id": "Europe/Paris", "utc_offset": "+01:00", "countries": ["FR"]}
        ],
        "countries": [
            {"name": "France", "code": "FR", "languages": ["fra"], "flag": "🇫🇷"}
        ],
        "subdivisions": [
            {"country": "FR", "code": "FR-IDF", "name": "Île-de-France", "parent": None}
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
        "channels": channels,
        "feeds": feeds,
        "logos": [
            {
                "channel": channel["id"],
                "feed": None,
                "in_use": True,
                "tags": [],
                "width": 100,
                "height": 100,
                "format": "PNG",
                "url": f"https://logos.example/{channel['id']}.png",
            }
            for channel in channels
        ],
        "streams": [
            {
                "channel": channel["id"],
                "feed": "SD",
                "title": channel["name"],
                "url": f"https://streams.example/{channel['id']}.m3u8",
                "quality": "576p",
                "label": None,
                "user_agent": None,
                "referrer": None,
            }
            for channel in channels
        ],
        "guides": [
            {
                "channel": channel["id"],
                "feed": "SD",
                "site": "guides.example",
                "site_id": str(index),
                "site_name": channel["name"],
                "lang": "fr",
            }
            for index, channel in enumerate(channels)
        ],
        "blocklist": [
            {"channel": "Channel0.fr", "reason": "dmca", "ref": "https://ref/0"}
        ],
    }


def write_catalogue(
    directory: Path, catalogue: dict[str, list[dict[str, Any]]]
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, records in catalogue.items():
        text = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
        (directory / f"{name}.json").write_text(text, encoding="utf-8")
    return directory
