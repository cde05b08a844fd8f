"""Processes for end-to-end tests: a loopback file server, the CLI, the API."""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path
from typing import Any

from tvnexa.application.ports import RunFilter
from tvnexa.containers import build_application
from tvnexa.domain.ingestion import IngestionRun
from tvnexa.domain.paging import PageRequest
from tvnexa.entrypoints.configuration import load_settings

READY_DEADLINE_SECONDS = 30
TVNEXA_COMMAND = (sys.executable, "-m", "tvnexa.entrypoints.cli")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


@contextmanager
def file_server(directory: Path) -> Iterator[str]:
    """Serve `directory` on loopback (with Last-Modified / 304 support)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TVNEXA_DATA_DIR"] = str(data_dir)
    env.pop("TVNEXA_DB_WRITER_URL", None)
    env.pop("TVNEXA_DB_READER_URL", None)
    env["TVNEXA_API_WORKERS"] = "2"
    return env


def tvnexa(
    data_dir: Path,
    *arguments: str,
    timeout: float = 600,
    settings: dict[str, str] | None = None,
) -> str:
    """Run the real `tvnexa` command and return what it printed.

    `settings` adds TVNEXA_* environment variables for this one command.
    """
    completed = subprocess.run(
        [*TVNEXA_COMMAND, *arguments],
        env={**environment(data_dir), **(settings or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if completed.returncode not in (0, 1):
        raise AssertionError(
            f"tvnexa {' '.join(arguments)} exited {completed.returncode}:\n"
            f"{completed.stdout}\n{completed.stderr}"
        )
    return completed.stdout


@contextmanager
def api_server(data_dir: Path) -> Iterator[str]:
    """Start `tvnexa serve` on a free loopback port; stop it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [*TVNEXA_COMMAND, "serve", "--bind", f"127.0.0.1:{port}"],
        env=environment(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_until_ready(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(base: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + READY_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            errors = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"the API exited early:\n{errors}")
        try:
            with urllib.request.urlopen(f"{base}/categories", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the API did not answer within {READY_DEADLINE_SECONDS}s")


def latest_runs(data_dir: Path) -> dict[str, IngestionRun]:
    """The newest stored run of each dataset, read from the run history."""
    settings = load_settings(environ={"TVNEXA_DATA_DIR": str(data_dir)})
    history = build_application(settings).storage.run_history()
    page = history.runs(RunFilter(), PageRequest(0, 1000))
    latest: dict[str, IngestionRun] = {}
    for run in page.items:
        latest.setdefault(run.dataset, run)
    return latest


def get_json(url: str) -> tuple[Any, Message]:
    """The decoded body and the headers (looked up case-insensitively)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response), response.headers
