"""Cron schedules: huey's crontab, and the most recent time one fired."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from huey import crontab

from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import TvnexaError

FIELDS = ("minute", "hour", "day", "month", "day_of_week")

# Month, day and weekday together repeat every 400 years in the Gregorian
# calendar, so an expression that fires at all fires within this many days.
GREGORIAN_CYCLE_DAYS = 146_097

# A week whose first day is a Sunday (cron weekday 0), to probe weekdays with.
A_SUNDAY = date(2001, 1, 7)


class InvalidSchedule(TvnexaError):
    """Raised when a schedule is not a five-field cron expression that fires."""


@dataclass(frozen=True, slots=True)
class CronSchedule:
    """A five-field cron expression (minute hour day month day-of-week, UTC).

    `matches` is huey's own crontab test, the one its scheduler fires by; the
    field sets are read back from that same test, so the fire times computed
    here are exactly the minutes huey fires in. Like huey, a minute matches
    when every field matches (day and day-of-week are both required).
    """

    expression: str
    matches: Callable[[datetime], bool]
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]

    @classmethod
    def parse(cls, expression: str) -> CronSchedule:
        fields = expression.split()
        if len(fields) != len(FIELDS):
            raise InvalidSchedule(
                f"{expression!r} is not a cron expression of five fields "
                "(minute hour day month day-of-week)"
            )
        try:
            tests = {
                name: crontab(**{name: text}, strict=True)
                for name, text in zip(FIELDS, fields, strict=True)
            }
        except ValueError as exc:
            raise InvalidSchedule(f"{expression!r}: {exc}") from exc

        schedule = cls(
            expression=" ".join(fields),
            matches=crontab(**dict(zip(FIELDS, fields, strict=True)), strict=True),
            minutes=probe(tests["minute"], range(60), lambda m: (1, 1, 0, m)),
            hours=probe(tests["hour"], range(24), lambda h: (1, 1, h, 0)),
            days=frozenset(probe(tests["day"], range(1, 32), lambda d: (1, d, 0, 0))),
            months=frozenset(
                probe(tests["month"], range(1, 13), lambda m: (m, 1, 0, 0))
            ),
            weekdays=frozenset(
                probe(tests["day_of_week"], range(7), lambda w: (1, 7 + w, 0, 0))
            ),
        )
        schedule.latest_at_or_before(datetime(2001, 1, 1, tzinfo=UTC))
        return schedule

    def latest_at_or_before(self, moment: datetime) -> datetime:
        """The most recent minute at or before `moment` when this fires, in UTC."""
        moment = moment.astimezone(UTC).replace(second=0, microsecond=0)
        day = moment.date()
        for _ in range(GREGORIAN_CYCLE_DAYS):
            if self.fires_on(day):
                fire = self.latest_on(day, moment)
                if fire is not None:
                    return fire
            day -= timedelta(days=1)
        raise InvalidSchedule(f"{self.expression!r} never fires")

    def fires_on(self, day: date) -> bool:
        cron_weekday = day.isoweekday() % 7
        return (
            day.month in self.months
            and day.day in self.days
            and cron_weekday in self.weekdays
        )

    def latest_on(self, day: date, moment: datetime) -> datetime | None:
        today = day == moment.date()
        for hour in reversed(self.hours):
            if today and hour > moment.hour:
                continue
            this_hour = today and hour == moment.hour
            for minute in reversed(self.minutes):
                if not this_hour or minute <= moment.minute:
                    return datetime(
                        day.year, day.month, day.day, hour, minute, tzinfo=UTC
                    )
        return None


def probe(
    test: Callable[[datetime], bool],
    values: range,
    moment: Callable[[int], tuple[int, int, int, int]],
) -> tuple[int, ...]:
    """The values of one field that huey's test accepts, with the others free.

    Every probe falls in January 2001 (the month began on a Monday), where
    all 31 days exist and the 7th to the 13th are Sunday to Saturday.
    """
    accepted = []
    for value in values:
        month, day, hour, minute = moment(value)
        if test(datetime(2001, month, day, hour, minute)):
            accepted.append(value)
    return tuple(accepted)


def parse_schedules(
    expressions: Mapping[str, str | None] | None,
) -> dict[Dataset, CronSchedule]:
    """Each dataset's schedule from configuration; a null one is not scheduled."""
    schedules: dict[Dataset, CronSchedule] = {}
    for name, expression in (expressions or {}).items():
        try:
            dataset = Dataset(name)
        except ValueError:
            raise InvalidSchedule(f"schedule.{name}: no such dataset") from None
        if not expression:
            continue
        try:
            schedules[dataset] = CronSchedule.parse(str(expression))
        except InvalidSchedule as exc:
            raise InvalidSchedule(f"schedule.{name}: {exc}") from exc
    return schedules
