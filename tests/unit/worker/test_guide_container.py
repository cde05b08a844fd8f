"""The container wires guide sources, their ingest and their tasks from
configuration, and picks the programme storage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tvnexa.adapters.memory.programmes import InMemoryProgrammeWriter
from tvnexa.adapters.persistence import PeeweeProgrammeReader, PeeweeProgrammeWriter
from tvnexa.adapters.xmltv.sources import (
    CommandGuideSource,
    FileGuideSource,
    HttpGuideSource,
)
from tvnexa.application.guide_settings import InvalidGuideSettings
from tvnexa.containers import Application, InMemoryStorage, build_application
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.schedules import GuideSourceSettings
from tvnexa.entrypoints.configuration import load_settings

SOURCES = [
    {"name": "uk", "url": "https://example.org/uk.xml.gz", "schedule": "0 5 * * *"},
    {"name": "local", "path": "/srv/guides/fr.xml", "priority": 2},
]


def application_for(tmp_path: Path, **environ: str) -> Application:
    settings = load_settings(environ={"TVNEXA_DATA_DIR": str(tmp_path), **environ})
    return build_application(settings)


def test_sources_come_from_json_in_the_environment(tmp_path: Path) -> None:
    application = application_for(tmp_path, TVNEXA_GUIDES_SOURCES=json.dumps(SOURCES))

    uk, local = application.use_cases.guide_sources()

    assert uk.settings == GuideSourceSettings("uk", "https://example.org/uk.xml.gz")
    assert uk.schedule == "0 5 * * *"
    assert (local.name, local.settings.priority) == ("local", 2)


def test_no_sources_are_configured_by_default(tmp_path: Path) -> None:
    application = application_for(tmp_path)

    assert application.use_cases.guide_sources() == ()
    assert application.jobs.guide_tasks().sources == ()


def test_a_wrong_source_is_refused_when_the_sources_are_read(tmp_path: Path) -> None:
    application = application_for(tmp_path, TVNEXA_GUIDES_SOURCES='[{"name": "uk"}]')

    with pytest.raises(InvalidGuideSettings, match="exactly one of"):
        application.use_cases.guide_sources()


def test_guide_ingest_settings_come_from_configuration(tmp_path: Path) -> None:
    application = application_for(
        tmp_path,
        TVNEXA_GUIDES_BATCH_SIZE="250",
        TVNEXA_GUIDES_RETENTION_DAYS="",
    )

    ingest = application.use_cases.ingest_guide()

    assert ingest.settings.batch_size == 250
    assert ingest.settings.retention_days is None
    defaults = application_for(tmp_path).use_cases.ingest_guide().settings
    assert (defaults.batch_size, defaults.retention_days) == (500, 7.0)


def test_every_guide_ingest_holds_its_lease_under_a_name_of_its_own(
    tmp_path: Path,
) -> None:
    application = application_for(tmp_path)

    first, second = (
        application.use_cases.ingest_guide(),
        (application.use_cases.ingest_guide()),
    )

    assert first.holder != second.holder
    assert first.lock is second.lock


def test_programmes_are_stored_in_sql_unless_storage_is_overridden(
    tmp_path: Path,
) -> None:
    application = application_for(tmp_path)
    assert isinstance(application.storage.programme_writer(), PeeweeProgrammeWriter)
    assert isinstance(application.storage.programme_reader(), PeeweeProgrammeReader)

    application.storage.override(InMemoryStorage())
    writer = application.use_cases.ingest_guide().writer
    assert isinstance(writer, InMemoryProgrammeWriter)
    assert writer.store is application.storage.programme_reader().store


def test_each_source_kind_gets_its_adapter(tmp_path: Path) -> None:
    sources = application_for(tmp_path, TVNEXA_GUIDES_MAX_BYTES="1000").gateways
    pick = sources.guide_sources().source_for

    by_url = pick(GuideSourceSettings("a", "https://example.org/a.xml"))
    by_path = pick(GuideSourceSettings("b", "/srv/b.xml.gz"))
    by_command = pick(
        GuideSourceSettings("c", command=("grab", "--all"), timeout_seconds=30)
    )

    assert isinstance(by_url, HttpGuideSource)
    assert by_url.max_bytes == 1000
    assert isinstance(by_path, FileGuideSource)
    assert isinstance(by_command, CommandGuideSource)
    assert (by_command.argv, by_command.timeout_seconds) == (("grab", "--all"), 30)


def test_the_worker_registers_a_task_and_the_scheduled_triggers(
    tmp_path: Path,
) -> None:
    application = application_for(tmp_path, TVNEXA_GUIDES_SOURCES=json.dumps(SOURCES))

    tasks = application.jobs.tasks()
    guide_tasks = application.jobs.guide_tasks()

    assert guide_tasks.sources == ("uk", "local")
    assert set(guide_tasks.triggers) == {"uk"}
    assert [c.name for c in guide_tasks.extra_children[Dataset.GUIDES]] == [
        "guide:uk",
        "guide:local",
    ]
    assert tasks.huey is guide_tasks.ingest.huey


def test_startup_enqueues_a_guide_task_per_source(tmp_path: Path) -> None:
    application = application_for(tmp_path, TVNEXA_GUIDES_SOURCES=json.dumps(SOURCES))

    application.jobs.guide_tasks().enqueue_all(reason="startup")

    pending = application.jobs.huey().pending()
    assert [(type(t).__name__, t.args) for t in pending] == [
        ("guide_ingest", ("uk",)),
        ("guide_ingest", ("local",)),
    ]
    assert pending[0].kwargs == {"reason": "startup"}
