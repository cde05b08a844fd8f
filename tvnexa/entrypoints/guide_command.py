"""The body of `tvnexa guide ingest`: one guide by hand, or one configured source."""

from __future__ import annotations

import argparse
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from rich.console import Console
from rich.table import Table

from tvnexa.application.guide_settings import SOURCE_NAME
from tvnexa.application.guides import IngestGuide
from tvnexa.containers import build_application
from tvnexa.domain.errors import TvnexaError
from tvnexa.domain.ingestion import IngestionRun, ProblemKind, RunStatus
from tvnexa.domain.schedules import GuideSourceSettings

UNMATCHED_SHOWN = 100
REJECTIONS_SHOWN = 5
GUIDE_SUFFIXES = (".gz", ".xz", ".xml")


class GuideCommandError(TvnexaError):
    """Raised when `tvnexa guide ingest` is given arguments it cannot act on:
    both or neither of a location and `--source`, an unknown source, a name
    a source cannot have."""


def add_guide_ingest_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "location",
        nargs="?",
        metavar="URL_OR_PATH",
        help="an http(s) URL or a file of XMLTV (plain, gzip or xz)",
    )
    parser.add_argument(
        "--source", metavar="NAME", help="ingest this configured source instead"
    )
    parser.add_argument(
        "--name",
        help="the source the programmes are stored under "
        "(by default the guide's file name, without its suffixes)",
    )
    parser.add_argument(
        "--priority",
        type=int,
        default=0,
        metavar="N",
        help="where sources overlap, the higher priority wins (0)",
    )
    parser.add_argument(
        "--correction",
        type=int,
        default=0,
        metavar="SECONDS",
        help="seconds added to every start and stop (0)",
    )
    parser.add_argument(
        "--site", help="the iptv-org guides.json site whose site_ids the guide uses"
    )


def run_guide_ingest(
    arguments: argparse.Namespace, settings: dict[str, Any], console: Console
) -> int:
    """Ingest one guide and print its run; 1 when the run failed."""
    application = build_application(settings)
    if (arguments.location is None) == (arguments.source is None):
        raise GuideCommandError("give either URL_OR_PATH or --source NAME")
    if arguments.source is not None:
        configured = {s.name: s for s in application.use_cases.guide_sources()}
        if arguments.source not in configured:
            known = ", ".join(sorted(configured)) or "none are configured"
            raise GuideCommandError(
                f"no guide source is named {arguments.source!r} ({known})"
            )
        source = configured[arguments.source].settings
    else:
        source = manual_source(arguments)

    application.storage.migrator()
    ingest: IngestGuide = application.use_cases.ingest_guide()
    run = ingest.execute(source)
    console.print(guide_run_table(run))
    print_guide_problems(run, console)
    return 1 if run.status is RunStatus.FAILED else 0


def manual_source(arguments: argparse.Namespace) -> GuideSourceSettings:
    name = arguments.name or default_source_name(arguments.location)
    if not SOURCE_NAME.fullmatch(name):
        raise GuideCommandError(
            f"--name {name!r}: use letters, digits, '.', '_' or '-' (at most 100)"
        )
    return GuideSourceSettings(
        name=name,
        location=arguments.location,
        priority=arguments.priority,
        site=arguments.site,
        correction_seconds=arguments.correction,
    )


def default_source_name(location: str) -> str:
    """A source name from a guide's location: its file name without the
    guide suffixes, other characters replaced by '-' (`uk.xml.gz` → `uk`)."""
    parsed = urlparse(location)
    is_url = parsed.scheme in ("http", "https", "file")
    path = unquote(parsed.path) if is_url else location
    name = PurePosixPath(path.replace("\\", "/")).name
    while name.lower().endswith(GUIDE_SUFFIXES):
        name = name[: name.rfind(".")]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-._")[:100]
    return name or parsed.hostname or "manual"


def guide_run_table(run: IngestionRun) -> Table:
    table = Table(title="Guide ingestion")
    for heading in ("source", "status"):
        table.add_column(heading)
    for heading in ("inserted", "replaced", "rejected", "unmatched", "seconds"):
        table.add_column(heading, justify="right")
    table.add_column("error")
    seconds = (
        (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0.0
    )
    table.add_row(
        run.dataset,
        run.status.value,
        str(run.counts.added),
        str(run.counts.removed),
        str(run.rejected),
        str(run.dangling),
        f"{seconds:.1f}",
        run.error or "",
    )
    return table


def print_guide_problems(run: IngestionRun, console: Console) -> None:
    """The run's notes and anomaly counts, its first rejections and its
    unmatched channels, then where the whole list is."""
    problems = run.problems
    for kind in (ProblemKind.NOTE, ProblemKind.ANOMALY):
        for problem in (p for p in problems if p.kind is kind):
            console.print(f"{problem.field}: {problem.reason}", markup=False)

    rejected = [p for p in problems if p.kind is ProblemKind.REJECTED]
    for problem in rejected[:REJECTIONS_SHOWN]:
        console.print(
            f"rejected at line {problem.position}: {problem.field}: {problem.reason}",
            markup=False,
        )

    unmatched = [p for p in problems if p.kind is ProblemKind.UNMATCHED]
    if run.dangling:
        console.print(f"[bold]{run.dangling} unmatched guide channels[/bold]:")
    for problem in unmatched[:UNMATCHED_SHOWN]:
        console.print(f"  {problem.reason}", markup=False)
    hidden = run.dangling - min(len(unmatched), UNMATCHED_SHOWN)
    if hidden > 0:
        console.print(f"  … and {hidden} more")
    if problems:
        console.print(
            f"every problem: GET /api/v1/ingestion/runs/{run.id}", markup=False
        )
