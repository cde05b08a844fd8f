"""The `tvnexa` command: run, ingest, guides, serve, the queue, runs, db chores."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tvnexa.application.ingestion import IngestCatalogue
from tvnexa.containers import Application, build_application
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import TvnexaError
from tvnexa.domain.ingestion import IngestionRun, ProblemKind, RunStatus
from tvnexa.entrypoints.configuration import load_settings
from tvnexa.entrypoints.guide_command import (
    add_guide_ingest_arguments,
    run_guide_ingest,
)
from tvnexa.entrypoints.runs_command import add_runs_arguments, print_runs

logger = logging.getLogger(__name__)

PROBLEMS_SHOWN_PER_KIND = 3
REPORT_WIDTH = 200
FAILING_STATUSES = (RunStatus.FAILED, RunStatus.REFUSED)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    settings = load_settings()
    configure_logging(settings.get("logging", {}).get("level", "INFO"))
    try:
        result: int = arguments.handler(arguments, settings)
    except TvnexaError as exc:
        # Said plainly, as argparse says a bad argument: a bad setting or an
        # unreachable database is not a crash.
        parser.exit(2, f"tvnexa: error: {exc}\n")
    return result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tvnexa", description="The iptv-org catalogue, ingested and served."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="run everything on this machine: the API, the worker and its schedules",
    )
    run.add_argument("--bind", metavar="HOST:PORT", help="address the API listens on")
    run.set_defaults(handler=run_embedded_mode)

    ingest = commands.add_parser(
        "ingest", help="ingest datasets (all, in dependency order, by default)"
    )
    ingest.add_argument(
        "datasets",
        nargs="*",
        metavar="DATASET",
        type=parse_dataset,
        help="one or more of: " + ", ".join(d.value for d in Dataset),
    )
    ingest.add_argument(
        "--source", metavar="URL_OR_DIR", help="an http(s) base URL or a directory"
    )
    ingest.add_argument(
        "--force",
        action="store_true",
        help="fetch even if unchanged and apply even if the dataset shrank sharply",
    )
    ingest.set_defaults(handler=run_ingest)

    guide = commands.add_parser("guide", help="programme guides (XMLTV)")
    guide_commands = guide.add_subparsers(required=True, metavar="COMMAND")
    guide_ingest = guide_commands.add_parser(
        "ingest",
        help="ingest one guide by hand, or one configured source, and print its run",
    )
    add_guide_ingest_arguments(guide_ingest)
    guide_ingest.set_defaults(handler=run_guide)

    serve = commands.add_parser("serve", help="serve the API under gunicorn")
    serve.add_argument("--bind", metavar="HOST:PORT", help="address to listen on")
    serve.set_defaults(handler=run_serve)

    worker = commands.add_parser(
        "worker", help="run a queue worker, with the scheduled ingestion"
    )
    worker.add_argument(
        "--workers",
        type=positive_number,
        metavar="N",
        help="threads running tasks (queue.workers by default)",
    )
    worker.set_defaults(handler=run_worker)

    runs = commands.add_parser("runs", help="print the recent ingestion runs")
    add_runs_arguments(runs)
    runs.set_defaults(handler=run_runs)

    database = commands.add_parser("db", help="database chores")
    database_commands = database.add_subparsers(required=True, metavar="COMMAND")
    migrate = database_commands.add_parser("migrate", help="apply pending migrations")
    migrate.set_defaults(handler=run_migrate)
    return parser


def parse_dataset(name: str) -> Dataset:
    try:
        return Dataset(name)
    except ValueError:
        known = ", ".join(d.value for d in Dataset)
        raise argparse.ArgumentTypeError(f"{name!r} is not one of: {known}") from None


def positive_number(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(name)s: %(message)s",
        handlers=[
            RichHandler(
                console=Console(stderr=True),
                show_path=False,
                log_time_format="[%Y-%m-%d %H:%M:%S]",
            )
        ],
    )


def run_migrate(arguments: argparse.Namespace, settings: dict[str, object]) -> int:
    application = build_application(settings)
    applied = application.storage.migrator()
    print("applied: " + ", ".join(applied) if applied else "schema is up to date")
    return 0


def run_ingest(arguments: argparse.Namespace, settings: dict[str, object]) -> int:
    application = build_application(settings)
    if arguments.source:
        application.config.iptv_org.url.from_value(arguments.source)
    application.storage.migrator()
    datasets = arguments.datasets or None
    runs = ingest_with_progress(application, datasets, arguments.force)
    report_console().print(summary_table(runs))
    print_problems(runs)
    return 1 if any(run.status in FAILING_STATUSES for run in runs) else 0


def ingest_with_progress(
    application: Application, datasets: list[Dataset] | None, force: bool
) -> list[IngestionRun]:
    ingest: IngestCatalogue = application.use_cases.ingest_catalogue()
    total = len(datasets) if datasets else len(Dataset)
    columns = (
        TextColumn("{task.description:<24}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task("ingesting", total=total)
        return ingest.execute(
            datasets,
            force=force,
            on_start=lambda d: progress.update(task, description=f"ingest {d.value}"),
            on_finish=lambda run: progress.advance(task),
        )


def summary_table(runs: Sequence[IngestionRun]) -> Table:
    table = Table(title="Ingestion summary")
    for heading in ("dataset", "status"):
        table.add_column(heading)
    for heading in ("added", "updated", "removed", "unchanged", "rejected"):
        table.add_column(heading, justify="right")
    table.add_column("dangling", justify="right")
    table.add_column("seconds", justify="right")
    table.add_column("error")
    for run in runs:
        seconds = (
            (run.finished_at - run.started_at).total_seconds()
            if run.finished_at
            else 0.0
        )
        table.add_row(
            run.dataset,
            run.status.value,
            str(run.counts.added),
            str(run.counts.updated),
            str(run.counts.removed),
            str(run.counts.unchanged),
            str(run.rejected),
            str(run.dangling),
            f"{seconds:.1f}",
            run.error or "",
        )
    return table


def report_console() -> Console:
    """A console for tables: as wide as the terminal, or wide enough to keep
    every column whole when the output goes to a file or a pipe."""
    console = Console()
    return console if console.is_terminal else Console(width=REPORT_WIDTH)


def print_problems(runs: Sequence[IngestionRun]) -> None:
    console = report_console()
    for run in runs:
        if run.status is RunStatus.REFUSED:
            console.print(
                f"[bold]{run.dataset}[/bold]: refused; "
                f"`tvnexa ingest {run.dataset} --force` applies it anyway"
            )
        if not run.problems:
            continue
        console.print(
            f"[bold]{run.dataset}[/bold] (run {run.id}): {run.rejected} records "
            f"rejected, {run.dangling} with dangling references "
            f"({len(run.problems)} problems in all)"
        )
        for kind in ProblemKind:
            of_kind = [p for p in run.problems if p.kind is kind]
            for problem in of_kind[:PROBLEMS_SHOWN_PER_KIND]:
                console.print(f"  {kind.value}: {problem}", markup=False)
            hidden = len(of_kind) - PROBLEMS_SHOWN_PER_KIND
            if hidden > 0:
                console.print(f"  … and {hidden} more {kind.value}")
        console.print(
            f"  every problem: GET /api/v1/ingestion/runs/{run.id}", markup=False
        )


def run_guide(arguments: argparse.Namespace, settings: dict[str, Any]) -> int:
    return run_guide_ingest(arguments, settings, report_console())


def run_serve(arguments: argparse.Namespace, settings: dict[str, object]) -> int:
    from tvnexa.entrypoints.serve import serve

    serve(settings, bind=arguments.bind)
    return 0


def run_runs(arguments: argparse.Namespace, settings: dict[str, object]) -> int:
    history = build_application(settings).storage.run_history()
    print_runs(
        history,
        arguments.dataset,
        arguments.status,
        arguments.limit,
        console=report_console(),
    )
    return 0


def run_worker(arguments: argparse.Namespace, settings: dict[str, object]) -> int:
    from tvnexa.entrypoints.worker.consumer import consume

    application = build_application(settings)
    consume(application, arguments.workers or application.config.queue.workers())
    return 0


def run_embedded_mode(
    arguments: argparse.Namespace, settings: dict[str, object]
) -> int:
    from tvnexa.entrypoints.worker.embedded import run_embedded

    application = build_application(settings)
    workers = application.config.queue.workers()
    return run_embedded(application, arguments.bind, workers)


if __name__ == "__main__":
    sys.exit(main())
