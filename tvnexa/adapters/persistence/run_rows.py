"""Conversion between ingestion runs and rows of the `ingestion_runs` table."""

from __future__ import annotations

import json
from typing import Any

from tvnexa.domain.ingestion import (
    ChangeCounts,
    IngestionRun,
    Problem,
    ProblemKind,
    RunStatus,
    SourceVersion,
)

# A run over a broken source can report a problem per record; the counts
# (rejected, dangling) keep the totals, the stored list keeps the first ones.
MAX_STORED_PROBLEMS = 1_000


def run_values(run: IngestionRun) -> dict[str, Any]:
    """The column values of `run`, except its id."""
    return {
        "dataset": run.dataset,
        "status": RunStatus(run.status).value,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "added": run.counts.added,
        "updated": run.counts.updated,
        "removed": run.counts.removed,
        "unchanged": run.counts.unchanged,
        "rejected": run.rejected,
        "dangling": run.dangling,
        "error": run.error,
        "problems": _encode_problems(run.problems),
        "etag": run.version.etag,
        "last_modified": run.version.last_modified,
        "digest": run.version.digest,
    }


def run_from_row(row: Any) -> IngestionRun:
    """The run held by a model instance of the runs table."""
    return IngestionRun(
        id=row.id,
        dataset=row.dataset,
        status=RunStatus(row.status),
        started_at=row.started_at,
        finished_at=row.finished_at,
        counts=ChangeCounts(
            added=row.added,
            updated=row.updated,
            removed=row.removed,
            unchanged=row.unchanged,
        ),
        rejected=row.rejected,
        dangling=row.dangling,
        error=row.error,
        problems=_decode_problems(row.problems),
        version=SourceVersion(
            etag=row.etag, last_modified=row.last_modified, digest=row.digest
        ),
    )


def _encode_problems(problems: tuple[Problem, ...]) -> str:
    kept = problems[:MAX_STORED_PROBLEMS]
    return json.dumps(
        [
            {
                "kind": problem.kind.value,
                "dataset": problem.dataset,
                "position": problem.position,
                "field": problem.field,
                "reason": problem.reason,
            }
            for problem in kept
        ],
        ensure_ascii=False,
    )


def _decode_problems(text: str | None) -> tuple[Problem, ...]:
    if not text:
        return ()
    return tuple(
        Problem(
            kind=ProblemKind(item["kind"]),
            dataset=item["dataset"],
            position=item["position"],
            field=item["field"],
            reason=item["reason"],
        )
        for item in json.loads(text)
    )
