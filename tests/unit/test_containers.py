"""The container picks the adapters; tests swap in the in-memory ones."""

from __future__ import annotations

from pathlib import Path

from falcon import testing

from tvnexa.adapters.cache.inprocess import InProcessCache, NullCache
from tvnexa.adapters.memory.catalog import InMemoryCatalogReader
from tvnexa.adapters.memory.source import InMemoryCatalogSource
from tvnexa.adapters.persistence import PeeweeCatalogReader
from tvnexa.containers import InMemoryGateways, InMemoryStorage, build_application
from tvnexa.domain.catalogue import Category
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import RunStatus
from tvnexa.entrypoints.configuration import load_settings


def settings_for(tmp_path: Path, **environ: str) -> dict[str, object]:
    return load_settings(environ={"TVNEXA_DATA_DIR": str(tmp_path), **environ})


def test_defaults_pick_peewee_on_sqlite_and_the_in_process_cache(
    tmp_path: Path,
) -> None:
    application = build_application(settings_for(tmp_path))

    assert isinstance(application.storage.catalog_reader(), PeeweeCatalogReader)
    assert isinstance(application.gateways.cache(), InProcessCache)
    assert application.storage.reader_database() is not (
        application.storage.writer_database()
    )


def test_the_cache_backend_is_chosen_by_configuration(tmp_path: Path) -> None:
    application = build_application(settings_for(tmp_path, TVNEXA_CACHE_BACKEND="none"))

    assert isinstance(application.gateways.cache(), NullCache)


def test_in_memory_adapters_swap_in_for_the_whole_application(
    tmp_path: Path,
) -> None:
    application = build_application(settings_for(tmp_path))
    application.storage.override(InMemoryStorage())
    application.gateways.override(InMemoryGateways())
    source = application.gateways.catalog_source()
    assert isinstance(source, InMemoryCatalogSource)
    source.publish(Dataset.CATEGORIES, [Category("news", "News")])

    run = application.use_cases.sync_dataset().execute(Dataset.CATEGORIES)
    client = testing.TestClient(application.api())
    response = client.simulate_get("/api/v1/categories")

    assert run.status is RunStatus.SUCCEEDED
    assert isinstance(application.storage.catalog_reader(), InMemoryCatalogReader)
    assert response.json["data"] == [{"id": "news", "name": "News"}]
    assert not (tmp_path / "tvnexa.sqlite3").exists()


def test_each_in_memory_storage_has_its_own_shared_store() -> None:
    first, second = InMemoryStorage(), InMemoryStorage()

    assert first.catalog_writer().store is first.catalog_reader().store
    assert first.run_log().store is first.run_history().store
    assert first.catalog_writer().store is not second.catalog_writer().store
    assert first.run_log().store is not second.run_log().store
