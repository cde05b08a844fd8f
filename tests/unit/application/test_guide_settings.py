"""Configured guide sources and ingest settings, checked when they are read."""

from __future__ import annotations

import pytest

from tvnexa.application.guide_settings import (
    ConfiguredGuideSource,
    GuideIngestSettings,
    InvalidGuideSettings,
    read_guide_sources,
)
from tvnexa.domain.schedules import GuideSourceSettings


def test_a_full_source_is_read_into_settings_and_a_schedule() -> None:
    [source] = read_guide_sources(
        [
            {
                "name": "epg-uk",
                "url": "https://example.org/uk.xml.gz",
                "priority": 10,
                "id_map": {"bbc1": "BBCOne.uk@HD"},
                "site": "bt.com",
                "correction_seconds": -3600,
                "schedule": "45 */6 * * *",
                "timeout_seconds": 120,
            }
        ]
    )

    assert source == ConfiguredGuideSource(
        GuideSourceSettings(
            name="epg-uk",
            location="https://example.org/uk.xml.gz",
            priority=10,
            id_map={"bbc1": "BBCOne.uk@HD"},
            site="bt.com",
            correction_seconds=-3600,
            timeout_seconds=120.0,
        ),
        schedule="45 */6 * * *",
    )


def test_a_path_or_a_command_are_sources_too_with_defaults() -> None:
    by_path, by_command = read_guide_sources(
        [
            {"name": "local", "path": "/srv/guides/fr.xml"},
            {"name": "grab", "command": ["npm", "run", "grab", "--site=bt.com"]},
        ]
    )

    assert by_path.settings == GuideSourceSettings("local", "/srv/guides/fr.xml")
    assert by_path.schedule is None
    assert by_command.settings.command == ("npm", "run", "grab", "--site=bt.com")
    assert by_command.settings.location is None
    assert by_command.settings.timeout_seconds == 600.0


def test_no_sources_is_an_empty_tuple() -> None:
    assert read_guide_sources(None) == ()
    assert read_guide_sources([]) == ()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("uk.xml", "must be a list"),
        (["uk.xml"], r"sources\[0\] must be a mapping"),
        ([{"url": "u"}], r"sources\[0\]\.name"),
        ([{"name": "a b", "url": "u"}], r"\.name must be letters"),
        ([{"name": "uk"}], "exactly one of url, path, command"),
        ([{"name": "uk", "url": "u", "path": "p"}], "exactly one of"),
        ([{"name": "uk", "url": "u", "priority": "high"}], "priority must be"),
        ([{"name": "uk", "url": "u", "priority": True}], "priority must be"),
        ([{"name": "uk", "command": "grab --all"}], "command must be a list"),
        ([{"name": "uk", "url": "u", "id_map": ["x"]}], "id_map must map"),
        ([{"name": "uk", "url": "u", "correction_seconds": 90000}], "at most"),
        ([{"name": "uk", "url": "u", "timeout_seconds": 0}], "above 0"),
        ([{"name": "uk", "url": "u", "sites": "x"}], "unknown keys sites"),
        ([{"name": "uk", "url": "u"}, {"name": "uk", "path": "p"}], "'uk' twice"),
    ],
)
def test_a_wrong_source_is_refused_naming_what_is_wrong(
    raw: object, message: str
) -> None:
    with pytest.raises(InvalidGuideSettings, match=message):
        read_guide_sources(raw)


def test_ingest_settings_refuse_what_cannot_work() -> None:
    with pytest.raises(InvalidGuideSettings, match="batch_size"):
        GuideIngestSettings(batch_size=0)
    with pytest.raises(InvalidGuideSettings, match="retention_days"):
        GuideIngestSettings(retention_days=-1)
    assert GuideIngestSettings(retention_days=None).retention_days is None
