"""Scheduled ingestion: one dataset's job, safe when many workers share the graph.

The job graph's state is read from the stored run history and from leases
that every worker sees, never from one process's memory, so whichever worker
ran a parent, and after any restart, its children see the same facts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from tvnexa.application.ingestion import SyncDataset
from tvnexa.application.leases import ABANDONED, JobSettings, LeaseKeeper, lock_name
from tvnexa.application.ports import JobLock, JobQueue, RunLog
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import IngestionRun, RunStatus

logger = logging.getLogger(__name__)


class JobOutcomeKind(StrEnum):
    RAN = "ran"
    HELD_BACK = "held_back"
    WAITING = "waiting"
    BUSY = "busy"


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """What a job did.

    - RAN: the dataset was synced; `run` says how, `enqueued` which children
      were queued because the data changed.
    - HELD_BACK: a parent has never been ingested; nothing to build on yet.
    - WAITING: a parent is being ingested now; try again shortly.
    - BUSY: another worker is ingesting this very dataset.
    """

    dataset: Dataset
    kind: JobOutcomeKind
    reason: str = ""
    run: IngestionRun | None = None
    enqueued: tuple[Dataset, ...] = ()

    @property
    def failed(self) -> bool:
        return self.run is not None and self.run.status is RunStatus.FAILED


def parent_settled(runs: RunLog, parent: Dataset) -> bool:
    """A parent is usable once it succeeded, or when its source has no such
    dataset at all (older snapshots), since then there is nothing to wait for."""
    if runs.last_success(parent.value) is not None:
        return True
    latest = runs.latest(parent.value)
    return latest is not None and latest.status is RunStatus.UNPUBLISHED


class IngestJob:
    """Run one dataset's ingestion when the graph allows it, under a lease."""

    def __init__(
        self,
        sync: SyncDataset,
        lock: JobLock,
        queue: JobQueue,
        holder: str,
        settings: JobSettings | None = None,
    ) -> None:
        self.sync = sync
        self.lock = lock
        self.queue = queue
        self.holder = holder
        self.settings = settings or JobSettings()

    def execute(self, dataset: Dataset, force: bool = False) -> JobOutcome:
        runs = self.sync.runs
        unsettled = [p for p in dataset.parents if not parent_settled(runs, p)]
        if unsettled:
            reason = "never ingested: " + ", ".join(p.value for p in unsettled)
            return self.report(JobOutcome(dataset, JobOutcomeKind.HELD_BACK, reason))

        running = [p for p in dataset.parents if self.lock.is_held(lock_name(p))]
        if running:
            reason = "being ingested now: " + ", ".join(p.value for p in running)
            return self.report(JobOutcome(dataset, JobOutcomeKind.WAITING, reason))

        name = lock_name(dataset)
        if not self.lock.acquire(name, self.holder, self.settings.lease_seconds):
            reason = "another worker is ingesting it"
            return self.report(JobOutcome(dataset, JobOutcomeKind.BUSY, reason))

        with LeaseKeeper(self.lock, name, self.holder, self.settings):
            runs.abandon_unfinished(dataset.value, self.sync.clock.now(), ABANDONED)
            run = self.sync.execute(dataset, force=force)

        enqueued: tuple[Dataset, ...] = ()
        if run.status is RunStatus.SUCCEEDED and run.counts.changed:
            enqueued = dataset.children
            for child in enqueued:
                self.queue.enqueue_ingest(child, reason=f"{dataset.value} changed")
        return JobOutcome(dataset, JobOutcomeKind.RAN, run=run, enqueued=enqueued)

    def report(self, outcome: JobOutcome) -> JobOutcome:
        logger.info(
            "job ingest %s %s: %s", outcome.dataset, outcome.kind, outcome.reason
        )
        return outcome


__all__ = [
    "IngestJob",
    "JobOutcome",
    "JobOutcomeKind",
    "JobSettings",
    "lock_name",
    "parent_settled",
]
