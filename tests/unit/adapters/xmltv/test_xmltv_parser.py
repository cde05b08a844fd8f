"""LxmlXmltvParser: what it keeps of channels and programmes, in UTC, streamed."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.domain.guide_errors import XmltvTimeError
from tvnexa.domain.programmes import (
    Credit,
    EpisodeNumber,
    GuideChannel,
    LangText,
    PreviouslyShown,
    Programme,
    Rating,
    StarRating,
)

ReadGuide = Callable[..., Any]

RICH = """
<channel id="Das Erste">
  <display-name lang="de">Das Erste</display-name>
  <display-name>ARD</display-name>
  <icon src="https://example.org/ard.png" width="64"/>
  <icon src=""/>
  <url>https://www.daserste.de</url>
  <lcn>1</lcn>
</channel>
<programme start="20220725201500 +0200" stop="20220725214500 +0200"
           channel="Das Erste" clumpidx="0/1">
  <title lang="de">Tatort</title>
  <title lang="en">Crime Scene</title>
  <sub-title lang="de">  Der Fall  </sub-title>
  <desc lang="de">Erste Zeile.
Zweite Zeile.</desc>
  <credits>
    <director>Jane Doe</director>
    <actor role="Kommissarin">Ann Smith</actor>
    <actor>Bob <image>https://example.org/bob.jpg</image> Jones</actor>
    <writer>Carl</writer>
  </credits>
  <date>2021</date>
  <category lang="de">Krimi</category>
  <category lang="en">Crime</category>
  <keyword lang="en">police</keyword>
  <length units="minutes">90</length>
  <icon src="https://example.org/tatort.jpg"/>
  <url>https://example.org/tatort</url>
  <country>DE</country>
  <episode-num system="xmltv_ns">11 . 4/12 . 0/2</episode-num>
  <episode-num system="onscreen">S12E05</episode-num>
  <episode-num system="dd_progid">EP0123.0045</episode-num>
  <video><aspect>16:9</aspect></video>
  <previously-shown start="20210101" channel="One"/>
  <premiere lang="de">Erstausstrahlung</premiere>
  <new/>
  <rating system="FSK"><value>12</value><icon src="fsk12.png"/></rating>
  <star-rating system="imdb"><value>7 / 10</value></star-rating>
