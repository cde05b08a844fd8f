"""A worker killed (SIGKILL) in the middle of writing a dataset leaves no partial
data, and once its lease expires the next run succeeds."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.support import TVNEXA_COMMAND, environment, latest_runs, tvnexa
from tvnexa.application.leases import ABANDONED
from tvnexa.application.ports import RunFilter
from tvnexa.containers import build_application
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import RunStatus
from tvnexa.domain.paging import PageRequest
from tvnexa.entrypoints.configuration import load_settings

pytestmark = pytest.mark.e2e

SNAPSHOT = "iptv-org/api-2026-04-30"
LEASE_SECONDS = 4
YEARLY = "0 0 1 1 *"
DEADLINE_SECONDS = 90.0
# The write must be seen busy this long before the kill, so that the kill
# lands in the catalogue write, not in a short bookkeeping write.
BUSY_FOR_SECONDS = 0.3


def worker_settings(data_dir: Path, source: Path) -> dict[str, str]:
    return {
        "TVNEXA_IPTV_ORG_URL": str(source),
        "TVNEXA_JOBS_LEASE_SECONDS": str(LEASE_SECONDS),
        "TVNEXA_JOBS_RENEW_EVERY_SECONDS": "1",
        "TVNEXA_JOBS_RETRIES": "0",
        **{f"TVNEXA_SCHEDULE_{dataset.name}": YEARLY for dataset in Dataset},
    }


def renamed_guides(snapshot: Path, target: Path) -> Path:
    """A copy of the snapshot whose every guide changed: a long write to kill."""
    target.mkdir()
    for dataset in Dataset:
        if dataset is not Dataset.GUIDES:
            os.symlink(
                snapshot / f"{dataset.value}.json", target / f"{dataset.value}.json"
            )
    guides = json.loads((snapshot / "guides.json").read_bytes())
    for guide in guides:
        guide["site_name"] = f"{guide['site_name']} (v2)"
    (target / "guides.json").write_text(json.dumps(guides), encoding="utf-8")
    return target


def guide_names(database: Path) -> tuple[int, int]:
    """How many guides there are, and how many carry the new names."""
    connection = sqlite3.connect(database)
    try:
        total, renamed = connection.execute(
            "SELECT COUNT(*), SUM(site_name LIKE '% (v2)') FROM guides"
        ).fetchone()
        return int(total), int(renamed or 0)
    finally:
        connection.close()


def writer_is_busy(database: Path) -> bool:
    """Whether another connection holds SQLite's write lock right now."""
    connection = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def wait_for_long_write(database: Path, worker: subprocess.Popen[Any]) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    busy_since: float | None = None
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise AssertionError("the worker exited before it began writing")
        if not writer_is_busy(database):
            busy_since = None
        elif busy_since is None:
            busy_since = time.monotonic()
        elif time.monotonic() - busy_since >= BUSY_FOR_SECONDS:
            return
        time.sleep(0.01)
    raise AssertionError("the worker never began its long write")


def start_worker(data_dir: Path, settings: dict[str, str], log: Path) -> Any:
    return subprocess.Popen(
        [*TVNEXA_COMMAND, "worker", "--workers", "1"],
        env={**environment(data_dir), **settings},
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[Any]]]:
    started: list[subprocess.Popen[Any]] = []
    yield started
    for worker in started:
        if worker.poll() is None:
            worker.kill()
        worker.wait(timeout=15)


def wait_for_run(data_dir: Path, status: RunStatus, log: Path) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        run = latest_runs(data_dir).get("guides")
        if run is not None and run.status is status:
            return
        time.sleep(0.2)
    raise AssertionError(f"no {status} guides run in time:\n{log.read_text()[-3000:]}")


def test_a_killed_worker_leaves_no_partial_data_and_the_next_run_succeeds(
    shared_data: Path, tmp_path: Path, workers: list[subprocess.Popen[Any]]
) -> None:
    snapshot = shared_data / SNAPSHOT
    data_dir = tmp_path / "data"
    tvnexa(data_dir, "ingest", "--source", str(snapshot))
    database = data_dir / "tvnexa.sqlite3"
    before = guide_names(database)
    source = renamed_guides(snapshot, tmp_path / "v2")
    settings = worker_settings(data_dir, source)
    application = build_application(
        load_settings(environ={"TVNEXA_DATA_DIR": str(data_dir), **settings})
    )
    ingest = application.jobs.tasks().ingest

    workers.append(start_worker(data_dir, settings, tmp_path / "first.log"))
    ingest(Dataset.GUIDES.value, reason="test")
    wait_for_long_write(database, workers[0])
    os.kill(workers[0].pid, signal.SIGKILL)
    workers[0].wait(timeout=15)
    killed_at = time.monotonic()

    assert guide_names(database) == before
    assert before[1] == 0
    assert latest_runs(data_dir)["guides"].status is RunStatus.RUNNING

    workers.append(start_worker(data_dir, settings, tmp_path / "second.log"))
    time.sleep(max(0.0, LEASE_SECONDS + 1 - (time.monotonic() - killed_at)))
    ingest(Dataset.GUIDES.value, reason="test")
    wait_for_run(data_dir, RunStatus.SUCCEEDED, tmp_path / "second.log")

    total, renamed = guide_names(database)
    assert total == renamed == before[0]
    history = application.storage.run_history()
    runs = history.runs(RunFilter(dataset="guides"), PageRequest())
    statuses = [(run.status, run.error) for run in runs.items]
    assert statuses[0][0] is RunStatus.SUCCEEDED
    assert (RunStatus.FAILED, ABANDONED) in statuses
    assert all(status is not RunStatus.RUNNING for status, _ in statuses)
