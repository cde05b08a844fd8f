"""Use cases that read many channels at once, a page of catalogue channels a call."""

from __future__ import annotations

from datetime import datetime

from tvnexa.application.catalogue.records import not_found
from tvnexa.application.epg.views import (
    ChannelNowNext,
    ChannelProgrammes,
    programme_view,
)
from tvnexa.application.epg.windows import AskedWindow, WindowPolicy
from tvnexa.application.guide_ports import ProgrammeReader
from tvnexa.application.ports import CatalogReader, Clock
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.queries import ChannelQuery


class GetGuide:
    """The programmes of a page of channels matching the catalogue filters.

    Two reads whatever the page's size: the channels, then all their
    programmes in one call. Streams are not embedded; the channel list has
    them.
    """

    def __init__(
        self,
        catalogue: CatalogReader,
        programmes: ProgrammeReader,
        clock: Clock,
        policy: WindowPolicy,
    ) -> None:
        self.catalogue = catalogue
        self.programmes = programmes
        self.clock = clock
        self.policy = policy

    def execute(
        self, query: ChannelQuery, asked: AskedWindow, page: PageRequest
    ) -> Page[ChannelProgrammes]:
        window = self.policy.resolve(asked, self.clock.now())
        channels = self.catalogue.channels(query, page)

        ids = [channel.id for channel in channels.items]
        found = self.programmes.schedules(ids, window) if ids else {}

        guides = [
            ChannelProgrammes(
                channel_id=channel.id,
                name=channel.name,
                programmes=tuple(programme_view(p) for p in found.get(channel.id, [])),
            )
            for channel in channels.items
        ]
        return Page(guides, channels.total, channels.offset, channels.limit)


class GetCountryProgrammes:
    """The guide of one country's channels, paged by channel; raises NotFound."""

    def __init__(self, catalogue: CatalogReader, guide: GetGuide) -> None:
        self.catalogue = catalogue
        self.guide = guide

    def execute(
        self, country: str, asked: AskedWindow, page: PageRequest
    ) -> Page[ChannelProgrammes]:
        if self.catalogue.get(Dataset.COUNTRIES, country) is None:
            raise not_found(Dataset.COUNTRIES, country)
        return self.guide.execute(ChannelQuery(country=country), asked, page)


class GetNowNext:
    """What is on, and what follows, on a page of channels matching the filters."""

    def __init__(
        self, catalogue: CatalogReader, programmes: ProgrammeReader, clock: Clock
    ) -> None:
        self.catalogue = catalogue
        self.programmes = programmes
        self.clock = clock

    def execute(
        self, query: ChannelQuery, at: datetime | None, page: PageRequest
    ) -> Page[ChannelNowNext]:
        moment = at or self.clock.now()
        channels = self.catalogue.channels(query, page)

        ids = [channel.id for channel in channels.items]
        found = self.programmes.now_next(ids, moment) if ids else {}

        rows = []
        for channel in channels.items:
            pair = found.get(channel.id)
            now = pair.now if pair is not None else None
            after = pair.next if pair is not None else None
            rows.append(
                ChannelNowNext(
                    channel_id=channel.id,
                    name=channel.name,
                    now=programme_view(now) if now is not None else None,
                    next=programme_view(after) if after is not None else None,
                )
            )
        return Page(rows, channels.total, channels.offset, channels.limit)
