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


def claim_name(dataset: Dataset, fire_time: datetime) -> str:
    return f"schedule:{dataset.value}:{fire_time:%Y-%m-%dT%H:%MZ}"


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
        fire_time = self.schedule.latest_at_or_before(self.clock.now())
        when = f"{fire_time:%Y-%m-%d %H:%M}"
        name = claim_name(self.dataset, fire_time)
        if not self.claims.acquire(name, self.holder(), CLAIM_TTL_SECONDS):
            logger.info("trigger %s at %s: another copy claimed it", self.dataset, when)
            return False

        self.queue.enqueue_ingest(self.dataset, reason=f"scheduled at {when}")
        logger.info("trigger %s at %s: ingest enqueued", self.dataset, when)
        return True
