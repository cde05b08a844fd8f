"""The run use cases on the in-memory history: filters, lookups, dataset states."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tvnexa.adapters.memory.runs import (
    InMemoryRunHistory,
    InMemoryRunLog,
    InMemoryRunStore,
)
from tvnexa.application.runs import (
    DATASET_KIND,
    RUN_KIND,
    GetDatasetState,
    GetRun,
    ListDatasetStates,
    ListRuns,
)
from tvnexa.domain.datasets import Dataset, dependency_order
from tvnexa.domain.errors import InvalidQuery, NotFound
from tvnexa.domain.ingestion import ChangeCounts, IngestionRun, RunStatus
from tvnexa.domain.paging import PageRequest

T0 = datetime(2026, 4, 30, 6, 0, tzinfo=UTC)
ALL = PageRequest(0, 100)


class History:
    def __init__(self) -> None:
        store = InMemoryRunStore()
        self.log = InMemoryRunLog(store)
        self.history = InMemoryRunHistory(store)

    def add(self, dataset: Dataset, status: RunStatus, **counts: int) -> IngestionRun:
        started = T0 + timedelta(minutes=len(self.history.store.runs))
        run = self.log.start(IngestionRun(dataset.value, started))
        run.status, run.counts = status, ChangeCounts(**counts)
        self.log.finish(run)
        return run


@pytest.fixture
def runs() -> History:
    return History()


def test_list_runs_filters_by_dataset_and_status(runs: History) -> None:
    first = runs.add(Dataset.FEEDS, RunStatus.SUCCEEDED, added=1)
    runs.add(Dataset.FEEDS, RunStatus.FAILED)
    third = runs.add(Dataset.LOGOS, RunStatus.SUCCEEDED, added=1)
    list_runs = ListRuns(runs.history)

    succeeded = list_runs.execute(None, "succeeded", ALL)
    feeds = list_runs.execute("feeds", "succeeded", ALL)

    assert list(succeeded.items) == [third, first]
    assert list(feeds.items) == [first]
    assert list_runs.execute(None, None, ALL).total == 3


@pytest.mark.parametrize(
    ("dataset", "status", "parameter"),
    [
        ("programmes", None, "dataset"),
        ("Feeds", None, "dataset"),
        (None, "ok", "status"),
    ],
)
def test_list_runs_refuses_unknown_names(
    runs: History, dataset: str | None, status: str | None, parameter: str
) -> None:
    with pytest.raises(InvalidQuery) as raised:
        ListRuns(runs.history).execute(dataset, status, ALL)

    assert raised.value.parameter == parameter
    assert "must be one of" in raised.value.reason


def test_get_run_finds_a_run_or_raises_not_found(runs: History) -> None:
    run = runs.add(Dataset.FEEDS, RunStatus.SUCCEEDED)
    assert run.id is not None
    get_run = GetRun(runs.history)

    assert get_run.execute(run.id) == run
    for missing in (run.id + 1, 0, -5, 2**64):
        with pytest.raises(NotFound) as raised:
            get_run.execute(missing)
        assert (raised.value.kind, raised.value.key) == (RUN_KIND, str(missing))


def test_dataset_states_follow_the_graph_with_last_run_and_success(
    runs: History,
) -> None:
    succeeded = runs.add(Dataset.COUNTRIES, RunStatus.SUCCEEDED, added=3)
    failed = runs.add(Dataset.COUNTRIES, RunStatus.FAILED)
    unchanged = runs.add(Dataset.LANGUAGES, RunStatus.UNCHANGED)

    states = ListDatasetStates(runs.history).execute()

    assert [state.dataset for state in states] == dependency_order()
    by_dataset = {state.dataset: state for state in states}
    countries = by_dataset[Dataset.COUNTRIES]
    assert countries.parents == Dataset.COUNTRIES.parents
    assert (countries.last_run, countries.last_success) == (failed, succeeded)
    languages = by_dataset[Dataset.LANGUAGES]
    assert (languages.last_run, languages.last_success) == (unchanged, unchanged)
    assert by_dataset[Dataset.FEEDS].last_run is None
    assert by_dataset[Dataset.FEEDS].last_success is None


def test_one_dataset_state_by_name(runs: History) -> None:
    run = runs.add(Dataset.FEEDS, RunStatus.REFUSED)
    get_state = GetDatasetState(runs.history)

    state = get_state.execute("feeds")

    assert (state.dataset, state.last_run, state.last_success) == (
        Dataset.FEEDS,
        run,
        None,
    )
    with pytest.raises(NotFound) as raised:
        get_state.execute("programmes")
    assert (raised.value.kind, raised.value.key) == (DATASET_KIND, "programmes")


def test_guide_source_runs_can_be_listed_by_their_dataset_name() -> None:
    store = InMemoryRunStore()
    log = InMemoryRunLog(store)
    started = datetime(2026, 4, 30, tzinfo=UTC)
    log.start(IngestionRun("guide:uk", started))
    log.start(IngestionRun("channels", started))

    page = ListRuns(InMemoryRunHistory(store)).execute("guide:uk", None, PageRequest())

    assert [run.dataset for run in page.items] == ["guide:uk"]
    with pytest.raises(InvalidQuery):
        ListRuns(InMemoryRunHistory(store)).execute("guide:", None, PageRequest())
