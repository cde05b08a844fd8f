"""The dependency-injector containers: the one place that picks adapters."""

from __future__ import annotations

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
from tvnexa.adapters.memory.runs import (
    InMemoryRunHistory,
    InMemoryRunLog,
    InMemoryRunStore,
)
from tvnexa.adapters.memory.source import InMemoryCatalogSource
from tvnexa.adapters.persistence import (
    PeeweeCatalogReader,
    PeeweeCatalogWriter,
    PeeweeRunHistory,
    PeeweeRunLog,
    migrate,
    open_database,
)
from tvnexa.application.ingestion import (
    IngestCatalogue,
    IngestionSettings,
    SyncDataset,
)
from tvnexa.entrypoints.http.app import create_app
from tvnexa.entrypoints.http.settings import ApiSettings


class PeeweeStorage(containers.DeclarativeContainer):
    """Catalogue and run history in SQL: the writer URL for ingestion, the reader
    URL for the API, never crossed."""

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
    migrator = providers.Callable(migrate, writer_database)


def migrate_nothing() -> list[str]:
    return []


# Defined outside InMemoryStorage so that it overrides PeeweeStorage name for
# name; each InMemoryStorage() still gets its own stores, since a container copies
# every provider its own providers depend on.
in_memory_catalog_store = providers.Singleton(InMemoryCatalogStore)
in_memory_run_store = providers.Singleton(InMemoryRunStore)


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


class InMemoryGateways(containers.DeclarativeContainer):
    config = providers.Configuration()

    catalog_source = providers.Singleton(InMemoryCatalogSource)
    cache = providers.Singleton(InProcessCache)
    clock = providers.Singleton(SystemClock)


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
    ingest_catalogue = providers.Factory(
        IngestCatalogue, sync=sync_dataset, clock=gateways.clock
    )


class Application(containers.DeclarativeContainer):
    """The whole of TVNexa; tests override `storage` or `gateways` with the
    in-memory containers above."""

    config = providers.Configuration()

    storage = providers.Container(PeeweeStorage, config=config.db)
    gateways = providers.Container(Gateways, config=config)
    use_cases = providers.Container(
        UseCases, config=config, storage=storage, gateways=gateways
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
    )


def build_application(settings: dict[str, Any]) -> Application:
    application = Application()
    application.config.from_dict(settings)
    return application
