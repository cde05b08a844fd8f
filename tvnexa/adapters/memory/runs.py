"""An in-memory ingestion run history with its log (write) and history (read)."""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime

from tvnexa.adapters.memory.catalog import page_of
from tvnexa.application.ports import RunFilter
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.paging import Page, PageRequest

CURRENT_STATUSES = (RunStatus.SUCCEEDED, RunStatus.UNCHANGED)


class InMemoryRunStore:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.runs: dict[int, IngestionRun] = {}


class InMemoryRunLog:
    def __init__(self, store: InMemoryRunStore) -> None:
        self.store = store

    def start(self, run: IngestionRun) -> IngestionRun:
        with self.store.lock:
            run_id = len(self.store.runs) + 1
            stored = dataclasses.replace(run, id=run_id)
            self.store.runs[run_id] = stored
        return dataclasses.replace(stored)

    def finish(self, run: IngestionRun) -> None:
        if run.id is None:
            raise ValueError("a run must be started before it finishes")
        with self.store.lock:
            self.store.runs[run.id] = dataclasses.replace(run)

    def last_success(self, dataset: str) -> IngestionRun | None:
        with self.store.lock:
            for run in reversed(self.store.runs.values()):
                if run.dataset == dataset and run.status in CURRENT_STATUSES:
                    return dataclasses.replace(run)
        return None

    def latest(self, dataset: str) -> IngestionRun | None:
        with self.store.lock:
            for run in reversed(self.store.runs.values()):
                if run.dataset == dataset:
                    return dataclasses.replace(run)
        return None

    def abandon_unfinished(
        self, dataset: str, finished_at: datetime, reason: str
    ) -> int:
        abandoned = 0
        with self.store.lock:
            for run_id, run in self.store.runs.items():
                if run.dataset == dataset and run.status is RunStatus.RUNNING:
                    self.store.runs[run_id] = dataclasses.replace(
                        run,
                        status=RunStatus.FAILED,
                        finished_at=finished_at,
                        error=reason,
                    )
                    abandoned += 1
        return abandoned


class InMemoryRunHistory:
    def __init__(self, store: InMemoryRunStore) -> None:
        self.store = store

    def runs(self, query: RunFilter, page: PageRequest) -> Page[IngestionRun]:
        with self.store.lock:
            newest_first = list(reversed(self.store.runs.values()))
        matches = [
            run
            for run in newest_first
            if (query.dataset is None or run.dataset == query.dataset)
            and (query.status is None or run.status == query.status)
            and (not query.statuses or run.status in query.statuses)
        ]
        return page_of(matches, page)

    def get(self, run_id: int) -> IngestionRun | None:
        with self.store.lock:
            run = self.store.runs.get(run_id)
        return None if run is None else dataclasses.replace(run)

    def revision(self) -> int:
        with self.store.lock:
            return sum(
                1
                for run in self.store.runs.values()
                if run.status == RunStatus.SUCCEEDED and run.counts.changed
            )
