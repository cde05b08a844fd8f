"""JSON of programmes, schedules, now/next and guide channel matches.

A programme keeps the old contract's names (`id, title, channel, category,
start, end, date`, with `category` and `date` strings, never null) and adds
richer ones. Times are ISO 8601 in UTC with a `Z`; `end` is null only when the
guide never said when a programme ends (a channel's last, without a length).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any

from tvnexa.application.epg import (
    ChannelNowNext,
    ChannelProgrammes,
    DaySchedule,
    ProgrammeView,
)
from tvnexa.domain.programmes import EpisodeNumber, Rating
from tvnexa.domain.schedules import ChannelMatch


def instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def local_instant(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="seconds")


def programme(view: ProgrammeView) -> dict[str, Any]:
    return {
        "id": view.id,
        "title": view.title,
        "channel": view.channel,
        "category": view.categories[0] if view.categories else "",
        "start": instant(view.start),
        "end": instant(view.end) if view.end is not None else None,
        "date": view.date or "",
        "feed": view.feed,
        "sub_title": view.sub_title,
        "description": view.description,
        "categories": list(view.categories),
        "episode": episode(view.episode) if view.episode is not None else None,
        "icon": view.icon,
        "rating": rating(view.rating) if view.rating is not None else None,
        "source": view.source,
    }


def local_programme(view: ProgrammeView, zone: tzinfo) -> dict[str, Any]:
    """A programme with its times also in a local zone, for one day's schedule."""
    end = view.end
    return {
        **programme(view),
        "local_start": local_instant(view.start, zone),
        "local_end": local_instant(end, zone) if end is not None else None,
    }


def episode(numbers: EpisodeNumber) -> dict[str, Any]:
    """Season, episode and part are zero-based, as XMLTV's xmltv_ns has them."""
    return {
        "season": numbers.season,
        "episode": numbers.episode,
        "part": numbers.part,
        "total_seasons": numbers.total_seasons,
        "total_episodes": numbers.total_episodes,
        "total_parts": numbers.total_parts,
        "onscreen": numbers.onscreen,
    }


def rating(value: Rating) -> dict[str, Any]:
    return {"system": value.system, "value": value.value, "icon": value.icon}


def channel_programmes(view: ChannelProgrammes) -> dict[str, Any]:
    return {
        "channel_id": view.channel_id,
        "name": view.name,
        "programmes": [programme(item) for item in view.programmes],
    }


def now_next(view: ChannelNowNext) -> dict[str, Any]:
    return {
        "channel_id": view.channel_id,
        "name": view.name,
        "now": programme(view.now) if view.now is not None else None,
        "next": programme(view.next) if view.next is not None else None,
    }


def day_schedule(view: DaySchedule) -> dict[str, Any]:
    zone = view.zone
    return {
        "channel_id": view.channel_id,
        "date": view.day.isoformat(),
        "timezone": view.timezone,
        "start": local_instant(view.start, zone),
        "end": local_instant(view.end, zone),
        "length_seconds": int((view.end - view.start).total_seconds()),
        "programmes": [local_programme(item, zone) for item in view.programmes],
    }


def match(item: ChannelMatch) -> dict[str, Any]:
    guide_channel = item.guide_channel
    return {
        "source": item.source,
        "guide_channel_id": guide_channel.id,
        "display_names": [name.text for name in guide_channel.display_names],
        "channel": item.channel,
        "feed": item.feed,
        "method": item.method.value if item.method is not None else None,
        "matched": item.matched,
    }
