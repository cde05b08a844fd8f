"""Guide sources: compression read from the bytes, bombs and HTML refused."""

from __future__ import annotations

import bz2
import gzip
import lzma
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.adapters.xmltv.sources import (
    CommandGuideSource,
    FileGuideSource,
    HttpGuideSource,
    guide_source_for,
)
from tvnexa.application.guide_ports import GuideSource
from tvnexa.domain.guide_errors import (
    EmptyGuide,
    GuideFormatError,
    GuideSourceError,
    GuideTooLarge,
    NotXmltvGuide,
    TruncatedGuide,
)
from tvnexa.domain.programmes import Programme

GUIDE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<tv>\n'
    b'<channel id="c"><display-name>C</display-name></channel>\n'
    b'<programme start="20220101000000 +0000" stop="20220101010000 +0000"'
    b' channel="c"><title>Caf\xc3\xa9</title></programme>\n</tv>\n'
)
HTML = b"<!DOCTYPE html>\n<html><head><title>Portal</title></head></html>\n"


def read_all(source: GuideSource) -> bytes:
    with source.open() as stream:
        return stream.read()


def titles(source: GuideSource) -> list[str]:
    with source.open() as stream:
        reading = LxmlXmltvParser().parse(stream, source.origin)
        return [i.titles[0].text for i in reading if isinstance(i, Programme)]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


PACKINGS = {
    "plain": lambda data: data,
    "gzip": gzip.compress,
    "gzip inside gzip": lambda data: gzip.compress(gzip.compress(data)),
    "xz": lzma.compress,
    "bzip2": bz2.compress,
    "zlib (HTTP deflate)": zlib.compress,
    "xz inside gzip": lambda data: gzip.compress(lzma.compress(data)),
    "gzip members end to end": lambda data: (
        gzip.compress(data[:50]) + gzip.compress(data[50:])
    ),
    "xz streams end to end": lambda data: (
        lzma.compress(data[:50]) + lzma.compress(data[50:])
    ),
    "gzip with zero padding": lambda data: gzip.compress(data) + b"\0" * 512,
}


@pytest.mark.parametrize("packing", PACKINGS)
def test_compression_is_read_from_the_bytes_not_the_name(
    tmp_path: Path, packing: str
) -> None:
    # Every file is called .txt: only the bytes can tell.
    source = FileGuideSource(write(tmp_path / "guide.txt", PACKINGS[packing](GUIDE)))

    assert read_all(source) == GUIDE
    assert titles(source) == ["Café"]


def test_a_name_that_lies_about_compression_is_ignored(tmp_path: Path) -> None:
    plain_named_gz = FileGuideSource(write(tmp_path / "guide.xml.gz", GUIDE))
    xz_named_xml = FileGuideSource(write(tmp_path / "guide.xml", lzma.compress(GUIDE)))

    assert read_all(plain_named_gz) == GUIDE
    assert read_all(xz_named_xml) == GUIDE


