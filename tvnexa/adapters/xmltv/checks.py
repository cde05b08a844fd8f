"""Checks across a guide's programmes and channels, in memory bounded per channel."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from datetime import datetime

from tvnexa.domain.guide_reports import Anomaly, GuideProblem, ParseReport
from tvnexa.domain.programmes import GuideChannel, Programme, intervals_overlap

_Slot = tuple[str, datetime, datetime | None]


class Tally:
    """The counts of one reading as they grow, and the first problems."""

    def __init__(self, origin: str, max_problems: int) -> None:
        self.origin = origin
        self.channels = 0
        self.programmes = 0
        self.counts: dict[Anomaly, int] = {}
        self.problems: list[GuideProblem] = []
        self._max_problems = max_problems

    def note(self, anomaly: Anomaly, count: int = 1) -> None:
        if count:
            self.counts[anomaly] = self.counts.get(anomaly, 0) + count

    def reject(self, anomaly: Anomaly, line: int | None, reason: str) -> None:
        self.note(anomaly)
        if len(self.problems) < self._max_problems:
            self.problems.append(GuideProblem(line, anomaly, reason))

    def report(
        self,
        stream_counts: Mapping[Anomaly, int],
        undeclared: Mapping[str, int],
        declared_encoding: str | None,
        encoding: str,
        correction_seconds: int,
        bytes_read: int,
    ) -> ParseReport:
        """The report, with the stream's repairs and the undeclared channels."""
        counts = dict(self.counts)
        for anomaly, count in stream_counts.items():
            counts[anomaly] = counts.get(anomaly, 0) + count
        if undeclared:
            counts[Anomaly.UNDECLARED_CHANNEL] = sum(undeclared.values())
        return ParseReport(
            origin=self.origin,
            channels=self.channels,
            programmes=self.programmes,
            anomalies=counts,
            problems=tuple(self.problems),
            undeclared_channels=tuple(sorted(undeclared)),
            declared_encoding=declared_encoding,
            encoding=encoding,
            correction_seconds=correction_seconds,
            bytes_read=bytes_read,
        )


class RecentProgrammes:
    """Remembers the last programmes seen, to drop exact repeats.

    Whole-file memory of every programme would grow with the file, so the
    window is bounded. In real guides a repeated programme follows its first
    copy at once (every one in the sample files does), so a window of a
    thousand programmes catches them; storage keys programmes by channel and
    start, so a repeat beyond the window is still stored once. Programmes are
    filed by channel and times, so the full comparison runs only between
    programmes that share them.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._seen: OrderedDict[_Slot, Programme | set[Programme]] = OrderedDict()

    def repeats(self, programme: Programme) -> bool:
        slot = (programme.channel_ref, programme.start, programme.stop)
        known = self._seen.get(slot)
        if known is None:
            self._seen[slot] = programme
            if len(self._seen) > self._size:
                self._seen.popitem(last=False)
            return False
        if isinstance(known, Programme):
            if known == programme:
                return True
            # Several programmes in one slot (a clump): hash them from now on.
            self._seen[slot] = {known, programme}
            return False
        if programme in known:
            return True
        if len(known) < self._size:
            known.add(programme)
        return False


class ChannelTimelines:
    """Per channel, the programme before: overlaps are counted between neighbours.

    Counting every overlapping pair would need every programme of a channel
    at once; guides list each channel's programmes in time order, so the
    neighbour in document order is the one that overlaps. Storage resolves
    overlaps exactly (`overlapping_pairs`) when it replaces a window.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[datetime, datetime | None]] = {}

    def overlaps(self, programme: Programme) -> bool:
        previous = self._last.get(programme.channel_ref)
        self._last[programme.channel_ref] = (programme.start, programme.stop)
        if previous is None:
            return False
        return intervals_overlap(*previous, programme.start, programme.stop)


class DeclaredChannels:
    """The channels declared so far, merged by id, and the ids used undeclared.

    A guide may declare a channel after programmes that use it; those are
    counted as undeclared only if the declaration never comes.
    """

    def __init__(self) -> None:
        self._channels: dict[str, GuideChannel] = {}
        self._undeclared: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._channels)

    def declare(self, channel: GuideChannel) -> tuple[GuideChannel | None, bool]:
        """(the channel to hand on, or None if nothing changed; whether a repeat)."""
        self._undeclared.pop(channel.id, None)
        known = self._channels.get(channel.id)
        if known is None:
            self._channels[channel.id] = channel
            return channel, False
        merged = known.merged_with(channel)
        if merged == known:
            return None, True
        self._channels[channel.id] = merged
        return merged, True

    def use(self, channel_ref: str) -> None:
        if channel_ref not in self._channels:
            self._undeclared[channel_ref] = self._undeclared.get(channel_ref, 0) + 1

    @property
    def undeclared(self) -> dict[str, int]:
        """Programmes per channel id that no declaration covered."""
        return dict(self._undeclared)
