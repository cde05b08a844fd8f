"""The errors of programme guides: sources that fail, files that are not XMLTV."""

from __future__ import annotations

from tvnexa.domain.errors import SourceError, TvnexaError


class XmltvTimeError(TvnexaError, ValueError):
    """Raised when a text is not an XMLTV time that can be read without guessing."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r}: {reason}")
        self.text = text
        self.reason = reason


class GuideSourceError(SourceError):
    """Raised when a guide source cannot deliver its bytes (network, HTTP, I/O,
    a command that fails or runs out of time)."""


class GuideTooLarge(GuideSourceError):
    """Raised when a guide decompresses to more bytes than the configured cap."""


class GuideFormatError(SourceError):
    """Raised when the bytes of a guide are not a readable XMLTV document.

    `origin` names the guide (URL, path, command); `line` and `byte_offset`
    say where, when known (`byte_offset` counts decompressed bytes read so far).
    """

    def __init__(
        self,
        origin: str,
        reason: str,
        line: int | None = None,
        byte_offset: int | None = None,
    ) -> None:
        where = []
        if line is not None:
            where.append(f"line {line}")
        if byte_offset is not None:
            where.append(f"byte {byte_offset}")
        suffix = f" ({', '.join(where)})" if where else ""
        super().__init__(f"{origin}: {reason}{suffix}")
        self.origin = origin
        self.reason = reason
        self.line = line
        self.byte_offset = byte_offset


class EmptyGuide(GuideFormatError):
    """Raised when a guide holds no bytes, or only whitespace."""


class TruncatedGuide(GuideFormatError):
    """Raised when a guide stops before its document (or its compression) ends."""


class NotXmltvGuide(GuideFormatError):
    """Raised when a guide is not XMLTV: HTML, another XML root, or not XML at all."""


class UnsafeGuide(GuideFormatError):
    """Raised when a guide declares entities, the shape of entity-expansion bombs."""
