"""The SQL that tidies a staged guide and swaps it into `programmes`.

The rules are those of `resolve_missing_stops` and the in-memory stage, per
guide channel. A programme without a stop gets the earlier of the next later
start and the first real end among the programmes sharing its start (its
clump). Of the programmes sharing a start, one is kept: known stops first,
shortest first, then the first staged; it is the one no other programme of
its start ranks before.

`programme_staging` holds one guide and lives only as long as the connection
of the stage that fills it: on MySQL and MariaDB a TEMPORARY table, on SQLite
a table in a private temporary database attached to that connection (an
unqualified name finds it there, since the main database has no table of that
name). Staged rows so never reach the write-ahead log, the binary log or a
Galera peer, and a killed process leaves nothing behind.

Each statement is a set operation over index ranges of `programme_staging`
(guide channel, start): no window functions and no sort of the whole guide,
so the database's memory stays as bounded as ours. Parameters are written `?`
and turned into the database's marker by `for_database`. (MariaDB lets a
statement name a TEMPORARY table several times since 10.2.2; MySQL does not.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import peewee

from tvnexa.adapters.persistence.database import is_sqlite
from tvnexa.adapters.persistence.fields import decode_utc
from tvnexa.adapters.persistence.programme_rows import staged_row, staged_row_json
from tvnexa.domain.programmes import Programme

# The clump end and next start of each staged programme without a stop.
_STOPS_FOUND = """
SELECT staged.id,
    (SELECT MIN(later.start_utc) FROM programme_staging AS later
        WHERE later.guide_channel = staged.guide_channel
            AND later.start_utc > staged.start_utc) AS next_start,
    (SELECT MIN(clump.stop_utc) FROM programme_staging AS clump
        WHERE clump.guide_channel = staged.guide_channel
            AND clump.start_utc = staged.start_utc
            AND clump.stop_utc > clump.start_utc) AS clump_end
FROM programme_staging AS staged
WHERE staged.stop_utc IS NULL
"""
_EARLIER_END = """CASE
        WHEN found.next_start IS NULL THEN found.clump_end
        WHEN found.clump_end IS NULL OR found.next_start < found.clump_end
            THEN found.next_start
        ELSE found.clump_end
    END"""
_FOUND = "found.next_start IS NOT NULL OR found.clump_end IS NOT NULL"

# `filled_stop` of every stopless programme that has a clump end or a later
# start; the row count is the number of stops filled. The stop as given stays
# in `stop_utc`, since it decides which repeat is kept. SQLite (3.33 and
# later) and MySQL spell an update from a derived table differently.
FILL_STOPS_SQLITE = f"""
UPDATE programme_staging SET filled_stop = {_EARLIER_END}
FROM ({_STOPS_FOUND}) AS found
WHERE programme_staging.id = found.id AND ({_FOUND})
"""
FILL_STOPS_MYSQL = f"""
UPDATE programme_staging AS target
JOIN ({_STOPS_FOUND}) AS found ON found.id = target.id
SET target.filled_stop = {_EARLIER_END}
WHERE {_FOUND}
"""

# Whether no other staged programme of the same start ranks before `staged`.
_KEPT = """NOT EXISTS (
    SELECT 1 FROM programme_staging AS other
    WHERE other.guide_channel = staged.guide_channel
        AND other.start_utc = staged.start_utc
        AND other.id <> staged.id
        AND (
            (other.stop_utc IS NOT NULL AND staged.stop_utc IS NULL)
            OR other.stop_utc < staged.stop_utc
            OR (other.stop_utc = staged.stop_utc AND other.id < staged.id)
            OR (other.stop_utc IS NULL AND staged.stop_utc IS NULL
                AND other.id < staged.id)
        )
)"""
_STOP = "COALESCE(staged.stop_utc, staged.filled_stop)"
# The instant a programme stops counting for overlap (see ProgrammeRow).
_END = f"CASE WHEN {_STOP} > staged.start_utc THEN {_STOP} ELSE staged.start_utc END"

# Per staged guide channel, in the order the guide first gave them: how many
# programmes it has, how many are kept (one per start), and the window the
# kept ones cover.
STAGED_CHANNELS = f"""
SELECT staged.guide_channel, COUNT(*), COUNT(DISTINCT staged.start_utc),
    MIN(staged.start_utc), MAX(CASE WHEN {_KEPT} THEN {_END} END)
