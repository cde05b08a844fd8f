"""The Huey tasks: one ingest task, and one periodic trigger per scheduled dataset."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from huey import Huey
from huey.exceptions import RetryTask

from tvnexa.adapters.queue import HueyJobQueue
from tvnexa.application.ports import Clock, JobLock
from tvnexa.application.scheduling import IngestJob, JobOutcome, JobOutcomeKind
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import TvnexaError
from tvnexa.domain.ingestion import RunStatus
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


@dataclass(frozen=True, slots=True)
class ExtraChild:
    """A job outside the dataset graph that follows a dataset's changes, as a
    child dataset does: `enqueue(reason)` queues it, `name` says which."""

    name: str
    enqueue: Callable[[str], None]


class IngestTask:
    """The ingest task's body: run one IngestJob, then tell Huey what follows.

    After a run that changed its dataset, the job has queued the dataset's
    children; the task queues its `extra_children` as well.
    """

    def __init__(
        self,
        jobs: Callable[[], IngestJob],
        settings: TaskSettings,
        extra_children: Mapping[Dataset, Sequence[ExtraChild]] | None = None,
    ) -> None:
        self.jobs = jobs
        self.settings = settings
        self.extra_children = extra_children or {}

    def __call__(self, dataset: str, force: bool = False, reason: str = "") -> None:
        outcome = self.jobs().execute(Dataset(dataset), force=force)
        extra = self.enqueue_extra_children(outcome)

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
        logger.info(
            "task ingest %s (%s): %s", dataset, reason, what_happened(outcome, extra)
        )

    def enqueue_extra_children(self, outcome: JobOutcome) -> tuple[str, ...]:
        run = outcome.run
        if run is None or run.status is not RunStatus.SUCCEEDED:
            return ()
        if not run.counts.changed:
            return ()
        children = self.extra_children.get(outcome.dataset, ())
        for child in children:
            child.enqueue(f"{outcome.dataset.value} changed")
        return tuple(child.name for child in children)


def what_happened(outcome: JobOutcome, extra: Sequence[str] = ()) -> str:
    if outcome.run is None:
        return f"{outcome.kind}, {outcome.reason}"
    names = [child.value for child in outcome.enqueued] + list(extra)
    return f"{outcome.run.status}, enqueued {', '.join(names) or 'nothing'}"


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
    extra_children: Mapping[Dataset, Sequence[ExtraChild]] | None = None,
) -> WorkerTasks:
    """Register the ingest task and each dataset's periodic trigger on `huey`.

    Tasks are known to Huey by name, so every process that enqueues or runs
    them registers the same ones this way. `extra_children` are the jobs
    outside the dataset graph that follow a dataset (the guide sources).
    """
    ingest = huey.task(
        name=INGEST_TASK,
        retries=settings.retries,
        retry_delay=settings.retry_delay_seconds,
        retry_backoff=settings.retry_backoff,
    )(IngestTask(jobs, settings, extra_children))
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
