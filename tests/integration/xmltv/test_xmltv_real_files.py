"""Every real guide in shared/data/xmltv, parsed and checked against a plain reading."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.adapters.xmltv.sources import FileGuideSource
from tvnexa.domain.guide_reports import Anomaly, ParseReport
from tvnexa.domain.programmes import (
    GuideChannel,
    LangText,
    PreviouslyShown,
    Programme,
    Rating,
    StarRating,
)

XMLTV = Path(__file__).resolve().parents[4] / "shared" / "data" / "xmltv"

# (channel elements, programme elements) as the data README lists them.
README_COUNTS = {
    "big/michaz1988-epgguide_magenta-horizon-DE_2022-07-25.xml": (118, 12125),
    "big/michaz1988-epgguide_magenta-horizon-DE_2022-07-25.xml.gz": (118, 12125),
    "big/bzsolt84-epg_magyar_musor.tv_2025-06-30.xml.gz": (163, 38092),
    "big/chengxue2020-TV-Guide_merged_2026-04-12.xml.gz": (3805, 106003),
    "big/5iClub-CN.EPG_epg_2026-08-23.xml.gz": (132, 31255),
    "big/emre1393-myepgrpi_digiturk-TR_2021-06-02.xml.gz": (197, 19301),
    "iptv-org-grabber/Neywerson-EPG_guidatv.sky.it.xml": (8, 352),
    "iptv-org-grabber/Neywerson-EPG_ziggogo.tv.xml": (7, 500),
    "iptv-org-grabber/Neywerson-EPG_nos.pt.xml": (13, 540),
    "iptv-org-grabber/Neywerson-EPG_programetv.ro.xml": (4, 280),
    "iptv-org-grabber/Neywerson-EPG_programtv.onet.pl.xml": (10, 514),
    "iptv-org-grabber/Neywerson-EPG_bt.com.xml": (11, 656),
    "iptv-org-grabber/Neywerson-EPG_beinsports.com.xml": (2, 138),
    "third-party/akkradet-epg_TH_2026-08-22.xml": (142, 4056),
    "third-party/ferezvi-epg_latinos_MX_2018-07-03.xml": (114, 5295),
    "iptv-org-2021/iptv-org-epg_programme-tv.net_2021-03-12.xml": (273, 9204),
    "iptv-org-2021/iptv-org-epg_tv.yandex.ru_2021-03-12.xml": (14, 516),
    "iptv-org-2021/iptv-org-epg_ontvtonight.com_2021-03-13.xml": (98, 2691),
    "iptv-org-epg-fixtures/epg.tmacaraibes.com.content.xml": (1, 318),
    "iptv-org-epg-fixtures/epg.iptvx.one.content.xml": (1, 230),
    "iptv-org-epg-fixtures/epg.iptvx.one.content.xml.gz": (1, 230),
    "iptv-org-epg-fixtures/energeek.cl.content.xml": (5, 294),
    "iptv-org-epg-fixtures/epgshare01.online.content.xml": (2, 203),
    "iptv-org-epg-fixtures/epgshare01.online.content.xml.gz": (2, 203),
    "iptv-org-epg-fixtures/vantagetv.ee.content.xml": (3, 332),
    "iptv-org-epg-fixtures/x1co.com.br.content.xml": (1, 91),
    "iptv-org-epg-fixtures/makrodigitaltelevision.com.content.xml": (1, 66),
    "iptv-org-epg-fixtures/nzxmltv.com.content.xml": (1, 2),
    "iptv-org-epg-fixtures/SYNTHETIC_epg_grab_multiple_channels.guide.xml": (7, 12),
}

GUIDES = sorted(
    str(path.relative_to(XMLTV))
    for path in XMLTV.rglob("*")
    if path.name.endswith((".xml", ".xml.gz"))
)


@dataclass
class PlainReading:
    """What xml.etree and strptime see in a guide, holding it all in memory."""

    channel_elements: int = 0
    channel_ids: set[str] = field(default_factory=set)
    programme_elements: int = 0
    first_title: str | None = None
    first_start: datetime | None = None
    missing_stops: int = 0
    stops_before_starts: int = 0
    unreadable_times: int = 0
    repeats: int = 0
    byte_order_mark: bool = False


def plain_reading(path: Path) -> PlainReading:
    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
    reading = PlainReading()
    seen: set[object] = set()
    with opener(path, "rb") as file:
        reading.byte_order_mark = file.read(3) == b"\xef\xbb\xbf"
    with opener(path, "rb") as file:
        for _, element in ElementTree.iterparse(file):
            if element.tag == "channel":
                reading.channel_elements += 1
                reading.channel_ids.add(element.get("id", ""))
            elif element.tag == "programme":
                reading.programme_elements += 1
                _read_programme(reading, element, seen)
                element.clear()
    return reading


def _read_programme(
    reading: PlainReading, element: ElementTree.Element, seen: set[object]
) -> None:
    try:
        start = _utc(element.get("start", ""))
        stop_text = (element.get("stop") or "").strip()
        stop = _utc(stop_text) if stop_text[:1].isdigit() else None
    except ValueError:
        reading.unreadable_times += 1
        return
    if stop is not None and stop < start:
        reading.stops_before_starts += 1
        return
    if stop is None:
        reading.missing_stops += 1
    if reading.first_start is None:
        reading.first_start = start
        reading.first_title = (element.findtext("title") or "").strip()
    fingerprint = (
        element.get("channel"),
        start,
        stop,
        tuple(
            (
                child.tag,
                tuple(sorted(child.attrib.items())),
                " ".join(child.itertext()).strip(),
            )
            for child in element
        ),
    )
    if fingerprint in seen:
        reading.repeats += 1
    seen.add(fingerprint)


def _utc(text: str) -> datetime:
    return datetime.strptime(text.strip(), "%Y%m%d%H%M%S %z").astimezone(UTC)


@dataclass
class ParsedGuide:
    report: ParseReport
    channels: list[GuideChannel]
    first: Programme | None
    programmes: int


def parsed(path: Path) -> ParsedGuide:
    source = FileGuideSource(path)
    channels: list[GuideChannel] = []
    first: Programme | None = None
    count = 0
    with source.open() as stream:
        reading = LxmlXmltvParser().parse(stream, source.origin)
        for item in reading:
            if isinstance(item, GuideChannel):
                channels.append(item)
            else:
                count += 1
                first = first or item
    return ParsedGuide(reading.report, channels, first, count)


def test_every_guide_of_the_data_readme_is_here() -> None:
    assert set(GUIDES) == set(README_COUNTS)


@pytest.mark.parametrize("name", GUIDES)
def test_a_real_guide_reads_as_a_plain_reading_does(name: str) -> None:
    path = XMLTV / name
    plain = plain_reading(path)
    guide = parsed(path)
    report = guide.report

    assert (plain.channel_elements, plain.programme_elements) == README_COUNTS[name]
    assert report.channels == len(plain.channel_ids)
    assert {c.id for c in guide.channels} == plain.channel_ids
    assert report.count(Anomaly.DUPLICATE_CHANNEL) == (
        plain.channel_elements - len(plain.channel_ids)
    )
    assert guide.programmes == report.programmes
    assert (
        report.programmes + report.count(Anomaly.DUPLICATE_PROGRAMME) + report.rejected
        == plain.programme_elements
    )
    assert report.count(Anomaly.STOP_BEFORE_START) == plain.stops_before_starts
    assert report.count(Anomaly.BAD_TIME) == plain.unreadable_times
    assert report.count(Anomaly.MISSING_STOP) == plain.missing_stops
    assert report.count(Anomaly.DUPLICATE_PROGRAMME) == plain.repeats
    assert report.count(Anomaly.BYTE_ORDER_MARK) == int(plain.byte_order_mark)
    assert guide.first is not None
    assert guide.first.start == plain.first_start
    assert guide.first.titles[0].text == plain.first_title


def test_spot_values_of_a_chinese_guide_in_utc_plus_8() -> None:
    guide = parsed(XMLTV / "big/5iClub-CN.EPG_epg_2026-08-23.xml.gz")

    assert guide.channels[0].id == "4K少儿专区"
    assert guide.channels[0].display_names[0].lang == "zh"
    assert guide.first is not None
    assert guide.first.start == datetime(2026, 8, 17, 3, 51, tzinfo=UTC)
    assert guide.first.stop == datetime(2026, 8, 17, 4, 3, tzinfo=UTC)
    assert guide.first.titles[0].text == "阿优之神奇萝卜第一季[46]"
    assert guide.report.count(Anomaly.DUPLICATE_CHANNEL) == 8


def test_spot_values_of_a_multilingual_caribbean_guide() -> None:
    guide = parsed(XMLTV / "iptv-org-epg-fixtures/epg.tmacaraibes.com.content.xml")
    first = guide.first

    assert first is not None
    assert first.channel_ref == "TMA.gp@SD"
    assert first.start == datetime(2026, 5, 3, 4, 0, tzinfo=UTC)
    assert [t.lang for t in first.titles] == ["fr", "en", "es", "pt"]
    assert first.descs[2] == LangText("Toda la música africana y caribeña.", "es")
    assert first.length_seconds == 3 * 3600
    assert first.ratings == (Rating("CSA", "Tout public"), Rating("VCHIP", "TV-G"))


def test_spot_values_of_the_richest_guide() -> None:
    guide = parsed(XMLTV / "iptv-org-epg-fixtures/nzxmltv.com.content.xml")
    first = guide.first

    assert guide.channels[0].display_names == (LangText("TVNZ 1", "en_NZ"),)
    assert "<lcn>1</lcn>" in guide.channels[0].extra
    assert first is not None
    assert first.date is None
    numbers = first.episode_numbers
    assert (numbers.season, numbers.episode, numbers.part) == (2022, 36, 0)
    assert ("thetvdb.com", "series/358626") in numbers.other
    assert first.previously_shown == PreviouslyShown()
    assert first.star_ratings == (StarRating("0/10", "themoviedb.org"),)
    assert "<aspect>16:9</aspect>" in first.extra
    assert first.extra.endswith(
        "<series-desc>Join Miriama Kamo and the team as they delve into the"
        " subjects that matter to you.\n</series-desc>"
    )
