"""The job graph on in-memory adapters: order, holding back, leases."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest

from tests.unit.application.test_sync_dataset import World
from tvnexa.adapters.memory.jobs import InMemoryJobLock, InMemoryJobQueue
from tvnexa.application.leases import ABANDONED
from tvnexa.application.ports import FetchedDataset, NotModified, RunFilter
from tvnexa.application.scheduling import (
    IngestJob,
    JobOutcome,
    JobOutcomeKind,
    JobSettings,
    lock_name,
)
from tvnexa.domain import catalogue as c
from tvnexa.domain.catalogue import CatalogueRecord, Category
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import SourceError
from tvnexa.domain.ingestion import IngestionRun, RunStatus, SourceVersion
from tvnexa.domain.paging import PageRequest

LEASE = JobSettings(lease_seconds=60, renew_every_seconds=20)


class Graph:
    def __init__(self) -> None:
        self.world = World()
        self.queue = InMemoryJobQueue()
        self.lock = InMemoryJobLock(lambda: self.world.clock.now().timestamp())
        self.job = IngestJob(self.world.sync, self.lock, self.queue, "me", LEASE)
        self.outcomes: list[JobOutcome] = []

    def publish_everything(self) -> None:
        for dataset in Dataset:
            self.world.source.publish(dataset, sample_records(dataset))

    def drain(self, limit: int = 500) -> None:
        """Work the queue as a worker would, putting WAITING jobs back."""
        for _ in range(limit):
            if not self.queue.pending:
                return
            dataset, _reason = self.queue.pending.popleft()
            outcome = self.job.execute(dataset)
            self.outcomes.append(outcome)
            if outcome.kind is JobOutcomeKind.WAITING:
                self.queue.enqueue_ingest(dataset, "retry")
            self.world.clock.advance(1)
        raise AssertionError("the queue did not drain")

    def ran(self) -> list[Dataset]:
        return [o.dataset for o in self.outcomes if o.kind is JobOutcomeKind.RAN]


SAMPLES: dict[Dataset, CatalogueRecord] = {
    Dataset.CATEGORIES: c.Category("news", "News"),
    Dataset.LANGUAGES: c.Language("fra", "French"),
    Dataset.TIMEZONES: c.Timezone("Europe/Paris", "+01:00", ("FR",)),
    Dataset.COUNTRIES: c.Country("FR", "France", ("fra",)),
    Dataset.SUBDIVISIONS: c.Subdivision("FR-IDF", "FR", "Ile-de-France"),
    Dataset.REGIONS: c.Region("EUR", "Europe", ("FR",)),
    Dataset.CITIES: c.City("FRPAR", "FR", "Paris", "FR-IDF"),
    Dataset.CHANNELS: c.Channel("A.fr", "A", "FR"),
    Dataset.FEEDS: c.Feed("A.fr", "SD", "SD", is_main=True),
    Dataset.LOGOS: c.Logo("A.fr", "https://logo/a.png"),
    Dataset.STREAMS: c.Stream("https://stream/a.m3u8", "A.fr", "SD"),
    Dataset.GUIDES: c.Guide("site.fr", "1", "A.fr", "SD"),
    Dataset.BLOCKLIST: c.BlocklistEntry("A.fr", "https://ref/1", "dmca"),
}


def sample_records(dataset: Dataset) -> Sequence[CatalogueRecord]:
    return [SAMPLES[dataset]]


@pytest.fixture
def graph() -> Graph:
    return Graph()


def test_jobs_enqueued_in_any_order_run_in_graph_order(graph: Graph) -> None:
    graph.publish_everything()
    for dataset in reversed(list(Dataset)):
        graph.queue.enqueue_ingest(dataset, "startup")

    graph.drain()

    first_runs: dict[Dataset, int] = {}
    for position, dataset in enumerate(graph.world.source.fetches):
        first_runs.setdefault(dataset, position)
    assert set(first_runs) == set(Dataset)
    for dataset, position in first_runs.items():
        for parent in dataset.parents:
            assert first_runs[parent] < position, (parent, dataset)


def test_a_changed_parent_enqueues_its_children_and_an_unchanged_one_does_not(
    graph: Graph,
) -> None:
    graph.world.source.publish(Dataset.CATEGORIES, [Category("news", "News")])

    changed = graph.job.execute(Dataset.CATEGORIES)
    unchanged = graph.job.execute(Dataset.CATEGORIES)

    assert changed.enqueued == (Dataset.COUNTRIES,)
    assert [d for d, _ in graph.queue.pending] == [Dataset.COUNTRIES]
    assert unchanged.run is not None
    assert unchanged.run.status is RunStatus.UNCHANGED
    assert unchanged.enqueued == ()


def test_a_failed_parent_holds_its_children_back(graph: Graph) -> None:
    graph.publish_everything()
    graph.world.source.fail(Dataset.COUNTRIES, SourceError("HTTP 503"))
    for dataset in Dataset:
        graph.queue.enqueue_ingest(dataset, "startup")

    graph.drain()

    ran = set(graph.ran())
    assert Dataset.COUNTRIES in ran
    assert graph.outcomes[
        [o.dataset for o in graph.outcomes].index(Dataset.COUNTRIES)
    ].failed
    for held in (Dataset.SUBDIVISIONS, Dataset.CITIES, Dataset.CHANNELS):
        assert held not in ran
        assert held not in graph.world.source.fetches
    held_back = [o for o in graph.outcomes if o.kind is JobOutcomeKind.HELD_BACK]
    assert any("countries" in o.reason for o in held_back)


def test_a_child_waits_while_a_parent_is_being_ingested(graph: Graph) -> None:
    graph.publish_everything()
    graph.job.execute(Dataset.CATEGORIES)
    graph.job.execute(Dataset.LANGUAGES)
    graph.job.execute(Dataset.TIMEZONES)
    graph.lock.acquire(lock_name(Dataset.LANGUAGES), "another worker", 60)

    outcome = graph.job.execute(Dataset.COUNTRIES)

    assert outcome.kind is JobOutcomeKind.WAITING
    assert "languages" in outcome.reason
    assert Dataset.COUNTRIES not in graph.world.source.fetches


def test_only_one_worker_ingests_a_dataset_at_a_time(graph: Graph) -> None:
    graph.publish_everything()
    graph.lock.acquire(lock_name(Dataset.CATEGORIES), "another worker", 60)

    outcome = graph.job.execute(Dataset.CATEGORIES)

    assert outcome.kind is JobOutcomeKind.BUSY
    assert graph.world.source.fetches == []


def test_a_dead_workers_lease_expires_and_the_next_run_succeeds(graph: Graph) -> None:
    graph.publish_everything()
    graph.lock.acquire(lock_name(Dataset.CATEGORIES), "dead worker", 60)
    graph.world.clock.advance(61)

    outcome = graph.job.execute(Dataset.CATEGORIES)

    assert outcome.kind is JobOutcomeKind.RAN
    assert outcome.run is not None and outcome.run.status is RunStatus.SUCCEEDED
    assert not graph.lock.is_held(lock_name(Dataset.CATEGORIES))


def test_an_unpublished_parent_does_not_block_its_children(graph: Graph) -> None:
    graph.world.source.publish(Dataset.CATEGORIES, [])
    graph.world.source.publish(Dataset.LANGUAGES, [])
    graph.world.source.publish(Dataset.COUNTRIES, [])
    for dataset in (Dataset.CATEGORIES, Dataset.LANGUAGES, Dataset.TIMEZONES):
        graph.job.execute(dataset)

    outcome = graph.job.execute(Dataset.COUNTRIES)

    assert outcome.kind is JobOutcomeKind.RAN


class SlowSource:
    """Delivers categories after a pause long enough for a lease renewal."""

    def __init__(self, pause: float) -> None:
        self.pause = pause

    def fetch(
        self, dataset: Dataset, previous: SourceVersion | None = None
    ) -> FetchedDataset | NotModified:
        time.sleep(self.pause)
        return FetchedDataset([], [], 0, SourceVersion(digest="x"))


def test_a_long_run_keeps_its_lease_alive() -> None:
    graph = Graph()
    lock = InMemoryJobLock(time.monotonic)
    graph.world.sync.source = SlowSource(pause=0.3)
    settings = JobSettings(lease_seconds=0.1, renew_every_seconds=0.02)
    job = IngestJob(graph.world.sync, lock, graph.queue, "me", settings)
    renewals: list[bool] = []
    original_renew = lock.renew

    def counting_renew(name: str, holder: str, ttl_seconds: float) -> bool:
        renewals.append(original_renew(name, holder, ttl_seconds))
        return renewals[-1]

    lock.renew = counting_renew

    outcome = job.execute(Dataset.CATEGORIES)

    assert outcome.kind is JobOutcomeKind.RAN
    assert len(renewals) >= 5 and all(renewals)
    assert not lock.is_held(lock_name(Dataset.CATEGORIES))


def test_a_run_left_running_by_a_dead_worker_is_marked_abandoned(
    graph: Graph,
) -> None:
    graph.publish_everything()
    dead_run = graph.world.sync.runs.start(
        IngestionRun("categories", graph.world.clock.now())
    )

    outcome = graph.job.execute(Dataset.CATEGORIES)

    assert outcome.kind is JobOutcomeKind.RAN
    stored = graph.world.history.runs(RunFilter(dataset="categories"), PageRequest())
    statuses = {run.id: run.status for run in stored.items}
    assert statuses[dead_run.id] is RunStatus.FAILED
    assert [r.error for r in stored.items if r.id == dead_run.id] == [ABANDONED]
