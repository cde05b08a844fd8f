"""The Huey tasks in immediate mode, on in-memory adapters: what each outcome
of a job makes Huey do next."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from huey import MemoryHuey

from tests.unit.application.test_ingest_job import sample_records
from tests.unit.application.test_sync_dataset import World
from tvnexa.adapters.memory.jobs import InMemoryJobLock
from tvnexa.application.ports import RunFilter
from tvnexa.application.scheduling import IngestJob, JobSettings, lock_name
from tvnexa.domain.datasets import Dataset, dependency_order
from tvnexa.domain.errors import SourceError
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.paging import PageRequest
from tvnexa.entrypoints.worker.cron import CronSchedule
from tvnexa.entrypoints.worker.tasks import TaskSettings, WorkerTasks, register_tasks

SETTINGS = TaskSettings(
    retries=2, retry_delay_seconds=30, retry_backoff=2.0, waiting_delay_seconds=5
)
LEASE = JobSettings(lease_seconds=60, renew_every_seconds=20)


class Worker:
    """One Huey in immediate mode: a task runs as soon as it is enqueued, and a
    task put off for later waits in Huey's schedule for the test to inspect."""

    def __init__(self, settings: TaskSettings = SETTINGS) -> None:
        self.world = World()
        self.lock = InMemoryJobLock(lambda: self.world.clock.now().timestamp())
        self.holders = itertools.count()
        self.huey = MemoryHuey("tvnexa-test", results=False)
        self.huey.immediate = True
        schedules = {Dataset.CATEGORIES: CronSchedule.parse("0 3 * * *")}
        self.tasks: WorkerTasks = register_tasks(
            self.huey,
            jobs=self.job,
            claims=self.lock,
            clock=self.world.clock,
            schedules=schedules,
            settings=settings,
            holder=lambda: f"worker:{next(self.holders)}",
        )

    def job(self) -> IngestJob:
        holder = f"worker:{next(self.holders)}"
        return IngestJob(self.world.sync, self.lock, self.tasks.queue, holder, LEASE)

    def publish_everything(self) -> None:
        for dataset in Dataset:
            self.world.source.publish(dataset, sample_records(dataset))

    def runs(self, dataset: Dataset) -> list[IngestionRun]:
        page = self.world.history.runs(RunFilter(dataset=dataset.value), PageRequest())
        return list(page.items)


@pytest.fixture
def worker() -> Worker:
    return Worker()


def seconds_from_now(moment: datetime) -> float:
    return (moment - datetime.now(UTC).replace(tzinfo=None)).total_seconds()


def test_jobs_queued_together_fill_the_catalogue_in_graph_order(
    worker: Worker,
) -> None:
    worker.publish_everything()

    for dataset in reversed(dependency_order()):
        worker.tasks.queue.enqueue_ingest(dataset, reason="startup")

    for dataset in Dataset:
        statuses = [run.status for run in worker.runs(dataset)]
        assert RunStatus.SUCCEEDED in statuses, dataset
    assert worker.huey.scheduled_count() == 0


def test_a_held_back_job_finishes_without_a_run_or_a_retry(worker: Worker) -> None:
    worker.publish_everything()

    worker.tasks.ingest(Dataset.COUNTRIES.value, reason="test")

    assert worker.runs(Dataset.COUNTRIES) == []
    assert worker.huey.scheduled_count() == 0


def test_a_waiting_job_comes_back_after_the_delay_without_using_a_retry(
    worker: Worker,
) -> None:
    worker.publish_everything()
    for parent in Dataset.COUNTRIES.parents:
        worker.world.sync.execute(parent)
    worker.lock.acquire(lock_name(Dataset.LANGUAGES), "another worker", 60)

    worker.tasks.ingest(Dataset.COUNTRIES.value, reason="test")

    assert worker.runs(Dataset.COUNTRIES) == []
    [later] = worker.huey.scheduled()
    assert later.args == (Dataset.COUNTRIES.value,)
    assert later.retries == SETTINGS.retries
    assert 3 < seconds_from_now(later.eta) <= SETTINGS.waiting_delay_seconds


