"""Caches that live inside one process: a bounded LRU and one that keeps nothing."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class InProcessCache:
    """A thread-safe least-recently-used cache with per-entry expiry."""

    def __init__(
        self, max_entries: int = 10_000, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_entries = max_entries
        self.monotonic = monotonic
        self.entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            expires_at, value = entry
            if expires_at <= self.monotonic():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return value

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        with self.lock:
            self.entries[key] = (self.monotonic() + ttl_seconds, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)

    def delete(self, key: str) -> None:
        with self.lock:
            self.entries.pop(key, None)


class NullCache:
    """Keeps nothing: every lookup misses."""

    def get(self, key: str) -> bytes | None:
        return None

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        return None

    def delete(self, key: str) -> None:
        return None