FROM programme_staging AS staged
GROUP BY staged.guide_channel
ORDER BY MIN(staged.id)
"""

# A source's stored programmes on one guide channel that share an instant
# with the window [start, end): a proper interval that ends after the window
# starts, or an instant on the window's very start.
# Parameters: source, guide channel, end, start, start, start.
DELETE_OVERLAPPING = """
DELETE FROM programmes
WHERE source = ? AND guide_channel = ?
    AND start_utc < ? AND end_utc >= ? AND (end_utc > ? OR start_utc = ?)
"""

# The kept programmes of every staged guide channel, with the channel and
# feed its match (stored first, in the same transaction) gives it, in order
# of start, then guide channel (a start has one kept programme per channel,
# so nothing ties), which the staging time index gives without a sort. Most
# of the work is keeping the indexes of `programmes`, and in time order each
# grows at a few places at once (one per channel at most), where in channel
# order those ordered by time would be swept once per channel: past the
# page cache, a guide of 1 GB took 32 s rather than 19.
# Parameters: source, priority, source.
INSERT_KEPT = f"""
INSERT INTO programmes (
    source, priority, guide_channel, channel, feed,
    start_utc, stop_utc, end_utc, title, search_text, data
)
SELECT ?, ?, staged.guide_channel, matched.channel, matched.feed,
    staged.start_utc, {_STOP}, {_END},
    staged.title, staged.search_text, staged.data
FROM programme_staging AS staged
LEFT JOIN guide_channel_matches AS matched
    ON matched.source = ? AND matched.guide_channel = staged.guide_channel
WHERE {_KEPT}
ORDER BY staged.start_utc, staged.guide_channel
"""


# Where SQLite keeps the staging table: a private temporary database that
# spills to a temporary file past its page cache and goes with the connection.
STAGING_SCHEMA = "programme_stage"
# The copy reads the staged rows in time order, which on a guide listed
# channel by channel jumps about the table: a larger cache made the copy of
# the biggest real guide 15% faster, for 24 MB more at the peak.
STAGING_CACHE_KIB = 32_000
# The commit writes the guide through the stage connection's cache of the
# main database, and a big guide fills any cache; a small one keeps an
# ingest's memory bounded and costs the commit no measurable time.
STAGE_MAIN_CACHE_KIB = 16_000

# The commit's orders, made once the guide is staged: one sort then costs
# less than keeping them through a guide that interleaves its channels. The
# first serves the lookups among the programmes of a channel and start; it
# holds the stops too, so they never read the rows, whose text is most of
# their size. The second is the order the kept programmes are copied in.
_STAGING_INDEXES = (
    ("programme_staging_order", "(guide_channel, start_utc, stop_utc, filled_stop)"),
    ("programme_staging_time", "(start_utc, guide_channel)"),
)
SQLITE_STAGING_INDEXES = tuple(
    f"CREATE INDEX IF NOT EXISTS {STAGING_SCHEMA}.{name} ON programme_staging {columns}"
    for name, columns in _STAGING_INDEXES
)
MYSQL_STAGING_INDEXES = tuple(
    f"CREATE INDEX IF NOT EXISTS {name} ON programme_staging {columns}"
    for name, columns in _STAGING_INDEXES
)

SQLITE_STAGING = (
    # Temporary databases live in memory while temp_store says so; on this
    # connection they go to a file, so a guide of any size fits.
    "PRAGMA temp_store = file",
    f"ATTACH DATABASE '' AS {STAGING_SCHEMA}",
    # A failed commit rolls back the stops it filled, so the journal is kept;
    # like the table it goes to a file, as a big guide fills many pages.
    f"PRAGMA {STAGING_SCHEMA}.journal_mode = delete",
    f"PRAGMA {STAGING_SCHEMA}.synchronous = off",
    f"PRAGMA {STAGING_SCHEMA}.cache_size = -{STAGING_CACHE_KIB}",
    f"PRAGMA main.cache_size = -{STAGE_MAIN_CACHE_KIB}",
    f"""CREATE TABLE {STAGING_SCHEMA}.programme_staging (
        id INTEGER PRIMARY KEY,
        guide_channel VARCHAR(255) NOT NULL,
        start_utc DATETIME NOT NULL,
        stop_utc DATETIME,
        filled_stop DATETIME,
        title TEXT NOT NULL,
        search_text TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
)

