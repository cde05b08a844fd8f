"""GuideJob: a guide source's scheduled ingest waits for the catalogue it matches to."""

from __future__ import annotations

import dataclasses

import pytest

from tests.unit.application.test_guide_support import (
    NOW,
    SMALL_GUIDE,
    GuideWorld,
    settings,
)
from tvnexa.application.guide_jobs import GuideJob, UnknownGuideSource
from tvnexa.application.guide_runs import guide_lock_name
from tvnexa.application.leases import lock_name
from tvnexa.application.scheduling import JobOutcomeKind
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import IngestionRun, RunStatus


def record(world: GuideWorld, dataset: Dataset, status: RunStatus) -> None:
    run = world.runs.start(IngestionRun(dataset.value, NOW))
    world.runs.finish(dataclasses.replace(run, status=status, finished_at=NOW))


def settle(world: GuideWorld, *datasets: Dataset) -> None:
    for dataset in datasets:
        record(world, dataset, RunStatus.SUCCEEDED)


@pytest.fixture
def world() -> GuideWorld:
    world = GuideWorld()
    world.sources.publish("uk", SMALL_GUIDE)
    return world


def job(world: GuideWorld) -> GuideJob:
    return GuideJob(world.ingest, {"uk": settings("uk")}, world.lock)


def test_a_source_runs_once_the_catalogue_has_been_ingested(world: GuideWorld) -> None:
    settle(world, Dataset.CHANNELS, Dataset.FEEDS, Dataset.GUIDES)

    outcome = job(world).execute("uk")

    assert outcome.kind is JobOutcomeKind.RAN
    assert outcome.run is not None and outcome.run.status is RunStatus.SUCCEEDED
    assert not outcome.failed
    assert len(world.stored()) == 4


def test_a_source_is_held_back_until_its_parents_were_ever_ingested(
    world: GuideWorld,
) -> None:
    settle(world, Dataset.CHANNELS, Dataset.FEEDS)
    record(world, Dataset.GUIDES, RunStatus.FAILED)

    outcome = job(world).execute("uk")

    assert outcome.kind is JobOutcomeKind.HELD_BACK
    assert outcome.reason == "never ingested: guides"
    assert world.recorded_runs("guide:uk") == []


def test_an_older_snapshot_without_guides_does_not_hold_sources_back(
    world: GuideWorld,
) -> None:
    settle(world, Dataset.CHANNELS, Dataset.FEEDS)
    record(world, Dataset.GUIDES, RunStatus.UNPUBLISHED)

    assert job(world).execute("uk").kind is JobOutcomeKind.RAN


def test_a_source_waits_while_a_parent_is_being_ingested(world: GuideWorld) -> None:
    settle(world, Dataset.CHANNELS, Dataset.FEEDS, Dataset.GUIDES)
    world.lock.acquire(lock_name(Dataset.GUIDES), "catalogue worker", 60)

    outcome = job(world).execute("uk")

    assert outcome.kind is JobOutcomeKind.WAITING
    assert outcome.reason == "being ingested now: guides"


def test_a_source_another_worker_ingests_is_busy(world: GuideWorld) -> None:
    settle(world, Dataset.CHANNELS, Dataset.FEEDS, Dataset.GUIDES)
    world.lock.acquire(guide_lock_name("uk"), "other worker", 60)

    outcome = job(world).execute("uk")

    assert outcome.kind is JobOutcomeKind.BUSY
    assert world.recorded_runs("guide:uk") == []


def test_a_failed_run_is_a_failed_outcome(world: GuideWorld) -> None:
    settle(world, Dataset.CHANNELS, Dataset.FEEDS, Dataset.GUIDES)
    world.sources.publish("uk", b"")

    outcome = job(world).execute("uk")

    assert outcome.kind is JobOutcomeKind.RAN
    assert outcome.failed


def test_a_source_no_longer_configured_is_an_error(world: GuideWorld) -> None:
    with pytest.raises(UnknownGuideSource, match="'gone'"):
        job(world).execute("gone")
