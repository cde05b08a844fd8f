"""The SQL that finds now and next in a few index rows per channel.

A channel that one source feeds needs no priorities resolved: its programmes
in (start, id) order are its schedule, so now and next are each one seek in
the (channel, source, start_utc) index. Only channels fed by several sources
need every candidate read. The channels asked for come as the rows of a
`VALUES` list (both SQLite and MariaDB take one as a CTE), each looked up by
correlated subqueries that stop at their first row. Parameters are written
`?` and turned into the database's marker by `for_database`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from tvnexa.adapters.persistence.programme_rows import utc_text

# Runs a statement written with `?` markers and returns its DB-API cursor.
Execute = Callable[[str, Sequence[Any]], Any]

# The first and the last source by name among all the stored programmes of
# each channel: equal when one source feeds it, None when none does. ORDER BY
# with LIMIT rather than MIN and MAX, which MariaDB computes by reading the
# whole range. Parameters: a channel per row.
CHANNEL_SOURCES = """
WITH wanted(channel) AS (VALUES {rows})
SELECT wanted.channel,
    (SELECT p.source FROM programmes AS p WHERE p.channel = wanted.channel
        ORDER BY p.source LIMIT 1),
    (SELECT p.source FROM programmes AS p WHERE p.channel = wanted.channel
        ORDER BY p.source DESC LIMIT 1)
FROM wanted
"""

# The ids of what is on now and next on channels that one source feeds, as
# `now_and_next` picks them from the source's programmes in (start, id)
# order: now is the last of those on air at `at` (a programme on air ends
# after `at` and overlaps any window around it); next is the first to start
# at or after now's stop, or `at`, and before the look-ahead ends. The EXISTS
# (one range of the channel's end_utc index) spares the walk back through a
# channel's past when nothing is on air. SQLite copies the CTE's columns into
# the query that uses them, so on_air.id is named once: each mention would
# run its subqueries again. Parameters: a channel and its source per row; at,
# at, at, at; at, look-ahead end.
NOW_AND_NEXT_IDS = """
WITH wanted(channel, source) AS (VALUES {rows}),
on_air AS (
    SELECT wanted.channel, wanted.source,
        CASE WHEN EXISTS (
            SELECT 1 FROM programmes AS p
            WHERE p.channel = wanted.channel AND p.end_utc > ? AND p.start_utc <= ?
        ) THEN (
            SELECT p.id FROM programmes AS p
            WHERE p.channel = wanted.channel AND p.source = wanted.source
                AND p.start_utc <= ? AND p.end_utc > ?
            ORDER BY p.start_utc DESC, p.id DESC LIMIT 1
        ) END AS id
    FROM wanted
)
SELECT on_air.channel, playing.id, (
    SELECT p.id FROM programmes AS p
    WHERE p.channel = on_air.channel AND p.source = on_air.source
        AND p.start_utc >= COALESCE(playing.stop_utc, ?) AND p.start_utc < ?
    ORDER BY p.start_utc, p.id LIMIT 1
)
FROM on_air LEFT JOIN programmes AS playing ON playing.id = on_air.id
"""


def sources_by_channel(
    execute: Execute, channels: list[str]
) -> dict[str, tuple[str, str]]:
    """The first and last source by name of each of `channels` with programmes."""
    statement = CHANNEL_SOURCES.format(rows=_values_rows(len(channels), 1))
    return {
        channel: (first, last)
        for channel, first, last in execute(statement, channels)
        if first is not None
    }


def now_and_next_ids(
    execute: Execute, source_of: dict[str, str], at: datetime, horizon: datetime
) -> dict[str, tuple[int | None, int | None]]:
    """The ids of now and next on each channel fed by one source, given by
    `source_of`; next starts before `horizon`."""
    statement = NOW_AND_NEXT_IDS.format(rows=_values_rows(len(source_of), 2))
    params = [value for pair in source_of.items() for value in pair]
    params += [utc_text(at)] * 5 + [utc_text(horizon)]
    return {
        channel: (now_id, next_id)
        for channel, now_id, next_id in execute(statement, params)
    }


def _values_rows(count: int, width: int) -> str:
    row = f"({', '.join(['?'] * width)})"
    return ", ".join([row] * count)
