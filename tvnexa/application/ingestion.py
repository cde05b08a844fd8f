"""Use cases that bring the stored catalogue up to date with its source."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tvnexa.application.leases import ABANDONED, JobSettings, LeaseKeeper, lock_name
from tvnexa.application.ports import (
    CatalogReader,
    CatalogSource,
    CatalogWriter,
    Clock,
    FetchedDataset,
    JobLock,
    NotModified,
    RunLog,
)
from tvnexa.domain.catalogue import CatalogueRecord
from tvnexa.domain.datasets import Dataset, ancestors, dependency_order
from tvnexa.domain.errors import DatasetNotPublished, SourceError
from tvnexa.domain.ingestion import (
    ChangeCounts,
    IngestionRun,
    Problem,
    ProblemKind,
    RunStatus,
)
from tvnexa.domain.references import references

logger = logging.getLogger(__name__)

HOLDING_BACK = (RunStatus.FAILED, RunStatus.REFUSED)


@dataclass(frozen=True, slots=True)
class IngestionSettings:
    """How cautious a sync is.

    `max_shrink_share`: a dataset that lost more than this share of its stored
    rows is refused, unless forced, because a truncated upstream file looks
    exactly like that.
    """

    max_shrink_share: float = 0.5


@dataclass(frozen=True, slots=True)
class AcceptedRecords:
    """The records kept, their source positions, and where each key was first
    seen (the keys are digests for some datasets: worth computing once)."""

    records: list[CatalogueRecord]
    positions: list[int]
    duplicates: list[Problem]
    first_seen: dict[str, int]


class SyncDataset:
    """Fetch one dataset, check it, store it atomically and record the run."""

    def __init__(
        self,
        source: CatalogSource,
        writer: CatalogWriter,
        reader: CatalogReader,
        runs: RunLog,
        clock: Clock,
        settings: IngestionSettings | None = None,
    ) -> None:
        self.source = source
        self.writer = writer
        self.reader = reader
        self.runs = runs
        self.clock = clock
        self.settings = settings or IngestionSettings()

    def execute(self, dataset: Dataset, force: bool = False) -> IngestionRun:
        run = self.runs.start(IngestionRun(dataset.value, self.clock.now()))
        try:
            self.sync(dataset, run, force)
        except DatasetNotPublished as exc:
            run.status, run.error = RunStatus.UNPUBLISHED, str(exc)
        except SourceError as exc:
            run.status, run.error = RunStatus.FAILED, str(exc)
        except Exception as exc:
            logger.exception("ingest %s failed unexpectedly", dataset.value)
            run.status, run.error = RunStatus.FAILED, f"{type(exc).__name__}: {exc}"
        run.finished_at = self.clock.now()
        self.runs.finish(run)
        log_summary(run)
        return run

    def sync(self, dataset: Dataset, run: IngestionRun, force: bool) -> None:
        last_good = self.runs.last_success(dataset.value)
        previous = last_good.version if last_good and not force else None
        fetched = self.source.fetch(dataset, previous)

        if isinstance(fetched, NotModified) or (
            previous is not None
            and fetched.version.digest is not None
            and fetched.version.digest == previous.digest
        ):
            run.status = RunStatus.UNCHANGED
            run.version = previous or fetched.version
            run.counts = ChangeCounts(unchanged=self.reader.count(dataset))
            return

        run.version = fetched.version
        accepted = accept_unique(dataset, fetched)
        dangling = self.dangling_references(dataset, accepted)
        problems = [*fetched.problems, *accepted.duplicates]
        run.rejected = len(problems)
        run.dangling = len({p.position for p in dangling})
        run.problems = tuple(sorted([*problems, *dangling], key=problem_order))

        stored_count = self.reader.count(dataset)
        if not force and self.shrank_too_much(stored_count, len(accepted.records)):
            run.status = RunStatus.REFUSED
            run.error = (
                f"{dataset.value} shrank from {stored_count} to "
                f"{len(accepted.records)} records; kept the stored data "
                "(a forced ingest applies it)"
            )
            return

        run.counts = self.writer.replace(dataset, accepted.records)
        run.status = RunStatus.SUCCEEDED

    def shrank_too_much(self, stored: int, incoming: int) -> bool:
        if stored == 0:
            return False
        return (stored - incoming) / stored > self.settings.max_shrink_share

    def dangling_references(
        self, dataset: Dataset, accepted: AcceptedRecords
    ) -> list[Problem]:
        """Report references to records that neither exist nor are on the way.

        Only references to ancestors (already ingested) and to the dataset
        itself can be checked; the others are checked when their turn comes.
        """
        checkable = ancestors(dataset) | {dataset}
        known: dict[Dataset, frozenset[str]] = {}
        own_keys = frozenset(accepted.first_seen)
        problems: list[Problem] = []
        for record, position in zip(accepted.records, accepted.positions, strict=True):
            for ref in references(record):
                if ref.target is None:
                    reason = f"{ref.key!r} is not a known kind of area"
                elif ref.target not in checkable:
                    continue
                else:
                    if ref.target not in known:
                        known[ref.target] = (
                            own_keys
                            if ref.target == dataset
                            else self.reader.keys(ref.target)
                        )
                    if ref.key in known[ref.target]:
                        continue
                    reason = f"{ref.target.value} has no {ref.key!r}"
                problems.append(
                    Problem(
                        ProblemKind.DANGLING, dataset.value, position, ref.field, reason
                    )
                )
        return problems


def accept_unique(dataset: Dataset, fetched: FetchedDataset) -> AcceptedRecords:
    """Keep the first record of each key; later ones are rejected as duplicates."""
    rejected_positions = {p.position for p in fetched.problems}
    positions = (i for i in range(fetched.total) if i not in rejected_positions)
    accepted = AcceptedRecords([], [], [], {})
    first_seen = accepted.first_seen
    for record, position in zip(fetched.records, positions, strict=False):
        key = record.key
        if key in first_seen:
            reason = f"duplicate of the record at position {first_seen[key]}"
            accepted.duplicates.append(
                Problem(ProblemKind.REJECTED, dataset.value, position, "key", reason)
            )
            continue
        first_seen[key] = position
        accepted.records.append(record)
        accepted.positions.append(position)
    return accepted


def problem_order(problem: Problem) -> tuple[int, str]:
    return problem.position, problem.field


def log_summary(run: IngestionRun) -> None:
    counts = run.counts
    logger.info(
        "ingest %s %s: added=%d updated=%d removed=%d unchanged=%d rejected=%d "
        "dangling=%d%s",
        run.dataset,
        run.status.value,
        counts.added,
        counts.updated,
        counts.removed,
        counts.unchanged,
        run.rejected,
        run.dangling,
        f" error={run.error}" if run.error else "",
    )


class IngestCatalogue:
    """Sync several datasets in dependency order.

    A dataset whose parent failed or was refused in this pass is held back
    (recorded as skipped), so it is never checked against a parent that is not
    what the source now says. Given a `lock`, each dataset is synced under its
    lease, so a manual ingest never runs beside a worker's run of the same
    dataset (that dataset is then recorded as skipped).
    """

    def __init__(
        self,
        sync: SyncDataset,
        clock: Clock,
        lock: JobLock | None = None,
        holder: str = "ingest",
        lease: JobSettings | None = None,
    ) -> None:
        self.sync = sync
        self.clock = clock
        self.lock = lock
        self.holder = holder
        self.lease = lease or JobSettings()

    def execute(
        self,
        datasets: Iterable[Dataset] | None = None,
        force: bool = False,
        on_start: Callable[[Dataset], None] | None = None,
        on_finish: Callable[[IngestionRun], None] | None = None,
    ) -> list[IngestionRun]:
        selected = frozenset(datasets) if datasets is not None else None
        runs: list[IngestionRun] = []
        troubled: set[Dataset] = set()
        for dataset in dependency_order(selected):
            if on_start:
                on_start(dataset)
            held_by = [p for p in ancestors(dataset) if p in troubled]
            if held_by:
                names = ", ".join(sorted(p.value for p in held_by))
                run = self.skipped(dataset, f"held back: {names} did not succeed")
            else:
                run = self.sync_under_lease(dataset, force)
            if run.status in HOLDING_BACK or held_by:
                troubled.add(dataset)
            runs.append(run)
            if on_finish:
                on_finish(run)
        return runs

    def sync_under_lease(self, dataset: Dataset, force: bool) -> IngestionRun:
        if self.lock is None:
            return self.sync.execute(dataset, force=force)
        name = lock_name(dataset)
        if not self.lock.acquire(name, self.holder, self.lease.lease_seconds):
            return self.skipped(dataset, "another worker is ingesting it")
        with LeaseKeeper(self.lock, name, self.holder, self.lease):
            runs = self.sync.runs
            runs.abandon_unfinished(dataset.value, self.clock.now(), ABANDONED)
            return self.sync.execute(dataset, force=force)

    def skipped(self, dataset: Dataset, reason: str) -> IngestionRun:
        now = self.clock.now()
        run = self.sync.runs.start(IngestionRun(dataset.value, now))
        run = dataclasses.replace(
            run, status=RunStatus.SKIPPED, finished_at=now, error=reason
        )
        self.sync.runs.finish(run)
        log_summary(run)
        return run
