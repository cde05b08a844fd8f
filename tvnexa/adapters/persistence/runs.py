"""PeeweeRunLog and PeeweeRunHistory: the persisted ingestion run history."""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from typing import Any

import peewee

from tvnexa.adapters.persistence.errors import storage_errors
from tvnexa.adapters.persistence.models import bind_models
from tvnexa.adapters.persistence.run_rows import run_from_row, run_values
from tvnexa.application.ports import RunFilter
from tvnexa.domain.errors import InvalidQuery, NotFound
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.paging import Page, PageRequest

logger = logging.getLogger(__name__)

# Runs that leave their dataset current: it was replaced, or found identical.
CURRENT_STATUSES = (RunStatus.SUCCEEDED.value, RunStatus.UNCHANGED.value)


class PeeweeRunLog:
    """The RunLog port: records runs as they start and finish."""

    def __init__(self, database: peewee.Database) -> None:
        self._database = database
        self._runs = bind_models(database).runs

    def start(self, run: IngestionRun) -> IngestionRun:
        """Store a new run and return it with its id."""
        with storage_errors(f"starting a run of {run.dataset}"):
            new_id = self._runs.insert(**run_values(run)).execute()
        return dataclasses.replace(run, id=int(new_id))

    def finish(self, run: IngestionRun) -> None:
        """Store the run's outcome over the row `start` created."""
        if run.id is None:
            raise ValueError("finish() needs a run returned by start()")
        runs = self._runs
        with storage_errors(f"finishing run {run.id}"):
            changed = runs.update(**run_values(run)).where(runs.id == run.id).execute()
        if not changed:
            raise NotFound("ingestion run", str(run.id))

    def last_success(self, dataset: str) -> IngestionRun | None:
        """The newest run of `dataset` that left its data current."""
        runs = self._runs
        current = (runs.dataset == dataset) & runs.status.in_(CURRENT_STATUSES)
        return self._newest(current, f"the last success of {dataset}")

    def latest(self, dataset: str) -> IngestionRun | None:
        """The newest run of `dataset`, whatever its status."""
        return self._newest(self._runs.dataset == dataset, f"the last {dataset} run")

    def abandon_unfinished(
        self, dataset: str, finished_at: datetime, reason: str
    ) -> int:
        """Mark the dataset's still-running runs failed (see the RunLog port)."""
        runs = self._runs
        query = runs.update(
            status=RunStatus.FAILED.value, finished_at=finished_at, error=reason
        ).where((runs.dataset == dataset) & (runs.status == RunStatus.RUNNING.value))
        with storage_errors(f"abandoning unfinished {dataset} runs"):
            abandoned: int = query.execute()
        return abandoned

    def _newest(self, condition: Any, what: str) -> IngestionRun | None:
        runs = self._runs
        query = (
            runs.select()
            .where(condition)
            .order_by(runs.started_at.desc(), runs.id.desc())
            .limit(1)
        )
        with storage_errors(f"reading {what}"):
            row = query.first()
        return None if row is None else run_from_row(row)


class PeeweeRunHistory:
    """The RunHistory port: runs newest first, and the data revision."""

    def __init__(self, database: peewee.Database) -> None:
        self._database = database
        self._runs = bind_models(database).runs

    def runs(self, query: RunFilter, page: PageRequest) -> Page[IngestionRun]:
        """Runs matching every given filter (`status` and any of `statuses`)."""
        if page.offset < 0 or page.limit < 0:
            raise InvalidQuery("page", "offset and limit must be 0 or more")
        runs = self._runs
        conditions = _conditions(runs, query)
        selected = runs.select()
        if conditions:
            selected = selected.where(*conditions)
        listed = (
            selected.order_by(runs.started_at.desc(), runs.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )

        with storage_errors("listing ingestion runs"), self._database.atomic():
            total = selected.count()
            items = [run_from_row(row) for row in listed]
        return Page(items=items, total=total, offset=page.offset, limit=page.limit)

    def get(self, run_id: int) -> IngestionRun | None:
        """The run with this id, or None if there is none."""
        runs = self._runs
        with storage_errors(f"reading ingestion run {run_id}"):
            row = runs.get_or_none(runs.id == run_id)
        return None if row is None else run_from_row(row)

    def revision(self) -> int:
        """How many finished runs changed catalogue data."""
        runs = self._runs
        changed = (runs.added + runs.updated + runs.removed) > 0
        query = runs.select(peewee.fn.COUNT(runs.id)).where(
            (runs.status == RunStatus.SUCCEEDED.value) & changed
        )
        with storage_errors("reading the data revision"):
            count = query.scalar()
        return int(count or 0)


def _conditions(runs: Any, query: RunFilter) -> list[Any]:
    conditions = []
    if query.dataset is not None:
        conditions.append(runs.dataset == query.dataset)
    if query.status is not None:
        conditions.append(runs.status == query.status)
    if query.statuses:
        conditions.append(runs.status.in_(query.statuses))
    return conditions
