"""Undo a guide's compression by its bytes, layer after layer, within a byte cap."""

from __future__ import annotations

import bz2
import io
import lzma
import zlib
from collections.abc import Callable, Iterator
from itertools import chain
from typing import TYPE_CHECKING, BinaryIO, Protocol

from tvnexa.adapters.xmltv.sniff import (
    MAGIC_BYTES,
    Packing,
    looks_like_html,
    packing_of,
)
from tvnexa.domain.guide_errors import (
    EmptyGuide,
    GuideFormatError,
    GuideTooLarge,
    NotXmltvGuide,
    TruncatedGuide,
)

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

# Guides of 1 GB exist (the benchmark); twice that is a fault or a bomb.
DEFAULT_MAX_GUIDE_BYTES = 2 * 1024 * 1024 * 1024

CHUNK_BYTES = 1 << 16

# Each call to a decompressor yields at most this much, so a bomb never
# expands in memory past one slice before the cap sees it.
_SLICE_BYTES = 1 << 20

# Double gzip happens (a server compressing a .gz again); five layers do not.
_MAX_LAYERS = 4

_HEAD_BYTES = 4096


class _Decompressor(Protocol):
    @property
    def eof(self) -> bool: ...

    @property
    def unused_data(self) -> bytes: ...

    def decompress(self, data: bytes, max_length: int = ..., /) -> bytes: ...


_NEW_DECOMPRESSOR: dict[Packing, Callable[[], _Decompressor]] = {
    Packing.GZIP: lambda: zlib.decompressobj(31),
    Packing.ZLIB: lambda: zlib.decompressobj(15),
    Packing.XZ: lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ),
    Packing.BZIP2: bz2.BZ2Decompressor,
}

# Streams that may be concatenated (gzip members, xz and bzip2 streams).
_MULTI_STREAM = frozenset({Packing.GZIP, Packing.XZ, Packing.BZIP2})


def guide_stream(
    raw_chunks: Iterator[bytes],
    origin: str,
    max_bytes: int = DEFAULT_MAX_GUIDE_BYTES,
    on_close: Callable[[], None] | None = None,
) -> BinaryIO:
    """A readable stream of the decompressed XML in `raw_chunks`.

    The compression is read from the bytes (plain, gzip, zlib, xz, bzip2, and
    any of them nested up to four layers deep), never from a name or a header.
    Every layer's output is counted as it is read; more than `max_bytes`
    raises GuideTooLarge. An empty guide or an HTML page is refused here,
    before anyone parses it. `on_close` runs when the stream is closed.
    """
    chunks = decompressed(raw_chunks, origin, max_bytes)
    try:
        head, chunks = peek(chunks, _HEAD_BYTES)
        if not head.strip():
            raise EmptyGuide(origin, "the guide is empty")
        if looks_like_html(head):
            raise NotXmltvGuide(origin, "an HTML page, not an XMLTV guide", line=1)
    except BaseException:
        if on_close is not None:
            on_close()
        raise
    return io.BufferedReader(ChunkStream(chunks, on_close), buffer_size=CHUNK_BYTES)


def decompressed(
    chunks: Iterator[bytes], origin: str, max_bytes: int = DEFAULT_MAX_GUIDE_BYTES
) -> Iterator[bytes]:
    """The bytes of `chunks` with every layer of compression undone."""
    chunks = capped(chunks, origin, max_bytes)
    for _ in range(_MAX_LAYERS + 1):
        head, chunks = peek(chunks, MAGIC_BYTES)
        packing = packing_of(head)
        if packing is Packing.PLAIN:
            return chunks
        if packing not in _NEW_DECOMPRESSOR:
            raise NotXmltvGuide(
                origin, f"a {packing} archive; guides are XML, gzip, xz or bzip2"
            )
        chunks = capped(_unpacked(chunks, origin, packing), origin, max_bytes)
    raise NotXmltvGuide(origin, f"more than {_MAX_LAYERS} layers of compression")


def capped(chunks: Iterator[bytes], origin: str, max_bytes: int) -> Iterator[bytes]:
    """Pass chunks on, refusing the stream once it passes `max_bytes`."""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > max_bytes:
            raise GuideTooLarge(
                f"{origin}: more than {max_bytes} bytes once decompressed;"
                " refused as a possible decompression bomb"
            )
        yield chunk


def peek(chunks: Iterator[bytes], size: int) -> tuple[bytes, Iterator[bytes]]:
    """The first `size` bytes (fewer at the end), and the chunks, unconsumed."""
    taken: list[bytes] = []
    length = 0
    for chunk in chunks:
        taken.append(chunk)
        length += len(chunk)
        if length >= size:
            break
    return b"".join(taken)[:size], chain(taken, chunks)


def _unpacked(
    chunks: Iterator[bytes], origin: str, packing: Packing
) -> Iterator[bytes]:
    decompressor = _NEW_DECOMPRESSOR[packing]()
    try:
        for data in chunks:
            while data:
                if decompressor.eof:
                    if not data.strip(b"\0"):
                        # Zero padding after the last stream (tape-era tools).
                        break
                    if packing not in _MULTI_STREAM:
                        raise GuideFormatError(
                            origin, f"bytes after the end of the {packing} stream"
                        )
                    decompressor = _NEW_DECOMPRESSOR[packing]()
                yield from _drained(decompressor, data)
                data = decompressor.unused_data if decompressor.eof else b""
    except (zlib.error, lzma.LZMAError, OSError, EOFError) as exc:
        raise GuideFormatError(origin, f"corrupt {packing} data: {exc}") from exc
    if not decompressor.eof:
        raise TruncatedGuide(origin, f"the {packing} stream stops before its end")


def _drained(decompressor: _Decompressor, data: bytes) -> Iterator[bytes]:
    # zlib keeps input it could not use in `unconsumed_tail`; lzma and bz2
    # keep it inside and say so with `needs_input`. Either way: call again
    # with no new input until the decompressor has nothing more to give.
    while True:
        out = decompressor.decompress(data, _SLICE_BYTES)
        if out:
            yield out
        if decompressor.eof:
            return
        tail = getattr(decompressor, "unconsumed_tail", None)
        if tail:
            data = tail
            continue
        needs_input = getattr(decompressor, "needs_input", len(out) < _SLICE_BYTES)
        if needs_input:
            return
        data = b""


class ChunkStream(io.RawIOBase):
    """A raw readable stream over an iterator of byte chunks."""

    def __init__(
        self, chunks: Iterator[bytes], on_close: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self._chunks = chunks
        self._on_close = on_close
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        target = memoryview(buffer).cast("B")
        size = min(len(target), len(self._pending))
        target[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        if self.closed:
            return
        try:
            close_chunks = getattr(self._chunks, "close", None)
            if close_chunks is not None:
                close_chunks()
            if self._on_close is not None:
                self._on_close()
        finally:
            super().close()
