"""LxmlXmltvParser: stream an XMLTV guide into channels and programmes."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from lxml import etree

from tvnexa.adapters.xmltv.checks import (
    ChannelTimelines,
    DeclaredChannels,
    RecentProgrammes,
    Tally,
)
from tvnexa.adapters.xmltv.elements import Element, read_channel, read_programme
from tvnexa.adapters.xmltv.stream import CleanXmlStream
from tvnexa.domain.guide_errors import GuideFormatError, TruncatedGuide, XmltvTimeError
from tvnexa.domain.guide_reports import Anomaly, ParseReport
from tvnexa.domain.programmes import GuideChannel, Programme
from tvnexa.domain.xmltv_time import (
    apply_correction,
    check_correction,
    parse_xmltv_time,
)

logger = logging.getLogger(__name__)

_STARTS_WITH_DIGIT = re.compile(r"\s*\d")


class LxmlXmltvParser:
    """Reads XMLTV with lxml's iterparse, one element at a time.

    Each `<channel>` and `<programme>` is read when it ends, then cleared and
    unlinked with whatever preceded it, so memory holds one element plus what
    the checks keep per channel, whatever the size of the guide. Entities are
    never resolved, no DTD or other document is ever loaded or fetched, and
    a DOCTYPE that declares entities is refused before parsing (see
    `prolog.root_of`). `duplicate_window` bounds the programmes remembered
    to drop repeats; `max_problems` the rejections the report lists.
    """

    def __init__(self, duplicate_window: int = 1024, max_problems: int = 100) -> None:
        self.duplicate_window = duplicate_window
        self.max_problems = max_problems

    def parse(
        self, stream: BinaryIO, origin: str, correction_seconds: int = 0
    ) -> XmltvReading:
        return XmltvReading(
            stream,
            origin,
            check_correction(correction_seconds),
            RecentProgrammes(self.duplicate_window),
            Tally(origin, self.max_problems),
        )


class XmltvReading:
    """One pass over one guide: iterate it once, then read its report."""

    def __init__(
        self,
        stream: BinaryIO,
        origin: str,
        correction_seconds: int,
        recent: RecentProgrammes,
        tally: Tally,
    ) -> None:
        self.origin = origin
        self.correction_seconds = correction_seconds
        self._clean = CleanXmlStream(stream, origin)
        self._recent = recent
        self._tally = tally
        self._channels = DeclaredChannels()
        self._timelines = ChannelTimelines()
        self._started = False
        self._report: ParseReport | None = None

    @property
    def report(self) -> ParseReport:
        """The counts so far; complete once iteration has ended."""
        return self._report if self._report is not None else self._current_report()

    def __iter__(self) -> Iterator[GuideChannel | Programme]:
        if self._started:
            raise RuntimeError(f"{self.origin} has already been read once")
        self._started = True
        return self._events()

    def _events(self) -> Iterator[GuideChannel | Programme]:
        started = time.monotonic()
        events = etree.iterparse(
            self._clean,
            events=("end",),
            tag=("channel", "programme"),
            encoding="utf-8",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            for _, element in events:
                item = (
                    self._programme(element)
                    if element.tag == "programme"
                    else self._channel(element)
                )
                if item is not None:
                    yield item
                _forget(element)
        except etree.XMLSyntaxError as exc:
            raise self._syntax_error(exc) from exc
        self._report = self._current_report()
        logger.info(
            "guide parsed origin=%s seconds=%.3f %s",
            self.origin,
            time.monotonic() - started,
            " ".join(f"{k}={v}" for k, v in self._report.as_counts().items()),
        )

    def _channel(self, element: Element) -> GuideChannel | None:
        channel = read_channel(element)
        if channel is None:
            self._tally.reject(
                Anomaly.CHANNEL_WITHOUT_ID, self._line(element), "channel without id"
            )
            return None
        handed_on, repeated = self._channels.declare(channel)
        if repeated:
            self._tally.note(Anomaly.DUPLICATE_CHANNEL)
        self._tally.channels = len(self._channels)
        return handed_on

    def _programme(self, element: Element) -> Programme | None:
        channel = element.get("channel")
        if not channel:
            self._tally.reject(
                Anomaly.MISSING_CHANNEL, self._line(element), "no channel attribute"
            )
            return None
        try:
            start = self._time(element.get("start"), "start")
            stop_text = element.get("stop") or ""
            # A stop without date digits (empty, or just ' +0000') holds no
            # time at all: it is missing, not wrong.
            has_stop = _STARTS_WITH_DIGIT.match(stop_text) is not None
            stop = self._time(stop_text, "stop") if has_stop else None
        except XmltvTimeError as exc:
            self._tally.reject(Anomaly.BAD_TIME, self._line(element), str(exc))
            return None
        if stop is not None and stop < start:
            reason = f"stop {stop_text!r} is before start {element.get('start')!r}"
            self._tally.reject(Anomaly.STOP_BEFORE_START, self._line(element), reason)
            return None

        notes: list[Anomaly] = []
        programme = read_programme(element, channel, start, stop, notes.append)
        if self._recent.repeats(programme):
            self._tally.note(Anomaly.DUPLICATE_PROGRAMME)
            return None

        if stop is None:
            notes.append(Anomaly.MISSING_STOP)
        elif stop == start:
            notes.append(Anomaly.ZERO_LENGTH)
        if not programme.titles:
            notes.append(Anomaly.UNTITLED)
        if self._timelines.overlaps(programme):
            notes.append(Anomaly.OVERLAP)
        for anomaly in notes:
            self._tally.note(anomaly)
        self._channels.use(channel)
        self._tally.programmes += 1
        return programme

    def _time(self, text: str | None, name: str) -> datetime:
        if text is None:
            raise XmltvTimeError("", f"the programme has no {name} time")
        try:
            moment = parse_xmltv_time(text)
        except XmltvTimeError as exc:
            raise XmltvTimeError(text, f"{name}: {exc.reason}") from exc
        if self.correction_seconds:
            return apply_correction(moment, self.correction_seconds)
        return moment

    def _line(self, element: Element) -> int | None:
        line = element.sourceline
        return None if line is None else line + self._clean.line_offset

    def _syntax_error(self, exc: etree.XMLSyntaxError) -> GuideFormatError:
        clean = self._clean
        line = exc.lineno + clean.line_offset if exc.lineno else None
        message = exc.msg or str(exc)
        if clean.at_end and (exc.lineno or 0) >= clean.lines:
            return TruncatedGuide(
                self.origin,
                f"the guide stops before its end: {message}",
                line,
                clean.bytes_read,
            )
        return GuideFormatError(
            self.origin, f"broken XML: {message}", line, clean.bytes_read
        )

    def _current_report(self) -> ParseReport:
        decoder = self._clean.decoder
        return self._tally.report(
            stream_counts=self._clean.counts,
            undeclared=self._channels.undeclared,
            declared_encoding=decoder.declared if decoder else None,
            encoding=decoder.encoding if decoder else "utf-8",
            correction_seconds=self.correction_seconds,
            bytes_read=self._clean.bytes_read,
        )


def _forget(element: Element) -> None:
    # Clearing empties the element; deleting the siblings before it (earlier
    # programmes, comments, whitespace) keeps the root from growing.
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
