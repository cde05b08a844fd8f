"""What an operator can tune in the guide routes: windows and page sizes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from tvnexa.application.epg import WindowPolicy
from tvnexa.entrypoints.http.settings import ApiSettings, PageLimits

# A page of guides holds every programme of its channels: fewer channels.
GUIDE_LIMITS = PageLimits(50, 100)
NOW_NEXT_LIMITS = PageLimits(100, 1000)
SEARCH_LIMITS = PageLimits(50, 200)
MATCH_LIMITS = PageLimits(100, 1000)


@dataclass(frozen=True, slots=True)
class EpgSettings:
    """Settings of the `/epg` routes.

    A window left open by the request lasts `default_window_hours`. One
    channel may be read over `max_channel_window_hours`; pages of many
    channels over `max_guide_window_hours`, since their size grows with
    both; the streamed XMLTV export over `max_export_window_hours`. Page
    limits count channels (programmes for search, matches for the match
    lists); `ApiSettings.limits` overrides them by the names `epg_guide`,
    `epg_now_next`, `epg_search` and `epg_matches`.
    """

    default_window_hours: int = 24
    max_channel_window_hours: int = 14 * 24
    max_guide_window_hours: int = 48
    max_export_window_hours: int = 7 * 24
    guide_limits: PageLimits = GUIDE_LIMITS
    now_next_limits: PageLimits = NOW_NEXT_LIMITS
    search_limits: PageLimits = SEARCH_LIMITS
    match_limits: PageLimits = MATCH_LIMITS
    export_batch_channels: int = 200

    def policy(self, max_hours: int) -> WindowPolicy:
        return WindowPolicy(
            timedelta(hours=self.default_window_hours), timedelta(hours=max_hours)
        )

    def limits(self, api: ApiSettings, name: str) -> PageLimits:
        defaults = {
            "epg_guide": self.guide_limits,
            "epg_now_next": self.now_next_limits,
            "epg_search": self.search_limits,
            "epg_matches": self.match_limits,
        }
        return api.limits.get(name, defaults[name])
