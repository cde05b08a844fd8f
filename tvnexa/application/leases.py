"""Leases on jobs: their names, their timing, and keeping one alive."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from types import TracebackType

from tvnexa.application.ports import JobLock
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import TvnexaError

logger = logging.getLogger(__name__)


def lock_name(dataset: Dataset) -> str:
    return f"ingest:{dataset.value}"


@dataclass(frozen=True, slots=True)
class JobSettings:
    """`lease_seconds`: how long a dead worker's lease blocks others; a live
    worker renews its lease every `renew_every_seconds`."""

    lease_seconds: float = 120.0
    renew_every_seconds: float = 30.0


ABANDONED = "abandoned: the worker running it stopped before it finished"


class LeaseKeeper:
    """Holds an acquired lease: renews it in the background while the work
    under it goes on, and releases it when the work ends, however it ends."""

    def __init__(
        self, lock: JobLock, name: str, holder: str, settings: JobSettings
    ) -> None:
        self.lock = lock
        self.name = name
        self.holder = holder
        self.settings = settings
        self.stopped = threading.Event()
        self.thread = threading.Thread(
            target=self.keep, name=f"lease {name}", daemon=True
        )

    def __enter__(self) -> LeaseKeeper:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stopped.set()
        self.thread.join()
        self.lock.release(self.name, self.holder)

    def keep(self) -> None:
        while not self.stopped.wait(self.settings.renew_every_seconds):
            ttl = self.settings.lease_seconds
            try:
                renewed = self.lock.renew(self.name, self.holder, ttl)
            except TvnexaError as exc:
                # A busy database (SQLite's single writer during a long ingest)
                # can refuse one renewal; the lease outlives several ticks.
                logger.warning("could not renew the lease %s: %s", self.name, exc)
                continue
            if not renewed:
                logger.warning("lost the lease %s held by %s", self.name, self.holder)
                return
