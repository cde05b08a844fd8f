"""SyncDataset and IngestCatalogue on in-memory adapters."""

from __future__ import annotations

import pytest

from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.memory.jobs import InMemoryJobLock
from tvnexa.adapters.memory.runs import (
    InMemoryRunHistory,
    InMemoryRunLog,
    InMemoryRunStore,
)
from tvnexa.adapters.memory.source import InMemoryCatalogSource
from tvnexa.application.ingestion import IngestCatalogue, IngestionSettings, SyncDataset
from tvnexa.application.leases import lock_name
from tvnexa.application.ports import RunFilter
from tvnexa.domain.catalogue import Category, Channel, Country, Feed, Language, Stream
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import SourceError
from tvnexa.domain.ingestion import Problem, ProblemKind, RunStatus
from tvnexa.domain.paging import PageRequest


class World:
    def __init__(self) -> None:
        self.store = InMemoryCatalogStore()
        self.reader = InMemoryCatalogReader(self.store)
        self.run_store = InMemoryRunStore()
        self.history = InMemoryRunHistory(self.run_store)
        self.source = InMemoryCatalogSource()
        self.clock = FixedClock()
        self.sync = SyncDataset(
            self.source,
            InMemoryCatalogWriter(self.store),
            self.reader,
            InMemoryRunLog(self.run_store),
            self.clock,
            IngestionSettings(max_shrink_share=0.5),
        )
        self.ingest = IngestCatalogue(self.sync, self.clock)


@pytest.fixture
def world() -> World:
    return World()


def channel(cid: str, name: str = "", country: str = "FR") -> Channel:
    return Channel(id=cid, name=name or cid, country=country)


def test_first_sync_adds_everything_and_records_the_run(world: World) -> None:
    world.source.publish(Dataset.CATEGORIES, [Category("news", "News")])

    run = world.sync.execute(Dataset.CATEGORIES)

    assert run.status is RunStatus.SUCCEEDED
    assert (run.counts.added, run.counts.updated, run.counts.removed) == (1, 0, 0)
    assert world.reader.get(Dataset.CATEGORIES, "news") == Category("news", "News")
    stored = world.history.runs(RunFilter(dataset="categories"), PageRequest())
    assert [r.status for r in stored.items] == [RunStatus.SUCCEEDED]
    assert stored.items[0].finished_at is not None


def test_resync_of_the_same_version_is_unchanged_and_writes_nothing(
    world: World,
) -> None:
    world.source.publish(Dataset.CATEGORIES, [Category("news", "News")])
    world.sync.execute(Dataset.CATEGORIES)
    revision = world.history.revision()

    run = world.sync.execute(Dataset.CATEGORIES)

    assert run.status is RunStatus.UNCHANGED
    assert run.counts.unchanged == 1 and not run.counts.changed
    assert world.history.revision() == revision


def test_changes_are_counted_exactly(world: World) -> None:
    world.source.publish(Dataset.CHANNELS, [channel("A.fr"), channel("B.fr")])
    world.sync.execute(Dataset.CHANNELS)
    world.source.publish(
        Dataset.CHANNELS, [channel("A.fr", "A renamed"), channel("C.fr")]
    )

    run = world.sync.execute(Dataset.CHANNELS)

    counts = run.counts
    assert (counts.added, counts.updated, counts.removed, counts.unchanged) == (
        1,
        1,
        1,
        0,
    )
    assert world.reader.get(Dataset.CHANNELS, "A.fr").name == "A renamed"
    assert world.reader.get(Dataset.CHANNELS, "B.fr") is None


def test_duplicates_are_rejected_with_their_position(world: World) -> None:
    world.source.publish(
        Dataset.CATEGORIES,
        [Category("news", "News"), Category("kids", "Kids"), Category("news", "N2")],
    )

    run = world.sync.execute(Dataset.CATEGORIES)

    assert run.rejected == 1
    assert run.problems == (
        Problem(
            ProblemKind.REJECTED,
            "categories",
            2,
            "key",
            "duplicate of the record at position 0",
        ),
    )
    assert world.reader.get(Dataset.CATEGORIES, "news") == Category("news", "News")


def test_positions_skip_records_the_source_rejected(world: World) -> None:
    unreadable = Problem(ProblemKind.REJECTED, "categories", 1, "id", "missing")
    world.source.publish(
        Dataset.CATEGORIES,
        [Category("news", "News"), Category("news", "Again")],
        problems=[unreadable],
    )

    run = world.sync.execute(Dataset.CATEGORIES)

    positions = [(p.position, p.field) for p in run.problems]
    assert positions == [(1, "id"), (2, "key")]
    assert run.rejected == 2


def test_dangling_references_are_kept_and_reported(world: World) -> None:
    world.source.publish(Dataset.COUNTRIES, [Country("FR", "France", ("fra",))])
    world.source.publish(Dataset.LANGUAGES, [Language("fra", "French")])
    world.ingest.execute([Dataset.LANGUAGES, Dataset.COUNTRIES])
    world.source.publish(
        Dataset.CHANNELS,
        [
            channel("A.fr"),
            Channel("B.zz", "B", "ZZ", replaced_by="A.fr@HD"),
            Channel("C.fr", "C", "FR", replaced_by="Gone.fr@SD"),
        ],
    )

    run = world.sync.execute(Dataset.CHANNELS)

    assert run.status is RunStatus.SUCCEEDED
    assert run.counts.added == 3
    assert run.dangling == 2
    assert [(p.position, p.field, p.kind) for p in run.problems] == [
        (1, "country", ProblemKind.DANGLING),
        (2, "replaced_by", ProblemKind.DANGLING),
    ]
    assert "ZZ" in run.problems[0].reason