# The same columns as `programmes`, so the copy converts nothing.
MYSQL_STAGING = (
    """CREATE TEMPORARY TABLE programme_staging (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        guide_channel VARCHAR(255) NOT NULL,
        start_utc DATETIME(6) NOT NULL,
        stop_utc DATETIME(6) NULL,
        filled_stop DATETIME(6) NULL,
        title MEDIUMTEXT NOT NULL,
        search_text MEDIUMTEXT NOT NULL,
        data MEDIUMTEXT NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin""",
)


STAGING_COLUMNS = "guide_channel, start_utc, stop_utc, title, search_text, data"

# SQLite takes a batch of staged rows as one JSON array of rows, each an array
# of the STAGING_COLUMNS values (`data` as an object), and unpacks it in one
# statement: the batch is the rows' JSON joined, so the interpreter is hardly
# bound, and the thread reading the guide runs on while the database works.
SQLITE_STAGE_ROWS = f"""
INSERT INTO programme_staging ({STAGING_COLUMNS})
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),
    json_extract(value, '$[2]'), json_extract(value, '$[3]'),
    json_extract(value, '$[4]'), json_extract(value, '$[5]')
FROM json_each(?)
"""

# MySQL gets them as multi-row INSERTs, this many rows to a statement.
MYSQL_ROWS_PER_STATEMENT = 250


def staged_row_encoder(database: peewee.Database) -> Callable[[Programme], Any]:
    """How a programme is staged on `database`: on SQLite its row's JSON
    (`staged_row_json`), elsewhere its row's values (`staged_row`). Either
    is made of strings only: the rows waiting to be written are many, and
    rows of containers would have the garbage collector walk them over and
    over."""
    return staged_row_json if is_sqlite(database) else staged_row


def staging_inserts(
    database: peewee.Database, rows: Sequence[Any]
) -> Iterator[tuple[str, list[Any]]]:
    """The statements, with their parameters, that stage `rows`, made by the
    `staged_row_encoder` of `database`."""
    if is_sqlite(database):
        yield SQLITE_STAGE_ROWS, ["[" + ",".join(rows) + "]"]
        return
    for start in range(0, len(rows), MYSQL_ROWS_PER_STATEMENT):
        chunk = rows[start : start + MYSQL_ROWS_PER_STATEMENT]
        params = [value for row in chunk for value in row]
        yield _mysql_staging_insert(len(chunk), str(database.param)), params


@lru_cache(maxsize=4)
def _mysql_staging_insert(rows: int, marker: str) -> str:
    row = f"({', '.join([marker] * 6)})"
    return f"INSERT INTO programme_staging ({STAGING_COLUMNS}) VALUES " + ", ".join(
        [row] * rows
    )


def staging_table(database: peewee.Database) -> tuple[str, ...]:
    """The statements that make an empty `programme_staging` on a new
    connection of `database`."""
    return SQLITE_STAGING if is_sqlite(database) else MYSQL_STAGING


def staging_indexes(database: peewee.Database) -> tuple[str, ...]:
    """The statements that order a staged guide for the commit."""
    return SQLITE_STAGING_INDEXES if is_sqlite(database) else MYSQL_STAGING_INDEXES


def fill_stops(database: peewee.Database) -> str:
    return FILL_STOPS_SQLITE if is_sqlite(database) else FILL_STOPS_MYSQL


@dataclass(frozen=True, slots=True)
class StagedChannel:
    """One staged guide channel: its programmes, those kept, the window covered."""

    guide_channel: str
    staged: int
    kept: int
    start: datetime
    end: datetime


def staged_channel(row: Sequence[Any]) -> StagedChannel:
    """A STAGED_CHANNELS row; a window of one instant covers one microsecond."""
    start, end = decode_utc(row[3]), decode_utc(row[4])
    return StagedChannel(
        guide_channel=row[0],
        staged=int(row[1]),
        kept=int(row[2]),
        start=start,
        end=max(end, start + timedelta(microseconds=1)),
    )


def for_database(statement: str, database: peewee.Database) -> str:
    """`statement` with each `?` replaced by the database's parameter marker."""
    return statement.replace("?", str(database.param))
