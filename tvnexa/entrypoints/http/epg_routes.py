"""The guide routes under `/epg`, added when the app is given a programme reader."""

from __future__ import annotations

from typing import Any

import falcon

from tvnexa.adapters.xmltv.writer import LxmlXmltvWriter
from tvnexa.application import epg as uc
from tvnexa.application.guide_ports import ProgrammeReader
from tvnexa.application.ports import CatalogReader, Clock
from tvnexa.entrypoints.http.epg_settings import EpgSettings
from tvnexa.entrypoints.http.resources.epg_channels import (
    ChannelProgrammesResource,
    ChannelScheduleResource,
    CountryProgrammesResource,
    ProgrammesResource,
)
from tvnexa.entrypoints.http.resources.epg_export import GuideExportResource
from tvnexa.entrypoints.http.resources.epg_guide import (
    GuideMatchesResource,
    GuideResource,
    NowNextResource,
    ProgrammeSearchResource,
)
from tvnexa.entrypoints.http.settings import ApiSettings


def add_epg_routes(
    app: falcon.App[Any, Any],
    catalogue: CatalogReader,
    programmes: ProgrammeReader,
    clock: Clock,
    api: ApiSettings,
    epg: EpgSettings,
) -> None:
    base = f"{api.base_path.rstrip('/')}/epg"
    one_channel = epg.policy(epg.max_channel_window_hours)
    many_channels = epg.policy(epg.max_guide_window_hours)

    channel_programmes = uc.GetChannelProgrammes(
        catalogue, programmes, clock, one_channel
    )
    app.add_route(
        f"{base}/channel-programmes/{{channel_id}}",
        ChannelProgrammesResource(channel_programmes, api),
    )
    guide = uc.GetGuide(catalogue, programmes, clock, many_channels)
    app.add_route(
        f"{base}/country-programmes/{{country_code}}",
        CountryProgrammesResource(uc.GetCountryProgrammes(catalogue, guide), api, epg),
    )
    app.add_route(
        f"{base}/channels/{{channel_id}}/schedule",
        ChannelScheduleResource(
            uc.GetChannelSchedule(catalogue, programmes, clock), api
        ),
    )
    app.add_route(
        f"{base}/programmes/{{programme_id}}",
        ProgrammesResource(uc.GetProgramme(programmes)),
        suffix="item",
    )

    app.add_route(f"{base}/guide", GuideResource(guide, api, epg))
    now_next = uc.GetNowNext(catalogue, programmes, clock)
    app.add_route(f"{base}/now-next", NowNextResource(now_next, api, epg))
    search = uc.SearchProgrammes(programmes, clock, one_channel)
    app.add_route(f"{base}/search", ProgrammeSearchResource(search, api, epg))
    matches = GuideMatchesResource(uc.ListGuideMatches(programmes), api, epg)
    app.add_route(f"{base}/matches", matches)
    app.add_route(f"{base}/unmatched", matches, suffix="unmatched")

    export = uc.ExportGuide(
        catalogue,
        programmes,
        clock,
        epg.policy(epg.max_export_window_hours),
        epg.export_batch_channels,
    )
    exports = GuideExportResource(export, LxmlXmltvWriter(), api)
    app.add_route(f"{base}/guide.xml", exports)
    app.add_route(f"{base}/guide.xml.gz", exports, suffix="gz")
