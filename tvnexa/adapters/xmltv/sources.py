"""Guide sources: XMLTV over HTTP(S), from a file, or printed by a command."""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO
from urllib.parse import urlparse
from urllib.request import url2pathname

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from tvnexa.adapters.xmltv.decompress import (
    CHUNK_BYTES,
    DEFAULT_MAX_GUIDE_BYTES,
    guide_stream,
)
from tvnexa.application.guide_ports import GuideSource
from tvnexa.domain.guide_errors import GuideSourceError

logger = logging.getLogger(__name__)

# Statuses worth another try: the server is busy or briefly broken.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# How much of a failed command's standard error its error message quotes.
_STDERR_TAIL_BYTES = 2000


class HttpGuideSource:
    """GETs a guide and streams its body, decompressed by its bytes.

    The body is read raw: a gzip Content-Encoding is one more gzip layer that
    the bytes reveal (a .gz file served with Content-Encoding: gzip is gzip
    inside gzip). `timeout` is (connect, read) in seconds; the read timeout
    bounds each wait for bytes. Failed connections, timeouts and 429/5xx
    answers are retried `retries` times before the body starts; a body that
    breaks off midway fails the reading, since the parser already used it.
    """

    def __init__(
        self,
        url: str,
        timeout: float | tuple[float, float] = (5.0, 60.0),
        retries: int = 3,
        max_bytes: int = DEFAULT_MAX_GUIDE_BYTES,
        session: requests.Session | None = None,
        backoff_seconds: float = 0.5,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.max_bytes = max_bytes
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
        self._session.mount(url, HTTPAdapter(max_retries=retry))

    @property
    def origin(self) -> str:
        return self.url

    def open(self) -> BinaryIO:
        """GET the guide; the stream reads the body as it arrives."""
        started = time.monotonic()
        try:
            response = self._session.get(
                self.url,
                headers={
                    "Accept": "application/xml, text/xml, */*",
                    "Accept-Encoding": "gzip",
                },
                timeout=self.timeout,
                stream=True,
            )
        except requests.RequestException as exc:
            raise GuideSourceError(f"GET {self.url} failed: {exc}") from exc
        logger.info(
            "guide requested url=%s status=%s seconds=%.3f",
            self.url,
            response.status_code,
            time.monotonic() - started,
        )
        if response.status_code != 200:
            response.close()
            raise GuideSourceError(
                f"GET {self.url}: HTTP {response.status_code} {response.reason}"
            )
        return guide_stream(
            _body_chunks(response, self.url), self.url, self.max_bytes, response.close
        )


def _body_chunks(response: requests.Response, url: str) -> Iterator[bytes]:
    try:
        yield from response.raw.stream(CHUNK_BYTES, decode_content=False)
    except (urllib3.exceptions.HTTPError, requests.RequestException, OSError) as exc:
        raise GuideSourceError(f"GET {url}: the body broke off: {exc}") from exc


class FileGuideSource:
    """Reads a guide from a file, decompressed by its bytes."""

    def __init__(
        self, path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_GUIDE_BYTES
    ) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes

    @property
    def origin(self) -> str:
        return str(self.path)

    def open(self) -> BinaryIO:
        try:
            file = self.path.open("rb")
        except OSError as exc:
            raise GuideSourceError(f"cannot open {self.path}: {exc}") from exc
        return guide_stream(
            _file_chunks(file, self.origin), self.origin, self.max_bytes, file.close
        )


def _file_chunks(file: IO[bytes], origin: str) -> Iterator[bytes]:
    try:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk
    except OSError as exc:
        raise GuideSourceError(f"cannot read {origin}: {exc}") from exc


class CommandGuideSource:
    """Runs a command that writes XMLTV (a grabber), killed when out of time.

    Without `output_path` the command's standard output is the guide, read as
    it is written; the timeout then covers the reading too. With it, the
    command writes that file (each `{output}` in `argv` is replaced by the
    path) and the file is read once the command has exited. The command runs
    in its own process group, so a timeout kills its children as well. A
    non-zero exit fails the reading, quoting the end of its standard error.
    """

    def __init__(
        self,
        argv: Sequence[str],
        timeout_seconds: float,
        output_path: str | os.PathLike[str] | None = None,
        max_bytes: int = DEFAULT_MAX_GUIDE_BYTES,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        if not argv:
            raise ValueError("a guide command needs at least a program")
        self.argv = tuple(argv)
        self.timeout_seconds = timeout_seconds
        self.output_path = None if output_path is None else Path(output_path)
        self.max_bytes = max_bytes
        self.cwd = cwd

    @property
    def origin(self) -> str:
        return f"command {shlex.join(self.argv)}"

    def open(self) -> BinaryIO:
        if self.output_path is None:
            run = _CommandRun(self.argv, self.timeout_seconds, self.origin, self.cwd)
            return guide_stream(run.chunks(), self.origin, self.max_bytes, run.close)

        argv = [part.replace("{output}", str(self.output_path)) for part in self.argv]
        run = _CommandRun(argv, self.timeout_seconds, self.origin, self.cwd, False)
        try:
            run.finish()
        finally:
            run.close()
        return FileGuideSource(self.output_path, self.max_bytes).open()


class _CommandRun:
    """One run of a command, its watchdog, and what it left on stderr."""

    def __init__(
        self,
        argv: Sequence[str],
        timeout_seconds: float,
        origin: str,
        cwd: Any,
        pipe_stdout: bool = True,
    ) -> None:
        self.origin = origin
        self.timeout_seconds = timeout_seconds
        self.timed_out = False
        self.started = time.monotonic()
        # Kept open for the whole run, so errors can quote it; close() ends it.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE if pipe_stdout else subprocess.DEVNULL,
                stderr=self._stderr,
                cwd=cwd,
                start_new_session=True,
            )
        except OSError as exc:
            self._stderr.close()
            raise GuideSourceError(f"{origin}: cannot start: {exc}") from exc
        self._watchdog = threading.Timer(timeout_seconds, self._time_out)
        self._watchdog.daemon = True
        self._watchdog.start()

    def chunks(self) -> Iterator[bytes]:
        stdout = self.process.stdout
        assert stdout is not None
        # os.read hands over what the command has written so far, so the
        # parser keeps pace with it instead of waiting for full chunks.
        while chunk := os.read(stdout.fileno(), CHUNK_BYTES):
            yield chunk
        self.finish()

    def finish(self) -> None:
        """Wait for the exit; raise when the command timed out or failed."""
        returncode = self.process.wait()
        self._watchdog.cancel()
        seconds = time.monotonic() - self.started
        logger.info(
            "guide command finished origin=%r returncode=%s seconds=%.3f",
            self.origin,
            returncode,
            seconds,
        )
        if self.timed_out:
            raise GuideSourceError(
                f"{self.origin}: killed after {self.timeout_seconds:g} seconds"
            )
        if returncode != 0:
            raise GuideSourceError(
                f"{self.origin}: exited with status {returncode}: {self._stderr_tail()}"
            )

    def close(self) -> None:
        self._watchdog.cancel()
        if self.process.poll() is None:
            self._kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.close()

    def _time_out(self) -> None:
        self.timed_out = True
        self._kill()

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def _stderr_tail(self) -> str:
        self._stderr.seek(0, os.SEEK_END)
        size = self._stderr.tell()
        self._stderr.seek(max(0, size - _STDERR_TAIL_BYTES))
        tail = self._stderr.read().decode("utf-8", "replace").strip()
        return tail or "(no error output)"


def guide_source_for(location: str, **http_options: Any) -> GuideSource:
    """The source for an `http(s)://` URL, a `file://` URL or a file path.

    `http_options` are HttpGuideSource's keyword arguments; of them a file
    takes only `max_bytes`.
    """
    scheme = urlparse(location).scheme.lower()
    if scheme in ("http", "https"):
        return HttpGuideSource(location, **http_options)
    max_bytes = http_options.get("max_bytes", DEFAULT_MAX_GUIDE_BYTES)
    if scheme == "file":
        parsed = urlparse(location)
        if parsed.netloc not in ("", "localhost"):
            raise ValueError(f"{location}: a file URL must name a local path")
        return FileGuideSource(url2pathname(parsed.path), max_bytes)
    return FileGuideSource(location, max_bytes)
