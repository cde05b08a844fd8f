"""JSON of ingestion runs and of each dataset's state, in snake_case."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tvnexa.application.runs import DatasetState
from tvnexa.domain.ingestion import IngestionRun, Problem


def instant(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with its offset, always to the millisecond."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def run_summary(run: IngestionRun) -> dict[str, Any]:
    """A run as lists show it: counts and the number of stored problems."""
    return {
        "id": run.id,
        "dataset": run.dataset,
        "status": run.status.value,
        "started_at": instant(run.started_at),
        "finished_at": instant(run.finished_at),
        "added": run.counts.added,
        "updated": run.counts.updated,
        "removed": run.counts.removed,
        "unchanged": run.counts.unchanged,
        "rejected": run.rejected,
        "dangling": run.dangling,
        "error": run.error,
        "problems_count": len(run.problems),
        "source_version": {
            "etag": run.version.etag,
            "last_modified": run.version.last_modified,
            "digest": run.version.digest,
        },
    }


def problem(item: Problem) -> dict[str, Any]:
    return {
        "kind": item.kind.value,
        "position": item.position,
        "field": item.field,
        "reason": item.reason,
    }


def run_detail(run: IngestionRun) -> dict[str, Any]:
    """A run with the problems it stored (the first ones, when there were many)."""
    return {**run_summary(run), "problems": [problem(item) for item in run.problems]}


def dataset_state(state: DatasetState) -> dict[str, Any]:
    last_run, last_success = state.last_run, state.last_success
    return {
        "name": state.dataset.value,
        "parents": [parent.value for parent in state.parents],
        "last_run": None if last_run is None else run_summary(last_run),
        "last_success": None if last_success is None else run_summary(last_success),
    }