def test_unmatched_streams_are_not_dangling(world: World) -> None:
    world.source.publish(Dataset.CHANNELS, [channel("A.fr")])
    world.source.publish(Dataset.FEEDS, [Feed("A.fr", "SD", "SD", is_main=True)])
    world.ingest.execute([Dataset.CHANNELS, Dataset.FEEDS])
    world.source.publish(
        Dataset.STREAMS,
        [
            Stream("http://a/1", None, None),
            Stream("http://a/2", "A.fr", "SD"),
            Stream("http://a/3", "A.fr", "HD"),
            Stream("http://a/4", "Nope.fr", None),
        ],
    )

    run = world.sync.execute(Dataset.STREAMS)

    assert [(p.position, p.field) for p in run.problems] == [
        (2, "feed"),
        (3, "channel"),
    ]
    assert world.reader.count(Dataset.STREAMS) == 4


def test_a_failed_fetch_keeps_the_stored_data(world: World) -> None:
    world.source.publish(Dataset.CATEGORIES, [Category("news", "News")])
    world.sync.execute(Dataset.CATEGORIES)
    world.source.fail(Dataset.CATEGORIES, SourceError("HTTP 500 from upstream"))

    run = world.sync.execute(Dataset.CATEGORIES)

    assert run.status is RunStatus.FAILED
    assert run.error == "HTTP 500 from upstream"
    assert world.reader.count(Dataset.CATEGORIES) == 1


def test_a_dataset_that_shrank_sharply_is_refused_unless_forced(world: World) -> None:
    many = [Category(f"c{i}", f"C{i}") for i in range(10)]
    world.source.publish(Dataset.CATEGORIES, many)
    world.sync.execute(Dataset.CATEGORIES)
    world.source.publish(Dataset.CATEGORIES, many[:4])

    refused = world.sync.execute(Dataset.CATEGORIES)
    forced = world.sync.execute(Dataset.CATEGORIES, force=True)

    assert refused.status is RunStatus.REFUSED
    assert "shrank from 10 to 4" in (refused.error or "")
    assert forced.status is RunStatus.SUCCEEDED
    assert forced.counts.removed == 6
    assert world.reader.count(Dataset.CATEGORIES) == 4


def test_unpublished_datasets_are_skipped_without_holding_children(
    world: World,
) -> None:
    world.source.publish(Dataset.COUNTRIES, [Country("FR", "France")])

    runs = world.ingest.execute([Dataset.TIMEZONES, Dataset.COUNTRIES])

    assert [(r.dataset, r.status) for r in runs] == [
        ("timezones", RunStatus.UNPUBLISHED),
        ("countries", RunStatus.SUCCEEDED),
    ]


def test_ingest_runs_in_dependency_order_and_holds_back_children_of_failures(
    world: World,
) -> None:
    for dataset in Dataset:
        world.source.publish(dataset, [])
    world.source.fail(Dataset.COUNTRIES, SourceError("boom"))

    runs = world.ingest.execute()

    order = [r.dataset for r in runs]
    assert order.index("languages") < order.index("countries")
    assert order.index("channels") < order.index("feeds") < order.index("streams")
    statuses = {r.dataset: r.status for r in runs}
    assert statuses["countries"] is RunStatus.FAILED
    assert statuses["categories"] is RunStatus.SUCCEEDED
    for child in ("subdivisions", "regions", "cities", "channels", "blocklist"):
        assert statuses[child] is RunStatus.SKIPPED
    assert Dataset.CHANNELS not in world.source.fetches


def test_an_unexpected_error_fails_the_run_instead_of_escaping(world: World) -> None:
    world.source.fail(Dataset.CATEGORIES, RuntimeError("bug"))

    run = world.sync.execute(Dataset.CATEGORIES)

    assert run.status is RunStatus.FAILED
    assert run.error == "RuntimeError: bug"


def test_a_manual_ingest_skips_a_dataset_another_worker_is_ingesting(
    world: World,
) -> None:
    lock = InMemoryJobLock(lambda: world.clock.now().timestamp())
    ingest = IngestCatalogue(world.sync, world.clock, lock, holder="cli")
    world.source.publish(Dataset.CATEGORIES, [Category("news", "News")])
    world.source.publish(Dataset.LANGUAGES, [Language("fra", "French")])
    lock.acquire(lock_name(Dataset.CATEGORIES), "worker-1", 60)

    runs = ingest.execute([Dataset.CATEGORIES, Dataset.LANGUAGES])

    assert [(r.dataset, r.status) for r in runs] == [
        ("categories", RunStatus.SKIPPED),
        ("languages", RunStatus.SUCCEEDED),
    ]
    assert runs[0].error == "another worker is ingesting it"
    assert Dataset.CATEGORIES not in world.source.fetches
    assert lock.is_held(lock_name(Dataset.CATEGORIES))
    assert not lock.is_held(lock_name(Dataset.LANGUAGES))
