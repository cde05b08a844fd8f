"""The job lock contract: what every JobLock does, alone and under a race."""

from __future__ import annotations

import multiprocessing
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee
import pytest

from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.memory.jobs import InMemoryJobLock
from tvnexa.adapters.persistence import PeeweeJobLock, migrate, open_database
from tvnexa.application.ports import JobLock

MARIADB_SERVER = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
TTL = 60.0
RACERS = 8


@dataclass
class LockWorld:
    """Locks over one shared store and the time they all read.

    `another()` gives a lock of its own over the same store (for the Peewee
    adapter: its own database object, so its own connection), as a second
    worker would have. `url` is the database's, for racing processes.
    """

    lock: JobLock
    another: Callable[[], JobLock]
    advance: Callable[[float], None]
    url: str | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for close in reversed(self.closers):
            close()


# Factories: each takes a scratch folder and whether times come from the
# database's own clock (True) or from a fake clock the test moves (False).


def in_memory_world(tmp_path: Path, database_clock: bool) -> LockWorld:
    clock = FixedClock()
    lock = InMemoryJobLock(lambda: clock.now().timestamp())
    return LockWorld(lock, lambda: lock, clock.advance)


def peewee_sqlite_world(tmp_path: Path, database_clock: bool) -> LockWorld:
    url = f"sqlite:///{tmp_path / 'locks.sqlite3'}"
    return _peewee_world(url, database_clock, [])


def peewee_mariadb_world(tmp_path: Path, database_clock: bool) -> LockWorld:
    import pymysql

    name = f"tvnexa_locks_{uuid.uuid4().hex[:12]}"
    try:
        admin = pymysql.connect(**MARIADB_SERVER, connect_timeout=5)
    except pymysql.err.OperationalError as exc:
        pytest.fail(f"MariaDB is not answering on 127.0.0.1:3306 ({exc})")
    admin.cursor().execute(f"CREATE DATABASE `{name}`")

    def drop() -> None:
        admin.cursor().execute(f"DROP DATABASE `{name}`")
        admin.close()

    return _peewee_world(f"mysql://root@127.0.0.1:3306/{name}", database_clock, [drop])


def _peewee_world(
    url: str, database_clock: bool, closers: list[Callable[[], None]]
) -> LockWorld:
    clock = FixedClock()
    opened: list[peewee.Database] = []

    def another() -> JobLock:
        database = open_database(url)
        opened.append(database)
        if database_clock:
            return PeeweeJobLock(database)
        return PeeweeJobLock(database, now=clock.now)

    migrator = open_database(url)
    opened.append(migrator)
    migrate(migrator)
    advance = time.sleep if database_clock else clock.advance
    world = LockWorld(another(), another, advance, url, closers)

    def close_all() -> None:
        for database in opened:
            database.close()

    world.closers.append(close_all)
    return world


FAKE_CLOCK_WORLDS: list[Any] = [
    pytest.param(in_memory_world, id="in-memory"),
    pytest.param(peewee_sqlite_world, id="peewee-sqlite"),
    pytest.param(peewee_mariadb_world, id="peewee-mariadb", marks=pytest.mark.mariadb),
]

DATABASE_CLOCK_WORLDS: list[Any] = [
    pytest.param(peewee_sqlite_world, id="peewee-sqlite"),
    pytest.param(peewee_mariadb_world, id="peewee-mariadb", marks=pytest.mark.mariadb),
]


@pytest.fixture(params=FAKE_CLOCK_WORLDS)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LockWorld]:
    """Fresh locks from each factory in turn, on a clock the test moves."""
    built: LockWorld = request.param(tmp_path, False)
    yield built
    built.close()


