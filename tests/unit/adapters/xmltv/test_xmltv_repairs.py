"""Markup and encoding faults mended while streaming: entities, bytes, marks."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any

import pytest

from tvnexa.domain.guide_reports import Anomaly
from tvnexa.domain.programmes import LangText

ReadGuide = Callable[..., Any]

ONE = (
    '<channel id="c"><display-name>C</display-name></channel>\n'
    '<programme start="20220101000000" stop="20220101010000" channel="c"'
    ' x="{attr}"><title>{title}</title></programme>'
)


def document(title: str, attr: str = "", declaration: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{declaration}"?>\n<tv>\n'
        + ONE.format(title=title, attr=attr)
        + "\n</tv>\n"
    )


def title_of(guide: Any) -> str:
    return str(guide.programmes[0].titles[0].text)


def test_html_named_entities_become_their_characters(read_guide: ReadGuide) -> None:
    guide = read_guide(document("Caf&eacute;&nbsp;&Uuml;ber &hellip; &euro;5"))

    assert title_of(guide) == "Café\u00a0Über … €5"
    assert guide.report.count(Anomaly.HTML_ENTITY) == 5


def test_an_html_entity_meaning_markup_stays_text(read_guide: ReadGuide) -> None:
    guide = read_guide(document("a &LT;b&GT; &AMP; &QUOT;"))

    assert title_of(guide) == 'a <b> & "'


def test_bare_ampersands_and_unknown_entities_are_kept_as_written(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        document("Tom & Jerry &foo; &amp &#x;", attr="https://x.org/?a=1&b=2")
    )

    assert title_of(guide) == "Tom & Jerry &foo; &amp &#x;"
    assert guide.programmes[0].extra_attributes == (("x", "https://x.org/?a=1&b=2"),)
    assert guide.report.count(Anomaly.BARE_AMPERSAND) == 5


def test_the_five_xml_entities_and_character_references_are_untouched(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(document("&amp;&lt;&gt;&quot;&apos; &#233;&#xE9;"))

    assert title_of(guide) == "&<>\"' éé"
    assert guide.report.anomalies == {}


def test_a_less_than_that_starts_no_markup_is_kept_as_text(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(document("1 < 2 <3 <= 4"))

    assert title_of(guide) == "1 < 2 <3 <= 4"
    assert guide.report.count(Anomaly.BARE_LESS_THAN) == 3


def test_cdata_is_left_as_it_is(read_guide: ReadGuide) -> None:
    guide = read_guide(document("<![CDATA[Fish & Chips <b>&eacute;]]> & more"))

    assert title_of(guide) == "Fish & Chips <b>&eacute; & more"
    assert guide.report.count(Anomaly.BARE_AMPERSAND) == 1
    assert guide.report.count(Anomaly.HTML_ENTITY) == 0


def test_characters_xml_forbids_are_stripped_raw_or_referenced(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(document("A\x00B\x0bC\x1fD\ufffeE&#1;F&#x1F;G&#65535;H\tI"))

    assert title_of(guide) == "ABCDEFGH\tI"
    assert guide.report.count(Anomaly.FORBIDDEN_CHARACTER) == 7


@pytest.mark.parametrize("step", [1, 2, 3, 7, 64])
def test_repairs_do_not_depend_on_where_reads_cut_the_stream(
    read_guide: ReadGuide, step: int
) -> None:
    text = document("Caf&eacute; & <3 \x01 &#1; <![CDATA[a & b]]> &amp; ü€", attr="a&b")

    whole = read_guide(text)
    trickled = read_guide(text, step=step)

    assert trickled.programmes == whole.programmes
    assert trickled.report.anomalies == whole.report.anomalies
    assert title_of(whole) == "Café & <3   a & b & ü€"


def test_a_utf8_byte_order_mark_is_skipped_and_counted(read_guide: ReadGuide) -> None:
    guide = read_guide(codecs.BOM_UTF8 + document("Çay").encode("utf-8"))

    assert title_of(guide) == "Çay"
    assert guide.report.count(Anomaly.BYTE_ORDER_MARK) == 1
    assert guide.report.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read(
    read_guide: ReadGuide, codec: str
) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + document("日本 & Ça", declaration="UTF-16").encode(codec)

    guide = read_guide(data)

    assert title_of(guide) == "日本 & Ça"
    assert guide.report.count(Anomaly.BYTE_ORDER_MARK) == 1
    assert guide.report.count(Anomaly.WRONG_ENCODING) == 0


def test_utf16_without_a_byte_order_mark_is_recognised(read_guide: ReadGuide) -> None:
    data = document("日本", declaration="UTF-16").encode("utf-16-le")

    assert title_of(read_guide(data)) == "日本"


def test_declared_latin1_holding_utf8_is_read_as_utf8(read_guide: ReadGuide) -> None:
    data = document("Télé £5 – ünd", declaration="ISO-8859-1").encode("utf-8")

    guide = read_guide(data)

    assert title_of(guide) == "Télé £5 – ünd"
    assert guide.report.count(Anomaly.WRONG_ENCODING) == 1
    assert guide.report.declared_encoding == "ISO-8859-1"
    assert guide.report.encoding == "utf-8"


def test_true_latin1_is_read_as_declared(read_guide: ReadGuide) -> None:
    data = document("Télé £5 ünd", declaration="ISO-8859-1").encode("latin-1")

    guide = read_guide(data)

    assert title_of(guide) == "Télé £5 ünd"
    assert guide.report.anomalies == {}
    assert guide.report.encoding == "iso8859-1"


def test_windows1252_bytes_in_a_latin1_guide_read_as_browsers_do(
    read_guide: ReadGuide,
) -> None:
    data = document("€5 “quoted”", declaration="ISO-8859-1").encode("cp1252")

    assert title_of(read_guide(data)) == "€5 “quoted”"


def test_bytes_that_are_not_utf8_in_a_utf8_guide_read_as_windows1252(
    read_guide: ReadGuide,
) -> None:
    data = document("Caf\udce9 ok é").encode("utf-8", "surrogateescape")

    guide = read_guide(data)

    assert title_of(guide) == "Café ok é"
    assert guide.report.count(Anomaly.INVALID_BYTES) == 1
    assert guide.report.encoding == "utf-8+cp1252"


def test_a_true_cyrillic_guide_is_read_as_declared(read_guide: ReadGuide) -> None:
    data = document("Новости", declaration="windows-1251").encode("cp1251")

    guide = read_guide(data)

    assert title_of(guide) == "Новости"
    assert guide.report.encoding == "cp1251"
    assert guide.report.anomalies == {}


def test_a_cyrillic_declaration_over_utf8_bytes_is_overruled(
    read_guide: ReadGuide,
) -> None:
    data = document("Новости", declaration="windows-1251").encode("utf-8")

    guide = read_guide(data)

    assert title_of(guide) == "Новости"
    assert guide.report.count(Anomaly.WRONG_ENCODING) == 1


def test_an_unknown_encoding_label_is_read_as_utf8(read_guide: ReadGuide) -> None:
    guide = read_guide(document("Çay", declaration="x-klingon").encode("utf-8"))

    assert title_of(guide) == "Çay"
    assert guide.report.count(Anomaly.WRONG_ENCODING) == 1


def test_whitespace_before_the_xml_declaration_is_dropped(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(b"\n\n  " + document("T").encode("utf-8"))

    assert guide.programmes[0].titles == (LangText("T"),)


def test_lines_stay_true_after_dropped_leading_whitespace(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(b"\n\n" + document("T").replace("20220101", "2022x").encode())

    assert guide.report.problems[0].line == 6


def test_single_quotes_and_no_declaration_are_fine(read_guide: ReadGuide) -> None:
    guide = read_guide(
        "<tv><programme channel='c' start='20220101000000 -0500'>"
        "<title lang='es'>Hola</title></programme></tv>"
    )

    assert guide.programmes[0].titles == (LangText("Hola", "es"),)
