"""PeeweeProgrammeReader: schedules, now/next, search and matches from the store."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

import peewee

from tvnexa.adapters.persistence.bulk import chunked
from tvnexa.adapters.persistence.codecs import SEARCH_SEPARATOR, fold
from tvnexa.adapters.persistence.errors import storage_errors
from tvnexa.adapters.persistence.fields import decode_utc
from tvnexa.adapters.persistence.now_next_sql import (
    now_and_next_ids,
    sources_by_channel,
)
from tvnexa.adapters.persistence.programme_rows import (
    guide_channel_from,
    programme_from,
    utc_text,
)
from tvnexa.adapters.persistence.programme_sql import for_database
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.programmes import Programme
from tvnexa.domain.schedules import (
    ChannelMatch,
    MatchMethod,
    NowNext,
    ScheduledProgramme,
    TimeWindow,
    now_and_next,
    resolve_priorities,
)

# As far as now/next looks around `at`; the in-memory reader looks as far.
LOOK_AHEAD = timedelta(days=1)

# Channels or ids per statement; SQLite allows 32766 parameters per statement,
# and the now and next lookup takes two per channel.
VALUES_PER_QUERY = 10_000

# What priorities are resolved on, then the rest of a programme's row.
_PLACED = "id, source, priority, channel, start_utc, stop_utc"
_REST = "guide_channel, feed, data"
_COLUMNS = f"{_PLACED}, {_REST}"

# Shares an instant with the window [?, ?) as TimeWindow.overlaps decides:
# a proper interval ends after the window starts; an instant (end_utc equal
# to start_utc) may also sit on the window's start. Parameters: end, start,
# start, start.
_OVERLAPS = "start_utc < ? AND end_utc >= ? AND (end_utc > ? OR start_utc = ?)"


def _overlap_params(window: TimeWindow) -> tuple[str, ...]:
    start = utc_text(window.start)
    return (utc_text(window.end), start, start, start)


def _marks(count: int) -> str:
    return ", ".join(["?"] * count)


@lru_cache(maxsize=16_384)
def _times(start: str | datetime, stop: str | datetime | None) -> Programme:
    """A programme with times only, shared by every row with these times.

    Guides keep to a grid, so a few thousand (start, stop) pairs cover the
    tens of thousands of rows now/next of a whole country weighs.
    """
    return Programme("", decode_utc(start), None if stop is None else decode_utc(stop))


def _placed(row: Sequence[Any]) -> ScheduledProgramme:
    """A stored programme from the `_PLACED` columns, its programme times only:
    enough to resolve priorities and find now and next, before any decoding."""
    return ScheduledProgramme(
        id=int(row[0]),
        source=row[1],
        priority=int(row[2]),
        guide_channel="",
        channel=row[3],
        feed=None,
        programme=_times(row[4], row[5]),
    )


def _whole(placed: ScheduledProgramme, rest: Sequence[Any]) -> ScheduledProgramme:
    """`placed` completed with the `_REST` columns of its row."""
    guide_channel, feed, data = rest
    times = placed.programme
    return ScheduledProgramme(
        id=placed.id,
        source=placed.source,
        priority=placed.priority,
        guide_channel=guide_channel,
        channel=placed.channel,
        feed=feed,
        programme=programme_from(guide_channel, times.start, times.stop, data),
    )


def _resolved(found: list[ScheduledProgramme]) -> list[ScheduledProgramme]:
    # A source never displaces its own programmes, so with one source
    # resolve_priorities keeps them all and only sorts; skipping its pairwise
    # overlap checks keeps a whole country's now/next linear.
    if len({programme.source for programme in found}) > 1:
        return resolve_priorities(found)
    return sorted(found, key=lambda programme: (programme.start, programme.id))


def _id_of(programme: ScheduledProgramme | None) -> int | None:
    return None if programme is None else programme.id


def _check_page(page: PageRequest) -> None:
    if page.offset < 0 or page.limit < 0:
        raise InvalidQuery("page", "offset and limit must be 0 or more")


class PeeweeProgrammeReader:
    """The ProgrammeReader port on a Peewee database.

    Each call runs a fixed number of statements, whatever the number of
    channels asked for (up to VALUES_PER_QUERY of them), in one read
    transaction, so a guide being stored is seen whole or not at all.
    Priorities are applied in Python, per channel, as `resolve_priorities`
    decides; now and next on a channel that one source feeds need none, and
    are found in SQL.
    """

    def __init__(self, database: peewee.Database) -> None:
        # Peewee types execute_sql() loosely; it returns a DB-API cursor.
        self._database: Any = database

    def schedules(
        self, channels: Collection[str], window: TimeWindow
    ) -> dict[str, list[ScheduledProgramme]]:
        wanted = list(dict.fromkeys(channels))
        found: dict[str, list[ScheduledProgramme]] = {c: [] for c in wanted}
        with storage_errors("reading schedules"), self._database.atomic():
            for channel, rows in self._overlapping(wanted, window, _COLUMNS):
                rest = {int(row[0]): row[6:] for row in rows}
                resolved = _resolved([_placed(row) for row in rows])
                found[channel] = [_whole(p, rest[p.id]) for p in resolved]
        return found

    def now_next(self, channels: Collection[str], at: datetime) -> dict[str, NowNext]:
        wanted = list(dict.fromkeys(channels))
        # The ids of now and next first, then the whole rows of those alone.
        with (
            storage_errors("reading what is on now and next"),
            self._database.atomic(),
        ):
            shown = self._now_and_next_ids(wanted, at)
            shown_ids = [i for pair in shown.values() for i in pair if i is not None]
            rows = self._rows_of(shown_ids)

        def whole(programme_id: int | None) -> ScheduledProgramme | None:
            if programme_id is None:
                return None
            row = rows[programme_id]
            return _whole(_placed(row), row[6:])

        found = {}
        for channel in wanted:
            now_id, next_id = shown.get(channel, (None, None))
            found[channel] = NowNext(channel, whole(now_id), whole(next_id))
        return found

    def search(
        self, text: str, window: TimeWindow | None, page: PageRequest
    ) -> Page[ScheduledProgramme]:
        _check_page(page)
        needle = fold(text)
        if SEARCH_SEPARATOR in needle:
            # The separator is in no title or description (XML forbids it).
            return Page(items=[], total=0, offset=page.offset, limit=page.limit)

        conditions = ["channel IS NOT NULL"]
        params: list[Any] = []
        if needle:
            conditions.append("INSTR(search_text, ?) > 0")
            params.append(needle)
        else:
            conditions.append("search_text <> ''")
        if window is not None:
            conditions.append(_OVERLAPS)
            params.extend(_overlap_params(window))
        where = " AND ".join(conditions)

        with (
            storage_errors(f"searching programmes for {text!r}"),
            self._database.atomic(),
        ):
            total = self._execute(
                f"SELECT COUNT(*) FROM programmes WHERE {where}", params
            ).fetchone()[0]
            rows = self._execute(
                f"SELECT {_COLUMNS} FROM programmes WHERE {where} "
                "ORDER BY start_utc, id LIMIT ? OFFSET ?",
                [*params, page.limit, page.offset],
            ).fetchall()

        items = [_whole(_placed(row), row[6:]) for row in rows]
        return Page(items=items, total=int(total), offset=page.offset, limit=page.limit)

    def get(self, programme_id: int) -> ScheduledProgramme | None:
        with storage_errors(f"reading programme {programme_id}"):
            row = self._execute(
                f"SELECT {_COLUMNS} FROM programmes WHERE id = ?", (programme_id,)
            ).fetchone()
        return None if row is None else _whole(_placed(row), row[6:])

    def matches(
        self, source: str | None, matched: bool | None, page: PageRequest
    ) -> Page[ChannelMatch]:
        _check_page(page)
        conditions, params = ["1 = 1"], []
        if source is not None:
            conditions.append("source = ?")
            params.append(source)
        if matched is not None:
            conditions.append(f"channel IS {'NOT ' if matched else ''}NULL")
        where = " AND ".join(conditions)

        with storage_errors("listing guide channel matches"), self._database.atomic():
            total = self._execute(
                f"SELECT COUNT(*) FROM guide_channel_matches WHERE {where}", params
            ).fetchone()[0]
            rows = self._execute(
                "SELECT source, guide_channel, channel, feed, method, data "
                f"FROM guide_channel_matches WHERE {where} "
                "ORDER BY source, guide_channel LIMIT ? OFFSET ?",
                [*params, page.limit, page.offset],
            ).fetchall()

        items = [
            ChannelMatch(
                source=row[0],
                guide_channel=guide_channel_from(row[1], row[5]),
                channel=row[2],
                feed=row[3],
                method=None if row[4] is None else MatchMethod(row[4]),
            )
            for row in rows
        ]
        return Page(items=items, total=int(total), offset=page.offset, limit=page.limit)

    def _overlapping(
        self, channels: list[str], window: TimeWindow, columns: str
    ) -> Iterator[tuple[str, list[Sequence[Any]]]]:
        """Each channel's rows of the programmes that overlap `window`.

        The rows come a channel at a time, in the index's channel order, so a
        whole country's candidates are never in memory at once.
        """
        for chunk in chunked(channels, VALUES_PER_QUERY):
            cursor = self._execute(
                f"SELECT {columns} FROM programmes "
                f"WHERE channel IN ({_marks(len(chunk))}) AND {_OVERLAPS} "
                "ORDER BY channel",
                [*chunk, *_overlap_params(window)],
            )
            for channel, rows in groupby(cursor, key=itemgetter(3)):
                yield channel, list(rows)

    def _now_and_next_ids(
        self, channels: list[str], at: datetime
    ) -> dict[str, tuple[int | None, int | None]]:
        """The ids of now and next on each of `channels` that has programmes."""
        window = TimeWindow(at - LOOK_AHEAD, at + LOOK_AHEAD)
        shown: dict[str, tuple[int | None, int | None]] = {}
        several: list[str] = []
        for chunk in chunked(channels, VALUES_PER_QUERY):
            sources = sources_by_channel(self._execute, chunk)
            single_source: dict[str, str] = {}
            for channel, (first, last) in sources.items():
                if first == last:
                    single_source[channel] = first
                else:
                    several.append(channel)
            if single_source:
                found = now_and_next_ids(self._execute, single_source, at, window.end)
                shown.update(found)
        # Where several sources feed a channel, every candidate is read and
        # priorities are resolved, as for its schedule.
        for channel, rows in self._overlapping(several, window, _PLACED):
            resolved = _resolved([_placed(row) for row in rows])
            pair = now_and_next(channel, resolved, at)
            shown[channel] = (_id_of(pair.now), _id_of(pair.next))
        return shown

    def _rows_of(self, ids: list[int]) -> dict[int, Sequence[Any]]:
        rows: dict[int, Sequence[Any]] = {}
        for chunk in chunked(ids, VALUES_PER_QUERY):
            cursor = self._execute(
                f"SELECT {_COLUMNS} FROM programmes WHERE id IN ({_marks(len(chunk))})",
                chunk,
            )
            rows.update((int(row[0]), row) for row in cursor)
        return rows

    def _execute(self, statement: str, params: Sequence[Any]) -> Any:
        return self._database.execute_sql(
            for_database(statement, self._database), params
        )
