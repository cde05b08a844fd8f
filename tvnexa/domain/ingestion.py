"""Ingestion runs, their counts, and the problems a run reports about records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Generic, Protocol, TypeVar


class RunStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    UNPUBLISHED = "unpublished"
    FAILED = "failed"
    REFUSED = "refused"


class ProblemKind(StrEnum):
    """What a Problem reports.

    Catalogue runs report REJECTED records and DANGLING references. Guide runs
    also report UNMATCHED guide channels (no catalogue channel matches them),
    ANOMALY counts (each irregularity found, and how often), and NOTE facts
    worth keeping with the run, such as the time correction applied.
    """

    REJECTED = "rejected"
    DANGLING = "dangling"
    UNMATCHED = "unmatched"
    ANOMALY = "anomaly"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Problem:
    """One record the run could not take as it is, said precisely.

    `position` is the record's zero-based index in the source array; in a
    guide run, the line of the guide (0 when unknown, and for counts and
    notes), or the guide channel's index among the guide's channels.
    """

    kind: ProblemKind
    dataset: str
    position: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.dataset}[{self.position}].{self.field}: {self.reason}"


@dataclass(frozen=True, slots=True)
class SourceVersion:
    """What identifies one published version of a dataset at its source."""

    etag: str | None = None
    last_modified: str | None = None
    digest: str | None = None


@dataclass(frozen=True, slots=True)
class ChangeCounts:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass(slots=True)
class IngestionRun:
    dataset: str
    started_at: datetime
    status: RunStatus = RunStatus.RUNNING
    finished_at: datetime | None = None
    counts: ChangeCounts = field(default_factory=ChangeCounts)
    rejected: int = 0
    dangling: int = 0
    error: str | None = None
    problems: tuple[Problem, ...] = ()
    version: SourceVersion = field(default_factory=SourceVersion)
    id: int | None = None


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


R = TypeVar("R", bound=Keyed)


@dataclass(frozen=True, slots=True)
class ChangeSet(Generic[R]):
    """What turns the stored records of a dataset into the incoming ones."""

    added: tuple[R, ...]
    updated: tuple[R, ...]
    removed_keys: tuple[str, ...]
    unchanged: int

    @property
    def counts(self) -> ChangeCounts:
        return ChangeCounts(
            added=len(self.added),
            updated=len(self.updated),
            removed=len(self.removed_keys),
            unchanged=self.unchanged,
        )


def diff_records(stored: Mapping[str, R], incoming: Iterable[R]) -> ChangeSet[R]:
    """Compare stored and incoming records by key and by value."""
    added: list[R] = []
    updated: list[R] = []
    unchanged = 0
    seen: set[str] = set()
    for record in incoming:
        key = record.key
        seen.add(key)
        previous = stored.get(key)
        if previous is None:
            added.append(record)
        elif previous != record:
            updated.append(record)
        else:
            unchanged += 1
    removed = tuple(key for key in stored if key not in seen)
    return ChangeSet(tuple(added), tuple(updated), removed, unchanged)
