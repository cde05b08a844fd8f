"""In-memory programme storage: a stage per guide, priorities applied on read."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from tvnexa.adapters.memory.catalog import page_of
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.programmes import Programme, resolve_missing_stops
from tvnexa.domain.schedules import (
    ChannelMatch,
    NowNext,
    ReplaceCounts,
    ScheduledProgramme,
    TimeWindow,
    now_and_next,
    resolve_priorities,
)

LOOK_AHEAD = timedelta(days=1)


class InMemoryProgrammeStore:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.programmes: dict[int, ScheduledProgramme] = {}
        self.matches: dict[tuple[str, str], ChannelMatch] = {}
        self.next_id = 1


class InMemoryProgrammeStage:
    def __init__(self, store: InMemoryProgrammeStore, source: str, priority: int):
        self.store = store
        self.source = source
        self.priority = priority
        self.staged: list[Programme] = []

    def add(self, programmes: Sequence[Programme]) -> None:
        self.staged.extend(programmes)

    def discard(self) -> None:
        self.staged = []

    def commit(self, matches: Sequence[ChannelMatch]) -> ReplaceCounts:
        by_channel: dict[str, list[Programme]] = {}
        for programme in self.staged:
            by_channel.setdefault(programme.channel_ref, []).append(programme)
        match_of = {m.guide_channel.id: m for m in matches}
        counts = ReplaceCounts(channels=len(by_channel))

        with self.store.lock:
            kept: list[tuple[str, Programme]] = []
            for guide_channel, programmes in by_channel.items():
                unique, stops_filled, duplicates = tidy(programmes)
                counts = dataclasses.replace(
                    counts,
                    stops_filled=counts.stops_filled + stops_filled,
                    duplicates=counts.duplicates + duplicates,
                )
                replaced = self.delete_overlapped(guide_channel, unique)
                counts = dataclasses.replace(
                    counts,
                    inserted=counts.inserted + len(unique),
                    replaced=counts.replaced + replaced,
                )
                kept.extend((guide_channel, programme) for programme in unique)
            # Ids follow start, then guide channel id, as in the database.
            kept.sort(key=lambda item: (item[1].start, item[0]))
            for guide_channel, programme in kept:
                self.insert(guide_channel, programme, match_of.get(guide_channel))
            for key in [k for k in self.store.matches if k[0] == self.source]:
                del self.store.matches[key]
            for match in matches:
                self.store.matches[(self.source, match.guide_channel.id)] = match
        self.staged = []
        return counts

    def delete_overlapped(self, guide_channel: str, programmes: list[Programme]) -> int:
        """Delete the source's programmes on `guide_channel` that overlap the
        window `programmes` cover; return how many went."""
        window = covered_window(programmes)
        stale = [
            key
            for key, stored in self.store.programmes.items()
            if stored.source == self.source
            and stored.guide_channel == guide_channel
            and window.overlaps(stored.start, stored.stop)
        ]
        for key in stale:
            del self.store.programmes[key]
        return len(stale)

    def insert(
        self, guide_channel: str, programme: Programme, match: ChannelMatch | None
    ) -> None:
        stored_id = self.store.next_id
        self.store.next_id += 1
        self.store.programmes[stored_id] = ScheduledProgramme(
            id=stored_id,
            source=self.source,
            priority=self.priority,
            guide_channel=guide_channel,
            channel=match.channel if match else None,
            feed=match.feed if match else None,
            programme=programme,
        )


def tidy(programmes: list[Programme]) -> tuple[list[Programme], int, int]:
    """One channel's programmes with stops filled and (start) repeats dropped."""
    missing = sum(1 for p in programmes if p.stop is None)
    resolved = resolve_missing_stops(programmes)
    still_missing = sum(1 for p in resolved if p.stop is None)
    unique: list[Programme] = []
    seen: set[datetime] = set()
    for programme in resolved:
        if programme.start not in seen:
            seen.add(programme.start)
            unique.append(programme)
    return unique, missing - still_missing, len(resolved) - len(unique)


def covered_window(programmes: list[Programme]) -> TimeWindow:
    start = min(p.start for p in programmes)
    end = max(p.stop or p.start for p in programmes)
    return TimeWindow(start, max(end, start + timedelta(microseconds=1)))


class InMemoryProgrammeWriter:
    def __init__(self, store: InMemoryProgrammeStore) -> None:
        self.store = store

    def stage(self, source: str, priority: int) -> InMemoryProgrammeStage:
        return InMemoryProgrammeStage(self.store, source, priority)

    def delete_ended_before(self, moment: datetime) -> int:
        with self.store.lock:
            ended = [
                key
                for key, p in self.store.programmes.items()
                if (p.stop or p.start) < moment
            ]
            for key in ended:
                del self.store.programmes[key]
        return len(ended)


class InMemoryProgrammeReader:
    def __init__(self, store: InMemoryProgrammeStore) -> None:
        self.store = store

    def candidates(
        self, channels: Collection[str], window: TimeWindow
    ) -> dict[str, list[ScheduledProgramme]]:
        wanted = set(channels)
        found: dict[str, list[ScheduledProgramme]] = {c: [] for c in wanted}
        with self.store.lock:
            for programme in self.store.programmes.values():
                if programme.channel in wanted and window.overlaps(
                    programme.start, programme.stop
                ):
                    found[programme.channel].append(programme)
        return found

    def schedules(
        self, channels: Collection[str], window: TimeWindow
    ) -> dict[str, list[ScheduledProgramme]]:
        found = self.candidates(channels, window)
        return {channel: resolve_priorities(p) for channel, p in found.items()}

    def now_next(self, channels: Collection[str], at: datetime) -> dict[str, NowNext]:
        window = TimeWindow(at - LOOK_AHEAD, at + LOOK_AHEAD)
        resolved = self.schedules(channels, window)
        return {
            c: now_and_next(c, programmes, at) for c, programmes in resolved.items()
        }

    def search(
        self, text: str, window: TimeWindow | None, page: PageRequest
    ) -> Page[ScheduledProgramme]:
        needle = text.casefold()
        with self.store.lock:
            stored = list(self.store.programmes.values())
        found = [
            p
            for p in stored
            if p.channel is not None
            and (window is None or window.overlaps(p.start, p.stop))
            and any(
                needle in item.text.casefold()
                for item in (*p.programme.titles, *p.programme.descs)
            )
        ]
        found.sort(key=lambda p: (p.start, p.id))
        return page_of(found, page)

    def get(self, programme_id: int) -> ScheduledProgramme | None:
        with self.store.lock:
            return self.store.programmes.get(programme_id)

    def matches(
        self, source: str | None, matched: bool | None, page: PageRequest
    ) -> Page[ChannelMatch]:
        with self.store.lock:
            stored = sorted(self.store.matches.items())
        found = [
            match
            for (match_source, _), match in stored
            if (source is None or match_source == source)
            and (matched is None or match.matched == matched)
        ]
        return page_of(found, page)
