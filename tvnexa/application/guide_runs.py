"""How a guide run is recorded: its dataset name, lease, counts and problems."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tvnexa.domain.guide_reports import Anomaly, ParseReport
from tvnexa.domain.ingestion import ChangeCounts, IngestionRun, Problem, ProblemKind
from tvnexa.domain.schedules import ChannelMatch, ReplaceCounts

logger = logging.getLogger(__name__)

GUIDE_PREFIX = "guide:"

# What the reading did with each irregularity, said beside its count.
OUTCOMES: dict[Anomaly, str] = {
    Anomaly.MISSING_STOP: "kept; the stop is the next start on the channel",
    Anomaly.ZERO_LENGTH: "kept",
    Anomaly.STOP_BEFORE_START: "rejected",
    Anomaly.BAD_TIME: "rejected",
    Anomaly.MISSING_CHANNEL: "rejected",
    Anomaly.DUPLICATE_PROGRAMME: "dropped",
    Anomaly.OVERLAP: "kept; stored priorities decide",
    Anomaly.UNDECLARED_CHANNEL: "kept",
    Anomaly.DUPLICATE_CHANNEL: "merged",
    Anomaly.CHANNEL_WITHOUT_ID: "dropped",
    Anomaly.UNTITLED: "kept",
    Anomaly.BAD_EPISODE_NUMBER: "kept as written",
    Anomaly.HTML_ENTITY: "replaced by its character",
    Anomaly.BARE_AMPERSAND: "escaped",
    Anomaly.BARE_LESS_THAN: "escaped",
    Anomaly.FORBIDDEN_CHARACTER: "stripped",
    Anomaly.INVALID_BYTES: "read as Windows-1252",
    Anomaly.WRONG_ENCODING: "read as UTF-8",
    Anomaly.BYTE_ORDER_MARK: "skipped",
}


def guide_dataset(source: str) -> str:
    """The dataset a guide source's runs are recorded under."""
    return f"{GUIDE_PREFIX}{source}"


def guide_lock_name(source: str) -> str:
    """The lease one source's ingest holds, beside the catalogue's `ingest:*`."""
    return f"ingest:{guide_dataset(source)}"


@dataclass(frozen=True, slots=True)
class StoredGuide:
    """What one guide's ingest read, matched and stored.

    `retention_deleted` is None when retention did not run.
    """

    report: ParseReport
    matches: Sequence[ChannelMatch]
    stored: ReplaceCounts
    retention_cutoff: datetime | None = None
    retention_deleted: int | None = None
    retention_error: str | None = None


def record_stored_guide(run: IngestionRun, guide: StoredGuide) -> None:
    """Fill `run` with the counts and problems of a stored guide.

    added = programmes inserted, removed = stored programmes replaced,
    rejected = programmes and channels the reading rejected, dangling =
    guide channels no catalogue channel matches.
    """
    unmatched = [m for m in guide.matches if not m.matched]
    run.counts = ChangeCounts(
        added=guide.stored.inserted, removed=guide.stored.replaced
    )
    run.rejected = guide.report.rejected
    run.dangling = len(unmatched)
    run.problems = (
        *_notes(run.dataset, guide),
        *anomaly_problems(run.dataset, guide.report),
        *rejection_problems(run.dataset, guide.report),
        *unmatched_problems(run.dataset, guide.matches),
    )


def anomaly_problems(dataset: str, report: ParseReport) -> list[Problem]:
    """One ANOMALY per irregularity the reading counted, with what was done."""
    return [
        Problem(
            ProblemKind.ANOMALY,
            dataset,
            0,
            anomaly.value,
            f"{count} times: {OUTCOMES.get(anomaly, 'counted')}",
        )
        for anomaly, count in sorted(report.anomalies.items())
        if count
    ]


def rejection_problems(dataset: str, report: ParseReport) -> list[Problem]:
    """The rejections the reading listed (the first ones), at their line."""
    return [
        Problem(
            ProblemKind.REJECTED,
            dataset,
            problem.line or 0,
            problem.anomaly.value,
            problem.reason,
        )
        for problem in report.problems
    ]


def unmatched_problems(dataset: str, matches: Sequence[ChannelMatch]) -> list[Problem]:
    """One UNMATCHED per guide channel without a catalogue channel, at its
    index among the guide's channels."""
    problems = []
    for position, match in enumerate(matches):
        if match.matched:
            continue
        channel = match.guide_channel
        names = ", ".join(repr(name.text) for name in channel.display_names)
        called = f" ({names})" if names else " (not declared)"
        problems.append(
            Problem(
                ProblemKind.UNMATCHED,
                dataset,
                position,
                "channel",
                f"{channel.id!r}{called} matches no catalogue channel",
            )
        )
    return problems


def _notes(dataset: str, guide: StoredGuide) -> list[Problem]:
    report, stored = guide.report, guide.stored
    correction = report.correction_seconds
    encoding = report.encoding
    if report.declared_encoding and report.declared_encoding.lower() != encoding:
        encoding += f" (declared {report.declared_encoding})"
    methods = Counter(m.method.value for m in guide.matches if m.method is not None)
    matched = ", ".join(f"{name} {n}" for name, n in sorted(methods.items()))
    notes = [
        (
            "correction_seconds",
            f"{correction:+d} seconds added to every start and stop"
            if correction
            else "no time correction",
        ),
        (
            "reading",
            f"{report.programmes} programmes on {report.channels} declared channels "
            f"from {report.origin}: {report.bytes_read} bytes read as {encoding}",
        ),
        (
            "matching",
            f"{sum(methods.values())} of {len(guide.matches)} guide channels "
            f"matched" + (f": {matched}" if matched else ""),
        ),
        (
            "storage",
            f"{stored.channels} channels stored; {stored.stops_filled} stops "
            f"filled from the next start; {stored.duplicates} repeats of a "
            "channel and start dropped",
        ),
    ]
    if guide.retention_error is not None:
        notes.append(("retention", f"not applied: {guide.retention_error}"))
    elif guide.retention_deleted is not None and guide.retention_cutoff is not None:
        cutoff = guide.retention_cutoff.isoformat(timespec="seconds")
        notes.append(
            (
                "retention",
                f"{guide.retention_deleted} programmes that ended before "
                f"{cutoff} deleted",
            )
        )
    return [Problem(ProblemKind.NOTE, dataset, 0, key, text) for key, text in notes]


def log_guide_run(run: IngestionRun, origin: str, correction_seconds: int) -> None:
    """The one summary line of a guide run."""
    seconds = (
        (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0.0
    )
    logger.info(
        "guide ingest %s %s: inserted=%d replaced=%d rejected=%d unmatched=%d "
        "correction=%ds seconds=%.1f origin=%s%s",
        run.dataset,
        run.status.value,
        run.counts.added,
        run.counts.removed,
        run.rejected,
        run.dangling,
        correction_seconds,
        seconds,
        origin,
        f" error={run.error}" if run.error else "",
    )
