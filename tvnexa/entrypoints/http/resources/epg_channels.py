"""Guide routes by channel: the old contract's two, a local day, one programme."""

from __future__ import annotations

import falcon

from tvnexa.application.epg import (
    PROGRAMME_KIND,
    ChannelProgrammes,
    GetChannelProgrammes,
    GetChannelSchedule,
    GetCountryProgrammes,
    GetProgramme,
)
from tvnexa.domain.errors import NotFound
from tvnexa.domain.paging import Page
from tvnexa.entrypoints.http import codes
from tvnexa.entrypoints.http.epg_params import EpgParameters
from tvnexa.entrypoints.http.epg_settings import EpgSettings
from tvnexa.entrypoints.http.responses import next_page_url, send
from tvnexa.entrypoints.http.serializers.programmes import day_schedule, programme
from tvnexa.entrypoints.http.settings import ApiSettings


class GuideRead:
    # Guide answers change with the clock (open windows, now/next) and with
    # guide ingestion, neither of which the catalogue revision follows.
    catalogue_read = True
    revision_cached = False


class ChannelProgrammesResource(GuideRead):
    def __init__(self, get_programmes: GetChannelProgrammes, api: ApiSettings) -> None:
        self.get_programmes = get_programmes
        self.api = api

    def on_get(
        self, req: falcon.Request, resp: falcon.Response, channel_id: str
    ) -> None:
        params = EpgParameters(req, self.api.max_text_length)
        asked = params.window("startAt", "endAt")

        found = self.get_programmes.execute(channel_id, asked)

        send(resp, codes.CHANNEL_PROGRAMMES, [programme(item) for item in found])


class CountryProgrammesResource(GuideRead):
    """`{channelId: [Programme]}` for a page of the country's channels."""

    def __init__(
        self,
        get_programmes: GetCountryProgrammes,
        api: ApiSettings,
        epg: EpgSettings,
    ) -> None:
        self.get_programmes = get_programmes
        self.api = api
        self.limits = epg.limits(api, "epg_guide")

    def on_get(
        self, req: falcon.Request, resp: falcon.Response, country_code: str
    ) -> None:
        params = EpgParameters(req, self.api.max_text_length)
        asked = params.window("startAt", "endAt")
        page = params.page(self.limits)

        found = self.get_programmes.execute(country_code, asked, page)

        send_channel_map(req, resp, found)


def send_channel_map(
    req: falcon.Request, resp: falcon.Response, page: Page[ChannelProgrammes]
) -> None:
    """The old contract's object keyed by channel, with the list paging headers."""
    data = {
        item.channel_id: [programme(view) for view in item.programmes]
        for item in page.items
    }
    send(resp, codes.COUNTRY_PROGRAMMES, data)

    resp.set_header("X-Total-Count", str(page.total))
    if page.next_offset is not None:
        url = next_page_url(req, page.next_offset, page.limit)
        resp.append_header("Link", f'<{url}>; rel="next"')


class ChannelScheduleResource(GuideRead):
    def __init__(self, get_schedule: GetChannelSchedule, api: ApiSettings) -> None:
        self.get_schedule = get_schedule
        self.api = api

    def on_get(
        self, req: falcon.Request, resp: falcon.Response, channel_id: str
    ) -> None:
        params = EpgParameters(req, self.api.max_text_length)
        day, zone = params.day("date"), params.zone("tz")

        schedule = self.get_schedule.execute(channel_id, day, zone)

        send(resp, codes.CHANNEL_SCHEDULE, day_schedule(schedule))


class ProgrammesResource(GuideRead):
    def __init__(self, get_programme: GetProgramme) -> None:
        self.get_programme = get_programme

    def on_get_item(
        self, req: falcon.Request, resp: falcon.Response, programme_id: str
    ) -> None:
        # Any text may reach here; only a whole number can name a programme.
        if not (programme_id.isascii() and programme_id.isdigit()):
            raise NotFound(PROGRAMME_KIND, programme_id)

        view = self.get_programme.execute(int(programme_id))

        send(resp, codes.PROGRAMME_FOUND, programme(view))
