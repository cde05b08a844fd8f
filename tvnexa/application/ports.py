"""Ports: the roles the use cases need filled, as Protocols."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from tvnexa.domain.catalogue import CatalogueRecord, Channel
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import ChangeCounts, IngestionRun, Problem, SourceVersion
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.queries import ChannelQuery, RecordQuery


@dataclass(frozen=True, slots=True)
class FetchedDataset:
    """A dataset as the source published it, already read into records.

    `problems` lists the records the source could not read (rejected ones);
    `total` counts every element of the source array, read or not.
    """

    records: Sequence[CatalogueRecord]
    problems: Sequence[Problem]
    total: int
    version: SourceVersion


@dataclass(frozen=True, slots=True)
class NotModified:
    """The source says the dataset is the same as `version` (HTTP 304)."""

    version: SourceVersion


@dataclass(frozen=True, slots=True)
class RunFilter:
    dataset: str | None = None
    status: str | None = None
    statuses: tuple[str, ...] = field(default_factory=tuple)


class CatalogSource(Protocol):
    """Where the iptv-org datasets come from (the public API, a local copy)."""

    def fetch(
        self, dataset: Dataset, previous: SourceVersion | None = None
    ) -> FetchedDataset | NotModified:
        """Read one dataset; answer NotModified when `previous` is still current.

        Raises SourceError (or a subclass) when the dataset cannot be had.
        """
        ...


class CatalogWriter(Protocol):
    """The write side of the catalogue store."""

    def replace(
        self, dataset: Dataset, records: Sequence[CatalogueRecord]
    ) -> ChangeCounts:
        """Make the stored dataset equal `records`, atomically, and count changes.

        Records are matched by `key`; `records` holds no two with one key.
        """
        ...


class CatalogReader(Protocol):
    """The read side of the catalogue store.

    Lists are ordered by each dataset's natural order (its key fields, nulls
    first), so paging is stable.
    """

    def count(self, dataset: Dataset) -> int: ...

    def keys(self, dataset: Dataset) -> frozenset[str]: ...

    def get(self, dataset: Dataset, key: str) -> CatalogueRecord | None: ...

    def get_many(
        self, dataset: Dataset, keys: Collection[str]
    ) -> list[CatalogueRecord]:
        """The records with these keys that exist, in natural order."""
        ...

    def where_in(
        self, dataset: Dataset, field_name: str, values: Collection[str]
    ) -> list[CatalogueRecord]:
        """Records whose scalar `field_name` is one of `values`, in one query."""
        ...

    def find(
        self, dataset: Dataset, query: RecordQuery, page: PageRequest
    ) -> Page[CatalogueRecord]: ...

    def channels(self, query: ChannelQuery, page: PageRequest) -> Page[Channel]: ...


class RunLog(Protocol):
    """The write side of the ingestion run history."""

    def start(self, run: IngestionRun) -> IngestionRun:
        """Store a new run and return it with its id."""
        ...

    def finish(self, run: IngestionRun) -> None: ...

    def last_success(self, dataset: str) -> IngestionRun | None:
        """The newest run of `dataset` that left its data current."""
        ...

    def latest(self, dataset: str) -> IngestionRun | None:
        """The newest run of `dataset`, whatever its status."""
        ...

    def abandon_unfinished(
        self, dataset: str, finished_at: datetime, reason: str
    ) -> int:
        """Mark every still-running run of `dataset` failed with `reason`.

        Only the holder of the dataset's lease may call it: the runs it finds
        then belong to workers that died before finishing.
        """
        ...


class RunHistory(Protocol):
    """The read side of the ingestion run history, newest first."""

    def runs(self, query: RunFilter, page: PageRequest) -> Page[IngestionRun]: ...

    def get(self, run_id: int) -> IngestionRun | None:
        """The run with this id, or None if there is none."""
        ...

    def revision(self) -> int:
        """A number that grows whenever an ingestion run changes catalogue data.

        It counts the finished runs that changed data, so it grows even when
        runs of two datasets finish in another order than they started.
        """
        ...


class Cache(Protocol):
    """A shared byte cache with per-entry expiry."""

    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None: ...

    def delete(self, key: str) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class JobLock(Protocol):
    """Named leases shared by every worker on every machine.

    A lease is held by one holder until it is released or its time runs out,
    so a holder that dies without releasing blocks others only until then.
    """

    def acquire(self, name: str, holder: str, ttl_seconds: float) -> bool:
        """Take the lease if it is free or expired; False if someone holds it."""
        ...

    def renew(self, name: str, holder: str, ttl_seconds: float) -> bool:
        """Extend a lease `holder` still has; False if it was lost."""
        ...

    def release(self, name: str, holder: str) -> None:
        """Give the lease up if `holder` has it; otherwise do nothing."""
        ...

    def is_held(self, name: str) -> bool:
        """Whether anyone holds an unexpired lease on `name`."""
        ...


class JobQueue(Protocol):
    """Where ingestion jobs wait for a worker."""

    def enqueue_ingest(self, dataset: Dataset, reason: str) -> None: ...
