"""PeeweeJobLock on SQLite: times in UTC, and expired leases swept away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import peewee

from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.persistence import PeeweeJobLock
from tvnexa.adapters.persistence.models import bind_models


def stored_leases(database: peewee.Database) -> dict[str, tuple[str, datetime]]:
    rows = bind_models(database).locks.select()
    return {row.name: (row.holder, row.expires_at) for row in rows}


def test_the_database_clock_stores_expiry_in_utc(writer_db: peewee.Database) -> None:
    lock = PeeweeJobLock(writer_db)
    before = datetime.now(UTC)

    lock.acquire("ingest:feeds", "worker-1", 90)

    holder, expires_at = stored_leases(writer_db)["ingest:feeds"]
    assert holder == "worker-1"
    expected = before + timedelta(seconds=90)
    assert (
        expected - timedelta(seconds=5) < expires_at < expected + timedelta(seconds=5)
    )


def test_acquire_sweeps_the_expired_leases_of_every_name(
    writer_db: peewee.Database,
) -> None:
    clock = FixedClock()
    lock = PeeweeJobLock(writer_db, now=clock.now, sweep_every_seconds=0)
    for slot in range(50):
        lock.acquire(f"schedule:feeds:{slot}", "worker-1", 86_400)
    lock.acquire("ingest:feeds", "worker-1", 3 * 86_400)
    clock.advance(2 * 86_400)

    lock.acquire("schedule:feeds:50", "worker-2", 86_400)

    assert set(stored_leases(writer_db)) == {"ingest:feeds", "schedule:feeds:50"}


def test_sweeps_are_spaced_out_and_can_be_asked_for(
    writer_db: peewee.Database,
) -> None:
    clock = FixedClock()
    lock = PeeweeJobLock(writer_db, now=clock.now, sweep_every_seconds=3600)
    lock.acquire("first", "worker-1", 10)
    clock.advance(20)

    lock.acquire("second", "worker-1", 10)

    assert set(stored_leases(writer_db)) == {"first", "second"}
    assert lock.sweep() == 1
    assert set(stored_leases(writer_db)) == {"second"}
