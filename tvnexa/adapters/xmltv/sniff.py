"""What the first bytes of a guide say: its compression, and whether it is HTML."""

from __future__ import annotations

import re
from enum import StrEnum


class Packing(StrEnum):
    PLAIN = "plain"
    GZIP = "gzip"
    ZLIB = "zlib"
    XZ = "xz"
    BZIP2 = "bzip2"
    ZIP = "zip"
    ZSTD = "zstd"


# Magic numbers, longest first where one could shadow another.
_MAGIC = (
    (b"\xfd7zXZ\x00", Packing.XZ),
    (b"\x28\xb5\x2f\xfd", Packing.ZSTD),
    (b"PK\x03\x04", Packing.ZIP),
    (b"BZh", Packing.BZIP2),
    (b"\x1f\x8b", Packing.GZIP),
)

# Enough bytes to tell every packing above apart.
MAGIC_BYTES = 6

_HTML_HEAD = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def packing_of(head: bytes) -> Packing:
    """The compression of a stream that starts with `head` (at least 6 bytes).

    A zlib stream (HTTP's `deflate`) starts with a header whose first byte is
    0x78 and whose two bytes are a multiple of 31; XML cannot start that way.
    """
    for magic, packing in _MAGIC:
        if head.startswith(magic):
            return packing
    if len(head) >= 2 and head[0] == 0x78 and (head[0] << 8 | head[1]) % 31 == 0:
        return Packing.ZLIB
    return Packing.PLAIN


def looks_like_html(head: bytes) -> bool:
    """Whether decompressed bytes start an HTML page (an error page, a portal)."""
    return _HTML_HEAD.match(head[:4096]) is not None
