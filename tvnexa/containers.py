"""The dependency-injector containers: the one place that picks adapters."""

from __future__ import annotations

import os
import secrets
import socket
import time
from typing import Any

from dependency_injector import containers, providers

from tvnexa.adapters.cache.inprocess import InProcessCache, NullCache
from tvnexa.adapters.clock import SystemClock
from tvnexa.adapters.iptv_org.source import catalog_source_for
from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.adapters.memory.jobs import InMemoryJobLock
from tvnexa.adapters.memory.programmes import (
    InMemoryProgrammeReader,
    InMemoryProgrammeStore,
    InMemoryProgrammeWriter,
)
from tvnexa.adapters.memory.runs import (
    InMemoryRunHistory,
    InMemoryRunLog,
    InMemoryRunStore,
)
from tvnexa.adapters.memory.source import InMemoryCatalogSource
from tvnexa.adapters.persistence import (
    PeeweeCatalogReader,
    PeeweeCatalogWriter,
    PeeweeJobLock,
    PeeweeProgrammeReader,
    PeeweeProgrammeWriter,
    PeeweeRunHistory,
    PeeweeRunLog,
    migrate,
    open_database,
)
from tvnexa.adapters.xmltv.configured import XmltvGuideSources
from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.application.guide_jobs import GuideJob
from tvnexa.application.guide_settings import (
    GuideIngestSettings,
    read_guide_sources,
    settings_by_name,
)
from tvnexa.application.guides import IngestGuide
from tvnexa.application.ingestion import (
    IngestCatalogue,
    IngestionSettings,
    SyncDataset,
)
from tvnexa.application.scheduling import IngestJob, JobSettings
from tvnexa.entrypoints.http.app import create_app
from tvnexa.entrypoints.http.settings import ApiSettings
from tvnexa.entrypoints.worker.cron import parse_schedules
from tvnexa.entrypoints.worker.guide_tasks import register_guide_tasks
from tvnexa.entrypoints.worker.queue import build_huey, queue_file
from tvnexa.entrypoints.worker.tasks import TaskSettings, register_tasks


class PeeweeStorage(containers.DeclarativeContainer):
    """Catalogue, programmes and run history in SQL: the writer URL for
    ingestion, the reader URL for the API, never crossed."""

    config = providers.Configuration()

    writer_database = providers.Singleton(open_database, config.writer_url)
    reader_database = providers.Singleton(open_database, config.reader_url)

    catalog_writer = providers.Singleton(PeeweeCatalogWriter, writer_database)
    # Ingestion checks references against what it has just written, so it reads
    # through the writer; a lagging replica would report false dangling rows.
    ingestion_reader = providers.Singleton(PeeweeCatalogReader, writer_database)
    catalog_reader = providers.Singleton(PeeweeCatalogReader, reader_database)
    run_log = providers.Singleton(PeeweeRunLog, writer_database)
    run_history = providers.Singleton(PeeweeRunHistory, reader_database)
    # Leases are decided by the writer, the one database every worker shares.
    job_lock = providers.Singleton(PeeweeJobLock, writer_database)
    programme_writer = providers.Singleton(PeeweeProgrammeWriter, writer_database)
    programme_reader = providers.Singleton(PeeweeProgrammeReader, reader_database)
    migrator = providers.Callable(migrate, writer_database)


def migrate_nothing() -> list[str]:
    return []


# Defined outside InMemoryStorage so that it overrides PeeweeStorage name for
# name; each InMemoryStorage() still gets its own stores, since a container copies
# every provider its own providers depend on.
in_memory_catalog_store = providers.Singleton(InMemoryCatalogStore)
in_memory_run_store = providers.Singleton(InMemoryRunStore)
in_memory_programme_store = providers.Singleton(InMemoryProgrammeStore)


