"""Helpers for the guide use case tests: a small catalogue, guides written in
the test, and in-memory storage that records how it was used."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import BinaryIO

from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.memory.jobs import InMemoryJobLock
from tvnexa.adapters.memory.programmes import (
    InMemoryProgrammeReader,
    InMemoryProgrammeStage,
    InMemoryProgrammeStore,
    InMemoryProgrammeWriter,
)
from tvnexa.adapters.memory.runs import (
    InMemoryRunHistory,
    InMemoryRunLog,
    InMemoryRunStore,
)
from tvnexa.adapters.xmltv.decompress import guide_stream
from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.application.guide_ports import GuideSource
from tvnexa.application.guide_settings import GuideIngestSettings
from tvnexa.application.guides import IngestGuide
from tvnexa.application.leases import JobSettings
from tvnexa.application.ports import RunFilter
from tvnexa.domain.catalogue import Channel, Feed, Guide
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import TvnexaError
from tvnexa.domain.ingestion import IngestionRun
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.programmes import Programme
from tvnexa.domain.schedules import (
    ChannelMatch,
    GuideSourceSettings,
    ReplaceCounts,
    ScheduledProgramme,
    TimeWindow,
)

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)
EVER = TimeWindow(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
LEASE = JobSettings(lease_seconds=60, renew_every_seconds=3600)

CATALOGUE_CHANNELS = [
    Channel("BBCOne.uk", "BBC One", "UK"),
    Channel("France3.fr", "France 3", "FR"),
    Channel("Arte.fr", "Arte", "FR"),
    Channel("VantageMusic.ee", "Vantage Music", "EE"),
]
CATALOGUE_FEEDS = [
    Feed("BBCOne.uk", "HD", "HD"),
    Feed("France3.fr", "ParisIledeFrance", "Paris"),
]
CATALOGUE_GUIDES = [Guide("vantagetv.ee", "vmusic", "VantageMusic.ee", None, "V")]


def channel_element(guide_id: str, *names: str) -> str:
    shown = "".join(f"<display-name>{name}</display-name>" for name in names)
    return f'<channel id="{guide_id}">{shown}</channel>'


def programme_element(
    channel: str, start: str, stop: str | None, title: str = "News"
) -> str:
    stop_attribute = f' stop="{stop} +0000"' if stop else ""
    return (
        f'<programme channel="{channel}" start="{start} +0000"{stop_attribute}>'
        f"<title>{title}</title></programme>"
    )


def guide(*elements: str) -> bytes:
    body = "\n".join(elements)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<tv>\n{body}\n</tv>\n'.encode()


# Three channels, four programmes on 10 May 2026 (UTC).
SMALL_GUIDE = guide(
    channel_element("BBCOne.uk", "BBC One"),
    channel_element("France3.fr@ParisIledeFrance", "France 3 Paris"),
    channel_element("mystery", "Mystery Channel"),
    programme_element("BBCOne.uk", "20260510060000", "20260510070000", "Breakfast"),
    programme_element("BBCOne.uk", "20260510070000", "20260510080000", "Bargain"),
    programme_element(
        "France3.fr@ParisIledeFrance", "20260510060000", "20260510063000", "Info"
    ),
    programme_element("mystery", "20260510060000", "20260510070000", "Who"),
)


class BytesGuideSource:
    """A guide held in memory, delivered through the real decompression and
    sniffing, or an error raised when it is opened."""

    def __init__(self, origin: str, data: bytes | TvnexaError) -> None:
        self.origin = origin
        self.data = data
        self.closed = False

    def open(self) -> BinaryIO:
        if isinstance(self.data, TvnexaError):
            raise self.data
        return guide_stream(iter([self.data]), self.origin, on_close=self.close)

    def close(self) -> None:
        self.closed = True


class FakeGuideSources:
    """Each source name's guide, as the test publishes it."""

    def __init__(self) -> None:
        self.guides: dict[str, bytes | TvnexaError] = {}
        self.opened: list[BytesGuideSource] = []

    def publish(self, name: str, data: bytes | TvnexaError) -> None:
        self.guides[name] = data

    def source_for(self, settings: GuideSourceSettings) -> GuideSource:
        source = BytesGuideSource(f"{settings.name}.xml", self.guides[settings.name])
        self.opened.append(source)
        return source


