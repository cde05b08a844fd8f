"""Conversion between programmes or guide channels and the JSON their rows hold.

A programme row keeps its guide channel, start and stop in columns and every
other field in `data`, so the stop the commit fills in SQL is never stale in
the JSON. Empty fields are left out of the JSON; reading puts their defaults
back, so a programme reads back equal to the one stored.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from tvnexa.adapters.persistence.codecs import SEARCH_SEPARATOR, fold
from tvnexa.domain.programmes import (
    Credit,
    EpisodeNumber,
    GuideChannel,
    LangText,
    Pairs,
    PreviouslyShown,
    Programme,
    Rating,
    StarRating,
)

_EPISODE_FIELDS = (
    "season",
    "episode",
    "part",
    "total_seasons",
    "total_episodes",
    "total_parts",
    "onscreen",
)
_TEXTS = ("titles", "sub_titles", "descs", "categories")


# One encoder for every row: json.dumps with options builds a new one per call.
# What it encodes is built here from plain values, so it has no cycles to check.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, check_circular=False, separators=(",", ":")
)


def compact_json(value: Any) -> str:
    """`value` (plain lists, dicts, strings, numbers) as compact JSON."""
    return _ENCODER.encode(value)


@lru_cache(maxsize=16_384)
def utc_text(moment: datetime) -> str:
    """The text `fields.encode_utc` writes (naive means UTC), made faster.

    isoformat is several times quicker than strftime, and two of these are
    written per programme; guides keep to a grid, so most times come again
    (one programme's stop is the next one's start) and are remembered.
    """
    if moment.tzinfo is not None and moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    # The first 26 characters leave out the "+00:00" of an aware UTC time.
    return moment.isoformat(sep=" ", timespec="microseconds")[:26]


def _texts(items: tuple[LangText, ...]) -> list[list[str | None]]:
    return [
        [item.text] if item.lang is None else [item.text, item.lang] for item in items
    ]


def _read_texts(items: list[list[str]]) -> tuple[LangText, ...]:
    return tuple(LangText(*item) for item in items)


def _read_pairs(items: list[list[str]]) -> Pairs:
    return tuple((first, second) for first, second in items)


def staged_row(programme: Programme) -> tuple[str, str, str | None, str, str, str]:
    """The programme's staging columns: guide channel, start, stop, title,
    search text, and the rest as JSON (`programme_data`)."""
    stop = programme.stop
    return (
        programme.channel_ref,
        utc_text(programme.start),
        None if stop is None else utc_text(stop),
        first_title(programme),
        search_text(programme),
        programme_data(programme),
    )


def staged_row_json(programme: Programme) -> str:
    """The same columns as one JSON array, the rest of the programme as an
    object in it: one encoding per programme, and a batch is these joined."""
    stop = programme.stop
    return compact_json(
        [
            programme.channel_ref,
            utc_text(programme.start),
            None if stop is None else utc_text(stop),
            first_title(programme),
            search_text(programme),
            programme_fields(programme),
        ]
    )


def programme_data(programme: Programme) -> str:
    """Every field but `channel_ref`, `start` and `stop`, as compact JSON."""
    return compact_json(programme_fields(programme))


def programme_fields(programme: Programme) -> dict[str, Any]:
    """What `programme_data` encodes, as plain values.

    Written out field by field: it runs once for every programme stored.
    """
    data: dict[str, Any] = {}
    if programme.titles:
        data["titles"] = _texts(programme.titles)
    if programme.sub_titles:
        data["sub_titles"] = _texts(programme.sub_titles)
    if programme.descs:
        data["descs"] = _texts(programme.descs)
    if programme.categories:
        data["categories"] = _texts(programme.categories)
    if not programme.episode_numbers.is_empty:
        data["episode_numbers"] = _episode_data(programme.episode_numbers)
    if programme.icons:
        data["icons"] = list(programme.icons)
    if programme.ratings:
        data["ratings"] = [[r.system, r.value, r.icon] for r in programme.ratings]
    if programme.star_ratings:
        data["star_ratings"] = [[s.value, s.system] for s in programme.star_ratings]
    if programme.date is not None:
        data["date"] = programme.date
    shown = programme.previously_shown
    if shown is not None:
        data["previously_shown"] = [shown.start, shown.channel]
    if programme.is_new:
        data["is_new"] = True
    if programme.premiere is not None:
        data["premiere"] = _texts((programme.premiere,))[0]
    if programme.credits:
        data["credits"] = [
            [credit.role, credit.name, [list(pair) for pair in credit.extra]]
            for credit in programme.credits
        ]
    if programme.length_seconds is not None:
        data["length_seconds"] = programme.length_seconds
    if programme.extra:
        data["extra"] = programme.extra
    if programme.extra_attributes:
        data["extra_attributes"] = [list(pair) for pair in programme.extra_attributes]
    return data


def _episode_data(number: EpisodeNumber) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: getattr(number, name)
        for name in _EPISODE_FIELDS
        if getattr(number, name) is not None
    }
    if number.other:
        data["other"] = [list(pair) for pair in number.other]
    return data


def programme_from(
    channel_ref: str, start: datetime, stop: datetime | None, data: str
) -> Programme:
    """The programme a row holds, from its columns and its `data` JSON."""
    fields: dict[str, Any] = json.loads(data)
    for name in _TEXTS:
        if name in fields:
            fields[name] = _read_texts(fields[name])
    if "episode_numbers" in fields:
        number = fields["episode_numbers"]
        number["other"] = _read_pairs(number.get("other", ()))
        fields["episode_numbers"] = EpisodeNumber(**number)
    if "icons" in fields:
        fields["icons"] = tuple(fields["icons"])
    if "ratings" in fields:
        fields["ratings"] = tuple(Rating(*item) for item in fields["ratings"])
    if "star_ratings" in fields:
        fields["star_ratings"] = tuple(
            StarRating(*item) for item in fields["star_ratings"]
        )
    if "previously_shown" in fields:
        fields["previously_shown"] = PreviouslyShown(*fields["previously_shown"])
    if "premiere" in fields:
        fields["premiere"] = LangText(*fields["premiere"])
    if "credits" in fields:
        fields["credits"] = tuple(
            Credit(role, name, _read_pairs(extra))
            for role, name, extra in fields["credits"]
        )
    if "extra_attributes" in fields:
        fields["extra_attributes"] = _read_pairs(fields["extra_attributes"])
    return Programme(channel_ref, start, stop, **fields)


def search_text(programme: Programme) -> str:
    """The folded titles and descriptions, each after a separator.

    Nobody types the separator, so a term never matches across two texts;
    and an empty text still leaves its separator, so the empty term matches
    exactly the programmes that have a title or a description.
    """
    return "".join(
        SEARCH_SEPARATOR + fold(item.text)
        for item in (*programme.titles, *programme.descs)
    )


def first_title(programme: Programme) -> str:
    return programme.titles[0].text if programme.titles else ""


def guide_channel_data(channel: GuideChannel) -> str:
    """Every field of a guide channel but its id, as compact JSON."""
    data: dict[str, Any] = {}
    if channel.display_names:
        data["display_names"] = _texts(channel.display_names)
    if channel.icons:
        data["icons"] = list(channel.icons)
    if channel.urls:
        data["urls"] = list(channel.urls)
    if channel.extra:
        data["extra"] = channel.extra
    return compact_json(data)


def guide_channel_from(channel_id: str, data: str) -> GuideChannel:
    fields: dict[str, Any] = json.loads(data)
    return GuideChannel(
        id=channel_id,
        display_names=_read_texts(fields.get("display_names", [])),
        icons=tuple(fields.get("icons", ())),
        urls=tuple(fields.get("urls", ())),
        extra=fields.get("extra", ""),
    )
