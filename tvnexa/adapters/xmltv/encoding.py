"""Turn a guide's bytes into UTF-8, whatever its declared (or wrong) encoding."""

from __future__ import annotations

import codecs
import re

from tvnexa.domain.guide_reports import Anomaly

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# '<?' in UTF-16 without a byte-order mark (XML 1.0, appendix F).
_UTF16_WITHOUT_BOM = ((b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"))

_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")

# Labels of Western single-byte encodings. Guides that say one of these and
# hold UTF-8 are common; real Latin text almost never forms a valid UTF-8
# sequence (a capital accented letter then a C1 control or a symbol), so
# each sequence is read as UTF-8 when it is valid and as the label otherwise.
_WESTERN = frozenset({"ascii", "iso8859-1", "cp1252", "iso8859-15"})

# Bytes that are not UTF-8 are read as Windows-1252, which browsers use for
# 'ISO-8859-1' too; its five unassigned bytes keep their Latin-1 meaning.
_FALLBACK_OF = {"ascii": "cp1252", "iso8859-1": "cp1252"}

_ESCAPED = re.compile("[\udc80-\udcff]")
_VALID_NON_ASCII = re.compile("[\u0080-\ud7ff\ue000-\U0010ffff]")


def declared_encoding(head: bytes) -> str | None:
    """The encoding named in the XML declaration at the start of `head`."""
    match = _DECLARED.match(head.lstrip(b"\xef\xbb\xbf \t\r\n"))
    return match.group(1).decode("ascii") if match else None


class GuideDecoder:
    """Decodes a guide chunk by chunk into UTF-8 bytes.

    Decisions, made from the first bytes (`head`, 64 KB or the whole guide):

    - A byte-order mark wins over any declaration (XML 1.0, appendix F); it
      is skipped and counted. UTF-16 without a mark is recognised by '<?'.
    - Declared UTF-8, or nothing declared: UTF-8, and bytes that are not
      UTF-8 are read as Windows-1252 and counted (INVALID_BYTES).
    - Declared ASCII, ISO-8859-1, Windows-1252 or ISO-8859-15: each valid
      UTF-8 sequence is read as UTF-8 (counted once, WRONG_ENCODING), the
      other bytes as declared.
    - Any other declaration (Windows-1251, GB2312...): if the head has bytes
      beyond ASCII and all of it is valid UTF-8, the declaration is wrong and
      the guide is read as UTF-8 (WRONG_ENCODING); otherwise as declared,
      with undecodable bytes replaced by U+FFFD and counted.
    - A declaration Python does not know, or UTF-16/32 declared over bytes
      that read as ASCII: UTF-8 as above, counted WRONG_ENCODING.
    """

    def __init__(self, head: bytes) -> None:
        self.counts: dict[Anomaly, int] = {}
        self.declared = declared_encoding(head)
        self._skip = 0
        codec = self._choose(head)
        self._mixed = codec in _WESTERN or codec == "utf-8"
        self._expects_utf8 = codec == "utf-8"
        self._seen_utf8 = False
        self._fallback_bytes = 0
        if self._mixed:
            fallback = "cp1252" if codec == "utf-8" else _FALLBACK_OF.get(codec, codec)
            self._table = {
                0xDC00 + byte: bytes([byte]).decode(fallback, "ignore") or chr(byte)
                for byte in range(0x80, 0x100)
            }
            self._decoder: codecs.IncrementalDecoder = codecs.getincrementaldecoder(
                "utf-8"
            )("surrogateescape")
        else:
            self._decoder = codecs.getincrementaldecoder(codec)("replace")
        self._codec = codec

    @property
    def encoding(self) -> str:
        """What the guide was read as, once read."""
        if not self._mixed:
            return self._codec
        if self._expects_utf8 or self._seen_utf8:
            return "utf-8" if not self._fallback_bytes else "utf-8+cp1252"
        return self._codec

    def decode(self, chunk: bytes, final: bool = False) -> bytes:
        """The UTF-8 bytes of `chunk`; a sequence cut at its end waits."""
        if self._skip:
            chunk, self._skip = chunk[self._skip :], 0
        if self._mixed and chunk.isascii() and not self._decoder.getstate()[0]:
            return chunk
        text = self._decoder.decode(chunk, final)
        if not self._mixed:
            if "\ufffd" in text:
                self._add(Anomaly.INVALID_BYTES, text.count("\ufffd"))
            return text.encode("utf-8", "replace")
        if not self._seen_utf8 and not self._expects_utf8:
            self._look_for_utf8(text)
        try:
            # Bytes that were not UTF-8 came out as lone surrogates, which
            # cannot be encoded: the common, clean case costs nothing more.
            return text.encode("utf-8")
        except UnicodeEncodeError:
            return self._mend(text).encode("utf-8", "replace")

    def _look_for_utf8(self, text: str) -> None:
        if _VALID_NON_ASCII.search(text):
            self._seen_utf8 = True
            self._add(Anomaly.WRONG_ENCODING, 1)

    def _mend(self, text: str) -> str:
        text, replaced = _ESCAPED.subn(lambda m: self._table[ord(m.group())], text)
        self._fallback_bytes += replaced
        if self._expects_utf8:
            self._add(Anomaly.INVALID_BYTES, replaced)
        return text

    def _choose(self, head: bytes) -> str:
        for bom, codec in _BOMS:
            if head.startswith(bom):
                self._add(Anomaly.BYTE_ORDER_MARK, 1)
                if codec == "utf-8":
                    self._skip = len(bom)
                named = _codec_name(self.declared) if self.declared else codec
                if named is None or not named.startswith(codec):
                    self._add(Anomaly.WRONG_ENCODING, 1)
                return codec
        for start, codec in _UTF16_WITHOUT_BOM:
            if head.startswith(start):
                return codec
        if self.declared is None:
            return "utf-8"
        declared = _codec_name(self.declared)
        if declared is None:
            self._add(Anomaly.WRONG_ENCODING, 1)
            return "utf-8"
        if declared == "utf-8" or declared in _WESTERN:
            return declared
        if declared.startswith(("utf-16", "utf-32")) or _is_utf8_beyond_ascii(head):
            self._add(Anomaly.WRONG_ENCODING, 1)
            return "utf-8"
        return declared

    def _add(self, anomaly: Anomaly, count: int) -> None:
        self.counts[anomaly] = self.counts.get(anomaly, 0) + count


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _is_utf8_beyond_ascii(head: bytes) -> bool:
    if head.isascii():
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, False)
    except UnicodeDecodeError:
        return False
    return True