@pytest.fixture(params=DATABASE_CLOCK_WORLDS)
def real_time_world(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[LockWorld]:
    """Fresh Peewee locks timed by the database server, as in production."""
    built: LockWorld = request.param(tmp_path, True)
    yield built
    built.close()


# Acquire


def test_a_free_lease_is_taken_and_others_find_it_busy(world: LockWorld) -> None:
    other = world.another()

    assert world.lock.acquire("ingest:feeds", "worker-1", TTL)

    assert not other.acquire("ingest:feeds", "worker-2", TTL)
    assert other.is_held("ingest:feeds")
    assert world.lock.is_held("ingest:feeds")
    assert not other.is_held("ingest:logos")
    assert other.acquire("ingest:logos", "worker-2", TTL)


def test_the_holder_may_acquire_again_which_extends_the_lease(
    world: LockWorld,
) -> None:
    assert world.lock.acquire("job", "worker-1", TTL)
    world.advance(TTL * 0.75)

    assert world.lock.acquire("job", "worker-1", TTL)
    world.advance(TTL * 0.75)

    assert world.lock.is_held("job")
    assert not world.another().acquire("job", "worker-2", TTL)


def test_an_expired_lease_is_free_for_anyone(world: LockWorld) -> None:
    other = world.another()
    assert world.lock.acquire("job", "dead worker", TTL)

    world.advance(TTL)

    assert not other.is_held("job")
    assert other.acquire("job", "worker-2", TTL)
    assert not world.lock.renew("job", "dead worker", TTL)
    world.lock.release("job", "dead worker")
    assert other.is_held("job")
    assert not world.lock.acquire("job", "dead worker", TTL)


# Renew


def test_renew_extends_a_live_lease_of_its_holder_only(world: LockWorld) -> None:
    other = world.another()
    assert world.lock.acquire("job", "worker-1", TTL)
    world.advance(TTL * 0.75)

    assert world.lock.renew("job", "worker-1", TTL)
    assert not other.renew("job", "worker-2", TTL)
    world.advance(TTL * 0.75)

    assert other.is_held("job")
    assert not other.acquire("job", "worker-2", TTL)


def test_renew_with_an_unchanged_expiry_still_reports_the_lease_held(
    world: LockWorld,
) -> None:
    # On a clock that has not moved the new expiry equals the stored one,
    # which some engines (MySQL) report as no row changed.
    assert world.lock.acquire("job", "worker-1", TTL)

    assert world.lock.renew("job", "worker-1", TTL)
    assert world.lock.acquire("job", "worker-1", TTL)
    assert world.lock.is_held("job")


def test_a_lapsed_lease_cannot_be_renewed(world: LockWorld) -> None:
    assert world.lock.acquire("job", "worker-1", TTL)
    world.advance(TTL * 1.5)

    assert not world.lock.renew("job", "worker-1", TTL)
    assert not world.lock.is_held("job")
    assert not world.lock.renew("never taken", "worker-1", TTL)


# Release


def test_release_gives_up_only_the_holders_own_lease(world: LockWorld) -> None:
    other = world.another()
    assert world.lock.acquire("job", "worker-1", TTL)

    other.release("job", "worker-2")
    assert other.is_held("job")

    world.lock.release("job", "worker-1")
    assert not other.is_held("job")
    assert other.acquire("job", "worker-2", TTL)
    world.lock.release("never taken", "worker-1")


# Races


def race(locks: list[JobLock], name: str) -> list[str]:
    """Every lock tries for `name` at the same moment; the holders that won."""
    start = threading.Barrier(len(locks))
    winners: list[str] = []
    failures: list[BaseException] = []

    def attempt(lock: JobLock, holder: str) -> None:
        try:
            start.wait(timeout=30)
            if lock.acquire(name, holder, TTL):
                winners.append(holder)
        except BaseException as exc:  # collected, then reported by the test
            failures.append(exc)

    threads = [
        threading.Thread(target=attempt, args=(lock, f"racer-{number}"))
        for number, lock in enumerate(locks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a racer hung"
    assert not failures, failures
    return winners


def test_of_many_workers_racing_for_a_free_lease_exactly_one_wins(
    world: LockWorld,
) -> None:
    locks = [world.another() for _ in range(RACERS)]

    for round_number in range(5):
        winners = race(locks, f"schedule:feeds:{round_number}")

        assert len(winners) == 1, winners


def test_of_many_workers_racing_for_an_expired_lease_exactly_one_wins(
    world: LockWorld,
) -> None:
    locks = [world.another() for _ in range(RACERS)]

    for round_number in range(5):
        name = f"ingest:{round_number}"
        assert world.lock.acquire(name, "dead worker", TTL)
        world.advance(TTL)

        winners = race(locks, name)

        assert len(winners) == 1, winners
        assert not world.lock.acquire(name, "dead worker", TTL)


# The database's own clock, as production uses it. Leases here last a moment
# of real time, and the assertions only need the sleeps to be long enough.

SHORT_TTL = 0.2


def test_database_timed_leases_expire_and_renew(real_time_world: LockWorld) -> None:
    lock, other = real_time_world.lock, real_time_world.another()

    assert lock.acquire("short", "worker-1", SHORT_TTL)
    assert lock.acquire("long", "worker-1", 3600)
    assert lock.renew("long", "worker-1", 3600)
    assert not other.acquire("long", "worker-2", 3600)
    time.sleep(SHORT_TTL * 2)

    assert not other.is_held("short")
    assert not lock.renew("short", "worker-1", SHORT_TTL)
    assert other.acquire("short", "worker-2", 3600)
    assert other.is_held("long")
    assert not other.acquire("long", "worker-2", 3600)


def test_database_timed_races_have_exactly_one_winner(
    real_time_world: LockWorld,
) -> None:
    locks = [real_time_world.another() for _ in range(RACERS)]

    for round_number in range(3):
        name = f"ingest:{round_number}"
        assert real_time_world.lock.acquire(name, "dead worker", SHORT_TTL)
        time.sleep(SHORT_TTL * 2)

        assert len(race(locks, name)) == 1
        assert len(race(locks, f"schedule:feeds:{round_number}")) == 1


def acquire_in_a_process(
    url: str, name: str, holder: str, start: Any, results: Any
) -> None:
    """A worker process: its own database connection, then one attempt."""
    lock = PeeweeJobLock(open_database(url))
    start.wait(30)
    results.put((holder, lock.acquire(name, holder, TTL)))


def test_of_racing_processes_exactly_one_wins(real_time_world: LockWorld) -> None:
    url = real_time_world.url
    assert url is not None
    # Forked, so the worker function needs no importable module; each child
    # opens its own connection before the start signal.
    context = multiprocessing.get_context("fork")
    start, results = context.Event(), context.Queue()
    processes = [
        context.Process(
            target=acquire_in_a_process,
            args=(url, "ingest:channels", f"process-{number}", start, results),
        )
        for number in range(RACERS)
    ]
    for process in processes:
        process.start()

    start.set()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)

    assert [process.exitcode for process in processes] == [0] * RACERS
    winners = [holder for holder, won in outcomes if won]
    assert len(winners) == 1, outcomes
    assert real_time_world.lock.is_held("ingest:channels")
