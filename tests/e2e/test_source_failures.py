"""A misbehaving loopback source: the API keeps serving the previous data and the
run history says what happened."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.error
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.e2e.small_catalogue import CHANNEL_COUNT, small_catalogue, write_catalogue
from tests.e2e.support import api_server, get_json, latest_runs, tvnexa
from tvnexa.domain.ingestion import RunStatus

pytestmark = pytest.mark.e2e

HANG_SECONDS = 3.0
# Short timeouts and one quick retry keep each failure to a second or so.
IMPATIENT = {
    "TVNEXA_IPTV_ORG_READ_TIMEOUT_SECONDS": "0.5",
    "TVNEXA_IPTV_ORG_RETRIES": "1",
    "TVNEXA_IPTV_ORG_BACKOFF_SECONDS": "0.01",
}


class FaultyHandler(http.server.BaseHTTPRequestHandler):
    """Serves <dataset>.json from `directory`, misbehaving as `faults` says."""

    directory: ClassVar[Path]
    faults: ClassVar[dict[str, str]] = {}
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        name = self.path.strip("/").rsplit("/", 1)[-1]
        self.requests.append(name)
        fault = self.faults.get(name, "none")
        path = self.directory / name
        if not path.exists():
            self.send_error(404)
            return
        body = path.read_bytes()
        if fault == "error500":
            self.send_error(500, "upstream is broken")
            return
        if fault == "hang":
            time.sleep(HANG_SECONDS)
        if fault == "shrunk":
            records = json.loads(body)
            body = json.dumps(records[: len(records) // 10]).encode()
        if fault == "truncated":
            body = body[: len(body) // 2]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return None


@contextmanager
def faulty_server(directory: Path) -> Iterator[type[FaultyHandler]]:
    handler = type("Handler", (FaultyHandler,), {"directory": directory})
    handler.faults, handler.requests = {}, []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tvnexa-failures")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[type[FaultyHandler]]:
    directory = write_catalogue(tmp_path_factory.mktemp("source"), small_catalogue())
    with faulty_server(directory) as handler:
        yield handler


@pytest.fixture(scope="module")
def api(data_dir: Path, source: type[FaultyHandler]) -> Iterator[str]:
    tvnexa(data_dir, "ingest", "--source", source.url)
    assert all(
        run.status is RunStatus.SUCCEEDED for run in latest_runs(data_dir).values()
    )
    with api_server(data_dir) as base:
        yield base


def served_channels(api: str) -> tuple[int, Any]:
    body, headers = get_json(f"{api}/channels?limit=1000")
    detail, _ = get_json(f"{api}/channels/Channel7.fr")
    return int(headers["X-Total-Count"]), (body["data"], detail["data"])


@pytest.mark.parametrize(
    ("fault", "status", "error_mentions"),
    [
        ("error500", RunStatus.FAILED, "500"),
        ("hang", RunStatus.FAILED, "timed out"),
        ("truncated", RunStatus.FAILED, "JSON"),
        ("shrunk", RunStatus.REFUSED, "shrank from 40 to 4"),
    ],
)
def test_a_failing_source_leaves_the_served_data_unchanged(
    api: str,
    data_dir: Path,
    source: type[FaultyHandler],
    fault: str,
    status: RunStatus,
    error_mentions: str,
) -> None:
    before = served_channels(api)
    source.faults["channels.json"] = fault
    try:
        url = source.url
        tvnexa(data_dir, "ingest", "channels", "--source", url, settings=IMPATIENT)
    finally:
        source.faults.clear()

    run = latest_runs(data_dir)["channels"]
    assert run.status is status
    assert error_mentions in (run.error or ""), run.error
    assert not run.counts.changed
    assert served_channels(api) == before
    history, _ = get_json(f"{api}/ingestion/runs?dataset=channels&limit=1")
    assert history["data"][0]["status"] == status.value
    assert history["data"][0]["error"] == run.error
    assert before[0] == CHANNEL_COUNT


def test_a_shrunk_source_is_applied_when_forced(
    api: str, data_dir: Path, source: type[FaultyHandler]
) -> None:
    source.faults["channels.json"] = "shrunk"
    try:
        url = source.url
        tvnexa(data_dir, "ingest", "channels", "--source", url, "--force")
    finally:
        source.faults.clear()

    run = latest_runs(data_dir)["channels"]
    assert run.status is RunStatus.SUCCEEDED
    assert run.counts.removed == CHANNEL_COUNT - CHANNEL_COUNT // 10
    _, headers = get_json(f"{api}/channels?limit=1")
    assert int(headers["X-Total-Count"]) == CHANNEL_COUNT // 10


def test_unknown_channels_are_404_not_500(api: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        get_json(f"{api}/channels/NoSuchChannel.fr")

    assert raised.value.code == 404
