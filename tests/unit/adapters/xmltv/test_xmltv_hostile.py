"""Hostile and broken guides: refused clearly, never expanded, never fetched."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tvnexa.domain.guide_errors import (
    EmptyGuide,
    GuideFormatError,
    NotXmltvGuide,
    TruncatedGuide,
    UnsafeGuide,
)
from tvnexa.domain.programmes import LangText

ReadGuide = Callable[..., Any]

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tv [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tv><programme start="20220101000000" channel="c"><title>&lol9;</title></programme></tv>
"""

PROGRAMME = '<programme start="20220101000000" channel="c"><title>T</title></programme>'


def test_a_billion_laughs_is_refused_before_any_expansion(
    read_guide: ReadGuide,
) -> None:
    with pytest.raises(UnsafeGuide) as raised:
        read_guide(BILLION_LAUGHS)

    assert "declares entities" in str(raised.value)
    assert raised.value.line == 2


@pytest.mark.parametrize(
    "declaration",
    [
        '<!ENTITY secret SYSTEM "file:///etc/passwd">',
        '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;',
        '<!entity quiet "x">',
    ],
)
def test_any_entity_declaration_is_refused(
    read_guide: ReadGuide, declaration: str
) -> None:
    with pytest.raises(UnsafeGuide):
        read_guide(f"<!DOCTYPE tv [ {declaration} ]>\n<tv>{PROGRAMME}</tv>")


def test_an_undefined_entity_is_text_not_a_lookup(read_guide: ReadGuide) -> None:
    guide = read_guide(f"<tv>{PROGRAMME.replace('>T<', '>&lol9;<')}</tv>")

    assert guide.programmes[0].titles == (LangText("&lol9;"),)


class _Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = b'<!ENTITY evil "pwned">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def dtd_server() -> Iterator[str]:
    _Recorder.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_dtd_named_by_the_document_is_never_fetched(
    read_guide: ReadGuide, dtd_server: str
) -> None:
    guide = read_guide(
        f'<?xml version="1.0"?>\n<!DOCTYPE tv SYSTEM "{dtd_server}/xmltv.dtd">\n'
        f"<tv>{PROGRAMME}</tv>"
    )

    assert len(guide.programmes) == 1
    assert _Recorder.hits == []


def test_a_local_dtd_named_by_the_document_is_never_read(
    read_guide: ReadGuide, tmp_path: Path
) -> None:
    dtd = tmp_path / "xmltv.dtd"
    dtd.write_text('<!ENTITY title "from the dtd">')
    dtd.chmod(0o000)

    guide = read_guide(
        f'<!DOCTYPE tv SYSTEM "{dtd.as_uri()}">\n'
        f"<tv>{PROGRAMME.replace('>T<', '>&title;<')}</tv>"
    )

    assert guide.programmes[0].titles == (LangText("&title;"),)


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_an_empty_guide_fails_clearly(read_guide: ReadGuide, data: bytes) -> None:
    with pytest.raises(EmptyGuide) as raised:
        read_guide(data)

    assert "test.xml: the guide is empty" in str(raised.value)


def test_a_guide_cut_inside_an_element_is_truncated_with_where(
    read_guide: ReadGuide,
) -> None:
    whole = '<?xml version="1.0"?>\n<tv>\n' + (PROGRAMME + "\n") * 3 + "</tv>\n"
    cut = whole[: whole.rindex("<title>") + 9]
    seen: list[Any] = []

    with pytest.raises(TruncatedGuide) as raised:
        read_guide(cut, on_item=seen.append)

    assert raised.value.line == 5
    assert raised.value.byte_offset == len(cut)
    assert "stops before its end" in raised.value.reason


def test_a_guide_missing_its_closing_tag_is_truncated(read_guide: ReadGuide) -> None:
    with pytest.raises(TruncatedGuide):
        read_guide(f"<tv>\n{PROGRAMME}\n")


def test_programmes_before_a_truncation_were_handed_on(read_guide: ReadGuide) -> None:
    seen: list[Any] = []

    with pytest.raises(TruncatedGuide):
        read_guide(
            f"<tv>\n{PROGRAMME}\n{PROGRAMME.replace('>T<', '>U<')}\n<programme start=",
            on_item=seen.append,
        )

    assert len(seen) == 2


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<!DOCTYPE html><html><body>Service unavailable</body></html>", "HTML page"),
        ("<html>\n<head><title>404</title></head></html>", "HTML page"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"'
            ' "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html/>',
            "HTML page",
        ),
        ('<?xml version="1.0"?><rss version="2.0"></rss>', "root element is <rss>"),
        ("<TV></TV>", "root element is <TV>"),
        ('{"error": "not found"}', 'not XML: it starts with \'{"error"'),
        ("Error 503: try later", "not XML"),
        ('<?xml version="1.0"?>\n<!-- nothing else -->', "ends before its root"),
    ],
)
def test_what_is_not_xmltv_fails_clearly(
    read_guide: ReadGuide, text: str, reason: str
) -> None:
    with pytest.raises(NotXmltvGuide) as raised:
        read_guide(text)

    assert reason in str(raised.value)


def test_broken_xml_in_the_middle_says_where(read_guide: ReadGuide) -> None:
    text = f"<tv>\n{PROGRAMME}\n<programme start='2022' channel='c'><title>x</titel>\n"
    text += f"{PROGRAMME}\n</tv>\n"

    with pytest.raises(GuideFormatError) as raised:
        read_guide(text)

    assert not isinstance(raised.value, TruncatedGuide)
    assert raised.value.line == 3
    assert "broken XML" in raised.value.reason


def test_a_prolog_of_a_megabyte_is_refused(read_guide: ReadGuide) -> None:
    text = (
        "<?xml version='1.0'?>" + "<!-- padding -->" * 70000 + f"<tv>{PROGRAMME}</tv>"
    )

    with pytest.raises(NotXmltvGuide) as raised:
        read_guide(text)

    assert "no root element in the first" in str(raised.value)


def test_a_text_node_beyond_libxml2s_limit_is_refused(read_guide: ReadGuide) -> None:
    huge = "x" * (10_000_001 + 1024)

    with pytest.raises(GuideFormatError):
        read_guide(f"<tv>{PROGRAMME.replace('>T<', '>' + huge + '<')}</tv>")
