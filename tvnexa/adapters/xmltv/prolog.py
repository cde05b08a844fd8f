"""Check what comes before a guide's root element, before any parser sees it."""

from __future__ import annotations

import re

from tvnexa.domain.guide_errors import EmptyGuide, NotXmltvGuide, UnsafeGuide

# A real prolog is a declaration, a DOCTYPE line and a comment or two; a
# megabyte of it is an attack or not a guide.
MAX_PROLOG_BYTES = 1 << 20

_SPACE = re.compile(rb"[ \t\r\n]+")
_DOCTYPE = re.compile(
    rb"""<!DOCTYPE(?:[^\[>"']+|"[^"]*"|'[^']*')*"""
    rb"""(?:\[(?:[^\]"']+|"[^"]*"|'[^']*')*\])?[ \t\r\n]*>""",
    re.IGNORECASE,
)
_HTML_DOCTYPE = re.compile(rb"<!DOCTYPE\s+html\b", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY\b", re.IGNORECASE)
_ROOT = re.compile(rb"<([A-Za-z_:\x80-\xff][^\s/>]*)")


def root_of(
    prolog: bytes, origin: str, complete: bool, start: int = 0
) -> tuple[str | None, int]:
    """The root element's name, once `prolog` reaches its start tag.

    `prolog` is the start of the guide in UTF-8, after any byte-order mark;
    `complete` says it is the whole guide. Returns the name, or None when
    more bytes are needed, with the position to resume scanning from (pass
    it back as `start` with the longer prolog). Raises EmptyGuide for
    nothing but whitespace; UnsafeGuide for a DOCTYPE that declares entities
    (the shape of entity-expansion bombs: no guide needs one, so none is
    parsed); NotXmltvGuide for HTML, another root than <tv>, or text that
    is not XML at all.
    """
    position = start
    while True:
        space = _SPACE.match(prolog, position)
        if space is not None:
            position = space.end()
        if position >= len(prolog):
            empty = not prolog.strip()
            return _need_more(prolog, origin, complete, empty), position
        if prolog.startswith(b"<?", position):
            end = prolog.find(b"?>", position)
            if end < 0:
                return _need_more(prolog, origin, complete), position
            position = end + 2
        elif prolog.startswith(b"<!--", position):
            end = prolog.find(b"-->", position)
            if end < 0:
                return _need_more(prolog, origin, complete), position
            position = end + 3
        elif prolog[position : position + 9].upper() == b"<!DOCTYPE":
            doctype = _DOCTYPE.match(prolog, position)
            if doctype is None:
                return _need_more(prolog, origin, complete), position
            _check_doctype(doctype.group(), origin, _line_at(prolog, position))
            position = doctype.end()
        else:
            return _root_at(prolog, position, origin, complete), position


def _check_doctype(doctype: bytes, origin: str, line: int) -> None:
    if _HTML_DOCTYPE.match(doctype):
        raise NotXmltvGuide(origin, "an HTML page, not an XMLTV guide", line=line)
    if _ENTITY_DECLARATION.search(doctype):
        raise UnsafeGuide(
            origin,
            "the DOCTYPE declares entities; refused as a possible"
            " entity-expansion attack",
            line=line,
        )


def _root_at(prolog: bytes, position: int, origin: str, complete: bool) -> str | None:
    line = _line_at(prolog, position)
    root = _ROOT.match(prolog, position)
    cut = prolog[position:] == b"<" or (root is not None and root.end() == len(prolog))
    if cut and not complete:
        return _need_more(prolog, origin, complete)
    if root is None:
        snippet = prolog[position : position + 40].decode("utf-8", "replace")
        raise NotXmltvGuide(
            origin,
            f"not XML: it starts with {snippet!r}",
            line=line,
            byte_offset=position,
        )
    name = root.group(1).decode("utf-8", "replace")
    if name.lower() == "html":
        raise NotXmltvGuide(origin, "an HTML page, not an XMLTV guide", line=line)
    if name != "tv":
        raise NotXmltvGuide(
            origin, f"the root element is <{name}>, not XMLTV's <tv>", line=line
        )
    return name


def _need_more(
    prolog: bytes, origin: str, complete: bool, empty: bool = False
) -> str | None:
    if empty and complete:
        raise EmptyGuide(origin, "the guide is empty")
    if complete:
        raise NotXmltvGuide(
            origin, "the guide ends before its root element", line=_line_at(prolog)
        )
    if len(prolog) > MAX_PROLOG_BYTES:
        raise NotXmltvGuide(
            origin, f"no root element in the first {MAX_PROLOG_BYTES} bytes"
        )
    return None


def _line_at(text: bytes, position: int | None = None) -> int:
    return text.count(b"\n", 0, position) + 1
