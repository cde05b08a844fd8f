"""Programme storage on SQLite: atomic swaps, bounded memory, fixed statement counts."""

from __future__ import annotations

import sqlite3
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import chain
from typing import Any

import peewee
import pytest

from tvnexa.adapters.persistence import (
    PeeweeProgrammeReader,
    PeeweeProgrammeWriter,
    open_database,
)
from tvnexa.adapters.persistence.programmes_writer import PeeweeProgrammeStage
from tvnexa.domain.errors import StorageError
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.programmes import GuideChannel, LangText, Programme
from tvnexa.domain.schedules import ChannelMatch, MatchMethod, TimeWindow

START = datetime(2026, 3, 1, tzinfo=UTC)
EVERYTHING = TimeWindow(START - timedelta(days=30), START + timedelta(days=400))


def guide(
    channels: int, per_channel: int, title: str, minutes: int = 30
) -> Iterator[Programme]:
    """A guide that interleaves its channels, as merged guides do."""
    for index in range(per_channel):
        start = START + timedelta(minutes=minutes * index)
        for channel in range(channels):
            yield Programme(
                f"g{channel}",
                start,
                start + timedelta(minutes=minutes),
                titles=(LangText(f"{title} {index}", "en"),),
                descs=(LangText(f"About {title}, part {index}.", "en"),),
            )


def matches(channels: int) -> list[ChannelMatch]:
    return [
        ChannelMatch("src", GuideChannel(f"g{n}"), f"C{n}", None, MatchMethod.EXACT)
        for n in range(channels)
    ]


def store(
    writer: PeeweeProgrammeWriter, programmes: Iterator[Programme], channels: int
) -> None:
    stage = writer.stage("src", 1)
    batch: list[Programme] = []
    for programme in programmes:
        batch.append(programme)
        if len(batch) == 1000:
            stage.add(batch)
            batch = []
    stage.add(batch)
    stage.commit(matches(channels))


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds}s for {what}")
        time.sleep(0.01)


def tables(database: peewee.Database) -> set[str]:
    """The tables this connection sees, in every database attached to it."""
    found = set()
    for _, schema, _ in database.execute_sql("PRAGMA database_list").fetchall():
        cursor: Any = database.execute_sql(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
        )
        found.update(f"{schema}.{name}" for (name,) in cursor.fetchall())
    return found


@pytest.fixture
def programme_writer(writer_db: peewee.Database) -> PeeweeProgrammeWriter:
    return PeeweeProgrammeWriter(writer_db)


@pytest.fixture
def programme_reader(reader_db: peewee.Database) -> PeeweeProgrammeReader:
    return PeeweeProgrammeReader(reader_db)


def test_readers_see_the_old_guide_or_the_new_one_never_a_mix(
    database_url: str, programme_writer: PeeweeProgrammeWriter
) -> None:
    channels, per_channel = 40, 300
    store(programme_writer, guide(channels, per_channel, "old"), channels)
    wanted = [f"C{n}" for n in range(channels)]
    stop_reading = threading.Event()
    seen: list[tuple[float, float, frozenset[str], int]] = []
    failures: list[BaseException] = []

    def read() -> None:
        # Its own read-only database, so its own connection, as a web worker.
        database = open_database(database_url, read_only=True)
        reader = PeeweeProgrammeReader(database)
        try:
            while not stop_reading.is_set():
                began = time.perf_counter()
                found = reader.schedules(wanted, EVERYTHING)
                shown = [p.title.split()[0] for p in chain(*found.values())]
                seen.append((began, time.perf_counter(), frozenset(shown), len(shown)))
        except BaseException as exc:  # reported by the test below
            failures.append(exc)
        finally:
            database.close()

    thread = threading.Thread(target=read)
    thread.start()
    try:
        wait_for(lambda: bool(seen or failures), "the first read")
        storing = time.perf_counter()
        store(programme_writer, guide(channels, per_channel, "new"), channels)
        stored = time.perf_counter()
        wait_for(lambda: bool(failures or seen[-1][0] > stored), "a read after")
    finally:
        stop_reading.set()
        thread.join(timeout=60)

    assert not failures
    assert {(titles, count) for _, _, titles, count in seen} <= {
        (frozenset({"old"}), channels * per_channel),
        (frozenset({"new"}), channels * per_channel),
    }
    assert seen[0][2] == {"old"} and seen[-1][2] == {"new"}
    # The reader kept reading while the new guide was staged and committed.
    assert any(began < stored and ended > storing for began, ended, *_ in seen)


