"""Cron schedules: parsing, and the most recent fire time at or before a moment."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from tvnexa.domain.datasets import Dataset
from tvnexa.entrypoints.configuration import load_settings
from tvnexa.entrypoints.worker.cron import (
    CronSchedule,
    InvalidSchedule,
    parse_schedules,
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("expression", "moment", "latest"),
    [
        ("0 3 * * *", "2026-05-10 12:34:56", "2026-05-10 03:00"),
        ("0 3 * * *", "2026-05-10 02:59:59", "2026-05-09 03:00"),
        ("0 3 * * *", "2026-05-10 03:00:00", "2026-05-10 03:00"),
        ("20 */2 * * *", "2026-05-10 12:19:00", "2026-05-10 10:20"),
        ("20 */2 * * *", "2026-05-10 12:20:30", "2026-05-10 12:20"),
        ("20 */2 * * *", "2026-05-10 00:05:00", "2026-05-09 22:20"),
        ("*/15 * * * *", "2026-05-10 12:44:59", "2026-05-10 12:30"),
        ("5,50 9-17 * * *", "2026-05-10 18:00:00", "2026-05-10 17:50"),
        ("0 0 1 * *", "2026-03-01 00:00:00", "2026-03-01 00:00"),
        ("0 0 1 * *", "2026-02-28 23:59:00", "2026-02-01 00:00"),
        ("30 6 * * 1", "2026-05-10 12:00:00", "2026-05-04 06:30"),  # a Sunday
        ("30 6 * * 0", "2026-05-10 12:00:00", "2026-05-10 06:30"),
        ("30 6 * * 7", "2026-05-10 12:00:00", "2026-05-10 06:30"),
        ("0 12 31 * *", "2026-05-10 12:00:00", "2026-03-31 12:00"),
        ("0 0 29 2 *", "2026-05-10 12:00:00", "2024-02-29 00:00"),
        ("59 23 31 12 *", "2026-01-01 00:00:00", "2025-12-31 23:59"),
    ],
)
def test_the_latest_fire_time_at_or_before_a_moment(
    expression: str, moment: str, latest: str
) -> None:
    schedule = CronSchedule.parse(expression)

    assert schedule.latest_at_or_before(at(moment)) == at(latest)


def test_a_moment_in_another_zone_is_read_in_utc() -> None:
    schedule = CronSchedule.parse("0 3 * * *")
    paris_summer = datetime.fromisoformat("2026-05-10T04:30:00+02:00")

    assert schedule.latest_at_or_before(paris_summer) == at("2026-05-09 03:00")


@pytest.mark.parametrize(
    "expression",
    ["0 3 * * *", "20 */2 * * *", "*/7 1-5 * * *", "0 0 * * 2,4", "15 10 1-7 * 1"],
)
def test_the_latest_fire_time_is_the_last_minute_huey_fires_in(
    expression: str,
) -> None:
    schedule = CronSchedule.parse(expression)
    randomness = random.Random(expression)

    for _ in range(6):
        moment = at("2026-01-01 00:00") + timedelta(
            minutes=randomness.randrange(365 * 24 * 60)
        )
        walked = moment
        while not schedule.matches(walked.replace(tzinfo=None)):
            walked -= timedelta(minutes=1)

        assert schedule.latest_at_or_before(moment) == walked, moment


@pytest.mark.parametrize(
    "expression",
    [
        "0 3 * *",
        "0 3 * * * *",
        "61 * * * *",
        "0 24 * * *",
        "x * * * *",
        "0 0 * * MON",
        "0 0 31 2 *",
        "",
    ],
)
def test_an_expression_that_is_malformed_or_never_fires_is_refused(
    expression: str,
) -> None:
    with pytest.raises(InvalidSchedule):
        CronSchedule.parse(expression)


def test_every_dataset_has_a_default_schedule_that_parses() -> None:
    schedules = parse_schedules(load_settings(environ={})["schedule"])

    assert set(schedules) == set(Dataset)


def test_a_null_schedule_leaves_the_dataset_unscheduled() -> None:
    schedules = parse_schedules({"categories": "0 3 * * *", "streams": None})

    assert list(schedules) == [Dataset.CATEGORIES]


def test_a_schedule_for_an_unknown_dataset_is_refused() -> None:
    with pytest.raises(InvalidSchedule, match=r"schedule\.programmes"):
        parse_schedules({"programmes": "0 3 * * *"})


def test_a_bad_expression_is_reported_with_its_dataset() -> None:
    with pytest.raises(InvalidSchedule, match=r"schedule\.streams"):
        parse_schedules({"streams": "every two hours"})


def test_schedules_are_overridable_from_the_environment() -> None:
    settings = load_settings(environ={"TVNEXA_SCHEDULE_STREAMS": "*/5 * * * *"})

    schedules = parse_schedules(settings["schedule"])

    assert schedules[Dataset.STREAMS].expression == "*/5 * * * *"
