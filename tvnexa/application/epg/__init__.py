"""Programme guide reads: schedules, guides, now/next, search and the export."""

from tvnexa.application.epg.export import ExportGuide, GuideItem, playlist_id
from tvnexa.application.epg.guide import GetCountryProgrammes, GetGuide, GetNowNext
from tvnexa.application.epg.schedules import GetChannelProgrammes, GetChannelSchedule
from tvnexa.application.epg.search import (
    GetProgramme,
    ListGuideMatches,
    SearchProgrammes,
)
from tvnexa.application.epg.views import (
    EPG_CHANNEL_KIND,
    PROGRAMME_KIND,
    ChannelNowNext,
    ChannelProgrammes,
    DaySchedule,
    ProgrammeView,
)
from tvnexa.application.epg.windows import (
    AskedWindow,
    WindowPolicy,
    day_window,
    find_zone,
)

__all__ = [
    "EPG_CHANNEL_KIND",
    "PROGRAMME_KIND",
    "AskedWindow",
    "ChannelNowNext",
    "ChannelProgrammes",
    "DaySchedule",
    "ExportGuide",
    "GetChannelProgrammes",
    "GetChannelSchedule",
    "GetCountryProgrammes",
    "GetGuide",
    "GetNowNext",
    "GetProgramme",
    "GuideItem",
    "ListGuideMatches",
    "ProgrammeView",
    "SearchProgrammes",
    "WindowPolicy",
    "day_window",
    "find_zone",
    "playlist_id",
]
