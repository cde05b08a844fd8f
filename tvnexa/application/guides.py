"""IngestGuide: read one guide source, match its channels, store its programmes."""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta
from typing import Protocol

from tvnexa.application.guide_matching import load_match_index, match_guide_channels
from tvnexa.application.guide_ports import (
    GuideParser,
    GuideReading,
    GuideSource,
    ProgrammeStage,
    ProgrammeWriter,
)
from tvnexa.application.guide_runs import (
    StoredGuide,
    guide_dataset,
    guide_lock_name,
    log_guide_run,
    record_stored_guide,
)
from tvnexa.application.guide_settings import GuideIngestSettings
from tvnexa.application.leases import ABANDONED, JobSettings, LeaseKeeper
from tvnexa.application.ports import CatalogReader, Clock, JobLock, RunLog
from tvnexa.domain.errors import TvnexaError
from tvnexa.domain.guide_errors import EmptyGuide
from tvnexa.domain.ingestion import IngestionRun, RunStatus
from tvnexa.domain.programmes import GuideChannel, Programme
from tvnexa.domain.schedules import GuideSourceSettings

logger = logging.getLogger(__name__)

BUSY = "another worker is ingesting it"


class GuideSources(Protocol):
    """Turns a configured source into the GuideSource that delivers it."""

    def source_for(self, settings: GuideSourceSettings) -> GuideSource: ...


class IngestGuide:
    """Ingest one guide source and record the run as `guide:<source name>`.

    The guide is streamed: programmes go to a ProgrammeStage `batch_size` at
    a time while the channels are collected; once the whole guide has been
    read, the channels are matched against the catalogue and the stage is
    committed in one go. A guide that cannot be delivered, or turns out
    empty, truncated or not XMLTV, fails its run and its stage is discarded,
    so nothing stored changes. A guide none of whose programmes could be
    read counts as empty. After a commit, programmes that ended more than
    `retention_days` ago are deleted, whichever source they came from.

    Given a `lock`, each source is ingested under its own lease
    (`guide_lock_name`), so two workers, or a worker and `tvnexa guide
    ingest`, never ingest one source at once.
    """

    def __init__(
        self,
        sources: GuideSources,
        parser: GuideParser,
        writer: ProgrammeWriter,
        catalogue: CatalogReader,
        runs: RunLog,
        clock: Clock,
        settings: GuideIngestSettings | None = None,
        lock: JobLock | None = None,
        holder: str = "guide",
        lease: JobSettings | None = None,
    ) -> None:
        self.sources = sources
        self.parser = parser
        self.writer = writer
        self.catalogue = catalogue
        self.runs = runs
        self.clock = clock
        self.settings = settings or GuideIngestSettings()
        self.lock = lock
        self.holder = holder
        self.lease = lease or JobSettings()

    def execute(self, source: GuideSourceSettings) -> IngestionRun:
        """Ingest `source`; a source being ingested elsewhere is recorded as
        a skipped run."""
        run = self.execute_if_free(source)
        return run if run is not None else self.skipped(source, BUSY)

    def execute_if_free(self, source: GuideSourceSettings) -> IngestionRun | None:
        """Ingest `source` under its lease; None, recording nothing, when
        someone else holds the lease."""
        if self.lock is None:
            return self.ingest(source)
        name = guide_lock_name(source.name)
        if not self.lock.acquire(name, self.holder, self.lease.lease_seconds):
            return None
        with LeaseKeeper(self.lock, name, self.holder, self.lease):
            dataset = guide_dataset(source.name)
            self.runs.abandon_unfinished(dataset, self.clock.now(), ABANDONED)
            return self.ingest(source)

    def ingest(self, source: GuideSourceSettings) -> IngestionRun:
        """One run over `source`, without a lease."""
        run = self.runs.start(
            IngestionRun(guide_dataset(source.name), self.clock.now())
        )
        origin = source.location or " ".join(source.command)
        try:
            guide = self.sources.source_for(source)
            origin = guide.origin
            record_stored_guide(run, self.store(source, guide))
            run.status = RunStatus.SUCCEEDED
        except TvnexaError as exc:
            run.status, run.error = RunStatus.FAILED, str(exc)
        except Exception as exc:
            logger.exception("guide ingest %s failed unexpectedly", source.name)
            run.status, run.error = RunStatus.FAILED, f"{type(exc).__name__}: {exc}"
        run.finished_at = self.clock.now()
        self.runs.finish(run)
        log_guide_run(run, origin, source.correction_seconds)
        return run

    def store(self, source: GuideSourceSettings, guide: GuideSource) -> StoredGuide:
        stream = guide.open()
        try:
            reading = self.parser.parse(stream, guide.origin, source.correction_seconds)
            stage = self.writer.stage(source.name, source.priority)
            try:
                channels = self.stage_programmes(reading, stage)
                report = reading.report
                if report.programmes == 0:
                    raise EmptyGuide(
                        guide.origin,
                        f"the guide holds no readable programme "
                        f"({report.rejected} rejected)",
                    )
                index = load_match_index(self.catalogue, source.site)
                matches = match_guide_channels(index, source, channels)
                stored = stage.commit(matches)
            except BaseException:
                stage.discard()
                raise
        finally:
            stream.close()
        return self.apply_retention(StoredGuide(report, matches, stored))

    def stage_programmes(
        self, reading: GuideReading, stage: ProgrammeStage
    ) -> list[GuideChannel]:
        """Hand every programme to `stage` in batches; return the guide's
        channels, declared or only referred to, in the order first seen."""
        channels: dict[str, GuideChannel] = {}
        batch: list[Programme] = []
        for item in reading:
            if isinstance(item, GuideChannel):
                # A repeated declaration arrives merged with the earlier one.
                channels[item.id] = item
                continue
            # A programme on a channel the guide never declared still needs
            # a match; a declaration coming later takes its place. (Looked up
            # first: a GuideChannel made per programme and thrown away costs.)
            if item.channel_ref not in channels:
                channels[item.channel_ref] = GuideChannel(item.channel_ref)
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                stage.add(batch)
                batch = []
        if batch:
            stage.add(batch)
        return list(channels.values())

    def apply_retention(self, guide: StoredGuide) -> StoredGuide:
        days = self.settings.retention_days
        if days is None:
            return guide
        cutoff = self.clock.now() - timedelta(days=days)
        try:
            deleted = self.writer.delete_ended_before(cutoff)
        except TvnexaError as exc:
            # The guide is stored; old programmes can go next time.
            logger.warning("guide retention failed: %s", exc)
            return dataclasses.replace(guide, retention_error=str(exc))
        return dataclasses.replace(
            guide, retention_cutoff=cutoff, retention_deleted=deleted
        )

    def skipped(self, source: GuideSourceSettings, reason: str) -> IngestionRun:
        now = self.clock.now()
        run = self.runs.start(IngestionRun(guide_dataset(source.name), now))
        run = dataclasses.replace(
            run, status=RunStatus.SKIPPED, finished_at=now, error=reason
        )
        self.runs.finish(run)
        log_guide_run(run, source.location or "", source.correction_seconds)
        return run
