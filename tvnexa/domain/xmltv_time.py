"""XMLTV times: read them into aware UTC datetimes, write them back, correct them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from tvnexa.domain.guide_errors import XmltvTimeError

# The DTD allows 'YYYYMMDDhhmmss' or any initial substring that stops at a
# field boundary: 4, 6, 8, 10, 12 or 14 digits.
_FIELD_WIDTHS = {4, 6, 8, 10, 12, 14}

_SHAPE = re.compile(r"\s*(\d+)\s*(.*?)\s*", re.ASCII | re.DOTALL)
_NUMERIC_ZONES = (
    re.compile(r"([+-])(\d\d)(\d\d)", re.ASCII),
    re.compile(r"([+-])(\d\d?):(\d\d)", re.ASCII),
    re.compile(r"([+-])(\d\d?)()", re.ASCII),
)
_DIGITS_ZONE = re.compile(r"[+-](\d+)", re.ASCII)
_NAMED_WITH_OFFSET = re.compile(r"(?:UTC|GMT|UT)\s*([+-].*)", re.IGNORECASE)

# Names that mean one offset everywhere. BST is in the list because the DTD
# itself defines it ('BST == +0100'); every other abbreviation (IST, CST,
# EST...) means different offsets in different countries, so it is refused.
_NAMED_ZONES = {"Z": 0, "UTC": 0, "GMT": 0, "UT": 0, "BST": 3600}

# The widest offsets in use are -12:00 and +14:00 (Kiribati); anything beyond
# is a typo, and reading it would move the programme by a day or more.
MAX_OFFSET_SECONDS = 14 * 3600

# A configured correction fixes sources whose clock or zone is off; more
# than a day is not a correction but a different schedule.
MAX_CORRECTION_SECONDS = 24 * 3600


def parse_xmltv_time(text: str) -> datetime:
    """Read an XMLTV time into an aware datetime in UTC.

    Decisions, each so that a time is read exactly or refused, never shifted:

    - The date is `YYYYMMDDhhmmss` or a prefix the DTD allows (YYYY, YYYYMM,
      YYYYMMDD, YYYYMMDDhh, YYYYMMDDhhmm); missing fields are their minimum.
      Other digit counts, fractions and invalid dates (Feb 30, 24:00) are
      refused.
    - No zone means UTC, as the DTD says, whatever the server's own zone.
    - `±hhmm` is exact, including offsets that are not whole hours (+0530,
      +0545, -0330, +1245). Spaces around it, or none before it, are ignored.
    - Unambiguous misspellings are read: `±hh:mm`, `±h:mm`, `±hh`, `±h`, the
      names Z, UTC, GMT, UT (zero), BST (+0100, as the DTD defines it), and
      `UTC±offset` / `GMT±offset`.
    - Refused with the reason: three or five-plus offset digits (`+530` could
      be 5:30 or a lost digit), minutes of 60 or more, offsets beyond ±14:00,
      any other zone name (IST, CST and most abbreviations mean several
      offsets), and anything that is not digits then a zone.
    """
    return _parse_cached(text)


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> datetime:
    # Guides repeat times (one programme's stop is the next one's start), so
    # a small cache halves the work; errors are not cached and raise again.
    shape = _SHAPE.fullmatch(text)
    if shape is None:
        raise XmltvTimeError(text, "not an XMLTV time (YYYYMMDDhhmmss ±hhmm)")
    digits, zone = shape.groups()
    local = _local_time(text, digits)
    offset = _offset_seconds(text, zone)
    try:
        return (local - timedelta(seconds=offset)).replace(tzinfo=UTC)
    except OverflowError as exc:
        raise XmltvTimeError(text, "the time is out of range") from exc


def _local_time(text: str, digits: str) -> datetime:
    if len(digits) not in _FIELD_WIDTHS:
        raise XmltvTimeError(
            text, f"{len(digits)} date digits; expected 4, 6, 8, 10, 12 or 14"
        )
    padded = digits + "01010000000000"[len(digits) - 4 :]
    try:
        return datetime(
            int(padded[0:4]),
            int(padded[4:6]),
            int(padded[6:8]),
            int(padded[8:10]),
            int(padded[10:12]),
            int(padded[12:14]),
        )
    except ValueError as exc:
        raise XmltvTimeError(text, f"invalid date or time: {exc}") from exc


def _offset_seconds(text: str, zone: str) -> int:
    if not zone:
        return 0
    named = _NAMED_ZONES.get(zone.upper())
    if named is not None:
        return named
    with_offset = _NAMED_WITH_OFFSET.fullmatch(zone)
    if with_offset is not None:
        zone = with_offset.group(1).strip()
    for pattern in _NUMERIC_ZONES:
        numeric = pattern.fullmatch(zone)
        if numeric is not None:
            break
    else:
        digits = _DIGITS_ZONE.fullmatch(zone)
        if digits is not None:
            raise XmltvTimeError(
                text, f"offset {zone!r} has {len(digits.group(1))} digits; ambiguous"
            )
        raise XmltvTimeError(text, f"unknown or ambiguous zone {zone!r}")
    sign, hours, minutes = numeric.groups()
    if minutes and int(minutes) >= 60:
        raise XmltvTimeError(text, f"offset {zone!r} has {minutes} minutes")
    seconds = int(hours) * 3600 + int(minutes or 0) * 60
    if seconds > MAX_OFFSET_SECONDS:
        raise XmltvTimeError(text, f"offset {zone!r} is beyond ±14:00")
    return -seconds if sign == "-" else seconds


def format_xmltv_time(moment: datetime) -> str:
    """Write an aware datetime as an XMLTV time in UTC: `YYYYMMDDhhmmss +0000`."""
    if moment.tzinfo is None:
        raise ValueError("an XMLTV time needs an aware datetime")
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S +0000")


def apply_correction(moment: datetime, seconds: int) -> datetime:
    """Move a time by a source's configured correction, in seconds.

    A correction is for a source known to be off by a fixed amount (a guide
    that writes local times with a `+0000` offset, say); it moves every start
    and stop of that source alike, and the run records it. Corrections beyond
    ±24 hours are refused: they would describe another day, not fix a clock.
    """
    if moment.tzinfo is None:
        raise ValueError("a correction applies to an aware datetime")
    if check_correction(seconds) == 0:
        return moment
    return moment.astimezone(UTC) + timedelta(seconds=seconds)


def check_correction(seconds: int) -> int:
    """`seconds` when it is a correction `apply_correction` accepts; else raise."""
    if abs(seconds) > MAX_CORRECTION_SECONDS:
        raise XmltvTimeError(f"{seconds} s", "a correction is at most ±24 hours")
    return seconds
