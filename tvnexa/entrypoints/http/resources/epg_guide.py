"""Guide routes over many channels: guides, now/next, search, channel matches."""

from __future__ import annotations

import falcon

from tvnexa.application.epg import (
    GetGuide,
    GetNowNext,
    ListGuideMatches,
    SearchProgrammes,
)
from tvnexa.entrypoints.http import codes
from tvnexa.entrypoints.http.epg_params import EpgParameters
from tvnexa.entrypoints.http.epg_settings import EpgSettings
from tvnexa.entrypoints.http.resources.epg_channels import GuideRead
from tvnexa.entrypoints.http.responses import send_page
from tvnexa.entrypoints.http.serializers.programmes import (
    channel_programmes,
    match,
    now_next,
    programme,
)
from tvnexa.entrypoints.http.settings import ApiSettings


class GuideResource(GuideRead):
    """Channels filtered as `/channels` filters them, each with its programmes."""

    def __init__(self, get_guide: GetGuide, api: ApiSettings, epg: EpgSettings):
        self.get_guide = get_guide
        self.api = api
        self.limits = epg.limits(api, "epg_guide")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = EpgParameters(req, self.api.max_text_length)
        query, asked = params.channel_query(), params.window("start", "end")
        page = params.page(self.limits)

        found = self.get_guide.execute(query, asked, page)

        send_page(req, resp, codes.GUIDE_LISTED, found, channel_programmes)


class NowNextResource(GuideRead):
    def __init__(self, get_now_next: GetNowNext, api: ApiSettings, epg: EpgSettings):
        self.get_now_next = get_now_next
        self.api = api
        self.limits = epg.limits(api, "epg_now_next")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = EpgParameters(req, self.api.max_text_length)
        query, at = params.channel_query(), params.instant("at")
        page = params.page(self.limits)

        found = self.get_now_next.execute(query, at, page)

        send_page(req, resp, codes.NOW_NEXT_LISTED, found, now_next)


class ProgrammeSearchResource(GuideRead):
    def __init__(
        self, search: SearchProgrammes, api: ApiSettings, epg: EpgSettings
    ) -> None:
        self.search = search
        self.api = api
        self.limits = epg.limits(api, "epg_search")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = EpgParameters(req, self.api.max_text_length)
        text, asked = params.text("q"), params.window("start", "end")
        page = params.page(self.limits)

        found = self.search.execute(text, asked, page)

        send_page(req, resp, codes.PROGRAMMES_SEARCHED, found, programme)


class GuideMatchesResource(GuideRead):
    """Every guide channel's match (`/matches`), or those matched to nothing."""

    def __init__(
        self, list_matches: ListGuideMatches, api: ApiSettings, epg: EpgSettings
    ) -> None:
        self.list_matches = list_matches
        self.api = api
        self.limits = epg.limits(api, "epg_matches")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = EpgParameters(req, self.api.max_text_length)
        source, matched = params.text("source"), params.boolean("matched")
        page = params.page(self.limits)

        found = self.list_matches.execute(source, matched, page)

        send_page(req, resp, codes.GUIDE_MATCHES_LISTED, found, match)

    def on_get_unmatched(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = EpgParameters(req, self.api.max_text_length)
        source = params.text("source")
        page = params.page(self.limits)

        found = self.list_matches.execute(source, False, page)

        send_page(req, resp, codes.UNMATCHED_GUIDE_CHANNELS, found, match)
