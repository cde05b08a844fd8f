"""Scheduled guide ingestion: one source's job, after the catalogue it matches to."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from tvnexa.application.guide_runs import guide_dataset
from tvnexa.application.guides import IngestGuide
from tvnexa.application.leases import lock_name
from tvnexa.application.ports import JobLock
from tvnexa.application.scheduling import JobOutcomeKind, parent_settled
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import TvnexaError
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.schedules import GuideSourceSettings

logger = logging.getLogger(__name__)

# Guide channels are matched to channels and feeds, and by guides.json: a
# guide job is a child of the `guides` dataset, whose ancestors are those.
GUIDE_PARENTS = (Dataset.CHANNELS, Dataset.FEEDS, Dataset.GUIDES)


class UnknownGuideSource(TvnexaError):
    """Raised when a guide job names a source the configuration does not have."""


@dataclass(frozen=True, slots=True)
class GuideJobOutcome:
    """What a guide job did; the kinds mean what they mean for IngestJob."""

    source: str
    kind: JobOutcomeKind
    reason: str = ""
    run: IngestionRun | None = None

    @property
    def failed(self) -> bool:
        return self.run is not None and self.run.status is RunStatus.FAILED


class GuideJob:
    """Run one configured source's ingest when the catalogue allows it.

    Held back while a parent dataset has never been ingested (nothing to
    match against), waiting while one is being ingested (the match would
    see it half-way), busy while another worker ingests the same source.
    """

    def __init__(
        self,
        ingest: IngestGuide,
        sources: Mapping[str, GuideSourceSettings],
        lock: JobLock,
    ) -> None:
        self.ingest = ingest
        self.sources = sources
        self.lock = lock

    def execute(self, source_name: str) -> GuideJobOutcome:
        source = self.sources.get(source_name)
        if source is None:
            raise UnknownGuideSource(f"no guide source is named {source_name!r}")
        runs = self.ingest.runs
        unsettled = [p for p in GUIDE_PARENTS if not parent_settled(runs, p)]
        if unsettled:
            reason = "never ingested: " + ", ".join(p.value for p in unsettled)
            return self.report(source_name, JobOutcomeKind.HELD_BACK, reason)

        running = [p for p in GUIDE_PARENTS if self.lock.is_held(lock_name(p))]
        if running:
            reason = "being ingested now: " + ", ".join(p.value for p in running)
            return self.report(source_name, JobOutcomeKind.WAITING, reason)

        run = self.ingest.execute_if_free(source)
        if run is None:
            reason = "another worker is ingesting it"
            return self.report(source_name, JobOutcomeKind.BUSY, reason)
        return GuideJobOutcome(source_name, JobOutcomeKind.RAN, run=run)

    def report(
        self, source_name: str, kind: JobOutcomeKind, reason: str
    ) -> GuideJobOutcome:
        logger.info("job %s %s: %s", guide_dataset(source_name), kind, reason)
        return GuideJobOutcome(source_name, kind, reason)
