"""Real guides stored, exported through the API, validated, and read back the same.

Each guide in shared/data/xmltv is read with LxmlXmltvParser, matched channel by
channel to a catalogue made for it, and stored; `/epg/guide.xml` and its gzip
twin are then validated against the XMLTV DTD, and the export is read again with
LxmlXmltvParser: every stored programme in the window comes back with the same
titles, times, descriptions, categories and episode numbers, on its channel's
tvg-id.
"""

from __future__ import annotations

import gzip
import io
from datetime import timedelta
from pathlib import Path

import pytest
from falcon import testing
from lxml import etree

from tvnexa.adapters.cache.inprocess import InProcessCache
from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.memory.programmes import (
    InMemoryProgrammeReader,
    InMemoryProgrammeStore,
    InMemoryProgrammeWriter,
)
from tvnexa.adapters.memory.runs import InMemoryRunHistory, InMemoryRunStore
from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.adapters.xmltv.sources import FileGuideSource
from tvnexa.domain.catalogue import Channel, Country, Feed
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.programmes import GuideChannel, Programme
from tvnexa.domain.schedules import ChannelMatch, MatchMethod, TimeWindow
from tvnexa.entrypoints.http import ApiSettings, create_app

XMLTV = Path(__file__).resolve().parents[4] / "shared" / "data" / "xmltv"

GUIDES = [
    "iptv-org-grabber/Neywerson-EPG_guidatv.sky.it.xml",
    "iptv-org-grabber/Neywerson-EPG_ziggogo.tv.xml",
    "iptv-org-grabber/Neywerson-EPG_nos.pt.xml",
    "iptv-org-epg-fixtures/epg.tmacaraibes.com.content.xml",
    "iptv-org-epg-fixtures/epg.iptvx.one.content.xml.gz",
    "iptv-org-epg-fixtures/epgshare01.online.content.xml.gz",
    "third-party/ferezvi-epg_latinos_MX_2018-07-03.xml",
    "third-party/akkradet-epg_TH_2026-08-22.xml",
]

# The export's own bound; the part of a longer guide past it is left out.
EXPORT_DAYS = 7


class StoredGuide:
    """One real guide read and stored, and the API over it."""

    def __init__(self, path: Path) -> None:
        reading = LxmlXmltvParser().parse(FileGuideSource(path).open(), str(path))
        items = list(reading)
        declared = [item for item in items if isinstance(item, GuideChannel)]
        programmes = [item for item in items if isinstance(item, Programme)]
        guide_ids = list(
            dict.fromkeys(
                [channel.id for channel in declared]
                + [p.channel_ref for p in programmes]
            )
        )
        # Catalogue ids of our own: real guide ids have spaces and double @s.
        self.channel_of = {gid: f"G{n}.xx" for n, gid in enumerate(guide_ids)}
        self.tvg_id_of = {c: f"{c}@SD" for c in self.channel_of.values()}

        self.catalogue = InMemoryCatalogStore()
        writer = InMemoryCatalogWriter(self.catalogue)
        writer.replace(Dataset.COUNTRIES, [Country("XX", "Nowhere")])
        channels = [Channel(c, gid, "XX") for gid, c in self.channel_of.items()]
        writer.replace(Dataset.CHANNELS, channels)
        feeds = [Feed(c.id, "SD", "SD", is_main=True) for c in channels]
        writer.replace(Dataset.FEEDS, feeds)

        self.programmes = InMemoryProgrammeStore()
        stage = InMemoryProgrammeWriter(self.programmes).stage(path.name, 0)
        stage.add(programmes)
        stage.commit(
            [
                ChannelMatch(path.name, GuideChannel(gid), c, "SD", MatchMethod.ID_MAP)
                for gid, c in self.channel_of.items()
            ]
        )

        start = min(p.start for p in programmes)
        end = max(p.stop or p.start for p in programmes) + timedelta(seconds=1)
        self.window = TimeWindow(start, min(end, start + timedelta(days=EXPORT_DAYS)))
        app = create_app(
            InMemoryCatalogReader(self.catalogue),
            InMemoryRunHistory(InMemoryRunStore()),
            InProcessCache(),
            ApiSettings(),
            programmes=InMemoryProgrammeReader(self.programmes),
            clock=FixedClock(start),
        )
        self.client = testing.TestClient(app)

    def export(self, route: str = "/api/v1/epg/guide.xml") -> bytes:
        result = self.client.simulate_get(
            route,
            params={
                "start": self.window.start.isoformat(),
                "end": self.window.end.isoformat(),
            },
        )
        assert result.status_code == 200, result.text[:500]
        return result.content

    def stored(self) -> dict[str, list[Programme]]:
        """What the store serves in the window, by tvg-id."""
        reader = InMemoryProgrammeReader(self.programmes)
        found = reader.schedules(list(self.tvg_id_of), self.window)
        return {
            self.tvg_id_of[channel]: [p.programme for p in scheduled]
            for channel, scheduled in found.items()
            if scheduled
        }


@pytest.fixture(scope="module", params=GUIDES)
def guide(request) -> StoredGuide:
    return StoredGuide(XMLTV / request.param)


@pytest.fixture(scope="module")
def dtd():
    return etree.DTD(str(XMLTV / "xmltv.dtd"))


def compared(programme: Programme) -> tuple[object, ...]:
    return (
        programme.titles,
        programme.start,
        programme.stop,
        programme.descs,
        programme.categories,
        programme.episode_numbers,
        programme.sub_titles,
    )


def test_the_export_is_valid_against_the_dtd(guide, dtd):
    root = etree.fromstring(guide.export(), etree.XMLParser(resolve_entities=False))

    assert dtd.validate(root), dtd.error_log.filter_from_errors()[:5]
    tags = [child.tag for child in root]
    assert tags.index("programme") == tags.count("channel")
    declared = {channel.get("id") for channel in root.iter("channel")}
    assert {p.get("channel") for p in root.iter("programme")} <= declared


def test_the_gzip_export_is_the_same_document(guide):
    assert gzip.decompress(guide.export("/api/v1/epg/guide.xml.gz")) == guide.export()


def test_reading_the_export_gives_the_stored_programmes(guide):
    reading = LxmlXmltvParser().parse(io.BytesIO(guide.export()), "export.xml")
    items = list(reading)

    read_back: dict[str, list[Programme]] = {}
    for item in items:
        if isinstance(item, Programme):
            read_back.setdefault(item.channel_ref, []).append(item)
    stored = guide.stored()
    assert sum(len(p) for p in stored.values()) > 0
    assert sorted(read_back) == sorted(stored)
    for tvg_id, programmes in stored.items():
        assert [compared(p) for p in read_back[tvg_id]] == [
            compared(p) for p in programmes
        ], tvg_id
    assert reading.report.rejected == 0
