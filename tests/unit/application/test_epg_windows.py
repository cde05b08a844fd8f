"""Guide windows: defaults, bounds, offsets, and local days across clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tvnexa.application.epg import AskedWindow, WindowPolicy, day_window, find_zone
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.schedules import TimeWindow

NOW = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)
POLICY = WindowPolicy(timedelta(hours=24), timedelta(days=7))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_an_open_window_is_the_next_default_length_from_now():
    assert POLICY.resolve(AskedWindow(), NOW) == TimeWindow(
        NOW, NOW + timedelta(hours=24)
    )


def test_a_start_alone_lasts_the_default_length():
    window = POLICY.resolve(AskedWindow(start=utc("2026-04-01 06:00")), NOW)

    assert window == TimeWindow(utc("2026-04-01 06:00"), utc("2026-04-02 06:00"))


def test_an_end_alone_looks_back_the_default_length():
    window = POLICY.resolve(AskedWindow(end=utc("2026-04-01 06:00")), NOW)

    assert window == TimeWindow(utc("2026-03-31 06:00"), utc("2026-04-01 06:00"))


def test_offsets_are_converted_and_naive_times_are_utc():
    paris = timezone(timedelta(hours=2))
    asked = AskedWindow(
        start=datetime(2026, 3, 29, 12, 0, tzinfo=paris),
        end=datetime(2026, 3, 29, 13, 0),
    )

    window = POLICY.resolve(asked, NOW)

    assert window == TimeWindow(utc("2026-03-29 10:00"), utc("2026-03-29 13:00"))
    assert window.start.tzinfo is UTC


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        ("2026-03-29 10:00", "2026-03-29 10:00", "must be after startAt"),
        ("2026-03-29 10:00", "2026-03-29 09:00", "must be after startAt"),
        ("2026-03-01 10:00", "2026-03-08 10:01", "must be at most 168 hours after"),
    ],
)
def test_bad_windows_name_the_end(start, end, reason):
    asked = AskedWindow(utc(start), utc(end), "startAt", "endAt")

    with pytest.raises(InvalidQuery) as error:
        POLICY.resolve(asked, NOW)

    assert error.value.parameter == "endAt"
    assert reason in error.value.reason


def test_the_longest_window_is_allowed():
    asked = AskedWindow(utc("2026-03-01 10:00"), utc("2026-03-08 10:00"))

    assert POLICY.resolve(asked, NOW).end == utc("2026-03-08 10:00")


def test_a_window_past_the_calendar_is_refused_not_crashed():
    asked = AskedWindow(start=datetime(9999, 12, 31, 12, tzinfo=UTC), start_name="s")

    with pytest.raises(InvalidQuery) as error:
        POLICY.resolve(asked, NOW)

    assert error.value.parameter == "s"


def test_a_policy_needs_a_default_within_its_maximum():
    with pytest.raises(ValueError):
        WindowPolicy(timedelta(days=2), timedelta(days=1))


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Paris", date(2026, 3, 29), 23),
        ("Europe/Paris", date(2026, 10, 25), 25),
        ("Europe/Paris", date(2026, 6, 1), 24),
        ("Europe/London", date(2026, 3, 29), 23),
        ("America/New_York", date(2026, 11, 1), 25),
        ("Australia/Lord_Howe", date(2026, 4, 5), 24.5),
        ("Asia/Kolkata", date(2026, 3, 29), 24),
        ("UTC", date(2026, 3, 29), 24),
    ],
)
def test_a_local_day_lasts_as_long_as_the_clocks_say(zone, day, hours):
    window = day_window(day, find_zone(zone))

    assert window.end - window.start == timedelta(hours=hours)


def test_a_local_day_runs_from_midnight_to_midnight():
    window = day_window(date(2026, 3, 29), find_zone("Asia/Kolkata"))

    assert window == TimeWindow(utc("2026-03-28 18:30"), utc("2026-03-29 18:30"))


def test_a_midnight_the_clocks_skip_starts_the_day_at_its_first_instant():
    # Chile moves from 00:00 to 01:00 on 2026-09-06: that day begins at 01:00
    # local (04:00 UTC), just where the day before ends.
    santiago = find_zone("America/Santiago")

    before = day_window(date(2026, 9, 5), santiago)
    skipped = day_window(date(2026, 9, 6), santiago)

    assert skipped.start == before.end == utc("2026-09-06 04:00")
    assert skipped.end - skipped.start == timedelta(hours=23)


@pytest.mark.parametrize(
    "name",
    ["Mars/Base", "../etc/passwd", "/etc/localtime", "", "Europe/Paris ", "zone.tab"],
)
def test_find_zone_refuses_what_is_not_an_iana_zone(name):
    assert find_zone(name) is None


def test_find_zone_finds_iana_zones():
    assert str(find_zone("America/Argentina/Buenos_Aires")) == (
        "America/Argentina/Buenos_Aires"
    )
    assert find_zone("Etc/GMT+5") is not None
