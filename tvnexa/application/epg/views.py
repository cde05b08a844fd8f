"""Read models of the programme guides, as the API and the XMLTV export use them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from tvnexa.domain.programmes import EpisodeNumber, LangText, Rating
from tvnexa.domain.schedules import ScheduledProgramme

# What NotFound names when a guide read misses: clients get their own codes.
EPG_CHANNEL_KIND = "epg channel"
PROGRAMME_KIND = "programme"


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    """One programme, flattened to what clients show.

    `end` is None only when the guide never said when the programme ends (the
    last one of a channel, without a length). `episode` is None when the
    guide gave no episode number; its season and episode are zero-based, as
    XMLTV's `xmltv_ns` is. `date` is the guide's `<date>` (often the year of
    production), as written.
    """

    id: int
    channel: str
    feed: str | None
    source: str
    start: datetime
    end: datetime | None
    title: str
    sub_title: str | None
    description: str | None
    categories: tuple[str, ...]
    episode: EpisodeNumber | None
    icon: str | None
    rating: Rating | None
    date: str | None


@dataclass(frozen=True, slots=True)
class ChannelProgrammes:
    """A catalogue channel and its programmes in a window, in start order."""

    channel_id: str
    name: str
    programmes: tuple[ProgrammeView, ...]


@dataclass(frozen=True, slots=True)
class ChannelNowNext:
    channel_id: str
    name: str
    now: ProgrammeView | None
    next: ProgrammeView | None


@dataclass(frozen=True, slots=True)
class DaySchedule:
    """A channel's programmes over one local day of `zone`.

    `start` and `end` are the day's first and last instants in UTC: 23 or 25
    hours apart on the days the zone changes its clocks.
    """

    channel_id: str
    day: date
    zone: tzinfo
    start: datetime
    end: datetime
    programmes: tuple[ProgrammeView, ...]

    @property
    def timezone(self) -> str:
        """The zone's IANA name (`UTC` for UTC)."""
        return str(self.zone)


def programme_view(scheduled: ScheduledProgramme) -> ProgrammeView:
    programme = scheduled.programme
    episode = programme.episode_numbers
    return ProgrammeView(
        id=scheduled.id,
        channel=scheduled.channel or "",
        feed=scheduled.feed,
        source=scheduled.source,
        start=programme.start,
        end=programme_end(scheduled),
        title=scheduled.title,
        sub_title=_first_text(programme.sub_titles),
        description=_first_text(programme.descs),
        categories=tuple(category.text for category in programme.categories),
        episode=None if episode.is_empty else episode,
        icon=programme.icons[0] if programme.icons else None,
        rating=programme.ratings[0] if programme.ratings else None,
        date=programme.date,
    )


def programme_end(scheduled: ScheduledProgramme) -> datetime | None:
    """The stop, else the start plus the guide's `<length>`, else unknown."""
    programme = scheduled.programme
    if programme.stop is not None:
        return programme.stop
    if programme.length_seconds:
        return programme.start + timedelta(seconds=programme.length_seconds)
    return None


def _first_text(texts: tuple[LangText, ...]) -> str | None:
    return texts[0].text if texts else None
