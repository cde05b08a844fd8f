"""Every real guide, ingested through the real parser into SQLite by the
container, compared programme by programme with a plain reading of the file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.integration.guides.plain import (
    GUIDES,
    XMLTV,
    Slot,
    application_on_sqlite,
    plain_guide,
)
from tvnexa.containers import Application
from tvnexa.domain.catalogue import Channel
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.schedules import (
    GuideSourceSettings,
    MatchMethod,
    ScheduledProgramme,
    TimeWindow,
)

EVERY = PageRequest(0, 10_000)


def ingest(application: Application, path: Path, name: str) -> IngestionRun:
    source = GuideSourceSettings(name=name, location=str(path))
    return application.use_cases.ingest_guide().execute(source)


def stored_slots(
    application: Application, channels: set[str], slots: list[Slot]
) -> dict[Slot, ScheduledProgramme]:
    starts = [start for _, start in slots]
    window = TimeWindow(
        min(starts) - timedelta(days=1), max(starts) + timedelta(days=2)
    )
    schedules = application.storage.programme_reader().schedules(channels, window)
    return {
        (programme.guide_channel, programme.start): programme
        for programmes in schedules.values()
        for programme in programmes
    }


def test_every_real_guide_is_covered() -> None:
    assert len(GUIDES) == 29
    assert any(name.endswith(".gz") for name in GUIDES)


@pytest.mark.parametrize("name", GUIDES)
def test_a_real_guide_is_stored_as_a_plain_reading_has_it(
    name: str, tmp_path: Path
) -> None:
    path = XMLTV / name
    plain = plain_guide(path)
    application = application_on_sqlite(tmp_path)
    # A catalogue channel per guide channel id: every programme is then on a
    # matched channel, where the programme reader can see it.
    application.storage.catalog_writer().replace(
        Dataset.CHANNELS, [Channel(cid, cid, "XX") for cid in sorted(plain.channels)]
    )

    run = ingest(application, path, "real")

    assert run.status is RunStatus.SUCCEEDED, run.error
    assert run.dangling == 0
    assert run.counts.added == len(plain.slots)
    stored = stored_slots(application, plain.channels, list(plain.slots))
    assert set(stored) == set(plain.slots)
    per_channel: dict[str, int] = {}
    for channel, _ in stored:
        per_channel[channel] = per_channel.get(channel, 0) + 1
    assert per_channel == plain.per_channel()
    for slot, [programme] in (
        (slot, programmes)
        for slot, programmes in plain.slots.items()
        if len(programmes) == 1
    ):
        kept = stored[slot]
        assert kept.title == programme.title, slot
        if programme.stop is not None:
            assert kept.stop == programme.stop, slot
        assert kept.start.utcoffset() == timedelta(0)
        assert kept.source == "real"
        assert kept.channel == slot[0]
    matches = application.storage.programme_reader().matches("real", None, EVERY)
    assert {m.method for m in matches.items} == {MatchMethod.EXACT}


def test_a_guide_stores_the_same_programmes_plain_or_gzipped(tmp_path: Path) -> None:
    stem = "big/michaz1988-epgguide_magenta-horizon-DE_2022-07-25.xml"
    plain = plain_guide(XMLTV / stem)
    channels = [Channel(cid, cid, "DE") for cid in sorted(plain.channels)]
    stored = []
    for suffix in ("", ".gz"):
        application = application_on_sqlite(tmp_path / f"db{suffix}")
        application.storage.catalog_writer().replace(Dataset.CHANNELS, channels)
        run = ingest(application, XMLTV / f"{stem}{suffix}", "magenta")
        assert run.status is RunStatus.SUCCEEDED
        programmes = stored_slots(application, plain.channels, list(plain.slots))
        stored.append({slot: (p.title, p.stop) for slot, p in programmes.items()})

    assert stored[0] == stored[1]
    assert len(stored[0]) == len(plain.slots)


def test_spot_values_of_a_stored_chinese_guide_are_in_utc(tmp_path: Path) -> None:
    path = XMLTV / "big/5iClub-CN.EPG_epg_2026-08-23.xml.gz"
    application = application_on_sqlite(tmp_path)
    application.storage.catalog_writer().replace(
        Dataset.CHANNELS, [Channel("4K少儿专区", "4K少儿专区", "CN")]
    )

    run = ingest(application, path, "5iclub")

    window = TimeWindow(
        datetime(2026, 8, 17, 3, 0, tzinfo=UTC), datetime(2026, 8, 17, 4, 0, tzinfo=UTC)
    )
    [first, *_] = application.storage.programme_reader().schedules(
        ["4K少儿专区"], window
    )["4K少儿专区"]
    assert run.status is RunStatus.SUCCEEDED
    assert first.title == "阿优之神奇萝卜第一季[46]"
    assert first.start == datetime(2026, 8, 17, 3, 51, tzinfo=UTC)
    assert first.stop == datetime(2026, 8, 17, 4, 3, tzinfo=UTC)
    assert run.dangling == len(plain_guide(path).channels) - 1
