"""Turns the bytes a source delivered into a dataset's records and its digest."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from typing import Any

from tvnexa.adapters.iptv_org.reader import read_records
from tvnexa.application.ports import FetchedDataset
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import SourceError, SourceFormatError
from tvnexa.domain.ingestion import SourceVersion

GZIP_MAGIC = b"\x1f\x8b"

# Today's largest dataset (guides) is ~22 MB; a body ten times larger than
# anything upstream has published is a fault, not a catalogue.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

_JSON_KINDS: dict[type, str] = {
    dict: "an object",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def decompress_if_gzip(
    body: bytes, origin: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """Gunzip `body` when its content (not its name) says it is gzip."""
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            plain = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SourceFormatError(f"{origin}: not a complete gzip stream: {exc}") from exc
    if len(plain) > max_bytes:
        raise SourceError(f"{origin}: more than {max_bytes} bytes once decompressed")
    return plain


def parse_array(body: bytes, origin: str) -> list[Any]:
    """Parse a JSON array, saying where parsing failed when it does."""
    try:
        parsed = json.loads(body)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            f"{origin}: invalid JSON at line {exc.lineno}, column {exc.colno}"
            f" (character {exc.pos}): {exc.msg}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            f"{origin}: not UTF-8 text at byte {exc.start}: {exc.reason}"
        ) from exc
    if not isinstance(parsed, list):
        found = _JSON_KINDS.get(type(parsed), type(parsed).__name__)
        raise SourceFormatError(f"{origin}: expected a JSON array, found {found}")
    return parsed


def fetched_dataset(
    dataset: Dataset,
    body: bytes,
    origin: str,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchedDataset:
    """Decompress, digest, parse and read one dataset's body.

    `origin` names the dataset and where it came from in every error.
    """
    plain = decompress_if_gzip(body, origin, max_bytes)
    digest = hashlib.sha256(plain).hexdigest()

    items = parse_array(plain, origin)

    result = read_records(dataset, items)
    version = SourceVersion(etag=etag, last_modified=last_modified, digest=digest)
    return FetchedDataset(
        records=result.records,
        problems=result.problems,
        total=len(items),
        version=version,
    )
