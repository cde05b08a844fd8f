"""The Huey tasks: one ingest task, and one periodic trigger per scheduled dataset."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from huey import Huey
from huey.exceptions import RetryTask

from tvnexa.adapters.queue import HueyJobQueue
from tvnexa.application.ports import Clock, JobLock
from tvnexa.application.scheduling import IngestJob, JobOutcome, JobOutcomeKind
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import TvnexaError
from tvnexa.entrypoints.worker.cron import CronSchedule
from tvnexa.entrypoints.worker.triggers import ScheduledTrigger

logger = logging.getLogger(__name__)

INGEST_TASK = "ingest"


class IngestFailed(TvnexaError):
    """Raised by the ingest task when its run failed, so that Huey retries it."""


@dataclass(frozen=True, slots=True)
class TaskSettings:
    """How tasks are tried again.

    A failed run is retried `retries` times, first after `retry_delay_seconds`,
    each wait `retry_backoff` times the one before; a job whose parent is being
    ingested tries again after `waiting_delay_seconds`, without using a retry.
    """

    retries: int = 3
    retry_delay_seconds: float = 60.0
    retry_backoff: float = 2.0
    waiting_delay_seconds: float = 5.0


class IngestTask:
    """The ingest task's body: run one IngestJob, then tell Huey what follows."""

    def __init__(self, jobs: Callable[[], IngestJob], settings: TaskSettings) -> None:
        self.jobs = jobs
        self.settings = settings

    def __call__(self, dataset: str, force: bool = False, reason: str = "") -> None:
        outcome = self.jobs().execute(Dataset(dataset), force=force)

        if outcome.kind is JobOutcomeKind.WAITING:
            delay = self.settings.waiting_delay_seconds
            logger.info(
                "task ingest %s (%s): waiting, again in %gs", dataset, reason, delay
            )
            raise RetryTask(delay=delay)
        if outcome.failed:
            error = outcome.run.error if outcome.run else None
            logger.warning("task ingest %s (%s): failed: %s", dataset, reason, error)
            raise IngestFailed(f"ingesting {dataset} failed: {error}")
        logger.info("task ingest %s (%s): %s", dataset, reason, what_happened(outcome))


def what_happened(outcome: JobOutcome) -> str:
    if outcome.run is None:
        return f"{outcome.kind}, {outcome.reason}"
    children = ", ".join(child.value for child in outcome.enqueued) or "nothing"
    return f"{outcome.run.status}, enqueued {children}"


@dataclass(frozen=True, slots=True)
class WorkerTasks:
    """The tasks registered on one Huey, and the job queue that enqueues them."""

    huey: Huey
    ingest: Any
    triggers: Mapping[Dataset, Any]
    queue: HueyJobQueue


def register_tasks(
    huey: Huey,
    jobs: Callable[[], IngestJob],
    claims: JobLock,
    clock: Clock,
    schedules: Mapping[Dataset, CronSchedule],
    settings: TaskSettings,
    holder: Callable[[], str],
) -> WorkerTasks:
    """Register the ingest task and each dataset's periodic trigger on `huey`.

    Tasks are known to Huey by name, so every process that enqueues or runs
    them registers the same ones this way.
    """
    ingest = huey.task(
        name=INGEST_TASK,
        retries=settings.retries,
        retry_delay=settings.retry_delay_seconds,
        retry_backoff=settings.retry_backoff,
    )(IngestTask(jobs, settings))
    queue = HueyJobQueue(ingest)

    triggers = {}
    for dataset, schedule in schedules.items():
        trigger = ScheduledTrigger(dataset, schedule, claims, clock, queue, holder)
        # A trigger that could not reach the shared lock tries again after the
        # retry delay, still within its fire time unless the schedule fires
        # more often than that.
        triggers[dataset] = huey.periodic_task(
            schedule.matches,
            name=f"schedule_{dataset.value}",
            retries=settings.retries,
            retry_delay=settings.retry_delay_seconds,
        )(trigger)
    return WorkerTasks(huey, ingest, triggers, queue)
