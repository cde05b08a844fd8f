"""Real guides for the guide ingest tests: where they are, what a plain reading
(xml.etree, strptime) finds in them, and an application on a SQLite file."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tvnexa.containers import Application, build_application
from tvnexa.entrypoints.configuration import load_settings

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
XMLTV = SHARED / "xmltv"
CATALOGUE_SNAPSHOT = SHARED / "iptv-org" / "api-2026-04-30"

GUIDES = sorted(
    str(path.relative_to(XMLTV))
    for path in XMLTV.rglob("*")
    if path.name.endswith((".xml", ".xml.gz"))
)

Slot = tuple[str, datetime]


@dataclass(frozen=True, slots=True)
class PlainProgramme:
    title: str
    stop: datetime | None


@dataclass
class PlainGuide:
    """A guide as xml.etree reads it, all in memory.

    `slots` maps each (channel, start in UTC) of a readable programme to the
    programmes that share it, in document order; storage keeps one per slot.
    """

    declared: list[str] = field(default_factory=list)
    slots: dict[Slot, list[PlainProgramme]] = field(default_factory=dict)

    @property
    def channels(self) -> set[str]:
        return set(self.declared) | {channel for channel, _ in self.slots}

    def per_channel(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for channel, _ in self.slots:
            counts[channel] = counts.get(channel, 0) + 1
        return counts


def plain_guide(path: Path) -> PlainGuide:
    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
    guide = PlainGuide()
    with opener(path, "rb") as file:
        for _, element in ElementTree.iterparse(file):
            if element.tag == "channel" and element.get("id"):
                guide.declared.append(element.get("id", ""))
            elif element.tag == "programme":
                _read(guide, element)
                element.clear()
    return guide


def _read(guide: PlainGuide, element: ElementTree.Element) -> None:
    channel = element.get("channel")
    try:
        start = utc(element.get("start", ""))
        stop_text = (element.get("stop") or "").strip()
        stop = utc(stop_text) if stop_text[:1].isdigit() else None
    except ValueError:
        return
    if not channel or (stop is not None and stop < start):
        return
    title = element.find("title")
    text = "" if title is None else "".join(title.itertext()).strip()
    guide.slots.setdefault((channel, start), []).append(PlainProgramme(text, stop))


# The DTD's forms: YYYYMMDD, then optionally hh, mm and ss, then an offset;
# a time without an offset is UTC.
XMLTV_TIME = re.compile(r"(\d{8})(\d{2})?(\d{2})?(\d{2})? ?([+-]\d{4})?")


def utc(text: str) -> datetime:
    match = XMLTV_TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an XMLTV time: {text!r}")
    day, hour, minute, second, offset = match.groups()
    digits = f"{day}{hour or '00'}{minute or '00'}{second or '00'}{offset or '+0000'}"
    return datetime.strptime(digits, "%Y%m%d%H%M%S%z").astimezone(UTC)


def application_on_sqlite(data_dir: Path) -> Application:
    """The application the container builds from configuration, on a SQLite
    file in `data_dir`, keeping every past programme (no retention)."""
    settings = load_settings(
        environ={"TVNEXA_DATA_DIR": str(data_dir), "TVNEXA_GUIDES_RETENTION_DAYS": ""}
    )
    application = build_application(settings)
    application.storage.migrator()
    return application
