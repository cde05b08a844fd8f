"""RequestsCatalogSource against a real HTTP server on the loopback interface."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tvnexa.adapters.iptv_org.source import RequestsCatalogSource
from tvnexa.application.ports import FetchedDataset, NotModified
from tvnexa.domain.catalogue import Category
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import DatasetNotPublished, SourceError, SourceFormatError
from tvnexa.domain.ingestion import ProblemKind, SourceVersion

CATEGORIES = [
    {"id": "news", "name": "News", "description": "Daily news"},
    {"id": "kids", "name": "Kids"},
]
BODY = json.dumps(CATEGORIES, separators=(",", ":")).encode()
ETAG = '"v1"'
LAST_MODIFIED = "Thu, 30 Apr 2026 03:37:21 GMT"

# Short enough to keep the suite quick, long enough for a loopback answer.
TIMEOUT = (0.2, 0.2)


@dataclass
class Answer:
    """One scripted HTTP answer."""

    status: int = 200
    body: bytes = BODY
    headers: dict[str, str] = field(default_factory=dict)
    delay_seconds: float = 0.0
    content_length: int | None = None


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str]


class FakeApi:
    """Answers each path from a script; the last answer of a script repeats."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[Answer]] = {}
        self.seen: list[SeenRequest] = []
        self.released = threading.Event()
        self.base_url = ""

    def script(self, dataset: str, *answers: Answer) -> None:
        self.scripts[f"/api/{dataset}.json"] = list(answers)

    def next_answer(self, path: str) -> Answer:
        answers = self.scripts.get(path)
        if not answers:
            return Answer(status=404, body=b"Not Found")
        return answers.pop(0) if len(answers) > 1 else answers[0]

    def requests_for(self, dataset: str) -> list[SeenRequest]:
        return [r for r in self.seen if r.path == f"/api/{dataset}.json"]


def handler_for(api: FakeApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            api.seen.append(SeenRequest(self.path, dict(self.headers.items())))
            answer = api.next_answer(self.path)
            if answer.delay_seconds:
                api.released.wait(answer.delay_seconds)
            if answer.status == 304 and self.headers.get("If-None-Match") != ETAG:
                answer = Answer(headers={"ETag": ETAG})
            try:
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                length = answer.content_length
                self.send_header(
                    "Content-Length",
                    str(len(answer.body) if length is None else length),
                )
                self.end_headers()
                if answer.status != 304:
                    self.wfile.write(answer.body)
            except OSError:
                # The client gave up first (a timeout test); nothing to answer.
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def api() -> Iterator[FakeApi]:
    fake = FakeApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(fake))
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/api"
    yield fake
    fake.released.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def source_for(api: FakeApi, **options: object) -> RequestsCatalogSource:
    settings: dict[str, object] = {
        "timeout": TIMEOUT,
        "retries": 0,
        "backoff_seconds": 0.01,
    }
    settings.update(options)
    return RequestsCatalogSource(api.base_url, **settings)


def fetched(result: FetchedDataset | NotModified) -> FetchedDataset:
    assert isinstance(result, FetchedDataset), result
    return result


def test_a_dataset_is_read_with_its_version(api: FakeApi) -> None:
    api.script(
        "categories",
        Answer(headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED}),
    )

    result = fetched(source_for(api).fetch(Dataset.CATEGORIES))

    assert result.records == [
        Category("news", "News", "Daily news"),
        Category("kids", "Kids", None),
    ]
    assert result.total == 2
    assert result.problems == []
    assert result.version == SourceVersion(
        etag=ETAG,
        last_modified=LAST_MODIFIED,
        digest=hashlib.sha256(BODY).hexdigest(),
    )
    (request,) = api.requests_for("categories")
    assert "gzip" in request.headers["Accept-Encoding"]
    assert "If-None-Match" not in request.headers


def test_a_matching_etag_answers_not_modified(api: FakeApi) -> None:
    api.script(
        "categories",
        Answer(headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED}),
        Answer(status=304, body=b"", headers={"ETag": ETAG}),
    )
    source = source_for(api)
    first = fetched(source.fetch(Dataset.CATEGORIES))

    second = source.fetch(Dataset.CATEGORIES, first.version)

    assert second == NotModified(first.version)
    conditional = api.requests_for("categories")[1]
    assert conditional.headers["If-None-Match"] == ETAG
    assert conditional.headers["If-Modified-Since"] == LAST_MODIFIED


def test_a_stale_etag_gets_the_new_dataset(api: FakeApi) -> None:
    api.script("categories", Answer(status=304, body=b""))

    result = source_for(api).fetch(Dataset.CATEGORIES, SourceVersion(etag='"v0"'))

    assert fetched(result).version.etag == ETAG


def test_a_gzip_content_encoding_is_undone(api: FakeApi) -> None:
    api.script(
        "categories",
        Answer(body=gzip.compress(BODY), headers={"Content-Encoding": "gzip"}),
    )

    result = fetched(source_for(api).fetch(Dataset.CATEGORIES))

    assert len(result.records) == 2
    assert result.version.digest == hashlib.sha256(BODY).hexdigest()


def test_a_gzip_body_without_content_encoding_is_detected(api: FakeApi) -> None:
    api.script(
        "categories",
        Answer(body=gzip.compress(BODY), headers={"Content-Type": "application/gzip"}),
    )

    result = fetched(source_for(api).fetch(Dataset.CATEGORIES))

    assert len(result.records) == 2
    assert result.version.digest == hashlib.sha256(BODY).hexdigest()