def test_a_failed_run_is_retried_with_backoff_and_recorded(worker: Worker) -> None:
    worker.publish_everything()
    worker.world.source.fail(Dataset.CATEGORIES, SourceError("HTTP 503"))

    worker.tasks.ingest(Dataset.CATEGORIES.value, reason="test")

    [failed] = worker.runs(Dataset.CATEGORIES)
    assert failed.status is RunStatus.FAILED
    assert failed.error == "HTTP 503"
    [retry] = worker.huey.scheduled()
    assert retry.retries == SETTINGS.retries - 1
    assert retry.retry_delay == SETTINGS.retry_delay_seconds * SETTINGS.retry_backoff
    assert 25 < seconds_from_now(retry.eta) <= SETTINGS.retry_delay_seconds

    del worker.world.source.failures[Dataset.CATEGORIES]
    [due] = worker.huey.read_schedule(retry.eta)
    worker.huey.execute(due, timestamp=retry.eta)

    assert [run.status for run in worker.runs(Dataset.CATEGORIES)] == [
        RunStatus.SUCCEEDED,
        RunStatus.FAILED,
    ]
    assert worker.huey.scheduled_count() == 0


def test_a_run_that_fails_with_no_retries_left_stays_failed() -> None:
    worker = Worker(TaskSettings(retries=0, retry_delay_seconds=30))
    worker.publish_everything()
    worker.world.source.fail(Dataset.CATEGORIES, SourceError("HTTP 503"))

    worker.tasks.ingest(Dataset.CATEGORIES.value)

    assert [run.status for run in worker.runs(Dataset.CATEGORIES)] == [RunStatus.FAILED]
    assert worker.huey.scheduled_count() == 0


def test_a_busy_job_finishes_without_a_run_or_a_retry(worker: Worker) -> None:
    worker.publish_everything()
    worker.lock.acquire(lock_name(Dataset.CATEGORIES), "another worker", 60)

    worker.tasks.ingest(Dataset.CATEGORIES.value, reason="test")

    assert worker.runs(Dataset.CATEGORIES) == []
    assert worker.huey.scheduled_count() == 0


def test_a_refused_run_is_recorded_and_not_retried(worker: Worker) -> None:
    worker.publish_everything()
    worker.world.source.publish(Dataset.CATEGORIES, sample_records(Dataset.CATEGORIES))
    worker.tasks.ingest(Dataset.CATEGORIES.value)
    worker.world.source.publish(Dataset.CATEGORIES, [])

    worker.tasks.ingest(Dataset.CATEGORIES.value)

    latest = worker.runs(Dataset.CATEGORIES)[0]
    assert latest.status is RunStatus.REFUSED
    assert worker.huey.scheduled_count() == 0


def test_each_dataset_with_a_schedule_has_a_periodic_task_that_fires_by_it(
    worker: Worker,
) -> None:
    due = worker.huey.read_periodic(datetime(2026, 5, 10, 3, 0))
    not_due = worker.huey.read_periodic(datetime(2026, 5, 10, 3, 1))

    assert set(worker.tasks.triggers) == {Dataset.CATEGORIES}
    assert [type(task).__name__ for task in due] == ["schedule_categories"]
    assert not_due == []


def test_two_copies_of_a_trigger_run_the_ingest_once(worker: Worker) -> None:
    worker.publish_everything()
    trigger = worker.tasks.triggers[Dataset.CATEGORIES]

    worker.huey.enqueue(trigger.s())
    worker.huey.enqueue(trigger.s())

    assert len(worker.runs(Dataset.CATEGORIES)) == 1
    worker.world.clock.advance(timedelta(days=1).total_seconds())
    worker.huey.enqueue(trigger.s())
    assert len(worker.runs(Dataset.CATEGORIES)) == 2