def test_a_failed_commit_keeps_the_stored_guide_and_the_stage(
    programme_writer: PeeweeProgrammeWriter,
    programme_reader: PeeweeProgrammeReader,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store(programme_writer, guide(3, 10, "old"), 3)
    stage = programme_writer.stage("src", 1)
    stage.add(list(guide(3, 10, "new")))
    replace_matches = PeeweeProgrammeStage._replace_matches

    def fail(self: PeeweeProgrammeStage, matches: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(PeeweeProgrammeStage, "_replace_matches", fail)
    with pytest.raises(StorageError, match="disk I/O error"):
        stage.commit(matches(3))

    shown = programme_reader.schedules(["C0", "C1", "C2"], EVERYTHING)
    assert {p.title.split()[0] for p in chain(*shown.values())} == {"old"}
    monkeypatch.setattr(PeeweeProgrammeStage, "_replace_matches", replace_matches)
    assert stage.commit(matches(3)).inserted == 30
    shown = programme_reader.schedules(["C0", "C1", "C2"], EVERYTHING)
    assert {p.title.split()[0] for p in chain(*shown.values())} == {"new"}


def test_staged_rows_stay_on_the_stage_connection_and_go_with_it(
    writer_db: peewee.Database, programme_writer: PeeweeProgrammeWriter
) -> None:
    stage = programme_writer.stage("src", 1)
    stage.add(list(guide(3, 10, "new")))
    staged_on_its_connection = stage._on_thread(tables, writer_db)

    assert "programme_stage.programme_staging" in staged_on_its_connection
    assert not any("programme_staging" in name for name in tables(writer_db))
    stage.discard()
    assert not [t for t in threading.enumerate() if t.name.startswith("stage-src")]
    # Nothing was written to the database the readers share.
    cursor: Any = writer_db.execute_sql("SELECT COUNT(*) FROM programmes")
    assert cursor.fetchone()[0] == 0


def test_staging_a_large_guide_keeps_python_memory_bounded(
    writer_db: peewee.Database, programme_writer: PeeweeProgrammeWriter
) -> None:
    # 200,000 programmes over 300 channels, handed over 1,000 at a time as
    # the parser's batches are: the stage holds one write's worth of rows.
    channels, per_channel = 300, 667
    title = (LangText("show", "en"),)
    stage = programme_writer.stage("src", 1)

    tracemalloc.start()
    try:
        for index in range(per_channel):
            start = START + timedelta(minutes=30 * index)
            stop = start + timedelta(minutes=30)
            stage.add([Programme(f"g{n}", start, stop, title) for n in range(channels)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    counts = stage.commit(matches(channels))

    assert counts.inserted == channels * per_channel
    # The encoded rows of the whole guide alone would take over 100 MB.
    assert peak < 12_000_000


def test_reads_run_the_same_statements_for_one_channel_or_hundreds(
    reader_db: peewee.Database,
    programme_writer: PeeweeProgrammeWriter,
    programme_reader: PeeweeProgrammeReader,
    trace: Any,
) -> None:
    channels = 300
    store(programme_writer, guide(channels, 60, "show", minutes=60), channels)
    many = [f"C{n}" for n in range(channels)]
    window = TimeWindow(START + timedelta(hours=10), START + timedelta(hours=20))
    at = START + timedelta(hours=12, minutes=30)
    log = trace(reader_db)

    def selects(read: Any) -> int:
        log.clear()
        read()
        return len(log.starting_with("SELECT", "WITH"))

    one_schedule = selects(lambda: programme_reader.schedules(["C7"], window))
    all_schedules = selects(lambda: programme_reader.schedules(many, window))
    one_now = selects(lambda: programme_reader.now_next(["C7"], at))
    all_now = selects(lambda: programme_reader.now_next(many, at))
    search = selects(lambda: programme_reader.search("show 1", window, PageRequest()))
    listed = selects(lambda: programme_reader.matches(None, True, PageRequest()))

    assert one_schedule == all_schedules == 1
    assert one_now == all_now == 3
    assert search == listed == 2
    found = programme_reader.now_next(many, at)
    assert all(n.now is not None and n.now.title == "show 12" for n in found.values())
    assert all(n.next is not None and n.next.title == "show 13" for n in found.values())