def test_server_errors_are_retried_until_an_answer_comes(api: FakeApi) -> None:
    api.script("categories", Answer(status=500), Answer(status=503), Answer())

    result = fetched(source_for(api, retries=3).fetch(Dataset.CATEGORIES))

    assert len(result.records) == 2
    assert len(api.requests_for("categories")) == 3


def test_too_many_requests_is_retried(api: FakeApi) -> None:
    api.script("categories", Answer(status=429), Answer())

    result = fetched(source_for(api, retries=1).fetch(Dataset.CATEGORIES))

    assert len(result.records) == 2


def test_a_lasting_server_error_names_the_url_and_status(api: FakeApi) -> None:
    api.script("categories", Answer(status=500))

    with pytest.raises(SourceError) as raised:
        source_for(api, retries=2).fetch(Dataset.CATEGORIES)

    assert "500" in str(raised.value)
    assert f"{api.base_url}/categories.json" in str(raised.value)
    assert not isinstance(raised.value, DatasetNotPublished)
    assert len(api.requests_for("categories")) == 3


def test_a_server_that_hangs_times_out(api: FakeApi) -> None:
    api.script("categories", Answer(delay_seconds=5))
    started = time.monotonic()

    with pytest.raises(SourceError, match="timed out") as raised:
        source_for(api).fetch(Dataset.CATEGORIES)

    assert time.monotonic() - started < 2
    assert isinstance(raised.value.__cause__, requests.RequestException)


def test_a_timeout_is_retried(api: FakeApi) -> None:
    api.script("categories", Answer(delay_seconds=5), Answer())

    result = fetched(source_for(api, retries=1).fetch(Dataset.CATEGORIES))

    assert len(result.records) == 2
    assert len(api.requests_for("categories")) == 2


def test_truncated_json_is_a_format_error_saying_where(api: FakeApi) -> None:
    api.script("categories", Answer(body=BODY[:-1]))

    with pytest.raises(SourceFormatError) as raised:
        source_for(api).fetch(Dataset.CATEGORIES)

    message = str(raised.value)
    assert "categories" in message
    assert "line 1, column" in message
    assert f"(character {len(BODY) - 1})" in message


def test_a_json_object_is_not_a_dataset(api: FakeApi) -> None:
    api.script("categories", Answer(body=b'{"id": "news"}'))

    with pytest.raises(
        SourceFormatError, match="expected a JSON array, found an object"
    ):
        source_for(api).fetch(Dataset.CATEGORIES)


def test_a_body_cut_short_of_its_length_is_a_source_error(api: FakeApi) -> None:
    api.script("categories", Answer(content_length=len(BODY) + 100))

    with pytest.raises(SourceError) as raised:
        source_for(api).fetch(Dataset.CATEGORIES)

    assert not isinstance(raised.value, SourceFormatError)


def test_a_missing_dataset_is_not_published(api: FakeApi) -> None:
    with pytest.raises(DatasetNotPublished, match=r"feeds\.json"):
        source_for(api, retries=2).fetch(Dataset.FEEDS)

    assert len(api.requests_for("feeds")) == 1


def test_a_body_over_the_limit_is_refused(api: FakeApi) -> None:
    api.script("categories", Answer())

    with pytest.raises(SourceError, match="exceeds 40 bytes"):
        source_for(api, max_bytes=40).fetch(Dataset.CATEGORIES)


def test_a_gzip_bomb_is_refused_once_decompressed(api: FakeApi) -> None:
    api.script("categories", Answer(body=gzip.compress(b"[" + b" " * 10_000 + b"]")))

    with pytest.raises(SourceError, match="more than 1000 bytes once decompressed"):
        source_for(api, max_bytes=1000).fetch(Dataset.CATEGORIES)


def test_bad_records_are_reported_not_raised(api: FakeApi) -> None:
    api.script(
        "categories", Answer(body=b'[{"id": "news", "name": "News"}, {"id": 1}]')
    )

    result = fetched(source_for(api).fetch(Dataset.CATEGORIES))

    assert result.records == [Category("news", "News")]
    assert [(p.kind, p.position, p.field) for p in result.problems] == [
        (ProblemKind.REJECTED, 1, "id")
    ]


def test_a_refused_connection_is_a_source_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = RequestsCatalogSource(
        f"http://127.0.0.1:{port}/api", timeout=TIMEOUT, retries=1, backoff_seconds=0
    )

    with pytest.raises(SourceError, match=re.escape(f"{port}/api/languages.json")):
        source.fetch(Dataset.LANGUAGES)


def test_each_fetch_logs_one_line(
    api: FakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    api.script("categories", Answer())
    caplog.set_level(logging.INFO, logger="tvnexa.adapters.iptv_org.source")

    source_for(api).fetch(Dataset.CATEGORIES)
    with pytest.raises(DatasetNotPublished):
        source_for(api).fetch(Dataset.FEEDS)

    lines = [r.getMessage() for r in caplog.records if r.name.endswith(".source")]
    assert len(lines) == 2
    assert "dataset=categories" in lines[0]
    assert "status=200" in lines[0]
    assert f"bytes={len(BODY)}" in lines[0]
    assert "dataset=feeds" in lines[1]
    assert "status=404" in lines[1]


def test_a_shared_session_keeps_its_own_behaviour_elsewhere(api: FakeApi) -> None:
    session = requests.Session()
    default_adapter = session.get_adapter("https://example.org/")

    RequestsCatalogSource(api.base_url, session=session)

    assert session.get_adapter("https://example.org/") is default_adapter
    assert session.get_adapter(f"{api.base_url}/x.json") is not default_adapter