</programme>
"""


def test_a_channel_keeps_its_names_icons_urls_and_the_rest_raw(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(RICH)

    assert guide.channels == [
        GuideChannel(
            id="Das Erste",
            display_names=(LangText("Das Erste", "de"), LangText("ARD")),
            icons=("https://example.org/ard.png",),
            urls=("https://www.daserste.de",),
            extra="<lcn>1</lcn>",
        )
    ]


def test_a_programme_keeps_what_players_show(read_guide: ReadGuide) -> None:
    (programme,) = read_guide(RICH).programmes

    assert programme.channel_ref == "Das Erste"
    assert programme.start == datetime(2022, 7, 25, 18, 15, tzinfo=UTC)
    assert programme.stop == datetime(2022, 7, 25, 19, 45, tzinfo=UTC)
    assert programme.titles == (LangText("Tatort", "de"), LangText("Crime Scene", "en"))
    assert programme.sub_titles == (LangText("Der Fall", "de"),)
    assert programme.descs == (LangText("Erste Zeile.\nZweite Zeile.", "de"),)
    assert programme.categories == (LangText("Krimi", "de"), LangText("Crime", "en"))
    assert programme.icons == ("https://example.org/tatort.jpg",)
    assert programme.date == "2021"
    assert programme.length_seconds == 5400
    assert programme.previously_shown == PreviouslyShown("20210101", "One")
    assert programme.premiere == LangText("Erstausstrahlung", "de")
    assert programme.is_new
    assert programme.ratings == (Rating("FSK", "12", "fsk12.png"),)
    assert programme.star_ratings == (StarRating("7/10", "imdb"),)


def test_episode_numbers_of_every_system_are_kept(read_guide: ReadGuide) -> None:
    (programme,) = read_guide(RICH).programmes

    assert programme.episode_numbers == EpisodeNumber(
        season=11,
        episode=4,
        total_episodes=12,
        part=0,
        total_parts=2,
        onscreen="S12E05",
        other=(("dd_progid", "EP0123.0045"),),
    )


def test_an_episode_number_without_system_is_onscreen_as_the_dtd_says(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        '<programme start="20220101000000" channel="c"><title>t</title>'
        "<episode-num>Folge 7</episode-num></programme>"
    )

    assert guide.programmes[0].episode_numbers == EpisodeNumber(onscreen="Folge 7")


def test_credits_keep_roles_in_order_with_their_extras(read_guide: ReadGuide) -> None:
    (programme,) = read_guide(RICH).programmes

    assert programme.credits == (
        Credit("director", "Jane Doe"),
        Credit("actor", "Ann Smith", (("role", "Kommissarin"),)),
        Credit("actor", "Bob Jones", (("image", "https://example.org/bob.jpg"),)),
        Credit("writer", "Carl"),
    )


def test_the_rest_of_a_programme_is_kept_as_raw_xml(read_guide: ReadGuide) -> None:
    (programme,) = read_guide(RICH).programmes

    assert programme.extra == (
        '<keyword lang="en">police</keyword>'
        "<url>https://example.org/tatort</url>"
        "<country>DE</country>"
        "<video><aspect>16:9</aspect></video>"
    )
    assert programme.extra_attributes == (("clumpidx", "0/1"),)


def test_length_in_any_unit_is_seconds_and_an_unreadable_one_stays_raw(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        '<programme start="20220101000000" channel="c"><title>a</title>'
        '<length units="hours">1.5</length></programme>'
        '<programme start="20220101020000" channel="c"><title>b</title>'
        '<length units="fortnights">1</length></programme>'
    )
    first, second = guide.programmes

    assert first.length_seconds == 5400
    assert second.length_seconds is None
    assert second.extra == '<length units="fortnights">1</length>'


def test_empty_texts_and_icons_without_source_are_skipped(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        '<programme start="20221104130000 +0000" channel="3297">'
        '<title> </title><title>Sport</title><category lang="en" />'
        '<category lang="">sports</category><icon src=""/><desc/></programme>'
    )
    (programme,) = guide.programmes

    assert programme.titles == (LangText("Sport"),)
    assert programme.categories == (LangText("sports"),)
    assert programme.icons == ()
    assert programme.descs == ()


def test_times_in_mixed_offsets_all_land_in_utc(read_guide: ReadGuide) -> None:
    guide = read_guide(
        '<programme start="20260413060000 +0800" stop="20260413063000 +0800"'
        ' channel="a"><title>a</title></programme>'
        '<programme start="20260412180000 -0400" stop="20260412190000 -0400"'
        ' channel="b"><title>b</title></programme>'
        '<programme start="20260413041500 +0545" channel="c"><title>c</title>'
        "</programme>"
    )

    assert [p.start for p in guide.programmes] == [
        datetime(2026, 4, 12, 22, 0, tzinfo=UTC),
        datetime(2026, 4, 12, 22, 0, tzinfo=UTC),
        datetime(2026, 4, 12, 22, 30, tzinfo=UTC),
    ]


def test_a_source_correction_moves_every_time_and_is_recorded(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        '<programme start="20220101200000 +0000" stop="20220101210000 +0000"'
        ' channel="c"><title>t</title></programme>',
        correction_seconds=-3600,
    )
    (programme,) = guide.programmes

    assert programme.start == datetime(2022, 1, 1, 19, 0, tzinfo=UTC)
    assert programme.stop == datetime(2022, 1, 1, 20, 0, tzinfo=UTC)
    assert guide.report.correction_seconds == -3600


def test_a_correction_beyond_a_day_is_refused_before_reading() -> None:
    with pytest.raises(XmltvTimeError):
        LxmlXmltvParser().parse(io.BytesIO(b"<tv/>"), "x", correction_seconds=90000)


def test_items_come_in_document_order_and_the_report_counts_them(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        '<channel id="a"><display-name>A</display-name></channel>'
        '<programme start="20220101000000" channel="a"><title>1</title></programme>'
        '<channel id="b"><display-name>B</display-name></channel>'
        '<programme start="20220101000000" channel="b"><title>2</title></programme>'
    )

    assert [type(i).__name__ for i in guide.items] == [
        "GuideChannel",
        "Programme",
        "GuideChannel",
        "Programme",
    ]
    assert guide.report.channels == 2
    assert guide.report.programmes == 2
    assert guide.report.as_counts()["programmes"] == 2


def test_a_reading_runs_once() -> None:
    reading = LxmlXmltvParser().parse(io.BytesIO(b"<tv></tv>"), "x")
    list(reading)

    with pytest.raises(RuntimeError):
        iter(reading)


class _FailsAfter(io.RawIOBase):
    """Hands over `data`, then fails as a dropped connection would."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self._data.read(size)
        if not chunk:
            raise ConnectionResetError("the connection dropped")
        return chunk


def test_programmes_are_handed_on_as_they_are_read_not_at_the_end() -> None:
    programme = (
        '<programme start="20220101000000" channel="c"><title>{}</title></programme>\n'
    )
    head = "<tv>\n" + "".join(programme.format(n) for n in range(3000))
    reading = LxmlXmltvParser().parse(_FailsAfter(head.encode()), "x")
    seen: list[Programme] = []

    with pytest.raises(ConnectionResetError):
        for item in reading:
            assert isinstance(item, Programme)
            seen.append(item)

    assert len(seen) > 2000
    assert reading.report.programmes == len(seen)


def test_texts_are_stripped_but_keep_their_inner_lines(read_guide: ReadGuide) -> None:
    guide = read_guide(
        '<programme start="20220101000000" channel="c"><title>\n   T  </title>'
        "<desc>\n  Line one.\n  Line two.\n</desc></programme>"
    )
    (programme,) = guide.programmes

    assert programme.titles == (LangText("T"),)
    assert programme.descs == (LangText("Line one.\n  Line two."),)


def test_comments_and_processing_instructions_are_ignored(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        "<!-- before -->"
        '<programme start="20220101000000" channel="c"><!-- inside --><?pi x?>'
        "<title>T</title></programme><!-- after -->"
    )

    assert guide.programmes[0].extra == ""
    assert guide.programmes[0].titles == (LangText("T"),)
