"""Streamed bodies: start them only once they can start, gzip them as they go."""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterable, Iterator


def primed(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The same chunks, the first one already made.

    Making it runs the first reads; an error there still becomes an error
    response, where once the body has started it could only cut it short.
    """
    first = next(chunks, b"")
    return itertools.chain((first,), chunks)


def gzipped(chunks: Iterable[bytes], level: int = 6) -> Iterator[bytes]:
    """A gzip file of the chunks, compressed as they arrive."""
    # wbits 16 + 15 asks zlib for a gzip header and trailer.
    compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for chunk in chunks:
        compressed = compressor.compress(chunk)
        if compressed:
            yield compressed
    yield compressor.flush()
