"""HueyJobQueue: ingestion jobs queued as Huey tasks."""

from __future__ import annotations

from collections.abc import Callable

from tvnexa.domain.datasets import Dataset


class HueyJobQueue:
    """The JobQueue port on Huey: each job becomes a call of the ingest task.

    `ingest` is the task as Huey registered it; calling it enqueues one run
    (or, in Huey's immediate mode, runs it at once).
    """

    def __init__(self, ingest: Callable[..., object]) -> None:
        self.ingest = ingest

    def enqueue_ingest(self, dataset: Dataset, reason: str) -> None:
        self.ingest(dataset.value, reason=reason)
