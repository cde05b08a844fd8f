"""The guide as lxml reads it: checked, decoded to UTF-8 and mended, as it streams."""

from __future__ import annotations

from typing import BinaryIO

from tvnexa.adapters.xmltv.encoding import GuideDecoder
from tvnexa.adapters.xmltv.prolog import root_of
from tvnexa.adapters.xmltv.repair import MarkupRepair
from tvnexa.domain.guide_errors import EmptyGuide
from tvnexa.domain.guide_reports import Anomaly

# Enough of the guide to judge its encoding from a sample, not one line.
HEAD_BYTES = 1 << 16

_READ_BYTES = 1 << 16

_SPACE = b" \t\r\n"


class CleanXmlStream:
    """A file-like object of the guide as well-formed-where-possible UTF-8.

    Before lxml sees a byte, the prolog is checked (root, DOCTYPE, HTML; see
    `root_of`); then every chunk is decoded (`GuideDecoder`) and mended
    (`MarkupRepair`). Whitespace before the XML declaration, which XML
    forbids and some servers emit, is dropped (`line_offset` counts its
    lines). It counts the bytes read and the lines handed on, so errors can
    say where they happened.
    """

    def __init__(self, raw: BinaryIO, origin: str) -> None:
        self.origin = origin
        self.bytes_read = 0
        self.lines = 1
        self.line_offset = 0
        self.at_end = False
        self.decoder: GuideDecoder | None = None
        self.repair = MarkupRepair()
        self._raw = raw
        self._out = bytearray()
        self._started = False

    @property
    def counts(self) -> dict[Anomaly, int]:
        counts = dict(self.repair.counts)
        if self.decoder is not None:
            for anomaly, count in self.decoder.counts.items():
                counts[anomaly] = counts.get(anomaly, 0) + count
        return counts

    def read(self, size: int = -1) -> bytes:
        if not self._started:
            self._start()
        while not self.at_end and (size < 0 or len(self._out) < size):
            self._pull()
        if size < 0 or size >= len(self._out):
            data = bytes(self._out)
            self._out.clear()
        else:
            data = bytes(self._out[:size])
            del self._out[:size]
        self.lines += data.count(b"\n")
        return data

    def _start(self) -> None:
        self._started = True
        head = self._read_raw(HEAD_BYTES)
        while len(head) < HEAD_BYTES and not self.at_end:
            head += self._read_raw(HEAD_BYTES - len(head))
        if not head:
            raise EmptyGuide(self.origin, "the guide is empty (0 bytes)")
        self.decoder = GuideDecoder(head)
        text = self.decoder.decode(head, final=self.at_end)
        stripped = text.lstrip(_SPACE)
        if stripped.startswith(b"<?xml") or not stripped:
            self.line_offset = text.count(b"\n", 0, len(text) - len(stripped))
            text = stripped

        root, resume = root_of(text, self.origin, complete=self.at_end)
        while root is None:
            more = self._read_raw(_READ_BYTES)
            text += self.decoder.decode(more, final=self.at_end)
            root, resume = root_of(text, self.origin, self.at_end, resume)
        self._out += self.repair.feed(text, final=self.at_end)

    def _pull(self) -> None:
        assert self.decoder is not None
        chunk = self._read_raw(_READ_BYTES)
        text = self.decoder.decode(chunk, final=self.at_end)
        self._out += self.repair.feed(text, final=self.at_end)

    def _read_raw(self, size: int) -> bytes:
        chunk = self._raw.read(size)
        if not chunk:
            self.at_end = True
            return b""
        self.bytes_read += len(chunk)
        return chunk
