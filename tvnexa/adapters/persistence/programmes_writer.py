"""PeeweeProgrammeWriter: guides streamed into a private staging table, swapped in."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar

import peewee

from tvnexa.adapters.persistence.bulk import BulkStatements
from tvnexa.adapters.persistence.database import write_transaction
from tvnexa.adapters.persistence.errors import storage_errors
from tvnexa.adapters.persistence.programme_rows import (
    guide_channel_data,
    utc_text,
)
from tvnexa.adapters.persistence.programme_sql import (
    DELETE_OVERLAPPING,
    INSERT_KEPT,
    STAGED_CHANNELS,
    StagedChannel,
    fill_stops,
    for_database,
    staged_channel,
    staged_row_encoder,
    staging_indexes,
    staging_inserts,
    staging_table,
)
from tvnexa.domain.errors import StorageError
from tvnexa.domain.programmes import Programme
from tvnexa.domain.schedules import ChannelMatch, ReplaceCounts

logger = logging.getLogger(__name__)

MATCH_COLUMNS = ("source", "guide_channel", "channel", "feed", "method", "data")

# Staged rows written per transaction. One batch is filled while the one
# before is written, and a batch of rows is several MB of Python objects, so
# this bounds an ingest's memory; the staging table has no index until the
# commit, so a smaller transaction costs no more per row.
STAGED_ROWS_PER_WRITE = 2_000
# Batches handed to the stage's thread and not yet written: one is written
# while the next is read, and no more are held, which bounds memory.
WRITES_IN_FLIGHT = 1

T = TypeVar("T")


class PeeweeProgrammeStage:
    """The ProgrammeStage port: one guide's programmes in `programme_staging`.

    The stage owns a thread and that thread's connection, which alone sees
    its staging table (see programme_sql). Rows are encoded by the caller
    and written by the thread, STAGED_ROWS_PER_WRITE per transaction, while
    the caller reads on: the database releases the interpreter while it
    works. `commit` tidies and swaps the staged rows in with set statements,
    all in one transaction on the same connection. After a successful commit
    or a discard the connection is closed, and the staging table with it; a
    failed commit leaves the guide staged, to be committed again or
    discarded.
    """

    def __init__(self, database: peewee.Database, source: str, priority: int) -> None:
        # Peewee types execute_sql() loosely; it returns a DB-API cursor.
        self._database: Any = database
        self._bulk = BulkStatements(database)
        self._row_of = staged_row_encoder(database)
        self._pending: list[Any] = []
        self._in_flight: deque[Future[None]] = deque()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix=f"stage-{source}")
        self.source = source
        self.priority = priority
        self._in_flight.append(self._thread.submit(self._open))

    def add(self, programmes: Sequence[Programme]) -> None:
        pending, row_of = self._pending, self._row_of
        for programme in programmes:
            pending.append(row_of(programme))
            if len(pending) >= STAGED_ROWS_PER_WRITE:
                self._hand_over_pending()
                pending = self._pending

    def commit(self, matches: Sequence[ChannelMatch]) -> ReplaceCounts:
        started = time.perf_counter()
        # Written on their own first, so a failed commit leaves the whole guide
        # staged, to be committed again or discarded.
        self._hand_over_pending()
        self._wait_for_writes()
        counts = self._on_thread(self._swap_in, matches)
        self._close()
        logger.info(
            "guide of %s stored in %.3fs: %s",
            self.source,
            time.perf_counter() - started,
            counts,
        )
        return counts

    def discard(self) -> None:
        self._pending = []
        try:
            self._wait_for_writes()
        except StorageError as exc:
            logger.debug("a staged write of %s had failed: %s", self.source, exc)
        finally:
            self._close()

    def _open(self) -> None:
        with storage_errors(f"opening the stage of {self.source}"):
            for statement in staging_table(self._database):
                self._database.execute_sql(statement)

    def _hand_over_pending(self) -> None:
        if not self._pending:
            return
        while len(self._in_flight) >= WRITES_IN_FLIGHT:
            self._in_flight.popleft().result()
        rows, self._pending = self._pending, []
        self._in_flight.append(self._thread.submit(self._write, rows))

    def _wait_for_writes(self) -> None:
        while self._in_flight:
            self._in_flight.popleft().result()

    def _write(self, rows: list[Any]) -> None:
        # A plain BEGIN: only the staging database is written, so the main
        # database's write lock is never taken here.
        with (
            storage_errors(f"staging programmes of {self.source}"),
            self._database.atomic(),
        ):
            cursor = self._database.cursor()
            try:
                for statement, params in staging_inserts(self._database, rows):
                    cursor.execute(statement, params)
            finally:
                cursor.close()

    def _swap_in(self, matches: Sequence[ChannelMatch]) -> ReplaceCounts:
        match_of = {match.guide_channel.id: match for match in matches}
        with storage_errors(f"ordering the staged guide of {self.source}"):
            for statement in staging_indexes(self._database):
                self._execute(statement)
        with (
            storage_errors(f"storing the guide of {self.source}"),
            write_transaction(self._database),
        ):
            stops_filled = self._execute(fill_stops(self._database)).rowcount
            channels = [staged_channel(row) for row in self._execute(STAGED_CHANNELS)]

            replaced = self._delete_overlapping(channels)
            self._replace_matches(match_of.values())
            self._execute(INSERT_KEPT, (self.source, self.priority, self.source))

        return ReplaceCounts(
            inserted=sum(channel.kept for channel in channels),
            replaced=replaced,
            stops_filled=int(stops_filled),
            duplicates=sum(channel.staged - channel.kept for channel in channels),
            channels=len(channels),
        )

    def _on_thread(self, work: Callable[..., T], *arguments: Any) -> T:
        return self._thread.submit(work, *arguments).result()

    def _close(self) -> None:
        """Close the stage's connection, which drops its staging table."""
        try:
            self._on_thread(self._database.close)
        finally:
            self._thread.shutdown()

    def _delete_overlapping(self, channels: Iterable[StagedChannel]) -> int:
        rows = [
            (self.source, c.guide_channel, utc_text(c.end), *[utc_text(c.start)] * 3)
            for c in channels
        ]
        cursor = self._database.cursor()
        try:
            cursor.executemany(for_database(DELETE_OVERLAPPING, self._database), rows)
            return int(cursor.rowcount) if rows else 0
        finally:
            cursor.close()

    def _replace_matches(self, matches: Iterable[ChannelMatch]) -> None:
        statement = "DELETE FROM guide_channel_matches WHERE source = ?"
        self._execute(statement, (self.source,))
        rows = (
            (
                self.source,
                match.guide_channel.id,
                match.channel,
                match.feed,
                None if match.method is None else match.method.value,
                guide_channel_data(match.guide_channel),
            )
            for match in matches
        )
        self._bulk.insert("guide_channel_matches", MATCH_COLUMNS, rows)

    def _execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        return self._database.execute_sql(
            for_database(statement, self._database), params
        )


class PeeweeProgrammeWriter:
    """The ProgrammeWriter port on a Peewee database (SQLite, MySQL or MariaDB)."""

    def __init__(self, database: peewee.Database) -> None:
        # Peewee types execute_sql() loosely; it returns a DB-API cursor.
        self._database: Any = database

    def stage(self, source: str, priority: int) -> PeeweeProgrammeStage:
        return PeeweeProgrammeStage(self._database, source, priority)

    def delete_ended_before(self, moment: datetime) -> int:
        """Delete programmes that ended before `moment` (retention).

        A programme without a stop ends at its start.
        """
        with (
            storage_errors("deleting ended programmes"),
            write_transaction(self._database),
        ):
            cursor = self._execute(
                "DELETE FROM programmes WHERE end_utc < ?", utc_text(moment)
            )
        return int(cursor.rowcount)

    def _execute(self, statement: str, value: Any) -> Any:
        return self._database.execute_sql(
            for_database(statement, self._database), (value,)
        )