def test_a_cut_gzip_is_a_truncated_guide(tmp_path: Path) -> None:
    data = gzip.compress(GUIDE * 50)
    source = FileGuideSource(write(tmp_path / "g", data[: len(data) // 2]))

    with pytest.raises(TruncatedGuide) as raised:
        read_all(source)

    assert "gzip stream stops before its end" in str(raised.value)


def test_corrupt_gzip_fails_as_a_format_error(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(GUIDE))
    data[20:30] = b"\xff" * 10
    source = FileGuideSource(write(tmp_path / "g", bytes(data)))

    with pytest.raises(GuideFormatError) as raised:
        read_all(source)

    assert "corrupt gzip data" in str(raised.value)


def test_garbage_after_a_zlib_stream_is_refused(tmp_path: Path) -> None:
    source = FileGuideSource(write(tmp_path / "g", zlib.compress(GUIDE) + b"junk"))

    with pytest.raises(GuideFormatError):
        read_all(source)


@pytest.mark.parametrize(
    "pack", [gzip.compress, lzma.compress, lambda d: gzip.compress(gzip.compress(d))]
)
def test_a_decompression_bomb_is_refused_at_the_cap(tmp_path: Path, pack: Any) -> None:
    bomb = pack(b"\0" * (16 << 20))
    assert len(bomb) < (64 << 10)
    source = FileGuideSource(write(tmp_path / "bomb", bomb), max_bytes=1 << 20)

    with pytest.raises(GuideTooLarge) as raised:
        read_all(source)

    assert "more than 1048576 bytes once decompressed" in str(raised.value)


def test_a_plain_guide_beyond_the_cap_is_refused_too(tmp_path: Path) -> None:
    source = FileGuideSource(write(tmp_path / "g", GUIDE), max_bytes=len(GUIDE) - 1)

    with pytest.raises(GuideTooLarge):
        read_all(source)


@pytest.mark.parametrize("pack", [lambda d: d, gzip.compress])
def test_an_html_page_is_refused_before_parsing(tmp_path: Path, pack: Any) -> None:
    source = FileGuideSource(write(tmp_path / "guide.xml", pack(HTML)))

    with pytest.raises(NotXmltvGuide) as raised:
        source.open()

    assert "an HTML page" in str(raised.value)


@pytest.mark.parametrize("data", [b"", gzip.compress(b""), b" \n "])
def test_an_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(EmptyGuide):
        FileGuideSource(write(tmp_path / "g", data)).open()


def test_a_zip_archive_is_refused_by_name(tmp_path: Path) -> None:
    source = FileGuideSource(write(tmp_path / "g", b"PK\x03\x04" + b"\0" * 100))

    with pytest.raises(NotXmltvGuide) as raised:
        source.open()

    assert "zip archive" in str(raised.value)


def test_a_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(GuideSourceError):
        FileGuideSource(tmp_path / "nowhere.xml").open()
    with pytest.raises(GuideSourceError):
        FileGuideSource(tmp_path).open()


def test_guide_source_for_picks_the_adapter_by_scheme(tmp_path: Path) -> None:
    path = write(tmp_path / "guide.xml", GUIDE)

    assert isinstance(guide_source_for("https://example.org/g.xml"), HttpGuideSource)
    assert read_all(guide_source_for(path.as_uri())) == GUIDE
    assert read_all(guide_source_for(str(path), max_bytes=1000)) == GUIDE
    with pytest.raises(ValueError):
        guide_source_for("file://elsewhere/g.xml")


@dataclass
class Answer:
    status: int = 200
    body: bytes = GUIDE
    headers: dict[str, str] = field(default_factory=dict)
    stall_seconds: float = 0.0
    declared_length: int | None = None


@dataclass
class FakeSite:
    answers: list[Answer] = field(default_factory=list)
    seen_headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    def next(self) -> Answer:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def site() -> Iterator[FakeSite]:
    fake = FakeSite()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake.seen_headers.append(dict(self.headers))
            answer = fake.next()
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            length = answer.declared_length or len(answer.body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            half = len(answer.body) // 2
            self.wfile.write(answer.body[:half])
            self.wfile.flush()
            time.sleep(answer.stall_seconds)
            self.wfile.write(answer.body[half:])

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/guide.xml.gz"
    yield fake
    server.shutdown()
    server.server_close()


def http_source(site: FakeSite, **options: Any) -> HttpGuideSource:
    options.setdefault("timeout", (1.0, 1.0))
    options.setdefault("backoff_seconds", 0.0)
    return HttpGuideSource(site.url, **options)


def test_http_reads_a_plain_guide_and_asks_for_gzip(site: FakeSite) -> None:
    site.answers = [Answer()]

    assert titles(http_source(site)) == ["Café"]
    assert site.seen_headers[0]["Accept-Encoding"] == "gzip"


def test_http_undoes_a_gzip_content_encoding_over_a_gz_file(site: FakeSite) -> None:
    double = gzip.compress(gzip.compress(GUIDE))
    site.answers = [
        Answer(
            body=double,
            headers={"Content-Encoding": "gzip", "Content-Type": "text/html"},
        )
    ]

    assert read_all(http_source(site)) == GUIDE


def test_http_refuses_an_html_page_served_with_200(site: FakeSite) -> None:
    site.answers = [Answer(body=HTML, headers={"Content-Type": "application/xml"})]

    with pytest.raises(NotXmltvGuide):
        http_source(site).open()


def test_http_errors_are_source_errors_saying_the_status(site: FakeSite) -> None:
    site.answers = [Answer(status=404, body=b"gone")]

    with pytest.raises(GuideSourceError) as raised:
        http_source(site).open()

    assert "HTTP 404" in str(raised.value)


def test_http_retries_a_busy_server(site: FakeSite) -> None:
    site.answers = [Answer(status=503, body=b"busy"), Answer()]

    assert read_all(http_source(site, retries=2)) == GUIDE
    assert len(site.seen_headers) == 2


def test_http_gives_up_after_its_retries(site: FakeSite) -> None:
    site.answers = [Answer(status=503, body=b"busy")]

    with pytest.raises(GuideSourceError):
        http_source(site, retries=1).open()

    assert len(site.seen_headers) == 2


def test_http_a_body_that_stalls_times_out(site: FakeSite) -> None:
    site.answers = [Answer(body=GUIDE * 100, stall_seconds=2.0)]

    with pytest.raises(GuideSourceError) as raised:
        read_all(http_source(site, timeout=(1.0, 0.3), retries=0))

    assert "broke off" in str(raised.value)


def test_http_a_body_shorter_than_announced_fails(site: FakeSite) -> None:
    site.answers = [Answer(body=GUIDE, declared_length=len(GUIDE) + 100)]

    with pytest.raises(GuideSourceError):
        read_all(http_source(site, timeout=(1.0, 0.5), retries=0))


def test_http_a_decompression_bomb_is_refused(site: FakeSite) -> None:
    site.answers = [Answer(body=gzip.compress(b"<" * (32 << 20)))]

    with pytest.raises(GuideTooLarge):
        read_all(http_source(site, max_bytes=1 << 20))


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_command_writing_to_stdout_is_read_as_it_writes() -> None:
    code = f"import sys; sys.stdout.buffer.write({GUIDE!r})"
    source = CommandGuideSource(python(code), timeout_seconds=30)

    assert titles(source) == ["Café"]
    assert source.origin.startswith("command ")


def test_a_command_writing_a_file_is_read_once_it_exits(tmp_path: Path) -> None:
    output = tmp_path / "guide.xml.gz"
    code = f"import gzip, sys; open(sys.argv[1], 'wb').write(gzip.compress({GUIDE!r}))"
    source = CommandGuideSource(
        [*python(code), "{output}"], timeout_seconds=30, output_path=output
    )

    assert read_all(source) == GUIDE


def test_a_failing_command_is_a_source_error_quoting_its_stderr() -> None:
    code = "import sys; sys.stderr.write('site said no'); sys.exit(3)"

    with pytest.raises(GuideSourceError) as raised:
        CommandGuideSource(python(code), timeout_seconds=30).open()

    assert "exited with status 3: site said no" in str(raised.value)


def test_a_command_failing_after_its_output_fails_the_reading() -> None:
    code = f"import sys; sys.stdout.buffer.write({GUIDE!r}); sys.exit(1)"
    source = CommandGuideSource(python(code), timeout_seconds=30)

    with pytest.raises(GuideSourceError):
        titles(source)


def test_a_command_out_of_time_is_killed_with_its_children(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    child = "import time; time.sleep(60)"
    code = (
        "import subprocess, sys, time\n"
        f"child = subprocess.Popen([sys.executable, '-c', {child!r}])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "sys.stdout.write('<tv>'); sys.stdout.flush(); time.sleep(60)\n"
    )
    source = CommandGuideSource(python(code), timeout_seconds=1.0)
    started = time.monotonic()

    with pytest.raises(GuideSourceError) as raised:
        read_all(source)

    assert time.monotonic() - started < 10
    assert "killed after 1 seconds" in str(raised.value)
    assert not _alive(int(pid_file.read_text()))


def test_a_command_with_a_file_output_is_killed_when_out_of_time(
    tmp_path: Path,
) -> None:
    source = CommandGuideSource(
        python("import time; time.sleep(60)"),
        timeout_seconds=0.5,
        output_path=tmp_path / "never.xml",
    )

    with pytest.raises(GuideSourceError) as raised:
        source.open()

    assert "killed after 0.5 seconds" in str(raised.value)


def test_closing_early_stops_the_command() -> None:
    code = "import sys, time\nsys.stdout.write('<tv>' + ' ' * 10000)\n"
    code += "sys.stdout.flush(); time.sleep(60)"
    source = CommandGuideSource(python(code), timeout_seconds=60)
    started = time.monotonic()

    stream = source.open()
    stream.read(10)
    stream.close()

    assert time.monotonic() - started < 10


def test_a_command_that_cannot_start_is_a_source_error() -> None:
    with pytest.raises(GuideSourceError):
        CommandGuideSource(["/nonexistent/grabber"], timeout_seconds=5).open()


def _alive(pid: int) -> bool:
    """Whether a process (not necessarily our child) still runs, within 5 s."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return False
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
        time.sleep(0.05)
    return True
