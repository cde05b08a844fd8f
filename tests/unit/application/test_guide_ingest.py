"""IngestGuide on in-memory adapters: each rule of one guide's ingest."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from tests.unit.application.test_guide_support import (
    EVER,
    NOW,
    SMALL_GUIDE,
    GuideWorld,
    channel_element,
    guide,
    programme_element,
    settings,
)
from tvnexa.application.guide_runs import guide_lock_name
from tvnexa.domain.errors import StorageError
from tvnexa.domain.guide_errors import GuideSourceError
from tvnexa.domain.ingestion import IngestionRun, ProblemKind, RunStatus
from tvnexa.domain.schedules import MatchMethod


@pytest.fixture
def world() -> GuideWorld:
    return GuideWorld()


def problems(run: IngestionRun, kind: ProblemKind) -> dict[str, str]:
    return {p.field: p.reason for p in run.problems if p.kind is kind}


def titles(world: GuideWorld) -> list[tuple[str, str]]:
    return [(p.guide_channel, p.title) for p in world.stored()]


def test_a_guide_is_stored_matched_and_recorded_as_a_guide_run(
    world: GuideWorld,
) -> None:
    world.sources.publish("uk", SMALL_GUIDE)

    run = world.ingest.execute(settings("uk", priority=5))

    assert run.dataset == "guide:uk"
    assert run.status is RunStatus.SUCCEEDED
    assert (run.counts.added, run.counts.removed, run.rejected) == (4, 0, 0)
    assert world.recorded_runs("guide:uk")[0].status is RunStatus.SUCCEEDED
    [breakfast, bargain] = world.reader.schedules(["BBCOne.uk"], EVER)["BBCOne.uk"]
    assert (breakfast.title, breakfast.source, breakfast.priority) == (
        "Breakfast",
        "uk",
        5,
    )
    assert breakfast.start == datetime(2026, 5, 10, 6, 0, tzinfo=UTC)
    assert bargain.title == "Bargain"
    [info] = world.reader.schedules(["France3.fr"], EVER)["France3.fr"]
    assert (info.feed, info.title) == ("ParisIledeFrance", "Info")


def test_every_guide_channel_records_how_it_matched(world: GuideWorld) -> None:
    world.sources.publish("uk", SMALL_GUIDE)

    world.ingest.execute(settings("uk"))

    stored = {m.guide_channel.id: m for m in world.store.matches.values()}
    assert stored["BBCOne.uk"].method is MatchMethod.EXACT
    assert stored["France3.fr@ParisIledeFrance"].method is MatchMethod.CHANNEL_FEED
    assert not stored["mystery"].matched


def test_unmatched_guide_channels_are_counted_and_listed(world: GuideWorld) -> None:
    world.sources.publish("uk", SMALL_GUIDE)

    run = world.ingest.execute(settings("uk"))

    [unmatched] = [p for p in run.problems if p.kind is ProblemKind.UNMATCHED]
    assert run.dangling == 1
    assert unmatched.position == 2
    assert unmatched.reason == (
        "'mystery' ('Mystery Channel') matches no catalogue channel"
    )
    assert problems(run, ProblemKind.NOTE)["matching"] == (
        "2 of 3 guide channels matched: channel_feed 1, exact 1"
    )


def test_the_source_settings_drive_matching(world: GuideWorld) -> None:
    world.sources.publish(
        "ee",
        guide(
            channel_element("vmusic"),
            channel_element("mystery"),
            programme_element("vmusic", "20260510060000", "20260510070000"),
            programme_element("mystery", "20260510060000", "20260510070000"),
        ),
    )

    run = world.ingest.execute(
        settings("ee", site="vantagetv.ee", id_map={"mystery": "Arte.fr"})
    )

    assert run.dangling == 0
    methods = {m.guide_channel.id: m.method for m in world.store.matches.values()}
    assert methods == {
        "vmusic": MatchMethod.GUIDES_JSON,
        "mystery": MatchMethod.ID_MAP,
    }


def test_a_programme_on_an_undeclared_channel_is_matched_by_its_id(
    world: GuideWorld,
) -> None:
    world.sources.publish(
        "uk", guide(programme_element("Arte.fr", "20260510060000", "20260510070000"))
    )

    run = world.ingest.execute(settings("uk"))

    assert run.status is RunStatus.SUCCEEDED
    [match] = world.store.matches.values()
    assert (match.channel, match.method) == ("Arte.fr", MatchMethod.EXACT)
    assert problems(run, ProblemKind.ANOMALY) == {"undeclared_channel": "1 times: kept"}


def test_programmes_reach_storage_in_batches_never_all_at_once() -> None:
    world = GuideWorld(batch_size=2)
    programmes = [
        programme_element(
            "BBCOne.uk", f"2026051006{m:02d}00", f"2026051006{m + 1:02d}00"
        )
        for m in range(5)
    ]
    world.sources.publish("uk", guide(channel_element("BBCOne.uk"), *programmes))

    run = world.ingest.execute(settings("uk"))

    [stage] = world.writer.stages
    assert stage.batches == [2, 2, 1]
    assert stage.ending == "commit"
    assert run.counts.added == 5


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "the guide is empty"),
        (b"   \n", "the guide is empty"),
        (SMALL_GUIDE[: len(SMALL_GUIDE) // 2], "the guide stops before its end"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "an HTML page"),
        (b"<rss><channel><title>x</title></channel></rss>", "uk.xml"),
        (guide(channel_element("BBCOne.uk")), "the guide holds no readable programme"),
        (
            guide(programme_element("BBCOne.uk", "20260510060000", "2026")),
            "the guide holds no readable programme (1 rejected)",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "truncated",
        "html",
        "not-xmltv",
        "no-programmes",
        "all-bad",
    ],
)
def test_a_guide_that_is_not_a_whole_xmltv_guide_fails_and_changes_nothing(
    world: GuideWorld, data: bytes, error: str
) -> None:
    world.sources.publish("uk", SMALL_GUIDE)
    world.ingest.execute(settings("uk"))
    stored_before = world.stored()
    matches_before = dict(world.store.matches)
    world.sources.publish("uk", data)

    run = world.ingest.execute(settings("uk"))

    assert run.status is RunStatus.FAILED
    assert run.error is not None and error in run.error
    assert world.stored() == stored_before
    assert world.store.matches == matches_before
    # A guide refused before parsing never gets a stage; a later failure
    # discards the one it had.
    assert [stage.ending for stage in world.writer.stages][1:] in ([], ["discard"])
    assert world.sources.opened[-1].closed


def test_a_failed_guide_discards_its_stage(world: GuideWorld) -> None:
    world.sources.publish("uk", SMALL_GUIDE[: len(SMALL_GUIDE) - 20])

    world.ingest.execute(settings("uk"))

    [stage] = world.writer.stages
    assert stage.ending == "discard"
    assert world.stored() == []


def test_a_source_that_cannot_deliver_fails_the_run(world: GuideWorld) -> None:
    world.sources.publish("uk", GuideSourceError("GET uk.xml: HTTP 503"))

    run = world.ingest.execute(settings("uk"))

    assert run.status is RunStatus.FAILED
    assert run.error == "GET uk.xml: HTTP 503"
    assert run.finished_at == NOW
    assert world.writer.stages == []


def test_an_unexpected_error_fails_the_run_and_discards_the_stage(
    world: GuideWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.sources.publish("uk", SMALL_GUIDE)

    def broken(*arguments: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(
        "tvnexa.application.guides.match_guide_channels", broken, raising=True
    )
    run = world.ingest.execute(settings("uk"))

    assert run.status is RunStatus.FAILED
    assert run.error == "RuntimeError: a bug"
    assert world.writer.stages[0].ending == "discard"


def test_rejected_programmes_are_counted_and_listed_at_their_line(
    world: GuideWorld,
) -> None:
    world.sources.publish(
        "uk",
        guide(
            channel_element("BBCOne.uk"),
            programme_element("BBCOne.uk", "20260510060000", "20260510070000"),
            programme_element("BBCOne.uk", "20260510080000", "20260510070000"),
            programme_element("BBCOne.uk", "2026-05-10", "20260510070000"),
        ),
    )

    run = world.ingest.execute(settings("uk"))

    rejected = [p for p in run.problems if p.kind is ProblemKind.REJECTED]
    assert run.status is RunStatus.SUCCEEDED
    assert (run.rejected, run.counts.added) == (2, 1)
    assert [(p.position, p.field) for p in rejected] == [
        (5, "stop_before_start"),
        (6, "bad_time"),
    ]


def test_anomalies_are_recorded_with_their_counts_and_what_was_done(
    world: GuideWorld,
) -> None:
    world.sources.publish(
        "uk",
        guide(
            channel_element("BBCOne.uk"),
            channel_element("BBCOne.uk", "BBC 1"),
            programme_element("BBCOne.uk", "20260510060000", None),
            programme_element("BBCOne.uk", "20260510070000", "20260510080000"),
        ),
    )

    run = world.ingest.execute(settings("uk"))

    assert problems(run, ProblemKind.ANOMALY) == {
        "duplicate_channel": "1 times: merged",
        "missing_stop": "1 times: kept; the stop is the next start on the channel",
    }
    assert "1 stops filled" in problems(run, ProblemKind.NOTE)["storage"]
    [first, _] = world.stored()
    assert first.stop == datetime(2026, 5, 10, 7, 0, tzinfo=UTC)


def test_the_time_correction_is_applied_and_recorded(world: GuideWorld) -> None:
    world.sources.publish("uk", SMALL_GUIDE)

    run = world.ingest.execute(settings("uk", correction_seconds=-3600))

    assert problems(run, ProblemKind.NOTE)["correction_seconds"] == (
        "-3600 seconds added to every start and stop"
    )
    breakfast = world.reader.schedules(["BBCOne.uk"], EVER)["BBCOne.uk"][0]
    assert breakfast.start == datetime(2026, 5, 10, 5, 0, tzinfo=UTC)
    assert breakfast.stop == datetime(2026, 5, 10, 6, 0, tzinfo=UTC)


def test_no_correction_is_recorded_as_such(world: GuideWorld) -> None:
    world.sources.publish("uk", SMALL_GUIDE)

    run = world.ingest.execute(settings("uk"))

    assert problems(run, ProblemKind.NOTE)["correction_seconds"] == (
        "no time correction"
    )


def test_a_new_guide_replaces_the_programmes_of_the_window_it_covers(
    world: GuideWorld,
) -> None:
    world.sources.publish("uk", SMALL_GUIDE)
    world.ingest.execute(settings("uk"))
    world.sources.publish(
        "uk",
        guide(
            channel_element("BBCOne.uk"),
            programme_element("BBCOne.uk", "20260510070000", "20260510090000", "Film"),
        ),
    )

    run = world.ingest.execute(settings("uk"))

    assert (run.counts.added, run.counts.removed) == (1, 1)
    assert titles(world) == [
        ("BBCOne.uk", "Breakfast"),
        ("BBCOne.uk", "Film"),
        ("France3.fr@ParisIledeFrance", "Info"),
        ("mystery", "Who"),
    ]


def test_retention_deletes_programmes_ended_long_ago_after_a_success() -> None:
    world = GuideWorld(retention_days=2)
    old = NOW - timedelta(days=3)
    world.sources.publish(
        "uk",
        guide(
            channel_element("BBCOne.uk"),
            programme_element(
                "BBCOne.uk",
                f"{old:%Y%m%d%H%M%S}",
                f"{old + timedelta(hours=1):%Y%m%d%H%M%S}",
            ),
            programme_element("BBCOne.uk", "20260510060000", "20260510070000"),
        ),
    )

    run = world.ingest.execute(settings("uk"))

    assert world.writer.deletions == [NOW - timedelta(days=2)]
    assert [p.start for p in world.stored()] == [datetime(2026, 5, 10, 6, tzinfo=UTC)]
    assert problems(run, ProblemKind.NOTE)["retention"] == (
        "1 programmes that ended before 2026-05-08T12:00:00+00:00 deleted"
    )


def test_retention_waits_for_a_successful_run() -> None:
    world = GuideWorld(retention_days=2)
    world.sources.publish("uk", b"")

    world.ingest.execute(settings("uk"))

    assert world.writer.deletions == []


def test_without_a_retention_window_every_programme_stays(world: GuideWorld) -> None:
    world.sources.publish("uk", SMALL_GUIDE)

    run = world.ingest.execute(settings("uk"))

    assert world.writer.deletions == []
    assert "retention" not in problems(run, ProblemKind.NOTE)


def test_a_retention_that_fails_leaves_the_stored_guide_succeeded() -> None:
    world = GuideWorld(retention_days=2)
    world.writer.deletion_error = StorageError("database is locked")
    world.sources.publish("uk", SMALL_GUIDE)

    run = world.ingest.execute(settings("uk"))

    assert run.status is RunStatus.SUCCEEDED
    assert problems(run, ProblemKind.NOTE)["retention"] == (
        "not applied: database is locked"
    )
    assert len(world.stored()) == 4


def test_a_source_ingested_elsewhere_is_recorded_as_skipped(world: GuideWorld) -> None:
    world.sources.publish("uk", SMALL_GUIDE)
    world.lock.acquire(guide_lock_name("uk"), "other worker", 60)

    run = world.ingest.execute(settings("uk"))

    assert run.status is RunStatus.SKIPPED
    assert run.error == "another worker is ingesting it"
    assert world.stored() == []


def test_a_job_that_finds_the_source_busy_records_nothing(world: GuideWorld) -> None:
    world.lock.acquire(guide_lock_name("uk"), "other worker", 60)

    assert world.ingest.execute_if_free(settings("uk")) is None
    assert world.recorded_runs("guide:uk") == []


def test_the_lease_is_held_during_the_run_and_released_after(
    world: GuideWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.sources.publish("uk", SMALL_GUIDE)
    held: list[bool] = []
    original = world.ingest.store

    def store_and_look(*arguments: object) -> object:
        held.append(world.lock.is_held(guide_lock_name("uk")))
        return original(*arguments)

    monkeypatch.setattr(world.ingest, "store", store_and_look)
    world.ingest.execute(settings("uk"))

    assert held == [True]
    assert not world.lock.is_held(guide_lock_name("uk"))


def test_runs_a_dead_worker_left_running_are_marked_abandoned(
    world: GuideWorld,
) -> None:
    dead = world.runs.start(IngestionRun("guide:uk", NOW - timedelta(hours=1)))
    world.sources.publish("uk", SMALL_GUIDE)

    world.ingest.execute(settings("uk"))

    [latest, abandoned] = world.recorded_runs("guide:uk")
    assert abandoned.id == dead.id
    assert abandoned.status is RunStatus.FAILED
    assert abandoned.error is not None and abandoned.error.startswith("abandoned")
    assert latest.status is RunStatus.SUCCEEDED


def test_sources_keep_their_own_runs_and_programmes(world: GuideWorld) -> None:
    world.sources.publish("uk", SMALL_GUIDE)
    world.sources.publish("fr", SMALL_GUIDE)

    world.ingest.execute(settings("uk"))
    world.ingest.execute(settings("fr"))

    assert len(world.recorded_runs("guide:uk")) == 1
    assert len(world.recorded_runs("guide:fr")) == 1
    assert {p.source for p in world.stored()} == {"uk", "fr"}
    assert len(world.stored()) == 8


def test_each_run_logs_one_summary_line(
    world: GuideWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world.sources.publish("uk", SMALL_GUIDE)
    caplog.set_level(logging.INFO, logger="tvnexa.application")

    world.ingest.execute(settings("uk"))

    [line] = [r.getMessage() for r in caplog.records if r.name.startswith("tvnexa.app")]
    assert line.startswith("guide ingest guide:uk succeeded: inserted=4 replaced=0")
    assert "unmatched=1" in line
