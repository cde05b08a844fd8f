"""The run-history contract for one run looked up by id, problems and all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tvnexa.domain.ingestion import (
    ChangeCounts,
    IngestionRun,
    Problem,
    ProblemKind,
    RunStatus,
    SourceVersion,
)

if TYPE_CHECKING:
    from tests.contract.conftest import CatalogAdapters

T0 = datetime(2026, 4, 30, 6, 0, 0, 123456, tzinfo=UTC)


def test_get_returns_a_run_as_it_was_finished(adapters: CatalogAdapters) -> None:
    run = adapters.run_log.start(IngestionRun("feeds", T0))
    run.status = RunStatus.SUCCEEDED
    run.finished_at = T0 + timedelta(seconds=7)
    run.counts = ChangeCounts(added=1, updated=2, removed=3, unchanged=4)
    run.rejected, run.dangling = 1, 1
    run.problems = (
        Problem(ProblemKind.REJECTED, "feeds", 3, "id", "missing"),
        Problem(ProblemKind.DANGLING, "feeds", 5, "channel", "no channel 'X.fr'"),
    )
    run.version = SourceVersion(etag='"v1"', last_modified="Thu, 30 Apr 2026")
    adapters.run_log.finish(run)
    assert run.id is not None

    assert adapters.run_history.get(run.id) == run


def test_get_sees_a_run_still_going_and_none_for_unknown_ids(
    adapters: CatalogAdapters,
) -> None:
    running = adapters.run_log.start(IngestionRun("channels", T0))
    assert running.id is not None

    found = adapters.run_history.get(running.id)

    assert found == running
    assert found is not None and found.status is RunStatus.RUNNING
    assert adapters.run_history.get(running.id + 1) is None
    assert adapters.run_history.get(0) is None
