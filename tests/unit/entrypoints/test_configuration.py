"""Configuration: YAML defaults with TVNEXA_* overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from tvnexa.entrypoints.configuration import InvalidSetting, load_settings


def test_defaults_give_one_sqlite_file_for_reader_and_writer() -> None:
    settings = load_settings(environ={})

    assert settings["db"]["writer_url"] == "sqlite:///var/tvnexa.sqlite3"
    assert settings["db"]["reader_url"] == settings["db"]["writer_url"]
    assert settings["iptv_org"]["url"] == "https://iptv-org.github.io/api"


def test_every_key_is_overridable_from_the_environment(tmp_path: Path) -> None:
    settings = load_settings(
        environ={
            "TVNEXA_DATA_DIR": str(tmp_path),
            "TVNEXA_IPTV_ORG_URL": "http://127.0.0.1:9/api",
            "TVNEXA_API_MAX_LIMIT": "50",
            "TVNEXA_CACHE_BACKEND": "none",
            "TVNEXA_INGESTION_MAX_SHRINK_SHARE": "0.25",
            "TVNEXA_API_BIND": "0.0.0.0:8080",
        }
    )

    assert settings["db"]["writer_url"] == f"sqlite:///{tmp_path}/tvnexa.sqlite3"
    assert settings["iptv_org"]["url"] == "http://127.0.0.1:9/api"
    assert settings["api"]["max_limit"] == 50
    assert settings["cache"]["backend"] == "none"
    assert settings["ingestion"]["max_shrink_share"] == 0.25
    assert settings["api"]["bind"] == "0.0.0.0:8080"


def test_separate_reader_and_writer_urls_are_kept_apart() -> None:
    settings = load_settings(
        environ={
            "TVNEXA_DB_WRITER_URL": "mysql://root@127.0.0.1:3320/tvnexa",
            "TVNEXA_DB_READER_URL": "mysql://root@127.0.0.1:3321/tvnexa",
        }
    )

    assert settings["db"]["writer_url"].endswith(":3320/tvnexa")
    assert settings["db"]["reader_url"].endswith(":3321/tvnexa")


def test_another_config_file_can_be_named(tmp_path: Path) -> None:
    custom = tmp_path / "custom.yaml"
    custom.write_text("data_dir: /srv/tvnexa\napi:\n  max_limit: 10\n")

    settings = load_settings(environ={"TVNEXA_CONFIG": str(custom)})

    assert settings["api"]["max_limit"] == 10
    assert settings["db"]["writer_url"] == "sqlite:////srv/tvnexa/tvnexa.sqlite3"


def test_a_list_setting_is_read_from_json_or_yaml_text() -> None:
    sources = '[{"name": "uk", "url": "https://example.org/uk.xml", "priority": 2}]'

    from_json = load_settings(environ={"TVNEXA_GUIDES_SOURCES": sources})
    from_yaml = load_settings(
        environ={"TVNEXA_GUIDES_SOURCES": "- name: uk\n  path: /srv/uk.xml\n"}
    )

    assert from_json["guides"]["sources"] == [
        {"name": "uk", "url": "https://example.org/uk.xml", "priority": 2}
    ]
    assert from_yaml["guides"]["sources"] == [{"name": "uk", "path": "/srv/uk.xml"}]
    assert load_settings(environ={})["guides"]["sources"] == []


def test_a_mapping_setting_is_read_whole_and_its_keys_one_by_one() -> None:
    settings = load_settings(
        environ={
            "TVNEXA_SCHEDULE": '{"guides": "0 1 * * *", "streams": null}',
            "TVNEXA_SCHEDULE_STREAMS": "5 * * * *",
        }
    )

    assert settings["schedule"] == {"guides": "0 1 * * *", "streams": "5 * * * *"}


def test_a_list_or_mapping_setting_of_the_wrong_shape_is_refused() -> None:
    with pytest.raises(InvalidSetting, match="TVNEXA_GUIDES_SOURCES must hold a list"):
        load_settings(environ={"TVNEXA_GUIDES_SOURCES": '{"name": "uk"}'})
    with pytest.raises(InvalidSetting, match="TVNEXA_SCHEDULE must hold a mapping"):
        load_settings(environ={"TVNEXA_SCHEDULE": "[1, 2]"})
    with pytest.raises(InvalidSetting, match="not YAML or JSON"):
        load_settings(environ={"TVNEXA_GUIDES_SOURCES": "[{unclosed"})


def test_an_empty_list_variable_means_null() -> None:
    settings = load_settings(environ={"TVNEXA_GUIDES_SOURCES": ""})

    assert settings["guides"]["sources"] is None
