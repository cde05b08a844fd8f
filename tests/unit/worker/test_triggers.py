"""Scheduled triggers: however many copies of one fire time run, one ingest."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.memory.jobs import InMemoryJobLock, InMemoryJobQueue
from tvnexa.domain.datasets import Dataset
from tvnexa.entrypoints.worker.cron import CronSchedule
from tvnexa.entrypoints.worker.triggers import CLAIM_TTL_SECONDS, ScheduledTrigger

EVERY_TWO_HOURS = CronSchedule.parse("20 */2 * * *")


class Consumers:
    """Several consumers' copies of one dataset's trigger, sharing one lock."""

    def __init__(self, count: int = 2) -> None:
        self.clock = FixedClock(datetime(2026, 5, 10, 12, 20, 5, tzinfo=UTC))
        self.lock = InMemoryJobLock(lambda: self.clock.now().timestamp())
        self.queue = InMemoryJobQueue()
        numbers = itertools.count()
        self.triggers = [
            ScheduledTrigger(
                Dataset.STREAMS,
                EVERY_TWO_HOURS,
                self.lock,
                self.clock,
                self.queue,
                holder=lambda: f"consumer:{next(numbers)}",
            )
            for _ in range(count)
        ]

    def fire_all(self) -> list[bool]:
        return [trigger() for trigger in self.triggers]


@pytest.fixture
def consumers() -> Consumers:
    return Consumers()


def test_two_copies_of_one_fire_time_enqueue_one_ingest(consumers: Consumers) -> None:
    claimed = consumers.fire_all()

    assert claimed == [True, False]
    assert list(consumers.queue.pending) == [
        (Dataset.STREAMS, "scheduled at 2026-05-10 12:20")
    ]


def test_a_late_copy_still_belongs_to_its_fire_time(consumers: Consumers) -> None:
    first, late = consumers.triggers
    first()
    consumers.clock.advance(90 * 60)

    assert late() is False
    assert len(consumers.queue.pending) == 1


def test_the_next_fire_time_is_claimed_afresh(consumers: Consumers) -> None:
    consumers.fire_all()
    consumers.clock.advance(2 * 60 * 60)

    claimed = consumers.fire_all()

    assert claimed == [True, False]
    assert [reason for _, reason in consumers.queue.pending] == [
        "scheduled at 2026-05-10 12:20",
        "scheduled at 2026-05-10 14:20",
    ]


def test_a_claim_is_kept_for_a_day_and_then_expires(consumers: Consumers) -> None:
    consumers.triggers[0]()
    claim = "schedule:streams:2026-05-10T12:20Z"

    consumers.clock.advance(CLAIM_TTL_SECONDS - 1)
    assert consumers.lock.is_held(claim)
    consumers.clock.advance(1)
    assert not consumers.lock.is_held(claim)


def test_many_consumers_still_enqueue_once_per_fire_time() -> None:
    many = Consumers(count=5)

    claimed = many.fire_all()

    assert claimed.count(True) == 1
    assert len(many.queue.pending) == 1
