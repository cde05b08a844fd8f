"""Guide settings: how guides are ingested, and each configured source, checked."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tvnexa.domain.errors import TvnexaError
from tvnexa.domain.schedules import GuideSourceSettings
from tvnexa.domain.xmltv_time import MAX_CORRECTION_SECONDS

# A source's name is part of run datasets (`guide:<name>`), lease names and
# task names, so it is kept to characters every one of those takes.
SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")

SOURCE_KEYS = frozenset(
    {
        "name",
        "url",
        "path",
        "command",
        "priority",
        "id_map",
        "site",
        "correction_seconds",
        "schedule",
        "timeout_seconds",
    }
)


class InvalidGuideSettings(TvnexaError):
    """Raised when the configured guide sources cannot be read as sources."""


@dataclass(frozen=True, slots=True)
class GuideIngestSettings:
    """How one guide is ingested.

    Programmes go to storage `batch_size` at a time, so a guide is never
    held whole in memory; a few hundred cost no more per programme than
    thousands and leave the garbage collector less to walk. After a
    successful ingest, programmes that ended more than `retention_days` ago
    are deleted (None keeps them all).
    """

    batch_size: int = 500
    retention_days: float | None = 7.0

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise InvalidGuideSettings("guides.batch_size must be 1 or more")
        if self.retention_days is not None and self.retention_days < 0:
            raise InvalidGuideSettings("guides.retention_days must be 0 or more")


@dataclass(frozen=True, slots=True)
class ConfiguredGuideSource:
    """A source as configured: its settings and its cron schedule, if any."""

    settings: GuideSourceSettings
    schedule: str | None = None

    @property
    def name(self) -> str:
        return self.settings.name


def read_guide_sources(raw: object) -> tuple[ConfiguredGuideSource, ...]:
    """The sources of `guides.sources`: a list of mappings (None: no sources).

    Each has a unique `name`, exactly one of `url`, `path` or `command` (an
    argv list), and optionally `priority`, `id_map`, `site`,
    `correction_seconds`, `schedule` and `timeout_seconds`. Raises
    InvalidGuideSettings naming the source and the key that is wrong.
    """
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise InvalidGuideSettings("guides.sources must be a list of sources")
    sources = tuple(read_guide_source(item, i) for i, item in enumerate(raw))
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise InvalidGuideSettings(f"guides.sources: {source.name!r} twice")
        seen.add(source.name)
    return sources


def read_guide_source(raw: object, position: int = 0) -> ConfiguredGuideSource:
    """One source from its mapping; see `read_guide_sources`."""
    where = f"guides.sources[{position}]"
    if not isinstance(raw, Mapping):
        raise InvalidGuideSettings(f"{where} must be a mapping")
    unknown = sorted(set(map(str, raw)) - SOURCE_KEYS)
    if unknown:
        raise InvalidGuideSettings(f"{where}: unknown keys {', '.join(unknown)}")
    name = raw.get("name")
    if not isinstance(name, str) or not SOURCE_NAME.fullmatch(name):
        raise InvalidGuideSettings(
            f"{where}.name must be letters, digits, '.', '_' or '-' (at most 100)"
        )
    where = f"guides.sources[{name}]"

    given = [key for key in ("url", "path", "command") if raw.get(key)]
    if len(given) != 1:
        raise InvalidGuideSettings(f"{where}: give exactly one of url, path, command")
    location = _text(raw, "url", where) or _text(raw, "path", where)
    command = _argv(raw.get("command"), where)
    correction = _integer(raw, "correction_seconds", 0, where)
    if abs(correction) > MAX_CORRECTION_SECONDS:
        raise InvalidGuideSettings(f"{where}.correction_seconds: at most ±86400")
    timeout = _number(raw, "timeout_seconds", 600.0, where)
    if timeout <= 0:
        raise InvalidGuideSettings(f"{where}.timeout_seconds must be above 0")

    settings = GuideSourceSettings(
        name=name,
        location=location,
        command=command,
        priority=_integer(raw, "priority", 0, where),
        id_map=_id_map(raw.get("id_map"), where),
        site=_text(raw, "site", where),
        correction_seconds=correction,
        timeout_seconds=timeout,
    )
    return ConfiguredGuideSource(settings, _text(raw, "schedule", where))


def _text(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidGuideSettings(f"{where}.{key} must be text")
    return value


def _integer(raw: Mapping[str, Any], key: str, default: int, where: str) -> int:
    value = raw.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidGuideSettings(f"{where}.{key} must be a whole number")
    return value


def _number(raw: Mapping[str, Any], key: str, default: float, where: str) -> float:
    value = raw.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidGuideSettings(f"{where}.{key} must be a number")
    return float(value)


def _argv(value: object, where: str) -> tuple[str, ...]:
    if value is None or value == []:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        # A command is an argv list, never a shell line: no quoting to get wrong.
        raise InvalidGuideSettings(f"{where}.command must be a list of arguments")
    return tuple(value)


def _id_map(value: object, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidGuideSettings(
            f"{where}.id_map must map guide channel ids to catalogue ids"
        )
    return dict(value)


def settings_by_name(
    sources: Sequence[ConfiguredGuideSource],
) -> dict[str, GuideSourceSettings]:
    """Each configured source's settings, by its name."""
    return {source.name: source.settings for source in sources}
