"""`tvnexa guide ingest`: one guide by hand or one configured source, on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.guides.plain import XMLTV
from tvnexa.entrypoints.cli import main
from tvnexa.entrypoints.guide_command import default_source_name

BT = XMLTV / "iptv-org-grabber/Neywerson-EPG_bt.com.xml"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("TVNEXA_CONFIG", "TVNEXA_GUIDES_SOURCES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TVNEXA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TVNEXA_GUIDES_RETENTION_DAYS", "")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def test_a_guide_ingested_by_hand_prints_its_counts_and_unmatched_channels(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["guide", "ingest", str(BT), "--priority", "3", "--correction", "60"])

    out = capsys.readouterr().out
    assert code == 0
    row = next(
        line for line in out.splitlines() if "guide:Neywerson-EPG_bt.com" in line
    )
    assert row.split("│")[2:7] == [
        " succeeded ",
        "      656 ",
        "        0 ",
        "        0 ",
        "        11 ",
    ]
    assert "correction_seconds: +60 seconds added to every start and stop" in out
    assert "11 unmatched guide channels" in out
    assert "'SkySportsNews.uk' ('Sky Sports News UK') matches no catalogue" in out


def test_a_second_ingest_replaces_what_the_first_stored(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["guide", "ingest", str(BT), "--name", "bt"])
    capsys.readouterr()

    code = main(["guide", "ingest", str(BT), "--name", "bt"])

    row = next(
        line for line in capsys.readouterr().out.splitlines() if "guide:bt" in line
    )
    assert code == 0
    assert [cell.strip() for cell in row.split("│")[3:5]] == ["656", "656"]


def test_a_configured_source_is_ingested_by_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(
        "TVNEXA_GUIDES_SOURCES", json.dumps([{"name": "bt", "path": str(BT)}])
    )

    code = main(["guide", "ingest", "--source", "bt"])

    assert code == 0
    assert "guide:bt" in capsys.readouterr().out


def test_a_guide_that_is_not_xmltv_fails_with_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "guide.xml"
    page.write_text("<!DOCTYPE html><html><body>Moved</body></html>")

    code = main(["guide", "ingest", str(page)])

    out = capsys.readouterr().out
    assert code == 1
    assert "failed" in out
    assert "an HTML page" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["guide", "ingest"], "either URL_OR_PATH or --source"),
        (["guide", "ingest", str(BT), "--source", "bt"], "either URL_OR_PATH"),
        (["guide", "ingest", "--source", "nope"], "no guide source is named 'nope'"),
        (["guide", "ingest", str(BT), "--name", "a b"], "--name 'a b'"),
    ],
)
def test_arguments_it_cannot_act_on_are_refused(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(arguments)

    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("location", "name"),
    [
        ("/srv/guides/uk.xml.gz", "uk"),
        ("https://example.org/epg/guide.xml?key=1", "guide"),
        ("https://example.org/", "example.org"),
        ("file:///srv/Sky%20IT.xml", "Sky-IT"),
        ("guide (1).XML", "guide-1"),
    ],
)
def test_a_source_name_is_taken_from_the_guide_location(
    location: str, name: str
) -> None:
    assert default_source_name(location) == name
