"""Reads the YAML configuration and applies TVNEXA_* environment overrides."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

ENV_PREFIX = "TVNEXA_"
DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "config" / "default.yaml"
SQLITE_FILE_NAME = "tvnexa.sqlite3"


def load_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The configuration tree: YAML defaults, then environment overrides.

    The file is `path`, else $TVNEXA_CONFIG, else config/default.yaml.
    """
    environ = os.environ if environ is None else environ
    config_path = path or Path(environ.get("TVNEXA_CONFIG", DEFAULT_CONFIG))
    with open(config_path, encoding="utf-8") as handle:
        settings: dict[str, Any] = yaml.safe_load(handle) or {}

    apply_overrides(settings, environ, ENV_PREFIX)
    fill_database_defaults(settings)
    return settings


def apply_overrides(
    tree: dict[str, Any], environ: Mapping[str, str], prefix: str
) -> None:
    """Replace each leaf whose environment variable is set.

    A number or boolean default takes the variable read as YAML; any other
    default takes the text as it is, and an empty variable means null.
    """
    for key, value in tree.items():
        name = f"{prefix}{key.upper()}"
        if isinstance(value, dict):
            apply_overrides(value, environ, f"{name}_")
        elif name in environ:
            text = environ[name]
            if not text:
                tree[key] = None
            elif isinstance(value, bool | int | float):
                tree[key] = yaml.safe_load(text)
            else:
                tree[key] = text


def fill_database_defaults(settings: dict[str, Any]) -> None:
    data_dir = Path(settings.get("data_dir") or "var")
    database = settings.setdefault("db", {})
    if not database.get("writer_url"):
        database["writer_url"] = f"sqlite:///{data_dir / SQLITE_FILE_NAME}"
    if not database.get("reader_url"):
        database["reader_url"] = database["writer_url"]
