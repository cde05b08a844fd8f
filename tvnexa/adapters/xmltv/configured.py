"""XmltvGuideSources: the guide source a configured source names, by its kind."""

from __future__ import annotations

from tvnexa.adapters.xmltv.sources import CommandGuideSource, guide_source_for
from tvnexa.application.guide_ports import GuideSource
from tvnexa.domain.guide_errors import GuideSourceError
from tvnexa.domain.schedules import GuideSourceSettings


class XmltvGuideSources:
    """The GuideSources role on the XMLTV adapters: a command when the source
    names one, else its URL or file path, each capped at `max_bytes`.

    For a URL, the source's `timeout_seconds` bounds each wait for bytes;
    for a command, the whole run.
    """

    def __init__(
        self, max_bytes: int, connect_timeout_seconds: float, retries: int
    ) -> None:
        self.max_bytes = max_bytes
        self.connect_timeout_seconds = connect_timeout_seconds
        self.retries = retries

    def source_for(self, settings: GuideSourceSettings) -> GuideSource:
        if settings.command:
            return CommandGuideSource(
                settings.command, settings.timeout_seconds, max_bytes=self.max_bytes
            )
        if not settings.location:
            raise GuideSourceError(f"guide source {settings.name!r} names no guide")
        return guide_source_for(
            settings.location,
            timeout=(self.connect_timeout_seconds, settings.timeout_seconds),
            retries=self.retries,
            max_bytes=self.max_bytes,
        )
