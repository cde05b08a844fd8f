"""Ingestion runs as operators see them: the history, one run, each dataset's state."""

from __future__ import annotations

from dataclasses import dataclass

from tvnexa.application.guide_runs import GUIDE_PREFIX
from tvnexa.application.ports import RunFilter, RunHistory
from tvnexa.domain.datasets import Dataset, dependency_order
from tvnexa.domain.errors import InvalidQuery, NotFound
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.paging import Page, PageRequest

# The nouns NotFound carries here, so the HTTP layer can name the failure.
RUN_KIND = "ingestion run"
DATASET_KIND = "dataset"

# Runs that leave their dataset current: it was replaced, or found identical.
CURRENT_STATUSES = (RunStatus.SUCCEEDED.value, RunStatus.UNCHANGED.value)

NEWEST = PageRequest(offset=0, limit=1)

# Run ids are positive and fit a signed 64-bit column on every engine; larger
# numbers name no run (and some drivers refuse to bind them at all).
MAX_RUN_ID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class DatasetState:
    """Where one dataset stands: its place in the graph and its latest runs.

    `last_success` is the newest run that left the data current (succeeded
    or found it unchanged); `last_run` is the newest run of any status.
    """

    dataset: Dataset
    parents: tuple[Dataset, ...]
    last_run: IngestionRun | None
    last_success: IngestionRun | None


def dataset_named(name: str, parameter: str = "dataset") -> Dataset:
    """The dataset called `name`; InvalidQuery naming `parameter` otherwise."""
    try:
        return Dataset(name)
    except ValueError:
        known = ", ".join(d.value for d in Dataset)
        raise InvalidQuery(parameter, f"must be one of {known}") from None


def run_dataset_named(name: str, parameter: str = "dataset") -> str:
    """What runs are recorded under: a catalogue dataset, or `guide:<source>`."""
    if name.startswith(GUIDE_PREFIX) and len(name) > len(GUIDE_PREFIX):
        return name
    return dataset_named(name, parameter).value


def status_named(name: str, parameter: str = "status") -> RunStatus:
    """The run status called `name`; InvalidQuery naming `parameter` otherwise."""
    try:
        return RunStatus(name)
    except ValueError:
        known = ", ".join(s.value for s in RunStatus)
        raise InvalidQuery(parameter, f"must be one of {known}") from None


class ListRuns:
    """A page of runs, newest first, optionally of one dataset and one status."""

    def __init__(self, history: RunHistory) -> None:
        self.history = history

    def execute(
        self, dataset: str | None, status: str | None, page: PageRequest
    ) -> Page[IngestionRun]:
        query = RunFilter(
            dataset=None if dataset is None else run_dataset_named(dataset),
            status=None if status is None else status_named(status).value,
        )
        return self.history.runs(query, page)


class GetRun:
    """One run by id, with the problems it stored; raises NotFound when absent."""

    def __init__(self, history: RunHistory) -> None:
        self.history = history

    def execute(self, run_id: int) -> IngestionRun:
        run = self.history.get(run_id) if 0 < run_id <= MAX_RUN_ID else None
        if run is None:
            raise NotFound(RUN_KIND, str(run_id))
        return run


class ListDatasetStates:
    """Every dataset's state, parents before children."""

    def __init__(self, history: RunHistory) -> None:
        self.history = history

    def execute(self) -> list[DatasetState]:
        return [state_of(self.history, dataset) for dataset in dependency_order()]


class GetDatasetState:
    """One dataset's state by name; raises NotFound for a name not in the graph."""

    def __init__(self, history: RunHistory) -> None:
        self.history = history

    def execute(self, name: str) -> DatasetState:
        try:
            dataset = Dataset(name)
        except ValueError:
            raise NotFound(DATASET_KIND, name) from None
        return state_of(self.history, dataset)


def state_of(history: RunHistory, dataset: Dataset) -> DatasetState:
    latest = history.runs(RunFilter(dataset=dataset.value), NEWEST).items
    current = RunFilter(dataset=dataset.value, statuses=CURRENT_STATUSES)
    succeeded = history.runs(current, NEWEST).items
    return DatasetState(
        dataset=dataset,
        parents=dataset.parents,
        last_run=latest[0] if latest else None,
        last_success=succeeded[0] if succeeded else None,
    )
