"""PeeweeRunLog and PeeweeRunHistory: the ingestion run history on SQLite."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tvnexa.adapters.persistence import PeeweeRunHistory, PeeweeRunLog
from tvnexa.adapters.persistence.run_rows import MAX_STORED_PROBLEMS
from tvnexa.application.ports import RunFilter
from tvnexa.domain.errors import NotFound
from tvnexa.domain.ingestion import (
    ChangeCounts,
    IngestionRun,
    Problem,
    ProblemKind,
    RunStatus,
    SourceVersion,
)
from tvnexa.domain.paging import PageRequest

T0 = datetime(2026, 4, 30, 12, 0, 0, 123456, tzinfo=UTC)


def record(
    log: PeeweeRunLog,
    dataset: str,
    status: RunStatus,
    minute: int,
    counts: ChangeCounts | None = None,
) -> IngestionRun:
    run = log.start(IngestionRun(dataset, T0 + timedelta(minutes=minute)))
    run.status = status
    run.counts = counts or ChangeCounts()
    run.finished_at = run.started_at + timedelta(seconds=30)
    log.finish(run)
    return run


def test_a_run_is_stored_as_started_then_as_finished(
    run_log: PeeweeRunLog, run_history: PeeweeRunHistory
) -> None:
    started = run_log.start(IngestionRun("channels", T0))
    assert started.id is not None

    stored = run_history.runs(RunFilter(), PageRequest()).items
    assert stored == [started]
    assert stored[0].status is RunStatus.RUNNING

    finished = dataclasses.replace(
        started,
        status=RunStatus.SUCCEEDED,
        finished_at=T0 + timedelta(seconds=3),
        counts=ChangeCounts(added=1, updated=2, removed=3, unchanged=4),
        rejected=1,
        dangling=2,
        problems=(
            Problem(ProblemKind.REJECTED, "channels", 7, "id", "missing"),
            Problem(ProblemKind.DANGLING, "channels", 9, "country", "no country 'ZZ'"),
        ),
        version=SourceVersion('"etag-1"', "Thu, 30 Apr 2026 12:00:00 GMT", "sha256:ab"),
    )
    run_log.finish(finished)

    assert run_history.runs(RunFilter(), PageRequest()).items == [finished]


def test_times_come_back_in_utc_to_the_microsecond(
    run_log: PeeweeRunLog, run_history: PeeweeRunHistory
) -> None:
    paris = timezone(timedelta(hours=2))
    run = run_log.start(IngestionRun("feeds", T0.astimezone(paris)))

    stored = run_history.runs(RunFilter(), PageRequest()).items[0]

    assert stored.started_at == T0
    assert stored.started_at.tzinfo is UTC
    assert stored.started_at.microsecond == 123456
    assert run.id == stored.id


def test_only_the_first_problems_are_stored(
    run_log: PeeweeRunLog, run_history: PeeweeRunHistory
) -> None:
    run = run_log.start(IngestionRun("guides", T0))
    run.status = RunStatus.SUCCEEDED
    run.rejected = MAX_STORED_PROBLEMS + 5
    run.problems = tuple(
        Problem(ProblemKind.REJECTED, "guides", n, "site", "empty")
        for n in range(MAX_STORED_PROBLEMS + 5)
    )
    run_log.finish(run)

    stored = run_history.runs(RunFilter(), PageRequest()).items[0]
    assert len(stored.problems) == MAX_STORED_PROBLEMS
    assert stored.problems == run.problems[:MAX_STORED_PROBLEMS]
    assert stored.rejected == MAX_STORED_PROBLEMS + 5


def test_finish_needs_a_started_run(run_log: PeeweeRunLog) -> None:
    with pytest.raises(ValueError):
        run_log.finish(IngestionRun("channels", T0))
    with pytest.raises(NotFound):
        run_log.finish(IngestionRun("channels", T0, id=404))


def test_last_success_is_the_newest_run_that_left_data_current(
    run_log: PeeweeRunLog,
) -> None:
    assert run_log.last_success("channels") is None

    record(run_log, "channels", RunStatus.SUCCEEDED, 0, ChangeCounts(added=3))
    unchanged = record(run_log, "channels", RunStatus.UNCHANGED, 1)
    record(run_log, "channels", RunStatus.FAILED, 2)
    record(run_log, "channels", RunStatus.REFUSED, 3)
    record(run_log, "feeds", RunStatus.SUCCEEDED, 4)
    run_log.start(IngestionRun("channels", T0 + timedelta(minutes=5)))

    assert run_log.last_success("channels") == unchanged


def test_runs_are_listed_newest_first_filtered_and_paged(
    run_log: PeeweeRunLog, run_history: PeeweeRunHistory
) -> None:
    runs = [
        record(run_log, "channels", RunStatus.SUCCEEDED, 0),
        record(run_log, "feeds", RunStatus.FAILED, 1),
        record(run_log, "channels", RunStatus.UNCHANGED, 2),
        record(run_log, "channels", RunStatus.FAILED, 3),
        record(run_log, "feeds", RunStatus.SUCCEEDED, 4),
    ]
    newest_first = list(reversed(runs))

    def ids(query: RunFilter, page: PageRequest | None = None) -> list[int | None]:
        return [run.id for run in run_history.runs(query, page or PageRequest()).items]

    assert ids(RunFilter()) == [run.id for run in newest_first]
    assert ids(RunFilter(dataset="channels")) == [runs[3].id, runs[2].id, runs[0].id]
    assert ids(RunFilter(status="failed")) == [runs[3].id, runs[1].id]
    assert ids(RunFilter(statuses=("succeeded", "unchanged"))) == [
        runs[4].id,
        runs[2].id,
        runs[0].id,
    ]
    assert ids(RunFilter(dataset="channels", statuses=("failed",))) == [runs[3].id]
    page = run_history.runs(RunFilter(), PageRequest(2, 2))
    assert [run.id for run in page.items] == [runs[2].id, runs[1].id]
    assert (page.total, page.next_offset) == (5, 4)


def test_revision_counts_runs_that_changed_data(
    run_log: PeeweeRunLog, run_history: PeeweeRunHistory
) -> None:
    assert run_history.revision() == 0

    changed = record(
        run_log, "channels", RunStatus.SUCCEEDED, 0, ChangeCounts(removed=1)
    )
    record(run_log, "channels", RunStatus.SUCCEEDED, 1, ChangeCounts(unchanged=9))
    record(run_log, "feeds", RunStatus.UNCHANGED, 2, ChangeCounts(unchanged=9))
    record(run_log, "feeds", RunStatus.FAILED, 3)
    run_log.start(IngestionRun("logos", T0 + timedelta(minutes=4)))

    assert changed.counts.changed
    assert run_history.revision() == 1

    record(run_log, "feeds", RunStatus.SUCCEEDED, 5, ChangeCounts(added=1))
    assert run_history.revision() == 2
