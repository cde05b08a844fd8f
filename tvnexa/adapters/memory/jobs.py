"""In-memory leases and job queue, for tests of the job graph."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from tvnexa.domain.datasets import Dataset


class InMemoryJobLock:
    """Leases in a dict, timed by an injected clock (seconds, monotonic)."""

    def __init__(self, seconds: Callable[[], float]) -> None:
        self.seconds = seconds
        self.leases: dict[str, tuple[str, float]] = {}
        self.guard = threading.Lock()

    def acquire(self, name: str, holder: str, ttl_seconds: float) -> bool:
        with self.guard:
            if self._live_holder(name) not in (None, holder):
                return False
            self.leases[name] = (holder, self.seconds() + ttl_seconds)
            return True

    def renew(self, name: str, holder: str, ttl_seconds: float) -> bool:
        with self.guard:
            if self._live_holder(name) != holder:
                return False
            self.leases[name] = (holder, self.seconds() + ttl_seconds)
            return True

    def release(self, name: str, holder: str) -> None:
        with self.guard:
            if name in self.leases and self.leases[name][0] == holder:
                del self.leases[name]

    def is_held(self, name: str) -> bool:
        with self.guard:
            return self._live_holder(name) is not None

    def _live_holder(self, name: str) -> str | None:
        lease = self.leases.get(name)
        if lease is None or lease[1] <= self.seconds():
            return None
        return lease[0]


class InMemoryJobQueue:
    """A FIFO of (dataset, reason) that a test drains itself."""

    def __init__(self) -> None:
        self.pending: deque[tuple[Dataset, str]] = deque()

    def enqueue_ingest(self, dataset: Dataset, reason: str) -> None:
        self.pending.append((dataset, reason))
