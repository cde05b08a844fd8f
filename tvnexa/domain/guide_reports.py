"""What reading one guide found: counts of channels, programmes and anomalies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Anomaly(StrEnum):
    """Each irregularity a guide can hold, and (in its comment) what is done."""

    # Kept; its stop is the next start on its channel (resolve_missing_stops).
    # A stop without date digits (empty, or only ' +0000') counts as missing.
    MISSING_STOP = "missing_stop"
    # Kept: XMLTV's intervals are half-open, so a zero-length slot is legal.
    ZERO_LENGTH = "zero_length"
    # Rejected: no reading of the two times makes a programme.
    STOP_BEFORE_START = "stop_before_start"
    # Rejected with the reason (see parse_xmltv_time): never shifted.
    BAD_TIME = "bad_time"
    # Rejected: a programme without a channel attribute belongs nowhere.
    MISSING_CHANNEL = "missing_channel"
    # Dropped: the same programme (every field equal) seen again.
    DUPLICATE_PROGRAMME = "duplicate_programme"
    # Kept, both of them: choosing is storage's job, by source and priority.
    OVERLAP = "overlap"
    # Kept, counted per programme; the ids are listed in the report.
    UNDECLARED_CHANNEL = "undeclared_channel"
    # Merged: names, icons and urls of every declaration of the id, in order.
    DUPLICATE_CHANNEL = "duplicate_channel"
    # Dropped: a channel element without an id cannot be referred to.
    CHANNEL_WITHOUT_ID = "channel_without_id"
    # Kept: the time slot is real even when the guide forgot the title.
    UNTITLED = "untitled"
    # Kept raw in EpisodeNumber.other: an xmltv_ns text that does not read.
    BAD_EPISODE_NUMBER = "bad_episode_number"
    # Replaced by its character: an HTML named entity (&nbsp;, &eacute;).
    HTML_ENTITY = "html_entity"
    # Escaped, so the text keeps it: a bare & or an entity nobody defines.
    BARE_AMPERSAND = "bare_ampersand"
    # Escaped, so the text keeps it: a < that cannot start markup ("a < b").
    BARE_LESS_THAN = "bare_less_than"
    # Stripped: a character XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF),
    # raw or as a character reference.
    FORBIDDEN_CHARACTER = "forbidden_character"
    # Read as Windows-1252: bytes that are not UTF-8 in a UTF-8 guide.
    INVALID_BYTES = "invalid_bytes"
    # Read as UTF-8: a guide whose declared encoding its bytes contradict.
    WRONG_ENCODING = "wrong_encoding"
    # Skipped: a byte-order mark before the document.
    BYTE_ORDER_MARK = "byte_order_mark"


REJECTIONS = frozenset(
    {
        Anomaly.STOP_BEFORE_START,
        Anomaly.BAD_TIME,
        Anomaly.MISSING_CHANNEL,
        Anomaly.CHANNEL_WITHOUT_ID,
    }
)


@dataclass(frozen=True, slots=True)
class GuideProblem:
    """One element the reading rejected or changed, said precisely."""

    line: int | None
    anomaly: Anomaly
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "?"
        return f"{where}: {self.anomaly.value}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ParseReport:
    """The counts of one guide's reading.

    `channels` counts distinct declared ids, `programmes` the programmes
    handed on. `anomalies` holds the non-zero counts; `problems` the first
    rejections, with their line. `declared_encoding` is what the document
    says, `encoding` what it was read as. `correction_seconds` is the
    source's time correction, applied to every start and stop.
    """

    origin: str
    channels: int = 0
    programmes: int = 0
    anomalies: Mapping[Anomaly, int] = field(default_factory=dict)
    problems: tuple[GuideProblem, ...] = ()
    undeclared_channels: tuple[str, ...] = ()
    declared_encoding: str | None = None
    encoding: str = "utf-8"
    correction_seconds: int = 0
    bytes_read: int = 0

    def count(self, anomaly: Anomaly) -> int:
        return self.anomalies.get(anomaly, 0)

    @property
    def rejected(self) -> int:
        """Elements left out because they could not be read."""
        return sum(n for a, n in self.anomalies.items() if a in REJECTIONS)

    def as_counts(self) -> dict[str, int]:
        """Flat counts for a run record or a log line."""
        counts = {"channels": self.channels, "programmes": self.programmes}
        counts.update((a.value, n) for a, n in sorted(self.anomalies.items()))
        return counts
