"""Helpers for the XMLTV adapter tests: read a small guide written in the test."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.domain.guide_reports import ParseReport
from tvnexa.domain.programmes import GuideChannel, Programme


@dataclass
class ReadGuide:
    channels: list[GuideChannel]
    programmes: list[Programme]
    report: ParseReport
    items: list[GuideChannel | Programme]


def wrap(body: str) -> str:
    """A whole guide around channel and programme elements."""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<tv>\n{body}\n</tv>\n'


class Trickle(io.RawIOBase):
    """A stream that hands over a few bytes per read, as slow networks do."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data = data
        self._step = step
        self._position = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self._data[self._position : self._position + self._step]
        self._position += len(chunk)
        return chunk


def read_bytes(
    data: bytes,
    correction_seconds: int = 0,
    step: int | None = None,
    on_item: Callable[[GuideChannel | Programme], None] | None = None,
    **options: int,
) -> ReadGuide:
    stream = io.BytesIO(data) if step is None else Trickle(data, step)
    reading = LxmlXmltvParser(**options).parse(
        stream,
        "test.xml",
        correction_seconds,
    )
    items = []
    for item in reading:
        items.append(item)
        if on_item is not None:
            on_item(item)
    return ReadGuide(
        channels=[i for i in items if isinstance(i, GuideChannel)],
        programmes=[i for i in items if isinstance(i, Programme)],
        report=reading.report,
        items=items,
    )


@pytest.fixture
def read_guide() -> Callable[..., ReadGuide]:
    """Read a guide: its body (channels, programmes) wrapped in <tv>, or any
    other text or bytes as they are."""

    def read(text: str | bytes, **options: Any) -> ReadGuide:
        if isinstance(text, str):
            body = text.lstrip().startswith(("<channel", "<programme", "<!--"))
            text = (wrap(text) if body else text).encode("utf-8")
        return read_bytes(text, **options)

    return read