class InMemoryStorage(containers.DeclarativeContainer):
    """The same roles kept in memory: swap it in for tests and experiments with
    `application.storage.override(InMemoryStorage())`."""

    config = providers.Configuration()

    catalog_writer = providers.Singleton(InMemoryCatalogWriter, in_memory_catalog_store)
    ingestion_reader = providers.Singleton(
        InMemoryCatalogReader, in_memory_catalog_store
    )
    catalog_reader = providers.Singleton(InMemoryCatalogReader, in_memory_catalog_store)
    run_log = providers.Singleton(InMemoryRunLog, in_memory_run_store)
    run_history = providers.Singleton(InMemoryRunHistory, in_memory_run_store)
    job_lock = providers.Singleton(InMemoryJobLock, time.monotonic)
    programme_writer = providers.Singleton(
        InMemoryProgrammeWriter, in_memory_programme_store
    )
    programme_reader = providers.Singleton(
        InMemoryProgrammeReader, in_memory_programme_store
    )
    migrator = providers.Callable(migrate_nothing)


def make_cache(backend: str, max_entries: int) -> Any:
    if backend == "none":
        return NullCache()
    if backend == "inprocess":
        return InProcessCache(max_entries=max_entries)
    raise ValueError(f"cache.backend {backend!r} is not one of: inprocess, none")


class Gateways(containers.DeclarativeContainer):
    """What TVNexa talks to outside its own storage."""

    config = providers.Configuration()

    catalog_source = providers.Singleton(
        catalog_source_for,
        config.iptv_org.url,
        timeout=providers.Callable(
            tuple,
            providers.List(
                config.iptv_org.connect_timeout_seconds,
                config.iptv_org.read_timeout_seconds,
            ),
        ),
        retries=config.iptv_org.retries,
        backoff_seconds=config.iptv_org.backoff_seconds,
        max_bytes=config.iptv_org.max_bytes,
    )
    cache = providers.Singleton(
        make_cache, config.cache.backend, config.cache.max_entries
    )
    clock = providers.Singleton(SystemClock)
    guide_sources = providers.Singleton(
        XmltvGuideSources,
        max_bytes=config.guides.max_bytes.as_int(),
        connect_timeout_seconds=config.iptv_org.connect_timeout_seconds.as_float(),
        retries=config.iptv_org.retries.as_int(),
    )
    guide_parser = providers.Singleton(LxmlXmltvParser)


class InMemoryGateways(containers.DeclarativeContainer):
    """In-memory catalogue source; guides are still read from the files or
    URLs the sources name, since a test names its own small guides."""

    config = providers.Configuration()

    catalog_source = providers.Singleton(InMemoryCatalogSource)
    cache = providers.Singleton(InProcessCache)
    clock = providers.Singleton(SystemClock)
    guide_sources = providers.Singleton(
        XmltvGuideSources, max_bytes=2**31, connect_timeout_seconds=5.0, retries=0
    )
    guide_parser = providers.Singleton(LxmlXmltvParser)


