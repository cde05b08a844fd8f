"""Older iptv-org formats ingest into SQLite through the real adapters."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tvnexa.containers import Application, build_application
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import RunStatus
from tvnexa.entrypoints.configuration import load_settings

LEGACY = "iptv-org/legacy"
MISSING_IN_2022 = {"feeds", "logos", "cities", "timezones"}


def application_for(data_dir: Path, source: Path) -> Application:
    settings = load_settings(
        environ={"TVNEXA_DATA_DIR": str(data_dir), "TVNEXA_IPTV_ORG_URL": str(source)}
    )
    application = build_application(settings)
    application.storage.migrator()
    return application


def source_records(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        records: list[dict[str, Any]] = json.load(handle)
        return records


def test_the_2022_snapshot_ingests_without_error(
    shared_data: Path, tmp_path: Path
) -> None:
    snapshot = shared_data / LEGACY / "api-2022-04-29"
    application = application_for(tmp_path, snapshot)

    runs = application.use_cases.ingest_catalogue().execute()

    reader = application.storage.catalog_reader()
    for run in runs:
        if run.dataset in MISSING_IN_2022:
            assert run.status is RunStatus.UNPUBLISHED, run
            continue
        assert run.status is RunStatus.SUCCEEDED, (run.dataset, run.error)
        published = next(snapshot.glob(f"{run.dataset}.json*"))
        expected = len(source_records(published)) - run.rejected
        assert reader.count(Dataset(run.dataset)) == expected == run.counts.added


def test_2022_channels_keep_their_own_languages_areas_and_logo(
    shared_data: Path, tmp_path: Path
) -> None:
    snapshot = shared_data / LEGACY / "api-2022-04-29"
    application = application_for(tmp_path, snapshot)
    raw = {c["id"]: c for c in source_records(snapshot / "channels.json.gz")}

    application.use_cases.ingest_catalogue().execute(
        [Dataset.LANGUAGES, Dataset.COUNTRIES, Dataset.CHANNELS]
    )

    channel = application.storage.catalog_reader().get(Dataset.CHANNELS, "01TV.fr")
    record = raw["01TV.fr"]
    assert channel is not None
    assert list(channel.legacy_languages) == record["languages"]
    assert list(channel.legacy_broadcast_area) == record["broadcast_area"]
    assert channel.legacy_logo == record["logo"]


HISTORY = [
    ("streams-history", "streams.2023-06-13.json.gz", Dataset.STREAMS),
    ("streams-history", "streams.2024-06-15.json.gz", Dataset.STREAMS),
    ("streams-history", "streams.2025-05-15.json.gz", Dataset.STREAMS),
    ("streams-history", "streams.2025-09-15.json.gz", Dataset.STREAMS),
    ("guides-history", "guides.2023-12-01.json.gz", Dataset.GUIDES),
]


@pytest.mark.parametrize(("folder", "name", "dataset"), HISTORY)
def test_older_streams_and_guides_ingest(
    shared_data: Path, tmp_path: Path, folder: str, name: str, dataset: Dataset
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    published = source / f"{dataset.value}.json.gz"
    shutil.copy(shared_data / LEGACY / folder / name, published)
    application = application_for(tmp_path, source)
    records = source_records(published)

    run = application.use_cases.sync_dataset().execute(dataset)

    assert run.status is RunStatus.SUCCEEDED, run.error
    stored = application.storage.catalog_reader().count(dataset)
    assert stored == len(records) - run.rejected == run.counts.added
    if dataset is Dataset.STREAMS:
        urls = [r["url"] for r in records]
        assert run.rejected == len(urls) - len(set(urls))
