"""Other projects' XMLTV test inputs, checked against their expected outputs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.adapters.xmltv.sources import FileGuideSource
from tvnexa.domain.guide_errors import EmptyGuide, NotXmltvGuide
from tvnexa.domain.guide_reports import ParseReport
from tvnexa.domain.programmes import (
    Credit,
    EpisodeNumber,
    GuideChannel,
    LangText,
    PreviouslyShown,
    Programme,
    Rating,
    StarRating,
    overlapping_pairs,
    resolve_missing_stops,
)

PEERS = Path(__file__).resolve().parents[4] / "shared" / "data" / "peer-suites"
PERL = PEERS / "xmltv-perl"
PERL_INPUTS = sorted(p.name for p in (PERL / "inputs").glob("*.xml"))

Key = tuple[str, datetime, datetime | None, tuple[str, ...]]


def read(path: Path) -> tuple[list[GuideChannel], list[Programme], ParseReport]:
    source = FileGuideSource(path)
    with source.open() as stream:
        reading = LxmlXmltvParser().parse(stream, source.origin)
        items = list(reading)
    channels = [i for i in items if isinstance(i, GuideChannel)]
    programmes = [i for i in items if isinstance(i, Programme)]
    return channels, programmes, reading.report


def key(programme: Programme) -> Key:
    titles = tuple(title.text for title in programme.titles)
    return programme.channel_ref, programme.start, programme.stop, titles


def by_channel(programmes: list[Programme]) -> dict[str, list[Programme]]:
    channels: dict[str, list[Programme]] = defaultdict(list)
    for programme in programmes:
        channels[programme.channel_ref].append(programme)
    return channels


def expected_name(tool: str, input_name: str) -> Path:
    stem = input_name.removesuffix(".xml").replace("-", "_")
    return PERL / "expected" / f"{tool}_{stem}_xml.expected"


@pytest.mark.parametrize("name", PERL_INPUTS)
def test_resolved_stops_match_what_tv_sort_writes(name: str) -> None:
    _, programmes, _ = read(PERL / "inputs" / name)
    _, sorted_by_tv_sort, _ = read(expected_name("tv_sort", name))

    resolved = {
        key(programme)
        for channel in by_channel(programmes).values()
        for programme in resolve_missing_stops(channel)
    }

    assert resolved == {key(programme) for programme in sorted_by_tv_sort}


def shown(programme: Programme) -> Programme:
    """The programme without what tv_cat drops: extensions and extra attributes."""
    credits = tuple(Credit(c.role, c.name) for c in programme.credits)
    return replace(programme, extra="", extra_attributes=(), credits=credits)


# tv_cat also merges duplicates and clumps, which is storage's business here.
REWRITTEN_BY_TV_CAT = {"dups.xml", "clump_extract_1.xml"}


@pytest.mark.parametrize("name", sorted(set(PERL_INPUTS) - REWRITTEN_BY_TV_CAT))
def test_a_guide_reads_the_same_as_tv_cat_rewrote_it(name: str) -> None:
    _, programmes, _ = read(PERL / "inputs" / name)
    _, rewritten, _ = read(expected_name("tv_cat", name))

    assert [shown(p) for p in programmes] == [shown(p) for p in rewritten]


def test_overlaps_are_the_ones_tv_sort_reports() -> None:
    _, programmes, _ = read(PERL / "inputs" / "overlap.xml")
    reported = (PERL / "expected" / "tv_sort_overlap_xml.expected_err").read_text()

    found = []
    for channel, group in sorted(by_channel(programmes).items()):
        for first, second in overlapping_pairs(resolve_missing_stops(group)):
            # tv_sort cannot tell whether programmes without an end overlap.
            if first.stop is not None and second.stop is not None:
                found.append((channel, first.titles[0].text, second.titles[0].text))

    expected = []
    for block in reported.split("overlapping programmes on channel ")[1:]:
        channel, first, second = block.splitlines()[:3]
        expected.append(
            (
                channel.rstrip(":"),
                first.strip().split("\t")[0],
                second.removeprefix("and ").split("\t")[0],
            )
        )
    assert sorted(found) == sorted(expected)


JELLYFIN_EPISODES = {
    "jf-T08": EpisodeNumber(),
    "jf-T09": EpisodeNumber(other=(("SxxExx", "s01e02"),)),
    "jf-T11": EpisodeNumber(),
    "jf-T12": EpisodeNumber(),
    "jf-T13": EpisodeNumber(),
    "jf-T14": EpisodeNumber(season=1, episode=2),
    "jf-T15": EpisodeNumber(season=1, episode=2, part=3),
    "jf-T16": EpisodeNumber(season=1, episode=2, part=3),
    "jf-T17": EpisodeNumber(season=1, episode=13, part=0, total_parts=1),
    "jf-T18": EpisodeNumber(
        season=2, total_seasons=10, episode=3, total_episodes=22, part=0, total_parts=2
    ),
    "jf-T19": EpisodeNumber(
        season=2, total_seasons=10, episode=3, total_episodes=22, part=0, total_parts=2
    ),
    "jf-T20": EpisodeNumber(season=1, episode=3, part=0, other=(("SxxExx", "S01E02"),)),
}


def test_jellyfin_tag_cases_read_as_the_dtd_says() -> None:
    _, programmes, report = read(PEERS / "jellyfin-xmltv/RECONSTRUCTED/tag_cases.xml")
    by_id = {p.channel_ref: p for p in programmes}

    for channel, numbers in JELLYFIN_EPISODES.items():
        assert by_id[channel].episode_numbers == numbers, channel
    assert by_id["jf-T05"].categories == (LangText("Crime"), LangText("Crimen"))
    assert by_id["jf-T06"].categories == (
        LangText("Crime", "en"),
        LangText("Crimen", "es"),
    )
    assert by_id["jf-T22"].sub_titles == (LangText("Episode Title"),)
    assert report.programmes == 23


def test_a_spanish_programme_with_an_escaped_ampersand() -> None:
    _, (programme,), _ = read(
        PEERS / "jellyfin-xmltv/RECONSTRUCTED/ES_canal_plus_excerpt.xml"
    )

    assert programme.channel_ref == "Canal + HD"
    assert programme.start == datetime(2016, 2, 18, 4, 51, tzinfo=UTC)
    assert programme.titles[0] == LangText("This is Comedy. Judd Apatow & Co.", "es")
    assert programme.ratings == (Rating("MPAA", "TV-G"),)
    assert programme.star_ratings == (StarRating("3/5"),)


def test_epg_parser_basic_guide_spot_values() -> None:
    channels, programmes, report = read(PEERS / "epg-parser/basic.xml")
    first = programmes[0]

    assert report.declared_encoding == "ISO-8859-1"
    assert channels[0].display_names == (
        LangText("13 KERA", "fr"),
        LangText("13", "ar"),
    )
    assert channels[0].urls == (
        "https://example.com/channel_one",
        "https://example.com/channel_one_alternate",
    )
    assert first.start == datetime(2008, 7, 15, 6, 30, tzinfo=UTC)
    assert first.length_seconds == 3600
    assert first.episode_numbers.onscreen == "427"
    assert first.previously_shown == PreviouslyShown("20080711000000", "channel-two.tv")
    assert first.premiere == LangText("First time on British TV")
    assert first.is_new
    assert first.ratings[1] == Rating("MPAA", "NC-17", "NC-17_symbol.png")
    assert "<last-chance" in first.extra


def test_epg_parser_empty_file_is_an_empty_guide() -> None:
    with pytest.raises(EmptyGuide):
        read(PEERS / "epg-parser/empty.xml")


GUIDE_FILES = sorted(
    str(path.relative_to(PEERS))
    for path in PEERS.rglob("*")
    if path.name.endswith((".xml", ".xml.gz"))
    and "channels" not in path.name
    and path.name != "empty.xml"
    and path.parent.name != "inputs"
)


@pytest.mark.parametrize("name", GUIDE_FILES)
def test_every_peer_guide_reads_without_rejections(name: str) -> None:
    _, programmes, report = read(PEERS / name)

    assert report.rejected == 0
    assert report.programmes == len(programmes)


@pytest.mark.parametrize(
    "name", sorted(str(p.relative_to(PEERS)) for p in PEERS.rglob("*.channels.xml"))
)
def test_grabber_channel_lists_are_not_guides(name: str) -> None:
    with pytest.raises(NotXmltvGuide):
        read(PEERS / name)


def test_a_gzipped_peer_guide_reads_as_its_plain_twin() -> None:
    plain = read(PEERS / "epg-grabber/expected/mini.guide.xml")
    packed = read(PEERS / "epg-grabber/expected/mini.guide.xml.gz")

    assert packed[:2] == plain[:2]
