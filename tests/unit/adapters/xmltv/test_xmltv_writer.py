"""LxmlXmltvWriter: valid XMLTV in the DTD's order, streamed, read back unchanged."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree

from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.adapters.xmltv.writer import LxmlXmltvWriter, xmltv_ns
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

START = datetime(2026, 3, 29, 20, 0, tzinfo=UTC)

CHANNEL = GuideChannel(
    "France3.fr@Paris",
    (LangText("France 3", "fr"), LangText("F3")),
    ("https://logos.example/f3.png",),
    ("https://france3.example",),
)

RICH = Programme(
    channel_ref="France3.fr@Paris",
    start=START,
    stop=START + timedelta(minutes=95),
    titles=(LangText("Meurtres à Sarlat", "fr"), LangText("Murder in Sarlat", "en")),
    sub_titles=(LangText("Épisode 2", "fr"),),
    descs=(LangText("Un polar <noir> & tendu", "fr"),),
    categories=(LangText("Téléfilm", "fr"), LangText("Policier", "fr")),
    episode_numbers=EpisodeNumber(
        season=3,
        episode=1,
        total_episodes=8,
        onscreen="S04E02",
        other=(("dd_progid", "EP0123.0002"),),
    ),
    icons=("https://img.example/sarlat.jpg",),
    ratings=(Rating("CSA", "-12", "https://img.example/csa12.png"),),
    star_ratings=(StarRating("3/5", "Télérama"),),
    date="2019",
    previously_shown=PreviouslyShown("20250101200000 +0000", "France3.fr"),
    is_new=False,
    premiere=LangText("Première diffusion", "fr"),
    credits=(
        # Out of the DTD's order on purpose: actors before the director.
        Credit("actor", "Thierry Godard", (("role", "Capitaine"), ("guest", "no"))),
        Credit("director", "Delphine Lemoine"),
        Credit("actor", "Héléna Noguerra", (("image", "https://img.example/hn.jpg"),)),
        Credit("presenter", "Personne"),
    ),
    length_seconds=5700,
    extra_attributes=(("clumpidx", "0/1"),),
)


@pytest.fixture(scope="module")
def dtd(shared_data):
    return etree.DTD(str(shared_data / "xmltv" / "xmltv.dtd"))


def document(*items, **options) -> bytes:
    return b"".join(LxmlXmltvWriter(**options).write(items))


def parse(data: bytes):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False))


def read_back(data: bytes) -> list[GuideChannel | Programme]:
    return list(LxmlXmltvParser().parse(io.BytesIO(data), "export.xml"))


def test_a_rich_programme_is_valid_against_the_dtd(dtd):
    root = parse(document(CHANNEL, RICH))

    assert dtd.validate(root), dtd.error_log.filter_from_errors()


def test_children_follow_the_dtds_order():
    programme = parse(document(CHANNEL, RICH)).find("programme")

    assert [child.tag for child in programme] == [
        "title",
        "title",
        "sub-title",
        "desc",
        "credits",
        "date",
        "category",
        "category",
        "length",
        "icon",
        "episode-num",
        "episode-num",
        "episode-num",
        "previously-shown",
        "premiere",
        "rating",
        "star-rating",
    ]
    credits = programme.find("credits")
    assert [person.tag for person in credits] == [
        "director",
        "actor",
        "actor",
        "presenter",
    ]


def test_times_are_utc_xmltv_times():
    paris = timezone(timedelta(hours=2))
    moved = dataclasses.replace(RICH, start=RICH.start.astimezone(paris))

    programme = parse(document(CHANNEL, moved)).find("programme")

    assert programme.get("start") == "20260329200000 +0000"
    assert programme.get("stop") == "20260329213500 +0000"


def test_the_document_reads_back_as_it_was_written():
    channel, programme = read_back(document(CHANNEL, RICH))

    assert channel == CHANNEL
    # Credits come back grouped by role, in the DTD's order.
    expected = dataclasses.replace(
        RICH, credits=tuple(sorted(RICH.credits, key=lambda c: c.role != "director"))
    )
    assert programme == expected


def test_escaping_and_characters_xml_forbids():
    nasty = dataclasses.replace(
        RICH,
        titles=(LangText('Tom & Jerry <3 "quotes" ]]>\x00\x0b\x1f end'),),
        descs=(),
    )

    programme = parse(document(CHANNEL, nasty)).find("programme")

    assert programme.findtext("title") == 'Tom & Jerry <3 "quotes" ]]> end'


def test_only_attributes_the_dtd_declares_are_written(dtd):
    odd = dataclasses.replace(
        RICH, extra_attributes=(("catchup-id", "x1"), ("pdc-start", "20260329200000"))
    )

    root = parse(document(CHANNEL, odd))

    programme = root.find("programme")
    assert programme.get("catchup-id") is None
    assert programme.get("pdc-start") == "20260329200000"
    assert dtd.validate(root)


def test_unknown_credit_roles_and_attributes_are_left_out(dtd):
    odd = dataclasses.replace(
        RICH,
        credits=(
            Credit("dancer", "Somebody"),
            Credit("director", "D", (("role", "boss"),)),
            Credit("actor", "A", (("guest", "maybe"),)),
        ),
    )

    root = parse(document(CHANNEL, odd))

    credits = root.find("programme/credits")
    assert [(p.tag, dict(p.attrib)) for p in credits] == [
        ("director", {}),
        ("actor", {}),
    ]
    assert dtd.validate(root)


def test_a_minimal_programme_and_channel_are_still_valid(dtd):
    bare_channel = GuideChannel("Bare.xx")
    bare = Programme("Bare.xx", START, None)

    root = parse(document(bare_channel, bare))

    assert root.find("channel").findtext("display-name") == "Bare.xx"
    assert root.find("programme").get("stop") is None
    assert [child.tag for child in root.find("programme")] == ["title"]
    assert dtd.validate(root)


def test_a_channel_after_a_programme_is_refused():
    with pytest.raises(ValueError, match="after programmes"):
        document(CHANNEL, RICH, CHANNEL)


def test_the_document_is_yielded_in_chunks_as_items_arrive():
    taken = []

    def items():
        yield CHANNEL
        for n in range(50):
            taken.append(n)
            yield dataclasses.replace(RICH, start=START + timedelta(hours=n))

    chunks = LxmlXmltvWriter(chunk_bytes=2048).write(items())
    first = next(chunks)

    assert first.startswith(b"<?xml")
    assert len(taken) < 10
    rest = list(chunks)
    assert len(rest) > 5
    assert len(parse(first + b"".join(rest)).findall("programme")) == 50


def test_an_empty_export_is_a_valid_document(dtd):
    root = parse(document())

    assert root.tag == "tv"
    assert root.get("generator-info-name") == "TVNexa"
    assert dtd.validate(root)


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (EpisodeNumber(season=0, episode=0), "0.0."),
        (
            EpisodeNumber(season=2, total_seasons=5, episode=9, total_episodes=10),
            "2/5.9/10.",
        ),
        (EpisodeNumber(episode=3, part=0, total_parts=2), ".3.0/2"),
        (EpisodeNumber(total_episodes=6), "./6."),
        (EpisodeNumber(onscreen="S01E01"), None),
    ],
)
def test_xmltv_ns_is_zero_based_with_totals(numbers, expected):
    assert xmltv_ns(numbers) == expected
