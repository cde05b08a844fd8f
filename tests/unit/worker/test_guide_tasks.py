"""The guide tasks in Huey's immediate mode, on in-memory adapters: each source
follows the catalogue's guides dataset and its own schedule."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from huey import MemoryHuey

from tests.unit.application.test_guide_support import (
    LEASE,
    SMALL_GUIDE,
    FakeGuideSources,
    settings,
)
from tests.unit.application.test_ingest_job import sample_records
from tests.unit.application.test_sync_dataset import World
from tvnexa.adapters.memory.jobs import InMemoryJobLock
from tvnexa.adapters.memory.programmes import (
    InMemoryProgrammeStore,
    InMemoryProgrammeWriter,
)
from tvnexa.adapters.memory.runs import InMemoryRunLog
from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.application.guide_jobs import GuideJob
from tvnexa.application.guide_settings import ConfiguredGuideSource, GuideIngestSettings
from tvnexa.application.guides import IngestGuide
from tvnexa.application.ports import RunFilter
from tvnexa.application.scheduling import IngestJob, lock_name
from tvnexa.domain.datasets import Dataset, dependency_order
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.paging import PageRequest
from tvnexa.entrypoints.worker.cron import InvalidSchedule
from tvnexa.entrypoints.worker.guide_tasks import guide_schedules, register_guide_tasks
from tvnexa.entrypoints.worker.tasks import TaskSettings, register_tasks

SETTINGS = TaskSettings(
    retries=2, retry_delay_seconds=30, retry_backoff=2.0, waiting_delay_seconds=5
)
SOURCES = (
    ConfiguredGuideSource(settings("uk"), schedule="0 5 * * *"),
    ConfiguredGuideSource(settings("fr"), schedule=None),
)


class GuideWorker:
    """One immediate Huey with the catalogue's tasks and the guide tasks,
    sharing one run history, one catalogue and one set of leases."""

    def __init__(self) -> None:
        self.world = World()
        self.lock = InMemoryJobLock(lambda: self.world.clock.now().timestamp())
        self.programmes = InMemoryProgrammeStore()
        self.sources = FakeGuideSources()
        self.sources.publish("uk", SMALL_GUIDE)
        self.sources.publish("fr", SMALL_GUIDE)
        self.holders = itertools.count()
        self.huey = MemoryHuey("tvnexa-guide-test", results=False)
        self.huey.immediate = True
        self.guide_tasks = register_guide_tasks(
            self.huey,
            jobs=self.guide_job,
            claims=self.lock,
            clock=self.world.clock,
            sources=SOURCES,
            settings=SETTINGS,
            holder=self.holder,
        )
        self.tasks = register_tasks(
            self.huey,
            jobs=self.ingest_job,
            claims=self.lock,
            clock=self.world.clock,
            schedules={},
            settings=SETTINGS,
            holder=self.holder,
            extra_children=self.guide_tasks.extra_children,
        )

    def holder(self) -> str:
        return f"worker:{next(self.holders)}"

    def ingest_job(self) -> IngestJob:
        return IngestJob(self.world.sync, self.lock, self.tasks.queue, self.holder())

    def guide_job(self) -> GuideJob:
        ingest = IngestGuide(
            self.sources,
            LxmlXmltvParser(),
            InMemoryProgrammeWriter(self.programmes),
            self.world.reader,
            InMemoryRunLog(self.world.run_store),
            self.world.clock,
            GuideIngestSettings(retention_days=None),
            lock=self.lock,
            holder=self.holder(),
            lease=LEASE,
        )
        return GuideJob(ingest, {s.name: s.settings for s in SOURCES}, self.lock)

    def catalogue_up_to(self, last: Dataset) -> None:
        """Publish every dataset and ingest those up to `last`, directly."""
        for dataset in Dataset:
            self.world.source.publish(dataset, sample_records(dataset))
        for dataset in dependency_order():
            self.world.sync.execute(dataset)
            if dataset is last:
                return

    def runs(self, dataset: str) -> list[IngestionRun]:
        page = self.world.history.runs(RunFilter(dataset=dataset), PageRequest())
        return list(page.items)


@pytest.fixture
def worker() -> GuideWorker:
    return GuideWorker()


def seconds_from_now(moment: datetime) -> float:
    return (moment - datetime.now(UTC).replace(tzinfo=None)).total_seconds()


def test_a_changed_guides_dataset_enqueues_every_guide_source(
    worker: GuideWorker,
) -> None:
    worker.catalogue_up_to(Dataset.FEEDS)

    worker.tasks.ingest(Dataset.GUIDES.value, reason="test")

    assert [r.status for r in worker.runs("guides")] == [RunStatus.SUCCEEDED]
    assert [r.status for r in worker.runs("guide:uk")] == [RunStatus.SUCCEEDED]
    assert [r.status for r in worker.runs("guide:fr")] == [RunStatus.SUCCEEDED]


def test_an_unchanged_guides_dataset_enqueues_no_guide_source(
    worker: GuideWorker,
) -> None:
    worker.catalogue_up_to(Dataset.GUIDES)

    worker.tasks.ingest(Dataset.GUIDES.value, reason="test")

    assert worker.runs("guides")[0].status is RunStatus.UNCHANGED
    assert worker.runs("guide:uk") == []


def test_other_datasets_changing_enqueue_no_guide_source(worker: GuideWorker) -> None:
    worker.catalogue_up_to(Dataset.GUIDES)

    worker.tasks.ingest(Dataset.BLOCKLIST.value, reason="test")

    assert worker.runs("blocklist")[0].status is RunStatus.SUCCEEDED
    assert worker.runs("guide:uk") == []


def test_a_guide_task_before_any_catalogue_is_held_back_without_a_retry(
    worker: GuideWorker,
) -> None:
    worker.guide_tasks.enqueue("uk", reason="startup")

    assert worker.runs("guide:uk") == []
    assert worker.huey.scheduled_count() == 0


def test_a_guide_task_waits_while_the_guides_dataset_is_being_ingested(
    worker: GuideWorker,
) -> None:
    worker.catalogue_up_to(Dataset.GUIDES)
    worker.lock.acquire(lock_name(Dataset.GUIDES), "another worker", 60)

    worker.guide_tasks.enqueue("uk", reason="test")

    assert worker.runs("guide:uk") == []
    [later] = worker.huey.scheduled()
    assert later.args == ("uk",)
    assert later.retries == SETTINGS.retries
    assert 3 < seconds_from_now(later.eta) <= SETTINGS.waiting_delay_seconds


def test_a_failed_guide_run_is_retried_with_backoff(worker: GuideWorker) -> None:
    worker.catalogue_up_to(Dataset.GUIDES)
    worker.sources.publish("uk", b"")

    worker.guide_tasks.enqueue("uk", reason="test")

    [failed] = worker.runs("guide:uk")
    assert failed.status is RunStatus.FAILED
    [retry] = worker.huey.scheduled()
    assert retry.retries == SETTINGS.retries - 1
    assert 25 < seconds_from_now(retry.eta) <= SETTINGS.retry_delay_seconds

    worker.sources.publish("uk", SMALL_GUIDE)
    [due] = worker.huey.read_schedule(retry.eta)
    worker.huey.execute(due, timestamp=retry.eta)

    assert [r.status for r in worker.runs("guide:uk")] == [
        RunStatus.SUCCEEDED,
        RunStatus.FAILED,
    ]


def test_a_task_for_a_source_no_longer_configured_is_dropped(
    worker: GuideWorker,
) -> None:
    worker.catalogue_up_to(Dataset.GUIDES)

    worker.guide_tasks.enqueue("gone", reason="test")

    assert worker.runs("guide:gone") == []
    assert worker.huey.scheduled_count() == 0


def test_a_scheduled_source_has_a_periodic_task_that_fires_by_its_cron(
    worker: GuideWorker,
) -> None:
    due = worker.huey.read_periodic(datetime(2026, 5, 10, 5, 0))
    not_due = worker.huey.read_periodic(datetime(2026, 5, 10, 5, 1))

    assert set(worker.guide_tasks.triggers) == {"uk"}
    assert [type(task).__name__ for task in due] == ["schedule_guide_uk"]
    assert not_due == []


def test_two_copies_of_a_guide_trigger_run_the_ingest_once(
    worker: GuideWorker,
) -> None:
    worker.catalogue_up_to(Dataset.GUIDES)
    trigger = worker.guide_tasks.triggers["uk"]

    worker.huey.enqueue(trigger.s())
    worker.huey.enqueue(trigger.s())

    assert len(worker.runs("guide:uk")) == 1
    worker.world.clock.advance(timedelta(days=1).total_seconds())
    worker.huey.enqueue(trigger.s())
    assert len(worker.runs("guide:uk")) == 2


def test_startup_enqueues_every_source(worker: GuideWorker) -> None:
    worker.catalogue_up_to(Dataset.GUIDES)

    worker.guide_tasks.enqueue_all(reason="startup")

    assert len(worker.runs("guide:uk")) == len(worker.runs("guide:fr")) == 1


def test_without_sources_nothing_follows_the_guides_dataset() -> None:
    huey = MemoryHuey("tvnexa-guide-empty", results=False)
    tasks = register_guide_tasks(
        huey,
        jobs=lambda: pytest.fail("no job runs"),
        claims=InMemoryJobLock(lambda: 0.0),
        clock=World().clock,
        sources=(),
        settings=SETTINGS,
        holder=lambda: "h",
    )

    assert tasks.extra_children == {}
    assert tasks.triggers == {}


def test_a_schedule_that_is_not_cron_names_its_source() -> None:
    broken = ConfiguredGuideSource(settings("uk"), schedule="every day")

    with pytest.raises(InvalidSchedule, match=r"guides\.sources\[uk\]\.schedule"):
        guide_schedules([broken])
