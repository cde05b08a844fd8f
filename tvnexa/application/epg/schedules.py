"""Use cases that read one channel's programmes: a window, or a local day."""

from __future__ import annotations

from datetime import UTC, date, tzinfo

from tvnexa.application.catalogue.rules import main_feed, of_type
from tvnexa.application.epg.views import (
    EPG_CHANNEL_KIND,
    DaySchedule,
    ProgrammeView,
    programme_view,
)
from tvnexa.application.epg.windows import (
    AskedWindow,
    WindowPolicy,
    day_window,
    find_zone,
)
from tvnexa.application.guide_ports import ProgrammeReader
from tvnexa.application.ports import CatalogReader, Clock
from tvnexa.domain.catalogue import Channel, Feed
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import NotFound


def require_channel(catalogue: CatalogReader, channel_id: str) -> Channel:
    """The catalogue channel; NotFound names an EPG channel, as the old API did."""
    channel = catalogue.get(Dataset.CHANNELS, channel_id)
    if not isinstance(channel, Channel):
        raise NotFound(EPG_CHANNEL_KIND, channel_id)
    return channel


class GetChannelProgrammes:
    """A channel's programmes that overlap a window, those across its edges too."""

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

    def execute(self, channel_id: str, asked: AskedWindow) -> list[ProgrammeView]:
        window = self.policy.resolve(asked, self.clock.now())
        require_channel(self.catalogue, channel_id)

        found = self.programmes.schedules([channel_id], window)

        return [programme_view(p) for p in found.get(channel_id, [])]


class GetChannelSchedule:
    """A channel's programmes over one day of a time zone.

    Without a zone, the channel's main feed's first zone is used, else UTC;
    without a day, today in that zone.
    """

    def __init__(
        self, catalogue: CatalogReader, programmes: ProgrammeReader, clock: Clock
    ) -> None:
        self.catalogue = catalogue
        self.programmes = programmes
        self.clock = clock

    def execute(
        self, channel_id: str, day: date | None, zone: tzinfo | None
    ) -> DaySchedule:
        require_channel(self.catalogue, channel_id)
        zone = zone or self.feed_zone(channel_id) or UTC
        day = day or self.clock.now().astimezone(zone).date()
        window = day_window(day, zone)

        found = self.programmes.schedules([channel_id], window)

        return DaySchedule(
            channel_id=channel_id,
            day=day,
            zone=zone,
            start=window.start,
            end=window.end,
            programmes=tuple(programme_view(p) for p in found.get(channel_id, [])),
        )

    def feed_zone(self, channel_id: str) -> tzinfo | None:
        feeds = self.catalogue.where_in(Dataset.FEEDS, "channel", [channel_id])
        main = main_feed(of_type(feeds, Feed))
        if main is None or not main.timezones:
            return None
        # A zone upstream names but this machine's zone database lacks is
        # no reason to fail the read: the day is then a UTC day.
        return find_zone(main.timezones[0])
