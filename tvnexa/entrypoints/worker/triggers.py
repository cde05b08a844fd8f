"""Scheduled triggers: each fire time of a dataset's schedule enqueues one ingest."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from tvnexa.application.ports import Clock, JobLock, JobQueue
from tvnexa.domain.datasets import Dataset
from tvnexa.entrypoints.worker.cron import CronSchedule

logger = logging.getLogger(__name__)

# A claim outlives every late copy of its trigger, then expires; it is never
# released, since a copy running after the release would claim it again.
CLAIM_TTL_SECONDS = 24 * 60 * 60


def claim_name(job: str, fire_time: datetime) -> str:
    """The claim on one fire time of one job (a dataset, or `guide:<source>`)."""
    return f"schedule:{job}:{fire_time:%Y-%m-%dT%H:%MZ}"


def claim_fire_time(
    job: str,
    schedule: CronSchedule,
    claims: JobLock,
    clock: Clock,
    holder: Callable[[], str],
) -> str | None:
    """Claim for `job` the latest fire time of `schedule` at or before now.

    Returns the fire time as text when this copy claimed it, None when
    another copy did. Every copy computes the same latest fire time at or
    before now, so exactly one claim on it succeeds.
    """
    fire_time = schedule.latest_at_or_before(clock.now())
    when = f"{fire_time:%Y-%m-%d %H:%M}"
    if not claims.acquire(claim_name(job, fire_time), holder(), CLAIM_TTL_SECONDS):
        logger.info("trigger %s at %s: another copy claimed it", job, when)
        return None
    return when


class ScheduledTrigger:
    """The body of a dataset's periodic task.

    Every consumer's scheduler enqueues every periodic task, so with N
    consumers each fire time arrives N times. Each copy works out the fire
    time it belongs to (the latest at or before now, which every consumer
    computes alike), and only the copy that claims that time in the shared
    lock enqueues the ingest.
    """

    def __init__(
        self,
        dataset: Dataset,
        schedule: CronSchedule,
        claims: JobLock,
        clock: Clock,
        queue: JobQueue,
        holder: Callable[[], str],
    ) -> None:
        self.dataset = dataset
        self.schedule = schedule
        self.claims = claims
        self.clock = clock
        self.queue = queue
        self.holder = holder

    def __call__(self) -> bool:
        """Enqueue the ingest if this copy claimed its fire time; say whether."""
        when = claim_fire_time(
            self.dataset.value, self.schedule, self.claims, self.clock, self.holder
        )
        if when is None:
            return False

        self.queue.enqueue_ingest(self.dataset, reason=f"scheduled at {when}")
        logger.info("trigger %s at %s: ingest enqueued", self.dataset, when)
        return True
