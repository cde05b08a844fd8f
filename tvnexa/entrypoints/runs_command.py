"""The body of `tvnexa runs`: the recent ingestion runs as a table."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tvnexa.application.ports import RunHistory
from tvnexa.application.runs import ListRuns, run_dataset_named
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.paging import Page, PageRequest

DEFAULT_LIMIT = 20
MAX_LIMIT = 1000
ERROR_WIDTH = 40
COUNT_HEADINGS = (
    "seconds",
    "added",
    "updated",
    "removed",
    "unchanged",
    "rejected",
    "dangling",
)

STATUS_STYLES = {
    RunStatus.RUNNING: "cyan",
    RunStatus.SUCCEEDED: "green",
    RunStatus.FAILED: "bold red",
    RunStatus.REFUSED: "yellow",
}


def dataset_argument(name: str) -> str:
    try:
        return run_dataset_named(name)
    except InvalidQuery as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def add_runs_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `print_runs` takes, checked by argparse before it runs."""
    parser.add_argument(
        "--dataset",
        type=dataset_argument,
        help="only this dataset, or a guide source as guide:<name>",
    )
    parser.add_argument(
        "--status", choices=[s.value for s in RunStatus], help="only this status"
    )
    parser.add_argument(
        "--limit",
        type=limit_argument,
        default=DEFAULT_LIMIT,
        help=f"how many runs, newest first (1 to {MAX_LIMIT}; {DEFAULT_LIMIT})",
    )


def limit_argument(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be a number from 1 to {MAX_LIMIT}")
    return int(text)


def print_runs(
    history: RunHistory,
    dataset: str | None = None,
    status: str | None = None,
    limit: int = DEFAULT_LIMIT,
    *,
    console: Console | None = None,
) -> None:
    """Print the newest `limit` runs, of one dataset and one status if given.

    Raises InvalidQuery for a dataset or status that does not exist, and
    StorageError when the history cannot be read.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be from 1 to {MAX_LIMIT}")

    page = ListRuns(history).execute(dataset, status, PageRequest(0, limit))

    (console or Console()).print(runs_table(page))


def runs_table(page: Page[IngestionRun]) -> Table:
    shown, total = len(page.items), page.total
    table = Table(title="Ingestion runs", caption=f"{shown} of {total}, newest first")
    # No cell wraps: on a narrow terminal every column gives up some width.
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("dataset", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("started (UTC)", no_wrap=True)
    for heading in COUNT_HEADINGS:
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("error", no_wrap=True, max_width=ERROR_WIDTH)

    for run in page.items:
        # Cells from stored data are Text, never markup: an error message
        # such as "feeds[3].id: missing" must print as it is.
        table.add_row(
            str(run.id),
            Text(run.dataset),
            Text(run.status.value, style=STATUS_STYLES.get(run.status, "")),
            utc_time(run.started_at),
            seconds(run),
            str(run.counts.added),
            str(run.counts.updated),
            str(run.counts.removed),
            str(run.counts.unchanged),
            str(run.rejected),
            str(run.dangling),
            Text(shortened(run.error)),
        )
    return table


def utc_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def seconds(run: IngestionRun) -> str:
    if run.finished_at is None:
        return "-"
    return f"{(run.finished_at - run.started_at).total_seconds():.1f}"


def shortened(error: str | None, width: int = ERROR_WIDTH) -> str:
    """The error's first line, cut to `width` characters; `…` marks a cut."""
    text = (error or "").strip()
    if not text:
        return ""
    first_line = text.splitlines()[0]
    if first_line == text and len(text) <= width:
        return text
    return first_line[: width - 1].rstrip() + "…"