def job_holder() -> str:
    """Who holds a lease: the machine, the process, and one task run in it."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


class UseCases(containers.DeclarativeContainer):
    config = providers.Configuration()
    storage = providers.DependenciesContainer()
    gateways = providers.DependenciesContainer()

    ingestion_settings = providers.Factory(
        IngestionSettings, max_shrink_share=config.ingestion.max_shrink_share
    )
    sync_dataset = providers.Factory(
        SyncDataset,
        source=gateways.catalog_source,
        writer=storage.catalog_writer,
        reader=storage.ingestion_reader,
        runs=storage.run_log,
        clock=gateways.clock,
        settings=ingestion_settings,
    )
    lease_settings = providers.Factory(
        JobSettings,
        lease_seconds=config.jobs.lease_seconds.as_float(),
        renew_every_seconds=config.jobs.renew_every_seconds.as_float(),
    )
    # Under the same leases as the workers, so a manual ingest never runs
    # beside a worker's run of the same dataset.
    ingest_catalogue = providers.Factory(
        IngestCatalogue,
        sync=sync_dataset,
        clock=gateways.clock,
        lock=storage.job_lock,
        holder=providers.Callable(job_holder),
        lease=lease_settings,
    )

    guide_sources = providers.Singleton(read_guide_sources, config.guides.sources)
    guide_settings = providers.Factory(
        GuideIngestSettings,
        batch_size=config.guides.batch_size.as_int(),
        retention_days=config.guides.retention_days,
    )
    # Matching reads the catalogue through the writer, as ingestion does: the
    # guides dataset that triggered this run must be seen as just written.
    ingest_guide = providers.Factory(
        IngestGuide,
        sources=gateways.guide_sources,
        parser=gateways.guide_parser,
        writer=storage.programme_writer,
        catalogue=storage.ingestion_reader,
        runs=storage.run_log,
        clock=gateways.clock,
        settings=guide_settings,
        lock=storage.job_lock,
        holder=providers.Callable(job_holder),
        lease=lease_settings,
    )


class Jobs(containers.DeclarativeContainer):
    """Scheduled ingestion: the Huey queue, its tasks and the job they run."""

    config = providers.Configuration()
    storage = providers.DependenciesContainer()
    gateways = providers.DependenciesContainer()
    use_cases = providers.DependenciesContainer()

    huey = providers.Singleton(
        build_huey,
        backend=config.queue.backend,
        name=config.queue.name,
        redis_url=config.queue.redis_url,
        sqlite_file=providers.Callable(queue_file, config.data_dir),
    )
    task_settings = providers.Factory(
        TaskSettings,
        retries=config.jobs.retries.as_int(),
        retry_delay_seconds=config.jobs.retry_delay_seconds.as_float(),
        retry_backoff=config.jobs.retry_backoff.as_float(),
        waiting_delay_seconds=config.jobs.waiting_delay_seconds.as_float(),
    )
    schedules = providers.Singleton(parse_schedules, config.schedule)

    # A new job, and so a new lease holder, for every task run: two threads of
    # one worker must not pass for one holder of a lease.
    ingest_job = providers.Factory(
        IngestJob,
        sync=use_cases.sync_dataset,
        lock=storage.job_lock,
        holder=providers.Callable(job_holder),
        settings=use_cases.lease_settings,
    )
    # A new IngestGuide, with a lease holder of its own, for every task run.
    guide_job = providers.Factory(
        GuideJob,
        ingest=use_cases.ingest_guide,
        sources=providers.Callable(settings_by_name, use_cases.guide_sources),
        lock=storage.job_lock,
    )
    guide_tasks = providers.Singleton(
        register_guide_tasks,
        huey=huey,
        jobs=guide_job.provider,
        claims=storage.job_lock,
        clock=gateways.clock,
        sources=use_cases.guide_sources,
        settings=task_settings,
        holder=providers.Object(job_holder),
    )
    tasks = providers.Singleton(
        register_tasks,
        huey=huey,
        jobs=ingest_job.provider,
        claims=storage.job_lock,
        clock=gateways.clock,
        schedules=schedules,
        settings=task_settings,
        holder=providers.Object(job_holder),
        extra_children=guide_tasks.provided.extra_children,
    )
    job_queue = tasks.provided.queue


# The job enqueues its children through the ingest task that runs it; a class
# body cannot name a provider before defining it, so the loop is closed here.
Jobs.ingest_job.add_kwargs(queue=Jobs.job_queue)


class Application(containers.DeclarativeContainer):
    """The whole of TVNexa; tests override `storage` or `gateways` with the
    in-memory containers above."""

    config = providers.Configuration()

    storage = providers.Container(PeeweeStorage, config=config.db)
    gateways = providers.Container(Gateways, config=config)
    use_cases = providers.Container(
        UseCases, config=config, storage=storage, gateways=gateways
    )
    jobs = providers.Container(
        Jobs, config=config, storage=storage, gateways=gateways, use_cases=use_cases
    )

    api_settings = providers.Factory(
        ApiSettings,
        default_limit=config.api.default_limit,
        max_limit=config.api.max_limit,
        detail_cache_ttl_seconds=config.cache.ttl_seconds,
    )
    api = providers.Factory(
        create_app,
        reader=storage.catalog_reader,
        runs=storage.run_history,
        cache=gateways.cache,
        settings=api_settings,
        programmes=storage.programme_reader,
        clock=gateways.clock,
    )


def build_application(settings: dict[str, Any]) -> Application:
    application = Application()
    application.config.from_dict(settings)
    return application
