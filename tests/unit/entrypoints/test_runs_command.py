"""`tvnexa runs`: the recent runs printed as a table from the in-memory history."""

from __future__ import annotations

import argparse
import io
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console

from tvnexa.adapters.memory.runs import (
    InMemoryRunHistory,
    InMemoryRunLog,
    InMemoryRunStore,
)
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.ingestion import ChangeCounts, IngestionRun, RunStatus
from tvnexa.entrypoints.runs_command import add_runs_arguments, print_runs, shortened

T0 = datetime(2026, 4, 30, 6, 0, tzinfo=UTC)
HEADINGS = (
    "id",
    "dataset",
    "status",
    "started (UTC)",
    "seconds",
    "added",
    "updated",
    "removed",
    "unchanged",
    "rejected",
    "dangling",
    "error",
)


@pytest.fixture
def history() -> InMemoryRunHistory:
    store = InMemoryRunStore()
    log = InMemoryRunLog(store)
    finished = [
        ("categories", RunStatus.SUCCEEDED, ChangeCounts(added=12), None),
        ("feeds", RunStatus.UNCHANGED, ChangeCounts(unchanged=7), None),
        ("feeds", RunStatus.FAILED, ChangeCounts(), "HTTP 503 [upstream]\ntrace"),
    ]
    for minute, (dataset, status, counts, error) in enumerate(finished):
        run = log.start(IngestionRun(dataset, T0 + timedelta(minutes=minute)))
        run.status, run.counts, run.error = status, counts, error
        run.finished_at = run.started_at + timedelta(seconds=2.5)
        run.rejected, run.dangling = minute, 2 * minute
        log.finish(run)
    log.start(IngestionRun("logos", T0 + timedelta(minutes=5)))
    return InMemoryRunHistory(store)


def printed(history: InMemoryRunHistory, **options: object) -> list[str]:
    output = io.StringIO()
    console = Console(file=output, width=200, color_system=None)
    print_runs(history, console=console, **options)
    return output.getvalue().splitlines()


def row_of(lines: list[str], run_id: int) -> list[str]:
    for line in lines:
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if cells and cells[0] == str(run_id):
            return cells
    raise AssertionError(f"no row for run {run_id} in:\n" + "\n".join(lines))


def test_prints_every_column_newest_first(history: InMemoryRunHistory) -> None:
    lines = printed(history)

    header = next(line for line in lines if "dataset" in line)
    assert all(heading in header for heading in HEADINGS)
    assert row_of(lines, 3) == [
        "3", "feeds", "failed", "2026-04-30 06:02:00", "2.5", "0", "0", "0", "0",
        "2", "4", "HTTP 503 [upstream]…",
    ]  # fmt: skip
    assert row_of(lines, 1)[:6] == (
        ["1", "categories", "succeeded", "2026-04-30 06:00:00", "2.5", "12"]
    )
    assert row_of(lines, 4)[2:5] == ["running", "2026-04-30 06:05:00", "-"]
    ids = [line.split("│")[1].strip() for line in lines if line.count("│") > 5]
    assert ids == ["4", "3", "2", "1"]
    assert "4 of 4, newest first" in lines[-1]


def test_filters_and_limit(history: InMemoryRunHistory) -> None:
    feeds = printed(history, dataset="feeds")
    failed = printed(history, status="failed")
    newest = printed(history, limit=1)

    assert "2 of 2, newest first" in feeds[-1]
    assert row_of(feeds, 2)[1] == "feeds"
    assert "1 of 1, newest first" in failed[-1]
    assert row_of(failed, 3)[2] == "failed"
    assert "1 of 4, newest first" in newest[-1]
    assert row_of(newest, 4)


def test_unknown_names_and_bad_limits_are_refused(
    history: InMemoryRunHistory,
) -> None:
    with pytest.raises(InvalidQuery):
        printed(history, status="done")
    with pytest.raises(InvalidQuery):
        printed(history, dataset="programmes")
    with pytest.raises(ValueError):
        printed(history, limit=0)


def test_arguments_are_checked_by_argparse() -> None:
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_runs_arguments(parser)

    parsed = parser.parse_args(["--dataset", "feeds", "--status", "failed"])

    assert (parsed.dataset, parsed.status, parsed.limit) == ("feeds", "failed", 20)
    assert parser.parse_args(["--limit", "5"]).limit == 5
    with pytest.raises(argparse.ArgumentError):
        parser.parse_args(["--limit", "0"])


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (None, ""),
        ("  ", ""),
        ("HTTP 503", "HTTP 503"),
        ("first line\nsecond", "first line…"),
        ("x" * 80, "x" * 39 + "…"),
    ],
)
def test_errors_are_shortened_to_their_first_line(
    error: str | None, expected: str
) -> None:
    assert shortened(error) == expected


def test_the_runs_command_takes_a_guide_source_as_its_dataset() -> None:
    parser = argparse.ArgumentParser()
    add_runs_arguments(parser)

    assert parser.parse_args(["--dataset", "guide:uk"]).dataset == "guide:uk"
    assert parser.parse_args(["--dataset", "feeds"]).dataset == "feeds"
    with pytest.raises(SystemExit):
        parser.parse_args(["--dataset", "nosuch"])
