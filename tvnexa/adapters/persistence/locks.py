"""PeeweeJobLock: named leases in the shared database, timed by the database."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import peewee

from tvnexa.adapters.persistence.database import is_mysql
from tvnexa.adapters.persistence.errors import storage_errors
from tvnexa.adapters.persistence.models import bind_models
from tvnexa.domain.errors import StorageError

logger = logging.getLogger(__name__)

# Names used once and never released (a schedule's claim on one slot) would
# pile up; acquire deletes every expired lease at most this often per object.
SWEEP_EVERY_SECONDS = 60.0

# SQLite's 'now' has milliseconds; padded to the microseconds UtcDateTimeField
# writes, so stored and computed times compare as text of one fixed width.
SQLITE_UTC_FORMAT = "%Y-%m-%d %H:%M:%f000"

# InnoDB, or Galera's certification, aborted the statement because another
# transaction wrote the same row at the same time: that one took the lease.
MYSQL_DEADLOCK = 1213


class PeeweeJobLock:
    """The JobLock port over the `job_locks` table, shared by every worker.

    Times come from the database server by default (UTC_TIMESTAMP on MySQL,
    'now' on SQLite), so workers on several machines agree on when a lease
    runs out whatever their own clocks say. `now`, a callable returning an
    aware UTC datetime, replaces that clock (tests use it to move time on).

    Each call is one or two single-statement transactions that decide the
    outcome on the row itself; nothing is read first and written after.
    """

    def __init__(
        self,
        database: peewee.Database,
        *,
        now: Callable[[], datetime] | None = None,
        sweep_every_seconds: float = SWEEP_EVERY_SECONDS,
    ) -> None:
        self._database = database
        self._locks = bind_models(database).locks
        self._now = now
        self._sweep_every = sweep_every_seconds
        self._next_sweep = 0.0
        self._sweep_guard = threading.Lock()

    def acquire(self, name: str, holder: str, ttl_seconds: float) -> bool:
        """Take the lease if it is free, expired or already `holder`'s."""
        now, until = self._moments(ttl_seconds)

        with storage_errors(f"acquiring the lease {name!r}"):
            taken = self._take_over(name, holder, now, until)
            if not taken:
                taken = self._insert(name, holder, now, until)

        self._sweep_now_and_then()
        return taken

    def renew(self, name: str, holder: str, ttl_seconds: float) -> bool:
        """Extend the lease if `holder` still has it unexpired."""
        locks = self._locks
        now, until = self._moments(ttl_seconds)
        mine = (
            (locks.name == name) & (locks.holder == holder) & (locks.expires_at > now)
        )
        with storage_errors(f"renewing the lease {name!r}"):
            changed = locks.update(expires_at=until).where(mine).execute()
            return bool(changed) or self._holds(name, holder, now)

    def release(self, name: str, holder: str) -> None:
        """Delete the lease if it is `holder`'s; someone else's stays."""
        locks = self._locks
        mine = (locks.name == name) & (locks.holder == holder)
        with storage_errors(f"releasing the lease {name!r}"):
            locks.delete().where(mine).execute()

    def is_held(self, name: str) -> bool:
        locks = self._locks
        now, _ = self._moments(0)
        live = (locks.name == name) & (locks.expires_at > now)
        with storage_errors(f"reading the lease {name!r}"):
            return bool(locks.select(locks.name).where(live).exists())

    def sweep(self) -> int:
        """Delete every expired lease; return how many went."""
        locks = self._locks
        now, _ = self._moments(0)
        with storage_errors("sweeping expired leases"):
            return int(locks.delete().where(locks.expires_at <= now).execute())

    def _take_over(self, name: str, holder: str, now: Any, until: Any) -> bool:
        # The row decides: the engine checks the condition on the row's latest
        # version under its write lock, so of two workers taking over one
        # expired lease the second finds it live and changes nothing.
        locks = self._locks
        free = (locks.holder == holder) | (locks.expires_at <= now)
        update = locks.update(holder=holder, expires_at=until)
        try:
            return bool(update.where((locks.name == name) & free).execute())
        except peewee.OperationalError as exc:
            if _mysql_code(exc) == MYSQL_DEADLOCK:
                return False
            raise

    def _insert(self, name: str, holder: str, now: Any, until: Any) -> bool:
        # The primary key decides: of two workers inserting one name, the
        # second gets a unique-key violation and the lease is the first's.
        try:
            with self._database.atomic():
                self._locks.insert(name=name, holder=holder, expires_at=until).execute()
            return True
        except peewee.IntegrityError:
            # MySQL counts rows changed, not rows matched: re-taking a lease
            # one already holds with the same expiry changed nothing above.
            return self._holds(name, holder, now)
        except peewee.OperationalError as exc:
            if _mysql_code(exc) == MYSQL_DEADLOCK:
                return False
            raise

    def _holds(self, name: str, holder: str, now: Any) -> bool:
        locks = self._locks
        mine = (
            (locks.name == name) & (locks.holder == holder) & (locks.expires_at > now)
        )
        return bool(locks.select(locks.name).where(mine).exists())

    def _moments(self, ttl_seconds: float) -> tuple[Any, Any]:
        """Now and `ttl_seconds` later: values from the injected clock, or SQL
        expressions the database evaluates once per statement."""
        if self._now is not None:
            now = self._now()
            return now, now + timedelta(seconds=ttl_seconds)
        if is_mysql(self._database):
            utc_now = peewee.fn.UTC_TIMESTAMP(6)
            micros = round(ttl_seconds * 1_000_000)
            later = peewee.fn.TIMESTAMPADD(peewee.SQL("MICROSECOND"), micros, utc_now)
            return utc_now, later
        offset = f"{ttl_seconds:+.6f} seconds"
        return (
            peewee.fn.strftime(SQLITE_UTC_FORMAT, "now"),
            peewee.fn.strftime(SQLITE_UTC_FORMAT, "now", offset),
        )

    def _sweep_now_and_then(self) -> None:
        with self._sweep_guard:
            if time.monotonic() < self._next_sweep:
                return
            self._next_sweep = time.monotonic() + self._sweep_every
        try:
            swept = self.sweep()
        except StorageError:
            # Only tidying: the leases themselves are already decided.
            logger.warning("sweeping expired leases failed", exc_info=True)
            return
        if swept:
            logger.debug("swept %d expired leases", swept)


def _mysql_code(exc: peewee.OperationalError) -> int | None:
    # Peewee re-raises the driver's error with the driver's arguments after
    # it: (driver error, code, message).
    return next((arg for arg in exc.args if isinstance(arg, int)), None)
