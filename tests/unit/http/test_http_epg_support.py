"""Set-up shared by the guide route tests: a small stored guide and a fixed clock.

No tests here. The guide runs on the catalogue of conftest.py: BBC One's main
feed (HD) is in Europe/London, France 3's (Paris) in Europe/Paris, BBC Two's
(SD) has no zone. 2026-03-29 is the day Europe moves its clocks forward.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.memory.programmes import (
    InMemoryProgrammeReader,
    InMemoryProgrammeStore,
    InMemoryProgrammeWriter,
)
from tvnexa.domain.catalogue import split_channel_ref
from tvnexa.domain.programmes import (
    EpisodeNumber,
    GuideChannel,
    LangText,
    Programme,
    Rating,
)
from tvnexa.domain.schedules import ChannelMatch, MatchMethod

NOW = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)


def utc(text: str) -> datetime:
    """`2026-03-29 10:30` in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def show(
    channel: str, start: str, minutes: int, title: str, **fields: Any
) -> Programme:
    begins = utc(start)
    return Programme(
        channel_ref=channel,
        start=begins,
        stop=begins + timedelta(minutes=minutes),
        titles=(LangText(title, "en"),),
        **fields,
    )


def store_guide(
    store: InMemoryProgrammeStore,
    programmes: Iterable[Programme],
    matches: dict[str, str | None],
    source: str = "test-guide",
    priority: int = 0,
) -> None:
    """Stage and commit one guide; `matches` maps guide channel ids to
    `Channel.cc@Feed` (None: matched to nothing)."""
    stage = InMemoryProgrammeWriter(store).stage(source, priority)
    stage.add(list(programmes))
    stage.commit([match(source, gid, ref) for gid, ref in matches.items()])


def match(source: str, guide_channel: str, ref: str | None) -> ChannelMatch:
    declared = GuideChannel(guide_channel, (LangText(guide_channel.upper()),))
    if ref is None:
        return ChannelMatch(source, declared)
    channel, feed = split_channel_ref(ref)
    return ChannelMatch(source, declared, channel, feed, MatchMethod.CHANNEL_FEED)


RICH = {
    "sub_titles": (LangText("The Return", "en"),),
    "descs": (LangText("Headlines from London and the world", "en"),),
    "categories": (LangText("News", "en"), LangText("Current affairs", "en")),
    "episode_numbers": EpisodeNumber(season=1, episode=4, onscreen="S02E05"),
    "icons": ("https://img.example/news.png",),
    "ratings": (Rating("BBFC", "PG"),),
    "date": "2026",
}

SAMPLE_GUIDE = [
    show("bbc1", "2026-03-28 23:30", 60, "Late Film"),
    show("bbc1", "2026-03-29 08:00", 60, "Breakfast"),
    show("bbc1", "2026-03-29 09:00", 90, "Morning News", **RICH),
    show("bbc1", "2026-03-29 10:30", 30, "Weather"),
    show("bbc1", "2026-03-29 11:00", 60, "Film: Heat"),
    show("bbc1", "2026-03-29 22:30", 60, "Night News"),
    show("f3", "2026-03-28 22:30", 60, "Minuit"),
    show("f3", "2026-03-28 23:30", 60, "Nuit blanche"),
    show("f3", "2026-03-29 09:30", 60, "Journal", descs=(LangText("Le journal"),)),
    show("f3", "2026-03-29 21:30", 60, "Soirée"),
    show("f3", "2026-03-29 22:30", 60, "Après minuit"),
    show("stray", "2026-03-29 09:00", 120, "Orphan News"),
]
SAMPLE_MATCHES: dict[str, str | None] = {
    "bbc1": "BBCOne.uk@HD",
    "f3": "France3.fr@Paris",
    "stray": None,
}


def sample_store() -> InMemoryProgrammeStore:
    store = InMemoryProgrammeStore()
    store_guide(store, SAMPLE_GUIDE, SAMPLE_MATCHES)
    return store


class CountingReader(InMemoryProgrammeReader):
    """The in-memory reader, counting calls and the channels each one asked for."""

    def __init__(self, store: InMemoryProgrammeStore) -> None:
        super().__init__(store)
        self.calls: Counter[str] = Counter()
        self.asked: list[list[str]] = []

    def schedules(self, channels: Collection[str], window: Any) -> Any:
        self.calls["schedules"] += 1
        self.asked.append(sorted(channels))
        return super().schedules(channels, window)

    def now_next(self, channels: Collection[str], at: datetime) -> Any:
        self.calls["now_next"] += 1
        self.asked.append(sorted(channels))
        return super().now_next(channels, at)


def epg_client(
    make_client: Any, store: InMemoryProgrammeStore | None = None, **kw: Any
):
    """A client of the app with the guide routes, its clock at NOW."""
    reader = kw.pop("programmes", None) or InMemoryProgrammeReader(
        store or sample_store()
    )
    clock = kw.pop("clock", None) or FixedClock(NOW)
    return make_client(programmes=reader, clock=clock, **kw)


def titles(programmes: list[dict[str, Any]]) -> list[str]:
    return [item["title"] for item in programmes]
