"""Stored schedules: guide sources, channel matches, programmes in time windows."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import accumulate, groupby

from tvnexa.domain.programmes import GuideChannel, Programme


class MatchMethod(StrEnum):
    """How a guide channel was tied to a catalogue channel, strongest first."""

    ID_MAP = "id_map"
    EXACT = "exact"
    CHANNEL_FEED = "channel_feed"
    GUIDES_JSON = "guides_json"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class GuideSourceSettings:
    """One configured guide source.

    Exactly one of `location` (an http(s) URL or a file path) and `command`
    (argv of a program that writes XMLTV) is set. A higher `priority` wins
    where sources overlap. `id_map` maps guide channel ids to catalogue
    `Channel.cc` or `Channel.cc@Feed` ids before any other matching; `site` is
    the guides.json site this source's channel ids come from, if any.
    `correction_seconds` is added to every time of the guide.
    """

    name: str
    location: str | None = None
    command: tuple[str, ...] = ()
    priority: int = 0
    id_map: Mapping[str, str] = field(default_factory=dict)
    site: str | None = None
    correction_seconds: int = 0
    timeout_seconds: float = 600.0


@dataclass(frozen=True, slots=True)
class ChannelMatch:
    """A guide channel of one source and the catalogue channel it is, if any."""

    source: str
    guide_channel: GuideChannel
    channel: str | None = None
    feed: str | None = None
    method: MatchMethod | None = None

    @property
    def matched(self) -> bool:
        return self.channel is not None


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A half-open interval of time [start, end), aware UTC datetimes."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a window ends after it starts")

    def overlaps(self, start: datetime, stop: datetime | None) -> bool:
        """Whether a programme [start, stop) shares an instant with the window;
        a programme without a stop counts as an instant at its start."""
        end = stop if stop is not None and stop > start else None
        if end is None:
            return self.start <= start < self.end
        return start < self.end and self.start < end


@dataclass(frozen=True, slots=True)
class ScheduledProgramme:
    """A stored programme: which source gave it, and which channel it is on."""

    id: int
    source: str
    priority: int
    guide_channel: str
    channel: str | None
    feed: str | None
    programme: Programme

    @property
    def start(self) -> datetime:
        return self.programme.start

    @property
    def stop(self) -> datetime | None:
        return self.programme.stop

    @property
    def title(self) -> str:
        titles = self.programme.titles
        return titles[0].text if titles else ""


@dataclass(frozen=True, slots=True)
class ReplaceCounts:
    """What storing one guide did.

    `replaced` counts stored programmes of the source removed because the new
    guide covers their time on their channel; `stops_filled` programmes got
    the next programme's start as their stop; `duplicates` repeated another
    programme of the same channel and start and were dropped.
    """

    inserted: int = 0
    replaced: int = 0
    stops_filled: int = 0
    duplicates: int = 0
    channels: int = 0


@dataclass(frozen=True, slots=True)
class NowNext:
    channel: str
    now: ScheduledProgramme | None
    next: ScheduledProgramme | None


def resolve_priorities(
    candidates: list[ScheduledProgramme],
) -> list[ScheduledProgramme]:
    """The programmes of ONE channel that win where sources overlap in time.

    Higher priority first (then source name, then start, for determinism), a
    programme is kept unless it overlaps one already kept; the result is in
    start order. Programmes of one source never displace each other here.
    """
    ranked = sorted(candidates, key=lambda p: (-p.priority, p.source, p.start, p.id))
    kept: list[ScheduledProgramme] = []
    # Nothing kept within a run of one priority and source can displace the
    # rest of that run, so each run is checked against what the other sources
    # kept before it, indexed once: n log n checks rather than n squared.
    for (_, source), run in groupby(ranked, key=lambda p: (p.priority, p.source)):
        taken = _Occupied([other for other in kept if other.source != source])
        kept.extend([candidate for candidate in run if not taken.overlaps(candidate)])
    return sorted(kept, key=lambda p: (p.start, p.id))


class _Occupied:
    """Programmes that candidates are tested against for overlap.

    Two programmes overlap when they share an instant as intervals [start,
    stop); an instant (no stop, or a stop at its start) overlaps only what
    starts with it.
    """

    def __init__(self, programmes: list[ScheduledProgramme]) -> None:
        self.starts = {p.start for p in programmes}
        self.instant_starts = {p.start for p in programmes if _span(p) is None}
        spans = sorted(span for p in programmes if (span := _span(p)) is not None)
        self.span_starts = [start for start, _ in spans]
        # The latest stop among the spans up to each one, in start order.
        self.latest_stops = list(accumulate((stop for _, stop in spans), max))

    def overlaps(self, candidate: ScheduledProgramme) -> bool:
        span = _span(candidate)
        if span is None:
            return candidate.start in self.starts
        if candidate.start in self.instant_starts:
            return True
        start, stop = span
        starting_before_stop = bisect_left(self.span_starts, stop)
        return (
            starting_before_stop > 0
            and self.latest_stops[starting_before_stop - 1] > start
        )


def _span(programme: ScheduledProgramme) -> tuple[datetime, datetime] | None:
    """(start, stop) of a programme that is no instant; None for an instant."""
    stop = programme.stop
    if stop is None or stop == programme.start:
        return None
    return programme.start, stop


def now_and_next(
    channel: str, resolved: list[ScheduledProgramme], at: datetime
) -> NowNext:
    """What is on `channel` at `at`, and what follows, from resolved programmes."""
    current = None
    for programme in resolved:
        if programme.start <= at and (programme.stop or programme.start) > at:
            current = programme
    after = current.stop if current is not None and current.stop else at
    upcoming = [p for p in resolved if p.start >= after and p is not current]
    return NowNext(channel, current, upcoming[0] if upcoming else None)
