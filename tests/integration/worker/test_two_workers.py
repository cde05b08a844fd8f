"""Two real `tvnexa worker` processes on one Redis queue and one SQLite file:
each scheduled trigger runs its dataset once, and children run after parents."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.integration.worker.tiny_catalogue import write_tiny_catalogue
from tvnexa.application.ports import RunFilter, RunHistory
from tvnexa.containers import build_application
from tvnexa.domain.datasets import Dataset, dependency_order
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.paging import PageRequest
from tvnexa.entrypoints.configuration import load_settings

pytestmark = pytest.mark.redis

REDIS_URL = "redis://127.0.0.1:6379/0"
TVNEXA = (sys.executable, "-m", "tvnexa.entrypoints.cli")
CONSUMERS = 2
# Once a year: the consumers' own schedulers stay quiet while the test fires
# the triggers itself, and every copy it fires belongs to one fire time.
YEARLY = "0 0 1 1 *"
SETTLE_DEADLINE_SECONDS = 60.0
QUIET_SECONDS = 1.5
STOP_DEADLINE_SECONDS = 15.0


@dataclass
class Cluster:
    huey: Any
    triggers: dict[Dataset, Any]
    history: RunHistory
    ingest_everything: Callable[[], object]
    logs: list[Path]

    def fire_every_trigger(self, copies: int) -> None:
        """Enqueue each periodic task `copies` times, as that many consumers'
        schedulers do when a fire time comes."""
        for _ in range(copies):
            for dataset in dependency_order():
                self.huey.enqueue(self.triggers[dataset].s())

    def runs(self) -> list[IngestionRun]:
        return list(self.history.runs(RunFilter(), PageRequest(0, 10_000)).items)

    def settle(self, done: Callable[[list[IngestionRun]], bool]) -> list[IngestionRun]:
        """Wait until `done`, the queue is empty and no run is added or running
        for QUIET_SECONDS; fail if that takes longer than the deadline."""
        deadline = time.monotonic() + SETTLE_DEADLINE_SECONDS
        quiet_since, seen = time.monotonic(), -1
        while time.monotonic() < deadline:
            runs = self.runs()
            idle = (
                self.huey.pending_count() == 0
                and self.huey.scheduled_count() == 0
                and all(run.finished_at is not None for run in runs)
            )
            if not idle or len(runs) != seen or not done(runs):
                quiet_since, seen = time.monotonic(), len(runs)
            elif time.monotonic() - quiet_since >= QUIET_SECONDS:
                return runs
            time.sleep(0.1)
        logs = "\n".join(log.read_text()[-3000:] for log in self.logs)
        raise AssertionError(f"the runs did not settle in time:\n{logs}")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    queue_name = f"tvnexa_test_{uuid.uuid4().hex}"
    environ = {
        "TVNEXA_DATA_DIR": str(tmp_path / "data"),
        "TVNEXA_IPTV_ORG_URL": str(write_tiny_catalogue(tmp_path / "source")),
        "TVNEXA_QUEUE_BACKEND": "redis",
        "TVNEXA_QUEUE_NAME": queue_name,
        "TVNEXA_QUEUE_REDIS_URL": REDIS_URL,
        "TVNEXA_JOBS_WAITING_DELAY_SECONDS": "0.2",
        "TVNEXA_JOBS_RETRY_DELAY_SECONDS": "0.5",
        **{f"TVNEXA_SCHEDULE_{dataset.name}": YEARLY for dataset in Dataset},
    }
    application = build_application(load_settings(environ=environ))
    application.storage.migrator()
    tasks = application.jobs.tasks()
    connection = redis.Redis.from_url(REDIS_URL)
    connection.ping()

    child_environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TVNEXA_")},
        **environ,
    }
    logs = [tmp_path / f"worker-{number}.log" for number in range(CONSUMERS)]
    consumers = [
        subprocess.Popen(
            [*TVNEXA, "worker", "--workers", "2"],
            env=child_environ,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        for log in logs
    ]
    try:
        yield Cluster(
            huey=tasks.huey,
            triggers=dict(tasks.triggers),
            history=application.storage.run_history(),
            ingest_everything=application.use_cases.ingest_catalogue().execute,
            logs=logs,
        )
    finally:
        for consumer in consumers:
            consumer.terminate()
        for consumer in consumers:
            try:
                consumer.wait(STOP_DEADLINE_SECONDS)
            except subprocess.TimeoutExpired:
                consumer.kill()
                consumer.wait()
        tasks.huey.storage.flush_all()
        leftovers = list(connection.scan_iter(f"*{queue_name}*"))
        if leftovers:
            connection.delete(*leftovers)
        connection.close()


def by_dataset(runs: list[IngestionRun]) -> dict[Dataset, list[IngestionRun]]:
    grouped: dict[Dataset, list[IngestionRun]] = {dataset: [] for dataset in Dataset}
    for run in runs:
        grouped[Dataset(run.dataset)].append(run)
    return grouped


def every_dataset_succeeded(runs: list[IngestionRun]) -> bool:
    succeeded = {run.dataset for run in runs if run.status is RunStatus.SUCCEEDED}
    return succeeded == {dataset.value for dataset in Dataset}


def test_a_first_trigger_fills_the_catalogue_parents_before_children(
    cluster: Cluster,
) -> None:
    cluster.fire_every_trigger(copies=CONSUMERS)
    runs = by_dataset(cluster.settle(every_dataset_succeeded))

    for dataset, dataset_runs in runs.items():
        statuses = Counter(run.status for run in dataset_runs)
        assert statuses[RunStatus.SUCCEEDED] == 1, (dataset, statuses)
        assert statuses[RunStatus.FAILED] == 0, (dataset, statuses)
        if not dataset.parents:
            # Only its trigger enqueues a dataset without parents.
            assert len(dataset_runs) == 1, (dataset, statuses)
        for parent in dataset.parents:
            [parent_success] = [
                run for run in runs[parent] if run.status is RunStatus.SUCCEEDED
            ]
            assert parent_success.finished_at is not None
            for run in dataset_runs:
                assert run.started_at >= parent_success.finished_at, (parent, dataset)

    settled = len(cluster.runs())
    cluster.fire_every_trigger(copies=1)
    assert len(cluster.settle(lambda runs: True)) == settled


def test_each_trigger_runs_every_dataset_exactly_once(cluster: Cluster) -> None:
    cluster.ingest_everything()
    before = Counter(run.dataset for run in cluster.runs())
    assert before == {dataset.value: 1 for dataset in Dataset}

    cluster.fire_every_trigger(copies=CONSUMERS)
    cluster.settle(lambda runs: len(runs) >= 2 * len(Dataset))
    # A scheduler that fires late: its copies belong to the same fire time.
    cluster.fire_every_trigger(copies=1)
    runs = cluster.settle(lambda runs: True)

    after = Counter(run.dataset for run in runs)
    assert after == {dataset.value: 2 for dataset in Dataset}
    latest = {
        dataset: dataset_runs[0] for dataset, dataset_runs in by_dataset(runs).items()
    }
    assert {run.status for run in latest.values()} == {RunStatus.UNCHANGED}
