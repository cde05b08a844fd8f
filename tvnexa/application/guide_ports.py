"""Ports of the programme guides: where guides come from and what reads them."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime
from typing import BinaryIO, Protocol

from tvnexa.domain.guide_reports import ParseReport
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.programmes import GuideChannel, Programme
from tvnexa.domain.schedules import (
    ChannelMatch,
    NowNext,
    ReplaceCounts,
    ScheduledProgramme,
    TimeWindow,
)


class GuideSource(Protocol):
    """Where one XMLTV guide comes from: a URL, a file, a command's output."""

    @property
    def origin(self) -> str:
        """What to call the guide in messages and run records."""
        ...

    def open(self) -> BinaryIO:
        """Start reading: a stream of the guide's decompressed XML bytes.

        The caller closes the stream. Raises GuideSourceError when the source
        cannot deliver (GuideTooLarge past the byte cap) and GuideFormatError
        when what it delivers is plainly not XMLTV (empty, an HTML page); both
        may also come from the stream's reads, since it is read as it arrives.
        """
        ...


class GuideReading(Protocol):
    """One pass over a guide: its channels and programmes, then its counts."""

    def __iter__(self) -> Iterator[GuideChannel | Programme]:
        """Channels and programmes in document order, each once it is read.

        A GuideChannel whose id came before carries the merged declaration and
        supersedes the earlier one. Raises GuideFormatError when the document
        turns out not to be a readable XMLTV guide (truncated, broken XML):
        whatever came before must then be discarded with the run.
        """
        ...

    @property
    def report(self) -> ParseReport:
        """The counts so far; complete once iteration has ended."""
        ...


class GuideParser(Protocol):
    """Reads XMLTV from a byte stream, bounded in memory whatever its size."""

    def parse(
        self, stream: BinaryIO, origin: str, correction_seconds: int = 0
    ) -> GuideReading:
        """Prepare one pass over `stream`; nothing is read until iteration.

        `correction_seconds` is the source's configured correction, added to
        every start and stop and recorded in the report.
        """
        ...


class ProgrammeStage(Protocol):
    """One guide being stored: nothing of it is visible until `commit`."""

    def add(self, programmes: Sequence[Programme]) -> None:
        """Keep these programmes (any channels, any order) for the commit."""
        ...

    def commit(self, matches: Sequence[ChannelMatch]) -> ReplaceCounts:
        """Store the staged guide atomically and say what that did.

        Per guide channel: programmes without a stop get the next staged
        start on that channel; repeats of a (channel, start) are dropped; the
        source's stored programmes on that channel that overlap the window
        the staged ones cover, [earliest start, latest stop), are replaced by
        the staged ones; stored programmes outside that window stay. Each
        programme takes the channel and feed of its guide channel's match.
        `matches` replace every match this source stored before.
        """
        ...

    def discard(self) -> None:
        """Forget the staged programmes; nothing stored changes."""
        ...


class ProgrammeWriter(Protocol):
    def stage(self, source: str, priority: int) -> ProgrammeStage: ...

    def delete_ended_before(self, moment: datetime) -> int:
        """Delete programmes that ended before `moment` (retention)."""
        ...


class ProgrammeReader(Protocol):
    """Stored programmes, by catalogue channel, with source priority applied."""

    def schedules(
        self, channels: Collection[str], window: TimeWindow
    ) -> dict[str, list[ScheduledProgramme]]:
        """Each channel's programmes that overlap `window`, in start order,
        after `resolve_priorities`; a channel with none maps to []."""
        ...

    def now_next(self, channels: Collection[str], at: datetime) -> dict[str, NowNext]:
        """What is on each channel at `at` and what comes next (looking at
        most a day ahead), in one pass whatever the number of channels."""
        ...

    def search(
        self, text: str, window: TimeWindow | None, page: PageRequest
    ) -> Page[ScheduledProgramme]:
        """Programmes whose title or description contains `text` (any case),
        on matched channels, ordered by start then id."""
        ...

    def get(self, programme_id: int) -> ScheduledProgramme | None: ...

    def matches(
        self, source: str | None, matched: bool | None, page: PageRequest
    ) -> Page[ChannelMatch]:
        """Stored channel matches, ordered by source then guide channel id."""
        ...
