"""The guide tasks: one guide ingest task, and a periodic trigger per guide source."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from huey import Huey
from huey.exceptions import RetryTask

from tvnexa.application.guide_jobs import GuideJob, UnknownGuideSource
from tvnexa.application.guide_runs import guide_dataset
from tvnexa.application.guide_settings import ConfiguredGuideSource
from tvnexa.application.ports import Clock, JobLock
from tvnexa.application.scheduling import JobOutcomeKind
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import TvnexaError
from tvnexa.entrypoints.worker.cron import CronSchedule, InvalidSchedule
from tvnexa.entrypoints.worker.tasks import ExtraChild, TaskSettings
from tvnexa.entrypoints.worker.triggers import claim_fire_time

logger = logging.getLogger(__name__)

GUIDE_TASK = "guide_ingest"

# Guide sources follow the catalogue's `guides` dataset: when it changes, the
# channels a guide matches to may have changed too. They are not datasets, so
# the link lives here, in the worker wiring, not in the domain's graph.
GUIDE_SOURCES_FOLLOW = Dataset.GUIDES


class GuideIngestFailed(TvnexaError):
    """Raised by the guide task when its run failed, so that Huey retries it."""


class GuideTask:
    """The guide task's body: run one source's GuideJob, then tell Huey what
    follows (nothing, a retry later, or a retry after a failure)."""

    def __init__(self, jobs: Callable[[], GuideJob], settings: TaskSettings) -> None:
        self.jobs = jobs
        self.settings = settings

    def __call__(self, source: str, reason: str = "") -> None:
        job = guide_dataset(source)
        try:
            outcome = self.jobs().execute(source)
        except UnknownGuideSource as exc:
            # Queued before the source left the configuration: nothing to retry.
            logger.warning("task %s (%s): %s", job, reason, exc)
            return

        if outcome.kind is JobOutcomeKind.WAITING:
            delay = self.settings.waiting_delay_seconds
            logger.info("task %s (%s): waiting, again in %gs", job, reason, delay)
            raise RetryTask(delay=delay)
        if outcome.failed:
            error = outcome.run.error if outcome.run else None
            logger.warning("task %s (%s): failed: %s", job, reason, error)
            raise GuideIngestFailed(f"ingesting {job} failed: {error}")
        status = outcome.run.status if outcome.run else f"{outcome.kind}"
        logger.info("task %s (%s): %s", job, reason, status)


class GuideTrigger:
    """The body of one source's periodic task: the copy that claims the fire
    time enqueues the source's guide task (see ScheduledTrigger)."""

    def __init__(
        self,
        source: str,
        schedule: CronSchedule,
        claims: JobLock,
        clock: Clock,
        enqueue: Callable[..., object],
        holder: Callable[[], str],
    ) -> None:
        self.source = source
        self.schedule = schedule
        self.claims = claims
        self.clock = clock
        self.enqueue = enqueue
        self.holder = holder

    def __call__(self) -> bool:
        job = guide_dataset(self.source)
        when = claim_fire_time(job, self.schedule, self.claims, self.clock, self.holder)
        if when is None:
            return False
        self.enqueue(self.source, reason=f"scheduled at {when}")
        logger.info("trigger %s at %s: guide ingest enqueued", job, when)
        return True


@dataclass(frozen=True, slots=True)
class GuideTasks:
    """The guide tasks registered on one Huey.

    `ingest` is the task (calling it enqueues one source's ingest);
    `extra_children` the guide sources to enqueue after a dataset changes,
    for `register_tasks`.
    """

    ingest: Any
    triggers: Mapping[str, Any]
    sources: tuple[str, ...]

    def enqueue(self, source: str, reason: str) -> None:
        self.ingest(source, reason=reason)

    def enqueue_all(self, reason: str) -> None:
        for source in self.sources:
            self.enqueue(source, reason)

    @property
    def extra_children(self) -> Mapping[Dataset, Sequence[ExtraChild]]:
        children = tuple(
            ExtraChild(guide_dataset(source), self._enqueuer(source))
            for source in self.sources
        )
        return {GUIDE_SOURCES_FOLLOW: children} if children else {}

    def _enqueuer(self, source: str) -> Callable[[str], None]:
        return lambda reason: self.enqueue(source, reason)


def guide_schedules(
    sources: Sequence[ConfiguredGuideSource],
) -> dict[str, CronSchedule]:
    """Each scheduled source's cron schedule; a source without one only
    follows the `guides` dataset."""
    schedules: dict[str, CronSchedule] = {}
    for source in sources:
        if not source.schedule:
            continue
        try:
            schedules[source.name] = CronSchedule.parse(source.schedule)
        except InvalidSchedule as exc:
            raise InvalidSchedule(
                f"guides.sources[{source.name}].schedule: {exc}"
            ) from exc
    return schedules


def register_guide_tasks(
    huey: Huey,
    jobs: Callable[[], GuideJob],
    claims: JobLock,
    clock: Clock,
    sources: Sequence[ConfiguredGuideSource],
    settings: TaskSettings,
    holder: Callable[[], str],
) -> GuideTasks:
    """Register the guide task and each scheduled source's trigger on `huey`.

    As with the catalogue's tasks, every process that enqueues or runs them
    registers the same ones, since Huey knows tasks by name.
    """
    ingest = huey.task(
        name=GUIDE_TASK,
        retries=settings.retries,
        retry_delay=settings.retry_delay_seconds,
        retry_backoff=settings.retry_backoff,
    )(GuideTask(jobs, settings))

    triggers = {}
    for name, schedule in guide_schedules(sources).items():
        trigger = GuideTrigger(name, schedule, claims, clock, ingest, holder)
        triggers[name] = huey.periodic_task(
            schedule.matches,
            name=f"schedule_guide_{name}",
            retries=settings.retries,
            retry_delay=settings.retry_delay_seconds,
        )(trigger)
    return GuideTasks(ingest, triggers, tuple(s.name for s in sources))
