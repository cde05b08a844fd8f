"""Real iptv-org grabber guides matched against the real catalogue snapshot,
both ingested into one SQLite file by the container."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.guides.plain import (
    CATALOGUE_SNAPSHOT,
    XMLTV,
    application_on_sqlite,
    plain_guide,
)
from tvnexa.containers import Application
from tvnexa.domain.catalogue import split_channel_ref
from tvnexa.domain.ingestion import RunStatus
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.schedules import (
    ChannelMatch,
    GuideSourceSettings,
    MatchMethod,
    TimeWindow,
)

# Outputs of iptv-org's grabber: its own folder, and a bigger one (musor.tv).
GRABBER_OUTPUTS = [
    *sorted(
        f"iptv-org-grabber/{p.name}" for p in (XMLTV / "iptv-org-grabber").glob("*")
    ),
    "big/bzsolt84-epg_magyar_musor.tv_2025-06-30.xml.gz",
]

# Guide channels matched by id (exact or channel_feed), per file. Three of the
# 2024 grabber runs name channels the catalogue has renamed since
# (`DigiSport1Romania.ro` is `DigiSport1.ro` in 2026); those match by name,
# or not at all.
MATCHED_BY_ID = {
    "Neywerson-EPG_beinsports.com.xml": (1, 2),
    "Neywerson-EPG_bt.com.xml": (11, 11),
    "Neywerson-EPG_guidatv.sky.it.xml": (7, 8),
    "Neywerson-EPG_nos.pt.xml": (7, 13),
    "Neywerson-EPG_programetv.ro.xml": (0, 4),
    "Neywerson-EPG_programtv.onet.pl.xml": (0, 10),
    "Neywerson-EPG_ziggogo.tv.xml": (0, 7),
    "bzsolt84-epg_magyar_musor.tv_2025-06-30.xml.gz": (127, 163),
}
BY_ID = (MatchMethod.EXACT, MatchMethod.CHANNEL_FEED)
EVERY = PageRequest(0, 10_000)


def snapshot_ids(name: str, key: str) -> frozenset[str]:
    records = json.loads((CATALOGUE_SNAPSHOT / name).read_text(encoding="utf-8"))
    return frozenset(key.format(**record) for record in records)


CHANNEL_IDS = snapshot_ids("channels.json", "{id}")
FEED_KEYS = snapshot_ids("feeds.json", "{channel}@{id}")


@pytest.fixture(scope="module")
def application(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Application]:
    """The whole snapshot, ingested once for the module."""
    application = application_on_sqlite(tmp_path_factory.mktemp("catalogue"))
    application.config.iptv_org.url.from_value(str(CATALOGUE_SNAPSHOT))
    runs = application.use_cases.ingest_catalogue().execute()
    assert {run.status for run in runs} == {RunStatus.SUCCEEDED}
    yield application


def source_name(guide: str) -> str:
    return Path(guide).name.split(".xml")[0].replace("_", "-")[:100]


def ingest_and_match(
    application: Application, guide: str
) -> tuple[dict[str, ChannelMatch], int]:
    name = source_name(guide)
    source = GuideSourceSettings(name=name, location=str(XMLTV / guide))
    run = application.use_cases.ingest_guide().execute(source)
    assert run.status is RunStatus.SUCCEEDED, run.error
    stored = application.storage.programme_reader().matches(name, None, EVERY)
    return {m.guide_channel.id: m for m in stored.items}, run.dangling


def expected_by_id(guide_id: str) -> tuple[str, str | None, MatchMethod] | None:
    """How a plain reading of channels.json and feeds.json says an id matches."""
    if guide_id in CHANNEL_IDS:
        return guide_id, None, MatchMethod.EXACT
    channel, feed = split_channel_ref(guide_id)
    if feed is not None and channel in CHANNEL_IDS:
        known = feed if f"{channel}@{feed}" in FEED_KEYS else None
        return channel, known, MatchMethod.CHANNEL_FEED
    return None


@pytest.mark.parametrize("guide", GRABBER_OUTPUTS)
def test_grabber_channel_ids_match_the_catalogue_by_id(
    application: Application, guide: str
) -> None:
    plain = plain_guide(XMLTV / guide)

    matches, unmatched = ingest_and_match(application, guide)

    assert set(matches) == plain.channels
    by_id = 0
    for guide_id, match in matches.items():
        expected = expected_by_id(guide_id)
        if expected is None:
            assert match.method not in BY_ID, guide_id
            continue
        by_id += 1
        assert (match.channel, match.feed, match.method) == expected, guide_id
    assert (by_id, len(plain.channels)) == MATCHED_BY_ID[Path(guide).name]
    assert unmatched == sum(1 for m in matches.values() if not m.matched)


def test_most_grabber_channel_ids_match_by_exact_id_or_channel_feed(
    application: Application,
) -> None:
    matched = sum(by_id for by_id, _ in MATCHED_BY_ID.values())
    total = sum(channels for _, channels in MATCHED_BY_ID.values())

    assert matched / total > 0.5
    assert (matched, total) == (153, 218)


def test_a_double_at_id_matches_its_channel_without_a_feed(
    application: Application,
) -> None:
    matches, _ = ingest_and_match(application, GRABBER_OUTPUTS[-1])

    amc = matches["AMCEurope.uk@Portugal@Hungary"]
    assert (amc.channel, amc.feed, amc.method) == (
        "AMCEurope.uk",
        None,
        MatchMethod.CHANNEL_FEED,
    )


def test_programmes_of_a_matched_channel_are_read_back_in_utc(
    application: Application,
) -> None:
    guide = "iptv-org-grabber/Neywerson-EPG_bt.com.xml"
    plain = plain_guide(XMLTV / guide)
    ingest_and_match(application, guide)
    slots = sorted(s for s in plain.slots if s[0] == "SkySportsNews.uk")
    window = TimeWindow(slots[0][1], slots[-1][1])

    schedule = application.storage.programme_reader().schedules(
        ["SkySportsNews.uk"], window
    )["SkySportsNews.uk"]

    first = schedule[0]
    assert first.start == slots[0][1]
    assert first.title == plain.slots[slots[0]][0].title
    assert first.source == source_name(guide)
    assert [p.start for p in schedule] == [start for _, start in slots[:-1]]
