"""Catalogue sources: the iptv-org API over HTTP(S), or a directory holding a copy."""

from __future__ import annotations

import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from tvnexa.adapters.iptv_org.payload import DEFAULT_MAX_BYTES, fetched_dataset
from tvnexa.application.ports import CatalogSource, FetchedDataset, NotModified
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import DatasetNotPublished, SourceError
from tvnexa.domain.ingestion import SourceVersion

logger = logging.getLogger(__name__)

IPTV_ORG_API = "https://iptv-org.github.io/api"

# Statuses worth another try: the server is busy or briefly broken.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

_CHUNK_BYTES = 1 << 16


class RequestsCatalogSource:
    """Fetches `<base_url>/<dataset>.json` with conditional GETs and retries.

    `timeout` is (connect, read) in seconds; the read timeout bounds each wait
    for bytes, `max_bytes` bounds the body (after any decompression). Failed
    connections, timeouts and 429/5xx answers are retried `retries` times, with
    waits of 0, 2, 4... times `backoff_seconds` (urllib3's schedule).
    """

    def __init__(
        self,
        base_url: str = IPTV_ORG_API,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
        retries: int = 3,
        backoff_seconds: float = 0.5,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._owns_session = session is None
        self._session = session if session is not None else requests.Session()
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff_seconds,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            raise_on_status=False,
            # A Retry-After header could park a worker for hours; the backoff
            # above is bounded.
            respect_retry_after_header=False,
        )
        # Mounted on our base URL only, so a shared session keeps its own
        # behaviour for every other address.
        self._session.mount(self.base_url + "/", HTTPAdapter(max_retries=retry))

    def fetch(
        self, dataset: Dataset, previous: SourceVersion | None = None
    ) -> FetchedDataset | NotModified:
        """GET one dataset; NotModified when the server answers 304 to `previous`."""
        url = f"{self.base_url}/{dataset.value}.json"
        started = time.monotonic()
        status: int | str = "failed"
        size = 0
        try:
            with self._session.get(
                url,
                headers=_request_headers(previous),
                timeout=self.timeout,
                stream=True,
            ) as response:
                status = response.status_code
                if status == 304 and previous is not None:
                    return NotModified(previous)
                _check_status(response, url)
                body = self._read_body(response, url)
                size = len(body)
                etag = response.headers.get("ETag")
                last_modified = response.headers.get("Last-Modified")
        except requests.RequestException as exc:
            raise SourceError(f"GET {url} failed: {exc}") from exc
        finally:
            logger.info(
                "fetched dataset=%s url=%s status=%s bytes=%d seconds=%.3f",
                dataset.value,
                url,
                status,
                size,
                time.monotonic() - started,
            )

        return fetched_dataset(
            dataset,
            body,
            f"{dataset.value} from {url}",
            etag,
            last_modified,
            self.max_bytes,
        )

    def close(self) -> None:
        """Release the connections of a session this source created."""
        if self._owns_session:
            self._session.close()

    def _read_body(self, response: requests.Response, url: str) -> bytes:
        # iter_content undoes a gzip Content-Encoding, so the bound applies to
        # the bytes we will hold, whatever the wire size.
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(chunk_size=_CHUNK_BYTES):
            size += len(chunk)
            if size > self.max_bytes:
                raise SourceError(f"GET {url}: body exceeds {self.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def _request_headers(previous: SourceVersion | None) -> dict[str, str]:
    headers = {"Accept": "application/json", "Accept-Encoding": "gzip, deflate"}
    if previous is not None and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous is not None and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    return headers


def _check_status(response: requests.Response, url: str) -> None:
    if response.status_code == 404:
        raise DatasetNotPublished(f"GET {url}: HTTP 404, the dataset is not published")
    try:
        response.raise_for_status()
    except requests.HTTPError as exc:
        raise SourceError(
            f"GET {url}: HTTP {response.status_code} {response.reason}"
        ) from exc
    if response.status_code != 200:
        raise SourceError(f"GET {url}: unexpected HTTP {response.status_code}")


class DirectoryCatalogSource:
    """Reads `<path>/<dataset>.json`, or `<dataset>.json.gz` when only that exists.

    A file's version is its modification time and size; when both are what
    `previous` recorded the file is not read again.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def fetch(
        self, dataset: Dataset, previous: SourceVersion | None = None
    ) -> FetchedDataset | NotModified:
        """Read one dataset's file; NotModified when its mtime and size match."""
        started = time.monotonic()
        file = self._file_of(dataset)
        try:
            stat = file.stat()
            etag = f"{stat.st_mtime_ns}:{stat.st_size}"
            last_modified = datetime.fromtimestamp(
                stat.st_mtime_ns / 1e9, tz=UTC
            ).isoformat()
            if (
                previous is not None
                and previous.etag == etag
                and previous.last_modified == last_modified
            ):
                _log_read(dataset, file, "unchanged", 0, started)
                return NotModified(previous)
            body = file.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read {file}: {exc}") from exc
        _log_read(dataset, file, "read", len(body), started)

        return fetched_dataset(dataset, body, str(file), etag, last_modified)

    def _file_of(self, dataset: Dataset) -> Path:
        if not self.path.is_dir():
            raise SourceError(f"{self.path} is not a directory")
        for name in (f"{dataset.value}.json", f"{dataset.value}.json.gz"):
            candidate = self.path / name
            if candidate.is_file():
                return candidate
        raise DatasetNotPublished(
            f"{self.path} has neither {dataset.value}.json nor {dataset.value}.json.gz"
        )


def _log_read(
    dataset: Dataset, file: Path, status: str, size: int, started: float
) -> None:
    logger.info(
        "fetched dataset=%s file=%s status=%s bytes=%d seconds=%.3f",
        dataset.value,
        file,
        status,
        size,
        time.monotonic() - started,
    )


def catalog_source_for(url_or_dir: str, **http_options: Any) -> CatalogSource:
    """The source for an `http(s)://` base URL, a `file://` URL or a directory.

    `http_options` are RequestsCatalogSource's keyword arguments; a directory
    has none to take, so they are ignored for it.
    """
    scheme = urlparse(url_or_dir).scheme.lower()
    if scheme in ("http", "https"):
        return RequestsCatalogSource(url_or_dir, **http_options)
    if scheme == "file":
        return DirectoryCatalogSource(_path_of_file_url(url_or_dir))
    return DirectoryCatalogSource(url_or_dir)


def _path_of_file_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.netloc not in ("", "localhost"):
        raise ValueError(f"{url}: a file URL must name a local path")
    return url2pathname(parsed.path)
