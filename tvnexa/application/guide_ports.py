"""Ports of the programme guides: where guides come from and what reads them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, Protocol

from tvnexa.domain.guide_reports import ParseReport
from tvnexa.domain.programmes import GuideChannel, Programme


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
