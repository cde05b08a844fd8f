"""Mend the markup faults real guides have, in UTF-8 text read chunk by chunk."""

from __future__ import annotations

import re
from html.entities import html5

from tvnexa.domain.guide_reports import Anomaly

_CONTROLS = bytes(byte for byte in range(32) if byte not in (9, 10, 13))
# One pattern per fault: each starts with a literal byte, which the regex
# engine finds at memchr speed; a single alternation would crawl.
_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_AMPERSAND = re.compile(
    rb"&(?!(?:amp|lt|gt|quot|apos);)"
    rb"(?:#(?P<dec>[0-9]{1,10});|#[xX](?P<hex>[0-9a-fA-F]{1,8});"
    rb"|(?P<name>[A-Za-z][A-Za-z0-9]{0,31});)?"
)
_BARE_LESS_THAN = re.compile(rb"<(?![A-Za-z_:/!?\x80-\xff])")
_CDATA_START = b"<![CDATA["
_CDATA_END = b"]]>"

# The longest HTML entity name is 31 characters; an '&' further than this
# from the end of a chunk has shown whether a ';' closes it.
_LONGEST_REFERENCE = 42

_XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}


class MarkupRepair:
    """Makes XML of text that is almost XML, as it streams.

    Decisions:

    - An HTML named entity (`&nbsp;`, `&eacute;`) becomes its character:
      guides are written by tools that think in HTML, and the text means it.
    - A bare `&`, or an entity no one defines (`&foo;`), is escaped, so the
      text keeps exactly what the guide wrote ("Tom & Jerry").
    - A `<` that cannot start markup ("a < b", "<3") is escaped the same way.
    - Characters XML 1.0 forbids (C0 controls but tab and newlines, U+FFFE,
      U+FFFF), raw or as character references, are removed.
    - Inside CDATA sections only forbidden characters are removed: there `&`
      and `<` are already text.

    A reference or marker cut by the end of a chunk waits for the next one,
    so a repair never depends on where the chunks fall.
    """

    def __init__(self) -> None:
        self.counts: dict[Anomaly, int] = {}
        self._carry = b""
        self._in_cdata = False

    def feed(self, data: bytes, final: bool = False) -> bytes:
        """The repaired bytes of `data`; its last few bytes may wait."""
        data = self._carry + data if self._carry else data
        cut = len(data) if final else _hold_point(data)
        data, self._carry = data[:cut], data[cut:]
        if not self._in_cdata and _CDATA_START not in data:
            return self._repair_markup(data)

        pieces: list[bytes] = []
        position = 0
        while position < len(data):
            if self._in_cdata:
                found = data.find(_CDATA_END, position)
                end = len(data) if found < 0 else found + len(_CDATA_END)
                pieces.append(self._strip_forbidden(data[position:end]))
            else:
                found = data.find(_CDATA_START, position)
                end = len(data) if found < 0 else found + len(_CDATA_START)
                pieces.append(
                    self._repair_markup(data[position : end if found < 0 else found])
                )
                if found >= 0:
                    pieces.append(_CDATA_START)
            if found >= 0:
                self._in_cdata = not self._in_cdata
            position = end
        return b"".join(pieces)

    def _repair_markup(self, data: bytes) -> bytes:
        # Most chunks need nothing; these scans run at C speed and let them
        # through untouched.
        if len(data.translate(None, _CONTROLS)) != len(data) or (
            b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data
        ):
            data = self._strip_forbidden(data)
        if _AMPERSAND.search(data) is not None:
            data = _AMPERSAND.sub(self._fix_ampersand, data)
        if _BARE_LESS_THAN.search(data) is not None:
            data, escaped = _BARE_LESS_THAN.subn(b"&lt;", data)
            self._add(Anomaly.BARE_LESS_THAN, escaped)
        return data

    def _strip_forbidden(self, data: bytes) -> bytes:
        data, removed = _FORBIDDEN.subn(b"", data)
        if removed:
            self._add(Anomaly.FORBIDDEN_CHARACTER, removed)
        return data

    def _fix_ampersand(self, match: re.Match[bytes]) -> bytes:
        found = match.group()
        decimal, hexadecimal, name = match.group("dec", "hex", "name")
        if decimal is not None or hexadecimal is not None:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if _allowed_in_xml(code):
                return found
            self._add(Anomaly.FORBIDDEN_CHARACTER)
            return b""
        if name is not None:
            character = html5.get(name.decode("ascii") + ";")
            if character is not None:
                self._add(Anomaly.HTML_ENTITY)
                escaped = "".join(_XML_ESCAPES.get(c, c) for c in character)
                return escaped.encode("utf-8")
        self._add(Anomaly.BARE_AMPERSAND)
        return b"&amp;" + found[1:]

    def _add(self, anomaly: Anomaly, count: int = 1) -> None:
        self.counts[anomaly] = self.counts.get(anomaly, 0) + count


def _hold_point(data: bytes) -> int:
    """Where the bytes that must wait for the next chunk start."""
    end = len(data)
    cut = end
    ampersand = data.rfind(b"&", max(0, end - _LONGEST_REFERENCE))
    if ampersand >= 0 and b";" not in data[ampersand:]:
        cut = ampersand
    less_than = data.rfind(b"<", max(0, end - len(_CDATA_START)))
    if less_than >= 0 and _CDATA_START.startswith(data[less_than:]):
        cut = min(cut, less_than)
    if data.endswith(b"]"):
        cut = min(cut, end - 2 if data.endswith(b"]]") else end - 1)
    return cut


def _allowed_in_xml(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
