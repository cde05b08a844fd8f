"""Guide read use cases on in-memory stores: channels, days, pages, search."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.memory.programmes import (
    InMemoryProgrammeReader,
    InMemoryProgrammeStore,
    InMemoryProgrammeWriter,
)
from tvnexa.application.epg import (
    AskedWindow,
    GetChannelProgrammes,
    GetChannelSchedule,
    GetCountryProgrammes,
    GetGuide,
    GetNowNext,
    GetProgramme,
    ListGuideMatches,
    SearchProgrammes,
    WindowPolicy,
    find_zone,
)
from tvnexa.domain.catalogue import Channel, Country, Feed
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import InvalidQuery, NotFound
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.programmes import GuideChannel, LangText, Programme
from tvnexa.domain.queries import ChannelQuery
from tvnexa.domain.schedules import ChannelMatch, MatchMethod

NOW = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)
POLICY = WindowPolicy(timedelta(hours=24), timedelta(days=2))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def show(
    channel: str, start: str, minutes: int, title: str, desc: str = ""
) -> Programme:
    begins = utc(start)
    return Programme(
        channel,
        begins,
        begins + timedelta(minutes=minutes),
        titles=(LangText(title),),
        descs=(LangText(desc),) if desc else (),
    )


@pytest.fixture
def catalogue() -> InMemoryCatalogReader:
    store = InMemoryCatalogStore()
    writer = InMemoryCatalogWriter(store)
    writer.replace(
        Dataset.COUNTRIES, [Country("NZ", "New Zealand"), Country("IN", "India")]
    )
    writer.replace(
        Dataset.CHANNELS,
        [
            Channel("One.nz", "One", "NZ"),
            Channel("Two.nz", "Two", "NZ"),
            Channel("Odd.nz", "Odd", "NZ"),
            Channel("Star.in", "Star", "IN"),
        ],
    )
    writer.replace(
        Dataset.FEEDS,
        [
            Feed("One.nz", "SD", "SD", is_main=True, timezones=("Pacific/Auckland",)),
            Feed("Odd.nz", "SD", "SD", is_main=True, timezones=("Pacific/Atlantis",)),
            Feed("Star.in", "HD", "HD", is_main=True, timezones=("Asia/Kolkata",)),
        ],
    )
    return InMemoryCatalogReader(store)


class CountingReader(InMemoryProgrammeReader):
    def __init__(self, store: InMemoryProgrammeStore) -> None:
        super().__init__(store)
        self.calls: Counter[str] = Counter()

    def schedules(self, channels, window):
        self.calls["schedules"] += 1
        return super().schedules(channels, window)

    def now_next(self, channels, at):
        self.calls["now_next"] += 1
        return super().now_next(channels, at)


@pytest.fixture
def programmes() -> CountingReader:
    store = InMemoryProgrammeStore()
    stage = InMemoryProgrammeWriter(store).stage("nz-guide", 1)
    stage.add(
        [
            show("one", "2026-03-29 08:00", 120, "Breakfast", "Morning show"),
            show("one", "2026-03-29 10:00", 60, "Midday", "News at noon"),
            show("one", "2026-03-29 11:30", 60, "Quiz"),
            show("star", "2026-03-29 18:00", 60, "Cricket"),
            show("lost", "2026-03-29 09:00", 60, "Lost News"),
        ]
    )
    stage.commit(
        [
            ChannelMatch(
                "nz-guide", GuideChannel("one"), "One.nz", "SD", MatchMethod.EXACT
            ),
            ChannelMatch(
                "nz-guide", GuideChannel("star"), "Star.in", "HD", MatchMethod.NAME
            ),
            ChannelMatch("nz-guide", GuideChannel("lost")),
        ]
    )
    return CountingReader(store)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def titles(views) -> list[str]:
    return [view.title for view in views]


def test_channel_programmes_include_the_one_on_at_the_start(
    catalogue, programmes, clock
):
    use_case = GetChannelProgrammes(catalogue, programmes, clock, POLICY)

    found = use_case.execute(
        "One.nz", AskedWindow(utc("2026-03-29 09:00"), utc("2026-03-29 11:30"))
    )

    assert titles(found) == ["Breakfast", "Midday"]
    assert found[0].channel == "One.nz"
    assert found[0].description == "Morning show"


def test_channel_programmes_of_an_unknown_channel(catalogue, programmes, clock):
    use_case = GetChannelProgrammes(catalogue, programmes, clock, POLICY)

    with pytest.raises(NotFound) as error:
        use_case.execute("Nope.nz", AskedWindow())

    assert error.value.kind == "epg channel"


def test_a_bad_window_is_refused_before_anything_is_read(catalogue, programmes, clock):
    use_case = GetChannelProgrammes(catalogue, programmes, clock, POLICY)

    with pytest.raises(InvalidQuery):
        use_case.execute("Nope.nz", AskedWindow(NOW, NOW - timedelta(hours=1)))

    assert programmes.calls["schedules"] == 0


def test_schedule_defaults_to_the_main_feeds_zone_and_today_there(
    catalogue, programmes
):
    # 22:00 UTC on the 28th is already 11:00 on the 29th in Auckland (+13).
    clock = FixedClock(utc("2026-03-28 22:00"))
    use_case = GetChannelSchedule(catalogue, programmes, clock)

    day = use_case.execute("One.nz", None, None)

    assert day.timezone == "Pacific/Auckland"
    assert day.day == date(2026, 3, 29)
    assert day.start == utc("2026-03-28 11:00")
    assert day.end == utc("2026-03-29 11:00")
    assert titles(day.programmes) == ["Breakfast", "Midday"]


def test_schedule_in_a_zone_of_half_hours(catalogue, programmes, clock):
    use_case = GetChannelSchedule(catalogue, programmes, clock)

    day = use_case.execute("Star.in", date(2026, 3, 29), None)

    assert day.timezone == "Asia/Kolkata"
    assert day.start == utc("2026-03-28 18:30")
    assert titles(day.programmes) == ["Cricket"]


@pytest.mark.parametrize("channel", ["Two.nz", "Odd.nz"])
def test_schedule_falls_back_to_utc(catalogue, programmes, clock, channel):
    # Two.nz has no feed; Odd.nz's feed names a zone nobody has heard of.
    day = GetChannelSchedule(catalogue, programmes, clock).execute(channel, None, None)

    assert day.timezone == "UTC"
    assert day.start == utc("2026-03-29 00:00")


def test_schedule_in_a_zone_asked_for(catalogue, programmes, clock):
    zone = find_zone("Europe/Paris")

    day = GetChannelSchedule(catalogue, programmes, clock).execute(
        "One.nz", date(2026, 3, 29), zone
    )

    assert day.end - day.start == timedelta(hours=23)
    assert titles(day.programmes) == ["Breakfast", "Midday", "Quiz"]


def test_guide_reads_programmes_once_per_page(catalogue, programmes, clock):
    use_case = GetGuide(catalogue, programmes, clock, POLICY)

    page = use_case.execute(
        ChannelQuery(country="NZ"), AskedWindow(), PageRequest(0, 2)
    )

    assert [(g.channel_id, titles(g.programmes)) for g in page.items] == [
        ("Odd.nz", []),
        ("One.nz", ["Midday", "Quiz"]),
    ]
    assert page.total == 3
    assert programmes.calls["schedules"] == 1


def test_an_empty_guide_page_reads_no_programmes(catalogue, programmes, clock):
    use_case = GetGuide(catalogue, programmes, clock, POLICY)

    page = use_case.execute(
        ChannelQuery(country="NZ"), AskedWindow(), PageRequest(10, 2)
    )

    assert list(page.items) == []
    assert page.total == 3
    assert programmes.calls["schedules"] == 0


def test_country_programmes_need_a_known_country(catalogue, programmes, clock):
    guide = GetGuide(catalogue, programmes, clock, POLICY)
    use_case = GetCountryProgrammes(catalogue, guide)

    with pytest.raises(NotFound) as error:
        use_case.execute("XX", AskedWindow(), PageRequest())

    assert error.value.kind == "country"
    assert use_case.execute("IN", AskedWindow(), PageRequest()).total == 1


def test_now_next_of_a_page_in_one_read(catalogue, programmes, clock):
    use_case = GetNowNext(catalogue, programmes, clock)

    page = use_case.execute(ChannelQuery(), None, PageRequest())

    rows = {row.channel_id: row for row in page.items}
    assert rows["One.nz"].now.title == "Midday"
    assert rows["One.nz"].next.title == "Quiz"
    assert rows["Star.in"].now is None
    assert rows["Star.in"].next.title == "Cricket"
    assert rows["Two.nz"].now is None and rows["Two.nz"].next is None
    assert programmes.calls["now_next"] == 1


def test_search_without_a_window_covers_everything_matched(programmes, clock):
    use_case = SearchProgrammes(programmes, clock, POLICY)

    page = use_case.execute(" news ", AskedWindow(), PageRequest())

    # Lost News is on a guide channel matched to nothing.
    assert titles(page.items) == ["Midday"]


def test_search_with_a_start_uses_a_bounded_window(programmes, clock):
    use_case = SearchProgrammes(programmes, clock, POLICY)

    page = use_case.execute(
        "i", AskedWindow(start=utc("2026-03-29 11:00")), PageRequest()
    )

    assert titles(page.items) == ["Quiz", "Cricket"]


def test_search_needs_text(programmes, clock):
    with pytest.raises(InvalidQuery) as error:
        SearchProgrammes(programmes, clock, POLICY).execute(
            "  ", AskedWindow(), PageRequest()
        )

    assert error.value.parameter == "q"


def test_a_programme_by_id(programmes):
    stored = {p.title: p.id for p in programmes.store.programmes.values()}
    use_case = GetProgramme(programmes)

    assert use_case.execute(stored["Quiz"]).title == "Quiz"
    with pytest.raises(NotFound):
        use_case.execute(stored["Lost News"])
    with pytest.raises(NotFound):
        use_case.execute(10_000)


def test_guide_matches(programmes):
    use_case = ListGuideMatches(programmes)

    unmatched = use_case.execute(None, False, PageRequest())
    every = use_case.execute("nz-guide", None, PageRequest())

    assert [m.guide_channel.id for m in unmatched.items] == ["lost"]
    assert every.total == 3
