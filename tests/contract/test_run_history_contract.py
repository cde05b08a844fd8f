"""The run-history contract: what every RunLog and RunHistory does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tvnexa.application.ports import RunFilter
from tvnexa.domain.ingestion import ChangeCounts, IngestionRun, RunStatus
from tvnexa.domain.paging import PageRequest

if TYPE_CHECKING:
    from tests.contract.conftest import CatalogAdapters

ALL = PageRequest(0, 1000)
T0 = datetime(2026, 4, 30, 6, 0, tzinfo=UTC)


def finished(
    adapters: CatalogAdapters,
    dataset: str,
    status: RunStatus,
    minute: int,
    **counts: int,
) -> IngestionRun:
    run = adapters.run_log.start(IngestionRun(dataset, T0 + timedelta(minutes=minute)))
    run.status = status
    run.counts = ChangeCounts(**counts)
    run.finished_at = run.started_at + timedelta(seconds=5)
    adapters.run_log.finish(run)
    return run


def test_runs_are_stored_and_listed_newest_first(adapters: CatalogAdapters) -> None:
    started = adapters.run_log.start(IngestionRun("channels", T0))
    assert started.id is not None
    assert adapters.run_history.runs(RunFilter(), ALL).items == [started]

    first = finished(adapters, "feeds", RunStatus.SUCCEEDED, 1, added=2)
    second = finished(adapters, "channels", RunStatus.FAILED, 2)
    third = finished(adapters, "feeds", RunStatus.UNCHANGED, 3, unchanged=2)

    def listed(query: RunFilter, page: PageRequest = ALL) -> list[IngestionRun]:
        return list(adapters.run_history.runs(query, page).items)

    assert listed(RunFilter()) == [third, second, first, started]
    assert listed(RunFilter(dataset="feeds")) == [third, first]
    assert listed(RunFilter(status="failed")) == [second]
    assert listed(RunFilter(statuses=("succeeded", "unchanged"))) == [third, first]
    page = adapters.run_history.runs(RunFilter(), PageRequest(1, 2))
    assert (list(page.items), page.total) == ([second, first], 4)


def test_last_success_and_revision(adapters: CatalogAdapters) -> None:
    assert adapters.run_log.last_success("feeds") is None
    assert adapters.run_history.revision() == 0

    changed = finished(adapters, "feeds", RunStatus.SUCCEEDED, 1, added=2)
    current = finished(adapters, "feeds", RunStatus.UNCHANGED, 2, unchanged=2)
    finished(adapters, "feeds", RunStatus.FAILED, 3)
    finished(adapters, "channels", RunStatus.SUCCEEDED, 4, unchanged=7)

    assert adapters.run_log.last_success("feeds") == current
    assert changed.counts.changed
    assert adapters.run_history.revision() == 1

    finished(adapters, "channels", RunStatus.SUCCEEDED, 5, removed=1)
    assert adapters.run_history.revision() == 2


def test_revision_grows_when_runs_finish_out_of_order(
    adapters: CatalogAdapters,
) -> None:
    earlier = adapters.run_log.start(IngestionRun("feeds", T0))
    later = adapters.run_log.start(IngestionRun("logos", T0 + timedelta(minutes=1)))

    later.status, later.counts = RunStatus.SUCCEEDED, ChangeCounts(added=1)
    adapters.run_log.finish(later)
    after_later = adapters.run_history.revision()
    earlier.status, earlier.counts = RunStatus.SUCCEEDED, ChangeCounts(updated=1)
    adapters.run_log.finish(earlier)

    assert adapters.run_history.revision() > after_later > 0


def test_abandoning_marks_only_the_datasets_running_runs_failed(
    adapters: CatalogAdapters,
) -> None:
    dead = adapters.run_log.start(IngestionRun("guides", T0))
    other = adapters.run_log.start(IngestionRun("streams", T0))
    done = finished(adapters, "guides", RunStatus.SUCCEEDED, 1, added=1)

    abandoned = adapters.run_log.abandon_unfinished(
        "guides", T0 + timedelta(minutes=5), "abandoned"
    )

    assert abandoned == 1
    assert dead.id is not None and other.id is not None and done.id is not None
    stored = adapters.run_history.get(dead.id)
    assert stored is not None
    assert stored.status is RunStatus.FAILED
    assert stored.error == "abandoned"
    assert stored.finished_at == T0 + timedelta(minutes=5)
    assert adapters.run_history.get(other.id).status is RunStatus.RUNNING
    assert adapters.run_history.get(done.id).status is RunStatus.SUCCEEDED
