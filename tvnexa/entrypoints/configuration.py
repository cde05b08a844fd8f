"""Reads the YAML configuration and applies TVNEXA_* environment overrides."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from tvnexa.domain.errors import TvnexaError

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


class InvalidSetting(TvnexaError, ValueError):
    """Raised when an environment variable cannot stand for its setting."""


def apply_overrides(
    tree: dict[str, Any], environ: Mapping[str, str], prefix: str
) -> None:
    """Replace each leaf whose environment variable is set.

    A number or boolean default takes the variable read as YAML; a list or
    mapping default takes it read as YAML (so JSON too), and the result must
    be a list or a mapping in turn; any other default takes the text as it
    is. An empty variable means null. A mapping's keys can also be set one
    by one, by their own variables, which win over the whole mapping's.
    """
    for key, value in list(tree.items()):
        name = f"{prefix}{key.upper()}"
        if name in environ:
            tree[key] = _overriding_value(name, environ[name], value)
        if isinstance(tree[key], dict):
            apply_overrides(tree[key], environ, f"{name}_")


def _overriding_value(name: str, text: str, default: Any) -> Any:
    if not text:
        return None
    if isinstance(default, bool | int | float):
        return yaml.safe_load(text)
    if isinstance(default, list | dict):
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InvalidSetting(f"{name} is not YAML or JSON: {exc}") from exc
        kind = list if isinstance(default, list) else dict
        if not isinstance(value, kind):
            noun = "a list" if kind is list else "a mapping"
            raise InvalidSetting(f"{name} must hold {noun}")
        return value
    return text


def fill_database_defaults(settings: dict[str, Any]) -> None:
    data_dir = Path(settings.get("data_dir") or "var")
    database = settings.setdefault("db", {})
    if not database.get("writer_url"):
        database["writer_url"] = f"sqlite:///{data_dir / SQLITE_FILE_NAME}"
    if not database.get("reader_url"):
        database["reader_url"] = database["writer_url"]
