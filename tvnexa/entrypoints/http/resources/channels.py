"""Channels: the filtered list, search by term, and one channel's detail."""

from __future__ import annotations

import falcon

from tvnexa.application.catalogue import GetChannelDetail, ListChannels, SearchChannels
from tvnexa.entrypoints.http import codes
from tvnexa.entrypoints.http.params import QueryParameters
from tvnexa.entrypoints.http.responses import send, send_page
from tvnexa.entrypoints.http.serializers.channels import channel_detail, simple_channel
from tvnexa.entrypoints.http.settings import ApiSettings


class ChannelsResource:
    catalogue_read = True

    def __init__(
        self,
        list_channels: ListChannels,
        search_channels: SearchChannels,
        get_detail: GetChannelDetail,
        settings: ApiSettings,
    ) -> None:
        self.list_channels = list_channels
        self.search_channels = search_channels
        self.get_detail = get_detail
        self.settings = settings
        self.limits = settings.limits_for("channels")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = QueryParameters(req, self.settings.max_text_length)
        query = params.channel_query()
        page = params.page(self.limits)

        found = self.list_channels.execute(query, page)

        send_page(req, resp, codes.CHANNELS_LISTED, found, simple_channel)

    def on_get_search(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = QueryParameters(req, self.settings.max_text_length)
        term = params.text("term")
        page = params.page(self.limits)

        found = self.search_channels.execute(term, page)

        send_page(req, resp, codes.CHANNELS_SEARCHED, found, simple_channel)

    def on_get_item(
        self, req: falcon.Request, resp: falcon.Response, channel_id: str
    ) -> None:
        view = self.get_detail.execute(channel_id)
        send(resp, codes.CHANNEL_FOUND, channel_detail(view))