class RecordingStage:
    """A stage that remembers the batch sizes it was given and how it ended."""

    def __init__(self, stage: InMemoryProgrammeStage) -> None:
        self.stage = stage
        self.batches: list[int] = []
        self.ending: str | None = None

    def add(self, programmes: Sequence[Programme]) -> None:
        self.batches.append(len(programmes))
        self.stage.add(programmes)

    def commit(self, matches: Sequence[ChannelMatch]) -> ReplaceCounts:
        self.ending = "commit"
        return self.stage.commit(matches)

    def discard(self) -> None:
        self.ending = "discard"
        self.stage.discard()


class RecordingWriter:
    def __init__(self, store: InMemoryProgrammeStore) -> None:
        self.writer = InMemoryProgrammeWriter(store)
        self.stages: list[RecordingStage] = []
        self.deletions: list[datetime] = []
        self.deletion_error: TvnexaError | None = None

    def stage(self, source: str, priority: int) -> RecordingStage:
        stage = RecordingStage(self.writer.stage(source, priority))
        self.stages.append(stage)
        return stage

    def delete_ended_before(self, moment: datetime) -> int:
        if self.deletion_error is not None:
            raise self.deletion_error
        self.deletions.append(moment)
        return self.writer.delete_ended_before(moment)


class GuideWorld:
    """IngestGuide on in-memory adapters, a small catalogue, a fixed clock."""

    def __init__(self, batch_size: int = 2, retention_days: float | None = None):
        self.catalogue = InMemoryCatalogStore()
        catalogue_writer = InMemoryCatalogWriter(self.catalogue)
        catalogue_writer.replace(Dataset.CHANNELS, CATALOGUE_CHANNELS)
        catalogue_writer.replace(Dataset.FEEDS, CATALOGUE_FEEDS)
        catalogue_writer.replace(Dataset.GUIDES, CATALOGUE_GUIDES)
        self.store = InMemoryProgrammeStore()
        self.writer = RecordingWriter(self.store)
        self.reader = InMemoryProgrammeReader(self.store)
        self.run_store = InMemoryRunStore()
        self.runs = InMemoryRunLog(self.run_store)
        self.history = InMemoryRunHistory(self.run_store)
        self.clock = FixedClock(NOW)
        self.lock = InMemoryJobLock(lambda: self.clock.now().timestamp())
        self.sources = FakeGuideSources()
        self.ingest = IngestGuide(
            self.sources,
            LxmlXmltvParser(),
            self.writer,
            InMemoryCatalogReader(self.catalogue),
            self.runs,
            self.clock,
            GuideIngestSettings(batch_size=batch_size, retention_days=retention_days),
            lock=self.lock,
            holder="test",
            lease=LEASE,
        )

    def stored(self) -> list[ScheduledProgramme]:
        return sorted(
            self.store.programmes.values(),
            key=lambda p: (p.guide_channel, p.start),
        )

    def recorded_runs(self, dataset: str) -> list[IngestionRun]:
        page = self.history.runs(RunFilter(dataset=dataset), PageRequest())
        return list(page.items)


def settings(
    name: str = "uk",
    priority: int = 0,
    site: str | None = None,
    correction_seconds: int = 0,
    id_map: dict[str, str] | None = None,
) -> GuideSourceSettings:
    return GuideSourceSettings(
        name=name,
        location=f"https://example.org/{name}.xml",
        priority=priority,
        site=site,
        correction_seconds=correction_seconds,
        id_map=id_map or {},
    )
