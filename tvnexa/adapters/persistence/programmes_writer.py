"""PeeweeProgrammeWriter: guides streamed into a staging table, then swapped in."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import peewee

from tvnexa.adapters.persistence.bulk import BulkStatements
from tvnexa.adapters.persistence.database import write_transaction
from tvnexa.adapters.persistence.errors import storage_errors
from tvnexa.adapters.persistence.programme_rows import (
    first_title,
    guide_channel_data,
    programme_data,
    search_text,
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
)
from tvnexa.domain.programmes import Programme
from tvnexa.domain.schedules import ChannelMatch, ReplaceCounts

logger = logging.getLogger(__name__)

STAGING_COLUMNS = (
    "stage",
    "guide_channel",
    "start_utc",
    "stop_utc",
    "title",
    "search_text",
    "data",
)
MATCH_COLUMNS = ("source", "guide_channel", "channel", "feed", "method", "data")

# Staged rows written per transaction: about 10 MB of a typical guide's text.
# Each transaction rewrites every staging index page it touches, and a guide
# interleaves its channels, so fewer, larger transactions write much less.
STAGED_ROWS_PER_WRITE = 10_000

# A stage id is the second it was opened, then random bits: unique without a
# round trip, and stages a killed process left behind can be found by age.
STAGE_RANDOM_BITS = 24
# No guide takes a day to store; a stage older than that was abandoned.
ABANDONED_STAGE_AGE = timedelta(days=1)


def new_stage_id(opened: datetime) -> int:
    return stage_ids_from(opened) | secrets.randbits(STAGE_RANDOM_BITS)


def stage_ids_from(moment: datetime) -> int:
    """The lowest id of a stage opened at `moment` or later."""
    return int(moment.timestamp()) << STAGE_RANDOM_BITS


class PeeweeProgrammeStage:
    """The ProgrammeStage port: one guide's programmes in `programme_staging`.

    `add` keeps at most STAGED_ROWS_PER_WRITE encoded rows in Python and writes
    them in one transaction (larger transactions write each index page of
    the staging table less often); `commit` tidies and swaps the staged rows
    in with set statements, all in one transaction.
    """

    def __init__(
        self, database: peewee.Database, source: str, priority: int, stage_id: int
    ) -> None:
        # Peewee types execute_sql() loosely; it returns a DB-API cursor.
        self._database: Any = database
        self._bulk = BulkStatements(database)
        self._pending: list[tuple[Any, ...]] = []
        self.source = source
        self.priority = priority
        self.stage_id = stage_id

    def add(self, programmes: Sequence[Programme]) -> None:
        stage = self.stage_id
        for programme in programmes:
            stop = programme.stop
            self._pending.append(
                (
                    stage,
                    programme.channel_ref,
                    utc_text(programme.start),
                    None if stop is None else utc_text(stop),
                    first_title(programme),
                    search_text(programme),
                    programme_data(programme),
                )
            )
            if len(self._pending) >= STAGED_ROWS_PER_WRITE:
                self._write_pending_now()

    def commit(self, matches: Sequence[ChannelMatch]) -> ReplaceCounts:
        started = time.perf_counter()
        match_of = {match.guide_channel.id: match for match in matches}
        # Written on their own first, so a failed commit leaves the whole guide
        # staged, to be committed again or discarded.
        self._write_pending_now()
        with (
            storage_errors(f"storing the guide of {self.source}"),
            write_transaction(self._database),
        ):
            stops_filled = self._execute(fill_stops(self._database)).rowcount
            channels = [staged_channel(row) for row in self._execute(STAGED_CHANNELS)]

            replaced = self._delete_overlapping(channels)
            for channel in channels:
                self._insert_kept(channel.guide_channel, match_of)
            self._replace_matches(match_of.values())
            self._delete_staged()

        counts = ReplaceCounts(
            inserted=sum(channel.kept for channel in channels),
            replaced=replaced,
            stops_filled=int(stops_filled),
            duplicates=sum(channel.staged - channel.kept for channel in channels),
            channels=len(channels),
        )
        logger.info(
            "guide of %s stored in %.3fs: %s",
            self.source,
            time.perf_counter() - started,
            counts,
        )
        return counts

    def discard(self) -> None:
        self._pending = []
        with (
            storage_errors(f"discarding the staged guide of {self.source}"),
            write_transaction(self._database),
        ):
            self._delete_staged()

    def _write_pending_now(self) -> None:
        if not self._pending:
            return
        with (
            storage_errors(f"staging programmes of {self.source}"),
            write_transaction(self._database),
        ):
            self._bulk.insert("programme_staging", STAGING_COLUMNS, self._pending)
        self._pending = []

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

    def _insert_kept(
        self, guide_channel: str, match_of: dict[str, ChannelMatch]
    ) -> None:
        match = match_of.get(guide_channel)
        channel, feed = (match.channel, match.feed) if match else (None, None)
        target = (self.source, self.priority, guide_channel, channel, feed)
        self._execute(INSERT_KEPT, (*target, self.stage_id, guide_channel))

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

    def _delete_staged(self) -> None:
        self._execute("DELETE FROM programme_staging WHERE stage = ?")

    def _execute(self, statement: str, params: Sequence[Any] | None = None) -> Any:
        """Run `statement`; its only parameter is the stage id unless given."""
        return self._database.execute_sql(
            for_database(statement, self._database),
            (self.stage_id,) if params is None else params,
        )


class PeeweeProgrammeWriter:
    """The ProgrammeWriter port on a Peewee database (SQLite, MySQL or MariaDB)."""

    def __init__(self, database: peewee.Database) -> None:
        # Peewee types execute_sql() loosely; it returns a DB-API cursor.
        self._database: Any = database

    def stage(self, source: str, priority: int) -> PeeweeProgrammeStage:
        stage_id = new_stage_id(datetime.now(UTC))
        return PeeweeProgrammeStage(self._database, source, priority, stage_id)

    def delete_ended_before(self, moment: datetime) -> int:
        """Delete programmes that ended before `moment` (retention).

        A programme without a stop ends at its start. Stages that a killed
        process left behind, opened over a day ago, go at the same time.
        """
        abandoned = stage_ids_from(datetime.now(UTC) - ABANDONED_STAGE_AGE)
        with (
            storage_errors("deleting ended programmes"),
            write_transaction(self._database),
        ):
            cursor = self._execute(
                "DELETE FROM programmes WHERE end_utc < ?", utc_text(moment)
            )
            self._execute("DELETE FROM programme_staging WHERE stage < ?", abandoned)
        return int(cursor.rowcount)

    def _execute(self, statement: str, value: Any) -> Any:
        return self._database.execute_sql(
            for_database(statement, self._database), (value,)
        )
