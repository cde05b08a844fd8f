"""Time windows of guide reads: defaults, bounds, and a local day in a time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.schedules import TimeWindow

# IANA keys are ASCII words joined by slashes (America/Argentina/Buenos_Aires,
# Etc/GMT+5); anything else is refused before the zone files are looked at.
_ZONE_KEY = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*", re.ASCII)
_MAX_ZONE_KEY = 64


def find_zone(name: str) -> ZoneInfo | None:
    """The IANA time zone of that name, or None when there is none."""
    if len(name) > _MAX_ZONE_KEY or not _ZONE_KEY.fullmatch(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError also covers files of the zone folder that are not
        # zones (zone.tab): a client naming one gets "no such zone".
        return None


@dataclass(frozen=True, slots=True)
class AskedWindow:
    """The window a request asked for; None where it asked nothing.

    The names are the request's parameters, so an error can name the one at
    fault (the old routes call them `startAt` and `endAt`).
    """

    start: datetime | None = None
    end: datetime | None = None
    start_name: str = "start"
    end_name: str = "end"


@dataclass(frozen=True, slots=True)
class WindowPolicy:
    """How long a window is when the request leaves it open, and at most.

    Without a start the window starts `default_length` before its end, or
    now when there is no end either; without an end it lasts
    `default_length`. The maximum bounds what one request can make the
    store read.
    """

    default_length: timedelta = timedelta(hours=24)
    max_length: timedelta = timedelta(days=7)

    def __post_init__(self) -> None:
        if not timedelta(0) < self.default_length <= self.max_length:
            raise ValueError("a window policy needs 0 < default_length <= max_length")

    def resolve(self, asked: AskedWindow, now: datetime) -> TimeWindow:
        try:
            start, end = self._bounds(asked, now)
        except OverflowError as exc:
            name = asked.start_name if asked.start is not None else asked.end_name
            raise InvalidQuery(name, "is too far from today") from exc
        if end <= start:
            raise InvalidQuery(asked.end_name, f"must be after {asked.start_name}")
        if end - start > self.max_length:
            hours = int(self.max_length.total_seconds() // 3600)
            raise InvalidQuery(
                asked.end_name,
                f"must be at most {hours} hours after {asked.start_name}",
            )
        return TimeWindow(start, end)

    def _bounds(self, asked: AskedWindow, now: datetime) -> tuple[datetime, datetime]:
        start = _utc(asked.start)
        end = _utc(asked.end)
        if start is None and end is None:
            start = now.astimezone(UTC)
        if start is None:
            assert end is not None
            return end - self.default_length, end
        return start, end if end is not None else start + self.default_length


def day_window(day: date, zone: tzinfo) -> TimeWindow:
    """The instants of one local day of `zone`, from its midnight to the next.

    A midnight that the clocks skip (zones that change at 00:00) is read
    before the change, which lands on the first instant the day has.
    """
    start = datetime.combine(day, time(), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    return TimeWindow(start.astimezone(UTC), end.astimezone(UTC))


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        # A time without a zone is UTC, never the server's own zone.
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
