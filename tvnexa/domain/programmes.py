"""Guide entities (channels and programmes as XMLTV gives them) and schedule rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import TypeVar

Pairs = tuple[tuple[str, str], ...]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LangText:
    """A text and the language it is in, as the guide tagged it (`lang` is raw)."""

    text: str
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class EpisodeNumber:
    """Every episode number a programme carries, whatever the numbering system.

    `season`, `episode` and `part` come from the `xmltv_ns` system and are
    zero-based, as that system is (season 1 episode 1 is 0 and 0); the totals
    are counts, as written after a slash. `onscreen` is the text shown on
    screen (`S01E10`). `other` keeps every other system's (system, text), and
    an `xmltv_ns` text that could not be read.
    """

    season: int | None = None
    episode: int | None = None
    part: int | None = None
    total_seasons: int | None = None
    total_episodes: int | None = None
    total_parts: int | None = None
    onscreen: str | None = None
    other: Pairs = ()

    @property
    def is_empty(self) -> bool:
        return self == _NO_EPISODE_NUMBER


_NO_EPISODE_NUMBER = EpisodeNumber()
_XMLTV_NS_PART = re.compile(r"(\d+)?(?:/(\d+))?", re.ASCII)


@lru_cache(maxsize=4096)
def read_xmltv_ns(text: str) -> EpisodeNumber:
    """Read `season.episode.part`, each optionally `/total`, spaces anywhere.

    A total of 0, or one not above its index (`.25/0.`, `18.50/30.`), says
    nothing true about the count; it is dropped and the index kept, since
    the index is what players show. Raises ValueError when the text is not
    three dot-separated parts or a part is not `N`, `N/M`, `/M` or empty.
    """
    parts = re.sub(r"\s+", "", text).split(".")
    if len(parts) != 3:
        raise ValueError(f"xmltv_ns {text!r} does not have three parts")
    numbers: list[int | None] = []
    for part in parts:
        match = _XMLTV_NS_PART.fullmatch(part)
        if match is None:
            raise ValueError(f"xmltv_ns {text!r}: {part!r} is not N or N/M")
        index, total = (None if g is None else int(g) for g in match.groups())
        if total is not None and (total == 0 or (index is not None and index >= total)):
            total = None
        numbers += [index, total]
    return EpisodeNumber(
        season=numbers[0],
        total_seasons=numbers[1],
        episode=numbers[2],
        total_episodes=numbers[3],
        part=numbers[4],
        total_parts=numbers[5],
    )


@dataclass(frozen=True, slots=True)
class Credit:
    """One person in the credits: `role` is the element (director, actor...).

    `extra` keeps the rest as (name, value): an actor's `role` and `guest`
    attributes, and the text of `image` and `url` children.
    """

    role: str
    name: str
    extra: Pairs = ()


@dataclass(frozen=True, slots=True)
class Rating:
    system: str | None
    value: str
    icon: str | None = None


@dataclass(frozen=True, slots=True)
class StarRating:
    """A score such as `3/5`, kept as written (spaces removed)."""

    value: str
    system: str | None = None

    @property
    def fraction(self) -> tuple[float, float] | None:
        """(stars, out of) when the value reads as `N/M` with M above zero."""
        stars, slash, out_of = self.value.partition("/")
        try:
            pair = (float(stars), float(out_of))
        except ValueError:
            return None
        return pair if slash and pair[1] > 0 else None


@dataclass(frozen=True, slots=True)
class PreviouslyShown:
    """A repeat: when and where it was shown before, raw, when the guide says."""

    start: str | None = None
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class GuideChannel:
    """A channel as a guide declares it; `extra` is the raw XML of the rest."""

    id: str
    display_names: tuple[LangText, ...] = ()
    icons: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    extra: str = ""

    def merged_with(self, other: GuideChannel) -> GuideChannel:
        """This declaration with what a second one of the same id adds, in order.

        Guides merged from several sources declare one id twice with other
        names (`CCTV5+`, `CCTV5plus`); every name helps matching.
        """
        return GuideChannel(
            id=self.id,
            display_names=_union(self.display_names, other.display_names),
            icons=_union(self.icons, other.icons),
            urls=_union(self.urls, other.urls),
            extra=self.extra if other.extra in self.extra else self.extra + other.extra,
        )


@dataclass(frozen=True, slots=True)
class Programme:
    """One programme on one guide channel.

    `channel_ref` is the XMLTV channel id. `start` and `stop` are aware UTC
    datetimes; `stop` is None when the guide gave none, until
    `resolve_missing_stops` sets it. `extra` is the raw XML of the children
    not modelled here (keyword, video, audio, url, image...), and
    `extra_attributes` the programme's other attributes (clumpidx, pdc-start).
    """

    channel_ref: str
    start: datetime
    stop: datetime | None
    titles: tuple[LangText, ...] = ()
    sub_titles: tuple[LangText, ...] = ()
    descs: tuple[LangText, ...] = ()
    categories: tuple[LangText, ...] = ()
    episode_numbers: EpisodeNumber = _NO_EPISODE_NUMBER
    icons: tuple[str, ...] = ()
    ratings: tuple[Rating, ...] = ()
    star_ratings: tuple[StarRating, ...] = ()
    date: str | None = None
    previously_shown: PreviouslyShown | None = None
    is_new: bool = False
    premiere: LangText | None = None
    credits: tuple[Credit, ...] = ()
    length_seconds: int | None = None
    extra: str = ""
    extra_attributes: Pairs = ()


def intervals_overlap(
    a_start: datetime,
    a_stop: datetime | None,
    b_start: datetime,
    b_stop: datetime | None,
) -> bool:
    """Whether two programmes share an instant, as XMLTV's half-open intervals.

    11:00-12:00 and 12:00-13:00 do not overlap; a zero-length programme
    overlaps one it falls strictly inside, not one that starts with it. A
    missing stop runs to the next start, so it overlaps only a programme
    with the same start.
    """
    if a_stop is None or b_stop is None:
        known = b_stop if a_stop is None else a_stop
        unknown_start = a_start if a_stop is None else b_start
        known_start = b_start if a_stop is None else a_start
        if unknown_start == known_start:
            return known is None or known > known_start
        return known is not None and known_start < unknown_start < known
    return a_start < b_stop and b_start < a_stop


def resolve_missing_stops(programmes: Iterable[Programme]) -> list[Programme]:
    """Give each programme without a stop the moment the next one takes over.

    Takes the programmes of one channel, in any order; returns them sorted by
    start (then by stop, unknown last). As XMLTV's `tv_sort` does, the stop
    is the earliest of: the next later start on the channel, and the first
    known end among programmes sharing its start (a clump ends when its first
    member does). The last programme keeps no stop, since nothing in the
    guide says when it ends. Raises ValueError for several channels.
    """
    ordered = sorted(programmes, key=_start_then_stop)
    if len({p.channel_ref for p in ordered}) > 1:
        raise ValueError("resolve_missing_stops takes the programmes of one channel")
    clump_ends: dict[datetime, datetime] = {}
    for programme in ordered:
        if programme.stop is not None and programme.stop > programme.start:
            clump_ends.setdefault(programme.start, programme.stop)

    resolved: list[Programme] = []
    next_start: datetime | None = None
    for index in range(len(ordered) - 1, -1, -1):
        programme = ordered[index]
        if index + 1 < len(ordered) and ordered[index + 1].start > programme.start:
            next_start = ordered[index + 1].start
        if programme.stop is None:
            ends = [e for e in (next_start, clump_ends.get(programme.start)) if e]
            if ends:
                programme = replace(programme, stop=min(ends))
        resolved.append(programme)
    resolved.reverse()
    return resolved


def overlapping_pairs(
    programmes: Iterable[Programme],
) -> list[tuple[Programme, Programme]]:
    """Every pair of programmes of one channel that share an instant.

    The pairs come in start order, earlier programme first.
    """
    ordered = sorted(programmes, key=_start_then_stop)
    pairs: list[tuple[Programme, Programme]] = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            # Sorted by start: once a later start is past the first's end (or
            # past its start, when its end is unknown), nothing after overlaps.
            if second.start > first.start and (
                first.stop is None or second.start >= first.stop
            ):
                break
            if intervals_overlap(first.start, first.stop, second.start, second.stop):
                pairs.append((first, second))
    return pairs


def _start_then_stop(programme: Programme) -> tuple[datetime, bool, datetime]:
    stop = programme.stop
    return (
        programme.start,
        stop is None,
        stop if stop is not None else programme.start,
    )


def _union(first: tuple[T, ...], second: tuple[T, ...]) -> tuple[T, ...]:
    return first + tuple(item for item in second if item not in first)
