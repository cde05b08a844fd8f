"""The container wires the queue, the tasks and the job from configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from huey import RedisHuey, SqliteHuey

from tvnexa.adapters.memory.jobs import InMemoryJobLock
from tvnexa.adapters.persistence import PeeweeJobLock
from tvnexa.containers import Application, InMemoryStorage, build_application
from tvnexa.domain.datasets import Dataset
from tvnexa.entrypoints.configuration import load_settings


def application_for(tmp_path: Path, **environ: str) -> Application:
    settings = load_settings(environ={"TVNEXA_DATA_DIR": str(tmp_path), **environ})
    return build_application(settings)


def test_the_embedded_queue_is_a_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    huey = application_for(tmp_path).jobs.huey()

    assert isinstance(huey, SqliteHuey)
    assert huey.storage.filename == str(tmp_path / "queue.sqlite3")
    assert (tmp_path / "queue.sqlite3").exists()


def test_the_cluster_queue_is_redis_at_the_configured_url(tmp_path: Path) -> None:
    application = application_for(
        tmp_path,
        TVNEXA_QUEUE_BACKEND="redis",
        TVNEXA_QUEUE_NAME="tvnexa_blue",
        TVNEXA_QUEUE_REDIS_URL="redis://127.0.0.1:6390/3",
    )

    huey = application.jobs.huey()

    assert isinstance(huey, RedisHuey)
    assert huey.storage.queue_key == "huey.redis.tvnexa_blue"
    assert huey.storage.pool.connection_kwargs["port"] == 6390
    assert huey.storage.pool.connection_kwargs["db"] == 3


def test_an_unknown_queue_backend_is_refused(tmp_path: Path) -> None:
    application = application_for(tmp_path, TVNEXA_QUEUE_BACKEND="rabbitmq")

    with pytest.raises(ValueError, match=r"queue\.backend"):
        application.jobs.huey()


def test_a_job_enqueues_its_children_as_ingest_tasks_on_the_queue(
    tmp_path: Path,
) -> None:
    application = application_for(tmp_path)

    job = application.jobs.ingest_job()
    job.queue.enqueue_ingest(Dataset.FEEDS, reason="channels changed")

    [task] = application.jobs.huey().pending()
    assert type(task).__name__ == "ingest"
    assert task.args == ("feeds",)
    assert task.kwargs == {"reason": "channels changed"}


def test_every_job_holds_its_leases_under_a_name_of_its_own(tmp_path: Path) -> None:
    application = application_for(tmp_path)

    first, second = application.jobs.ingest_job(), application.jobs.ingest_job()

    assert first.holder != second.holder
    assert first.holder.split(":")[1] == second.holder.split(":")[1]
    assert first.lock is second.lock


def test_leases_are_shared_in_the_database_or_kept_in_memory(tmp_path: Path) -> None:
    application = application_for(tmp_path)
    assert isinstance(application.jobs.ingest_job().lock, PeeweeJobLock)

    application.storage.override(InMemoryStorage())
    assert isinstance(application.jobs.ingest_job().lock, InMemoryJobLock)


def test_retries_and_leases_come_from_configuration(tmp_path: Path) -> None:
    application = application_for(
        tmp_path,
        TVNEXA_JOBS_RETRIES="5",
        TVNEXA_JOBS_RETRY_DELAY_SECONDS="0.5",
        TVNEXA_JOBS_WAITING_DELAY_SECONDS="2",
        TVNEXA_JOBS_LEASE_SECONDS="300",
    )

    tasks = application.jobs.tasks()

    assert tasks.ingest.retries == 5
    assert tasks.ingest.retry_delay == 0.5
    assert application.jobs.task_settings().waiting_delay_seconds == 2.0
    assert application.jobs.ingest_job().settings.lease_seconds == 300.0
    assert set(tasks.triggers) == set(Dataset)
