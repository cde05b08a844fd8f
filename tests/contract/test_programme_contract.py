"""The programme store contract: what every ProgrammeWriter and ProgrammeReader does."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tvnexa.adapters.memory.programmes import (
    InMemoryProgrammeReader,
    InMemoryProgrammeStore,
    InMemoryProgrammeWriter,
)
from tvnexa.adapters.persistence import (
    PeeweeProgrammeReader,
    PeeweeProgrammeWriter,
    migrate,
    open_database,
)
from tvnexa.application.guide_ports import ProgrammeReader, ProgrammeWriter
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.programmes import (
    Credit,
    EpisodeNumber,
    GuideChannel,
    LangText,
    PreviouslyShown,
    Programme,
    Rating,
    StarRating,
)
from tvnexa.domain.schedules import (
    ChannelMatch,
    MatchMethod,
    ReplaceCounts,
    ScheduledProgramme,
    TimeWindow,
    now_and_next,
)

MARIADB_SERVER = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
ALL = PageRequest(0, 1000)
DAY = datetime(2026, 3, 1, tzinfo=UTC)

# The same assertions run on each factory below (in memory, Peewee on SQLite,
# Peewee on MariaDB), so the fake cannot drift from the real adapters.


@dataclass
class ProgrammeAdapters:
    writer: ProgrammeWriter
    reader: ProgrammeReader
    close: Callable[[], None] = field(default=lambda: None)


def in_memory_adapters(tmp_path: Path) -> ProgrammeAdapters:
    store = InMemoryProgrammeStore()
    return ProgrammeAdapters(
        InMemoryProgrammeWriter(store), InMemoryProgrammeReader(store)
    )


def peewee_sqlite_adapters(tmp_path: Path) -> ProgrammeAdapters:
    # Writer and reader are two databases over one file, as in embedded mode.
    url = f"sqlite:///{tmp_path / 'programmes.sqlite3'}"
    writer_db = open_database(url)
    migrate(writer_db)
    reader_db = open_database(url, read_only=True)

    def close() -> None:
        writer_db.close()
        reader_db.close()

    return ProgrammeAdapters(
        PeeweeProgrammeWriter(writer_db), PeeweeProgrammeReader(reader_db), close
    )


def peewee_mariadb_adapters(tmp_path: Path) -> ProgrammeAdapters:
    import pymysql

    name = f"tvnexa_programmes_{uuid.uuid4().hex[:12]}"
    try:
        admin = pymysql.connect(**MARIADB_SERVER, connect_timeout=5)
    except pymysql.err.OperationalError as exc:
        pytest.fail(f"MariaDB is not answering on 127.0.0.1:3306 ({exc})")
    admin.cursor().execute(f"CREATE DATABASE `{name}`")
    url = f"mysql://root@127.0.0.1:3306/{name}"
    writer_db = open_database(url)
    migrate(writer_db)
    reader_db = open_database(url, read_only=True)

    def close() -> None:
        writer_db.close()
        reader_db.close()
        admin.cursor().execute(f"DROP DATABASE `{name}`")
        admin.close()

    return ProgrammeAdapters(
        PeeweeProgrammeWriter(writer_db), PeeweeProgrammeReader(reader_db), close
    )


FACTORIES: list[Any] = [
    pytest.param(in_memory_adapters, id="in-memory"),
    pytest.param(peewee_sqlite_adapters, id="peewee-sqlite"),
    pytest.param(
        peewee_mariadb_adapters, id="peewee-mariadb", marks=pytest.mark.mariadb
    ),
]


@pytest.fixture(params=FACTORIES)
def adapters(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[ProgrammeAdapters]:
    """Fresh, empty adapters from each factory in turn."""
    built: ProgrammeAdapters = request.param(tmp_path)
    yield built
    built.close()


# Building guides


def at(hours: float) -> datetime:
    """An instant `hours` after midnight UTC on DAY."""
    return DAY + timedelta(hours=hours)


def show(
    guide_channel: str,
    start: float,
    stop: float | None,
    title: str = "",
    desc: str | None = None,
) -> Programme:
    return Programme(
        guide_channel,
        at(start),
        None if stop is None else at(stop),
        titles=(LangText(title or f"{guide_channel} {start:g}"),),
        descs=() if desc is None else (LangText(desc, "en"),),
    )


def matched(source: str, *pairs: tuple[str, str | None]) -> list[ChannelMatch]:
    """Matches of `source`: (guide channel, catalogue channel or None)."""
    return [
        ChannelMatch(
            source,
            GuideChannel(guide_channel),
            channel,
            None,
            MatchMethod.EXACT if channel else None,
        )
        for guide_channel, channel in pairs
    ]


def store(
    adapters: ProgrammeAdapters,
    source: str,
    programmes: Sequence[Programme],
    matches: Sequence[ChannelMatch],
    priority: int = 0,
    batch: int = 2,
) -> ReplaceCounts:
    """Store a guide, added to its stage a few programmes at a time."""
    stage = adapters.writer.stage(source, priority)
    for index in range(0, len(programmes), batch):
        stage.add(programmes[index : index + batch])
    return stage.commit(matches)


def seen(programmes: Sequence[ScheduledProgramme]) -> list[tuple[Any, ...]]:
    """What a viewer sees of stored programmes: no ids (each store has its own)."""
    return [(p.source, p.channel, p.title, p.start, p.stop, p.feed) for p in programmes]


def titles(programmes: Sequence[ScheduledProgramme]) -> list[str]:
    return [p.title for p in programmes]


def schedule(adapters: ProgrammeAdapters, channel: str) -> list[ScheduledProgramme]:
    return adapters.reader.schedules([channel], TimeWindow(at(-48), at(96)))[channel]


# Storing


def test_every_field_of_a_programme_reads_back_equal(
    adapters: ProgrammeAdapters,
) -> None:
    full = Programme(
        "alpha.tv",
        at(20),
        at(21.5),
        titles=(LangText("Éclair & Co", "fr"), LangText("Lightning", None)),
        sub_titles=(LangText("Part 1", "en"),),
        descs=(LangText("Line one\nline two 😀", "en"),),
        categories=(LangText("Drama", "en"), LangText("Film")),
        episode_numbers=EpisodeNumber(
            season=0,
            episode=9,
            part=None,
            total_seasons=3,
            total_episodes=12,
            onscreen="S01E10",
            other=(("dd_progid", "EP012"), ("xmltv_ns", "bad")),
        ),
        icons=("https://img.example/a.png",),
        ratings=(Rating("MPAA", "PG", "https://img.example/pg.png"), Rating(None, "7")),
        star_ratings=(StarRating("3/5", "imdb"), StarRating("7/10")),
        date="2019",
        previously_shown=PreviouslyShown("20190101", None),
        is_new=True,
        premiere=LangText("Premiere", "en"),
        credits=(
            Credit("director", "Ann Director"),
            Credit("actor", "Bob Actor", (("role", "Hero"), ("guest", "yes"))),
        ),
        length_seconds=5400,
        extra="<video><aspect>16:9</aspect></video>",
        extra_attributes=(("clumpidx", "0/1"), ("pdc-start", "x")),
    )
    bare = Programme("alpha.tv", at(22), None)

    store(adapters, "src", [full, bare], matched("src", ("alpha.tv", "Alpha.uk")))

    stored = schedule(adapters, "Alpha.uk")
    assert [p.programme for p in stored] == [full, bare]
    assert stored[0].start.tzinfo is not None
    assert stored[0].start.utcoffset() == timedelta(0)
    assert adapters.reader.get(stored[0].id) == stored[0]
    assert adapters.reader.get(10**9) is None


def test_each_programme_takes_its_guide_channels_match(
    adapters: ProgrammeAdapters,
) -> None:
    matches = [
        ChannelMatch("src", GuideChannel("a"), "Alpha.uk", "SD", MatchMethod.EXACT),
        ChannelMatch("src", GuideChannel("b"), None, None, None),
    ]
    guide = [show("a", 1, 2), show("b", 1, 2), show("c", 1, 2)]

    counts = store(adapters, "src", guide, matches, priority=3)

    assert counts == ReplaceCounts(inserted=3, channels=3)
    [alpha] = schedule(adapters, "Alpha.uk")
    assert (alpha.source, alpha.priority, alpha.guide_channel) == ("src", 3, "a")
    assert (alpha.channel, alpha.feed) == ("Alpha.uk", "SD")
    unmatched = adapters.reader.search("", None, ALL)
    assert titles(unmatched.items) == ["a 1"]


def test_missing_stops_take_the_next_start_and_the_last_keeps_none(
    adapters: ProgrammeAdapters,
) -> None:
    guide = [
        show("a", 3, None),
        show("a", 1, None),
        show("a", 2, 2.5),
        show("a", 5, None),
        # A clump: programmes sharing a start end when the first of them does.
        show("a", 6, None, "clump open"),
        show("a", 6, 6.25, "clump first"),
        show("a", 6, 6.75, "clump second"),
    ]

    counts = store(adapters, "src", guide, matched("src", ("a", "A")))

    assert counts == ReplaceCounts(inserted=5, stops_filled=4, duplicates=2, channels=1)
    assert [(p.title, p.stop) for p in schedule(adapters, "A")] == [
        ("a 1", at(2)),
        ("a 2", at(2.5)),
        ("a 3", at(5)),
        ("a 5", at(6)),
        ("clump first", at(6.25)),
    ]


def test_the_last_programme_of_a_clump_ends_with_the_clump(
    adapters: ProgrammeAdapters,
) -> None:
    guide = [show("a", 1, None, "open"), show("a", 1, 1.5, "closed")]

    counts = store(adapters, "src", guide, matched("src", ("a", "A")))

    assert counts == ReplaceCounts(inserted=1, stops_filled=1, duplicates=1, channels=1)
    assert [(p.title, p.stop) for p in schedule(adapters, "A")] == [("closed", at(1.5))]


def test_repeats_of_a_start_keep_the_shortest_known_stop_then_the_first(
    adapters: ProgrammeAdapters,
) -> None:
    guide = [
        show("a", 1, 3, "long"),
        show("a", 1, 2, "short"),
        show("a", 1, 2, "short again"),
        show("a", 4, None, "first stopless"),
        show("a", 4, None, "second stopless"),
        show("a", 5, 6, "last"),
        show("b", 1, 2, "other channel"),
    ]

    counts = store(adapters, "src", guide, matched("src", ("a", "A"), ("b", "B")))

    assert counts == ReplaceCounts(inserted=4, stops_filled=2, duplicates=3, channels=2)
    assert [(p.title, p.stop) for p in schedule(adapters, "A")] == [
        ("short", at(2)),
        ("first stopless", at(5)),
        ("last", at(6)),
    ]
    assert titles(schedule(adapters, "B")) == ["other channel"]


def test_a_new_guide_replaces_only_the_window_it_covers(
    adapters: ProgrammeAdapters,
) -> None:
    matches = matched("src", ("a", "A"), ("b", "B"))
    first = [show("a", hour, hour + 1, f"old {hour}") for hour in range(0, 12)]
    first += [show("b", 0, 1, "b stays")]
    store(adapters, "src", first, matches)
    # Another source with a guide channel of the same id is never touched.
    store(
        adapters,
        "other",
        [show("a", 5, 6, "other source")],
        matched("other", ("a", "O")),
    )

    # The new guide covers [4.5, 8): 4-5 overlaps it, 8-9 only touches it.
    second = [show("a", 4.5, 6, "new 4.5"), show("a", 6, 8, "new 6")]
    counts = store(adapters, "src", second, matches)

    assert counts == ReplaceCounts(inserted=2, replaced=4, channels=1)
    assert titles(schedule(adapters, "A")) == [
        "old 0",
        "old 1",
        "old 2",
        "old 3",
        "new 4.5",
        "new 6",
        "old 8",
        "old 9",
        "old 10",
        "old 11",
    ]
    assert titles(schedule(adapters, "B")) == ["b stays"]
    assert titles(schedule(adapters, "O")) == ["other source"]


def test_an_instant_window_replaces_what_starts_with_it_or_runs_through_it(
    adapters: ProgrammeAdapters,
) -> None:
    matches = matched("src", ("a", "A"))
    store(
        adapters,
        "src",
        [
            show("a", 1, 3, "through"),
            show("a", 3, 4, "after"),
            show("a", 0, 1, "before"),
        ],
        matches,
    )

    counts = store(adapters, "src", [show("a", 2, None, "instant")], matches)

    assert counts == ReplaceCounts(inserted=1, replaced=1, channels=1)
    assert titles(schedule(adapters, "A")) == ["before", "instant", "after"]


def test_a_guide_with_no_programmes_changes_no_programmes(
    adapters: ProgrammeAdapters,
) -> None:
    matches = matched("src", ("a", "A"))
    store(adapters, "src", [show("a", 1, 2)], matches)

    assert store(adapters, "src", [], matches) == ReplaceCounts()
    assert titles(schedule(adapters, "A")) == ["a 1"]


# Priorities


def test_the_higher_priority_source_wins_where_sources_overlap(
    adapters: ProgrammeAdapters,
) -> None:
    low = [show("x", hour, hour + 1, f"low {hour}") for hour in range(0, 6)]
    high = [show("y", 2, 3.5, "high 2"), show("y", 3.5, 4, "high 3.5")]
    store(adapters, "low", low, matched("low", ("x", "A")), priority=1)
    store(adapters, "high", high, matched("high", ("y", "A")), priority=5)

    resolved = schedule(adapters, "A")

    assert [(p.source, p.title) for p in resolved] == [
        ("low", "low 0"),
        ("low", "low 1"),
        ("high", "high 2"),
        ("high", "high 3.5"),
        ("low", "low 4"),
        ("low", "low 5"),
    ]


def test_equal_priorities_are_decided_by_source_name(
    adapters: ProgrammeAdapters,
) -> None:
    store(adapters, "zeta", [show("z", 1, 2, "zeta")], matched("zeta", ("z", "A")))
    store(adapters, "alpha", [show("a", 1, 2, "alpha")], matched("alpha", ("a", "A")))

    assert titles(schedule(adapters, "A")) == ["alpha"]


def test_schedules_take_programmes_overlapping_the_window_on_every_channel(
    adapters: ProgrammeAdapters,
) -> None:
    guide = [
        show("a", 0, 2, "runs into the window"),
        show("a", 2, 3, "inside"),
        show("a", 4, 5, "starts at its end"),
        show("a", 1, 1, "instant before"),
        show("a", 1.5, 1.5, "instant at its start"),
        show("b", 3.5, 4, "b inside"),
    ]
    store(adapters, "src", guide, matched("src", ("a", "A"), ("b", "B")))

    found = adapters.reader.schedules(
        ["A", "B", "Nothing", "A"], TimeWindow(at(1.5), at(4))
    )

    assert set(found) == {"A", "B", "Nothing"}
    assert titles(found["A"]) == [
        "runs into the window",
        "instant at its start",
        "inside",
    ]
    assert titles(found["B"]) == ["b inside"]
    assert found["Nothing"] == []
    assert adapters.reader.schedules([], TimeWindow(at(0), at(1))) == {}


# Now and next


@pytest.mark.parametrize(
    ("hours", "now", "following"),
    [
        (1, "one", "two"),
        (1.5, "one", "two"),
        (2, "two", "four"),
        (3, None, "four"),
        (3.999, None, "four"),
        (4, "four", "five"),
        (30, "five", None),
        (31, None, None),
        (-20, None, "one"),
        (-30, None, None),
    ],
)
def test_now_and_next_treat_programmes_as_half_open(
    adapters: ProgrammeAdapters,
    hours: float,
    now: str | None,
    following: str | None,
) -> None:
    guide = [
        show("a", 1, 2, "one"),
        show("a", 2, 3, "two"),
        show("a", 4, 5, "four"),
        show("a", 5, 31, "five"),
    ]
    store(adapters, "src", guide, matched("src", ("a", "A")))

    found = adapters.reader.now_next(["A", "B"], at(hours))

    assert set(found) == {"A", "B"}
    assert found["A"].channel == "A"
    assert (found["A"].now and found["A"].now.title) == now
    assert (found["A"].next and found["A"].next.title) == following
    assert (found["B"].now, found["B"].next) == (None, None)


def test_now_and_next_apply_priorities(adapters: ProgrammeAdapters) -> None:
    store(adapters, "low", [show("x", 0, 6, "low")], matched("low", ("x", "A")), 1)
    store(adapters, "high", [show("y", 1, 2, "high")], matched("high", ("y", "A")), 9)

    found = adapters.reader.now_next(["A"], at(1.5))["A"]

    assert found.now is not None and found.now.title == "high"
    assert found.now.programme.titles == (LangText("high"),)
    assert found.next is None


def now_and_next_titles(
    adapters: ProgrammeAdapters, channels: list[str], hours: float
) -> dict[str, tuple[str | None, str | None]]:
    found = adapters.reader.now_next(channels, at(hours))
    return {
        channel: (pair.now and pair.now.title, pair.next and pair.next.title)
        for channel, pair in found.items()
    }


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (0.5, {"A": ("low 0", "high"), "B": ("b one", "b two"), "C": ("old", None)}),
        (1.2, {"A": (None, "high"), "B": ("b one", "b two"), "C": ("old", None)}),
        (2.7, {"A": (None, "low 3"), "B": ("b two", None), "C": (None, None)}),
    ],
)
def test_now_and_next_mix_channels_of_one_source_and_of_several(
    adapters: ProgrammeAdapters,
    hours: float,
    expected: dict[str, tuple[str | None, str | None]],
) -> None:
    low = [show("x", hour, hour + 1, f"low {hour}") for hour in range(4)]
    low += [show("y", 0, 2, "b one"), show("y", 2, 4, "b two")]
    store(adapters, "low", low, matched("low", ("x", "A"), ("y", "B")), priority=1)
    high = [show("z", 1.5, 2.5, "high")]
    store(adapters, "high", high, matched("high", ("z", "A")), priority=5)
    # C's programmes from "old" stay after its match moves away, and still
    # outrank those of "new", which is all the matches say feeds C now.
    store(adapters, "old", [show("o", 0, 2, "old")], matched("old", ("o", "C")), 9)
    store(adapters, "old", [show("p", 0, 1)], matched("old", ("o", None), ("p", None)))
    store(adapters, "new", [show("n", 1, 3, "new")], matched("new", ("n", "C")), 1)

    found = now_and_next_titles(adapters, ["A", "B", "C"], hours)

    assert found == expected
    # The same as priorities resolved over every candidate of the day around.
    around = TimeWindow(at(hours - 24), at(hours + 24))
    resolved = adapters.reader.schedules(["A", "B", "C"], around)
    pairs = [
        now_and_next(c, programmes, at(hours)) for c, programmes in resolved.items()
    ]
    assert found == {
        pair.channel: (pair.now and pair.now.title, pair.next and pair.next.title)
        for pair in pairs
    }


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (20.5, {"A": ("short 1", "short 2"), "B": (None, None), "D": (None, "d")}),
        (22.5, {"A": ("short 2", "after"), "B": (None, None), "D": (None, None)}),
        (29, {"A": ("long", "after"), "B": (None, None), "D": (None, None)}),
        # "after" starts past the day of look-ahead.
        (0.5, {"A": ("long", None), "B": ("b 0", "b 3"), "D": (None, "d")}),
        (2, {"A": ("long", None), "B": (None, "b 3"), "D": (None, "d")}),
        (5, {"A": ("long", None), "B": (None, None), "D": (None, "d")}),
    ],
)
def test_now_is_the_latest_start_on_air_however_long_ago_it_started(
    adapters: ProgrammeAdapters,
    hours: float,
    expected: dict[str, tuple[str | None, str | None]],
) -> None:
    guide = [
        show("a", 0, 30, "long"),
        show("a", 20, 21, "short 1"),
        show("a", 22, 23, "short 2"),
        show("a", 30, 31, "after"),
        # A gap on B from 1 to 3, and nothing after 4.
        show("b", 0, 1, "b 0"),
        show("b", 3, 4, "b 3"),
        # The last programme of a guide keeps no stop: an instant.
        show("d", 21, None, "d"),
    ]
    store(adapters, "src", guide, matched("src", ("a", "A"), ("b", "B"), ("d", "D")))

    assert now_and_next_titles(adapters, ["A", "B", "D"], hours) == expected


# Search


def test_search_finds_titles_and_descriptions_in_any_case_on_matched_channels(
    adapters: ProgrammeAdapters,
) -> None:
    guide = [
        show("a", 1, 2, "World NEWS", "Headlines"),
        show("a", 2, 3, "Film", "A story of the news room"),
        show("a", 3, 4, "Straße", "Über alles"),
        show("a", 4, 5, "Nothing here"),
        show("u", 1, 2, "Unmatched news"),
    ]
    store(adapters, "src", guide, matched("src", ("a", "A"), ("u", None)))

    def found(text: str, window: TimeWindow | None = None) -> list[str]:
        return titles(adapters.reader.search(text, window, ALL).items)

    assert found("news") == ["World NEWS", "Film"]
    assert found("STRASSE") == ["Straße"]
    assert found("über") == ["Straße"]
    assert found("news", TimeWindow(at(1.5), at(2))) == ["World NEWS"]
    assert found("headlinesa") == []
    # Two texts are never read as one.
    assert found("newsheadlines") == []
    assert found("news\x1fheadlines") == []
    assert found("") == ["World NEWS", "Film", "Straße", "Nothing here"]


def test_search_pages_in_start_order(adapters: ProgrammeAdapters) -> None:
    guide = [show("a", hour, hour + 1, f"match {hour}") for hour in range(5, 0, -1)]
    store(adapters, "src", guide, matched("src", ("a", "A")))

    first = adapters.reader.search("MATCH", None, PageRequest(0, 2))
    last = adapters.reader.search("match", None, PageRequest(4, 2))

    assert titles(first.items) == ["match 1", "match 2"]
    assert (first.total, first.next_offset) == (5, 2)
    assert titles(last.items) == ["match 5"]
    assert last.next_offset is None
    assert adapters.reader.get(first.items[0].id) == first.items[0]


# Matches


def test_matches_replace_every_match_the_source_stored_before(
    adapters: ProgrammeAdapters,
) -> None:
    alpha = GuideChannel(
        "a",
        (LangText("Alpha", "en"), LangText("Alfa")),
        ("https://i/a.png",),
        (),
        "<x/>",
    )
    first = [
        ChannelMatch("src", alpha, "Alpha.uk", "SD", MatchMethod.NAME),
        ChannelMatch("src", GuideChannel("b"), None, None, None),
    ]
    store(adapters, "src", [show("a", 1, 2)], first)
    store(adapters, "zzz", [], [ChannelMatch("zzz", GuideChannel("q"), "Q.fr")])

    again = [
        ChannelMatch("src", GuideChannel("c"), "Gamma.us", None, MatchMethod.ID_MAP)
    ]
    store(adapters, "src", [], again)
    listed = adapters.reader.matches(None, None, ALL)

    assert [(m.source, m.guide_channel.id) for m in listed.items] == [
        ("src", "c"),
        ("zzz", "q"),
    ]
    assert listed.items[0] == again[0]

    store(adapters, "src", [], first)
    assert adapters.reader.matches("src", None, ALL).items == first
    assert adapters.reader.matches("src", True, ALL).items == first[:1]
    assert adapters.reader.matches(None, False, ALL).items == first[1:]
    page = adapters.reader.matches(None, None, PageRequest(1, 1))
    assert (page.total, [m.guide_channel.id for m in page.items]) == (3, ["b"])


# Retention and discarding


def test_delete_ended_before_removes_only_what_has_ended(
    adapters: ProgrammeAdapters,
) -> None:
    guide = [
        show("a", 0, 1, "ended"),
        show("a", 1, 2, "ends at the moment"),
        show("a", 2, 2, "instant before"),
        show("a", 2.5, 3.5, "running"),
        # Without a stop, the last programme of its channel ends at its start.
        show("b", 2, None, "stopless before"),
        show("c", 3, None, "stopless at the moment"),
    ]
    matches = matched("src", ("a", "A"), ("b", "B"), ("c", "C"))
    store(adapters, "src", guide, matches)

    assert adapters.writer.delete_ended_before(at(2)) == 1
    assert adapters.writer.delete_ended_before(at(3)) == 3
    assert adapters.writer.delete_ended_before(at(3)) == 0

    assert titles(schedule(adapters, "A")) == ["running"]
    assert schedule(adapters, "B") == []
    assert titles(schedule(adapters, "C")) == ["stopless at the moment"]


def test_discard_forgets_the_stage_and_keeps_what_was_stored(
    adapters: ProgrammeAdapters,
) -> None:
    matches = matched("src", ("a", "A"))
    store(adapters, "src", [show("a", 1, 2, "kept")], matches)

    stage = adapters.writer.stage("src", 0)
    stage.add([show("a", 0, 5, "discarded")])
    stage.discard()
    after = adapters.writer.stage("src", 0)
    counts = after.commit(matches)

    assert counts == ReplaceCounts()
    assert titles(schedule(adapters, "A")) == ["kept"]


def test_two_stages_of_one_writer_stay_apart(adapters: ProgrammeAdapters) -> None:
    one = adapters.writer.stage("one", 1)
    two = adapters.writer.stage("two", 2)
    one.add([show("a", 1, 2, "from one")])
    two.add([show("b", 1, 2, "from two")])

    two.discard()
    counts = one.commit(matched("one", ("a", "A")))

    assert counts == ReplaceCounts(inserted=1, channels=1)
    assert seen(schedule(adapters, "A")) == [
        ("one", "A", "from one", at(1), at(2), None)
    ]


# The same answers as the reference, on a guide built at random


def random_guide(rng: random.Random, channels: Sequence[str]) -> list[Programme]:
    """Messy guides: stops missing, repeats, overlaps, zero lengths, any order."""
    guide: list[Programme] = []
    for channel in channels:
        hour = rng.choice([-30.0, 0.0, 10.0])
        for _ in range(rng.randint(0, 25)):
            length = rng.choice([0.0, 0.25, 0.5, 1.0, 2.0])
            stop: float | None = hour + length
            if rng.random() < 0.15:
                stop = None
            title = rng.choice(["News", "Film", "Sport", "news night", "Météo"])
            guide.append(show(channel, hour, stop, f"{title} {rng.randint(0, 9)}"))
            if rng.random() < 0.1:
                guide.append(show(channel, hour, stop, "repeat"))
            hour += rng.choice([0.0, 0.25, 0.5, 1.0, 1.5])
    rng.shuffle(guide)
    return guide


@pytest.mark.parametrize("seed", [20260301, 7, 1234])
@pytest.mark.parametrize("factory", FACTORIES[1:])
def test_a_random_history_reads_the_same_as_the_reference(
    factory: Callable[[Path], ProgrammeAdapters], tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    reference, tested = in_memory_adapters(tmp_path), factory(tmp_path)
    guide_channels = ["g1", "g2", "g3", "g4"]
    channels = ["C1", "C2", "C3"]
    try:
        for step in range(6):
            source = rng.choice(["s1", "s2", "s3"])
            priority = {"s1": 1, "s2": 2, "s3": 2}[source]
            pairs = [(g, rng.choice([*channels, None])) for g in guide_channels]
            guide = random_guide(rng, rng.sample(guide_channels, 3))
            batch = rng.randint(1, 7)
            counts = [
                store(adapters, source, guide, matched(source, *pairs), priority, batch)
                for adapters in (reference, tested)
            ]
            assert counts[0] == counts[1], step

            window = TimeWindow(at(-40), at(60))
            expected = reference.reader.schedules(channels, window)
            actual = tested.reader.schedules(channels, window)
            assert {c: seen(p) for c, p in actual.items()} == {
                c: seen(p) for c, p in expected.items()
            }, step
            for hours in (-29.5, 0, 3.25, 10, 11.5):
                now = [
                    {c: seen([x for x in (n.now, n.next) if x]) for c, n in r.items()}
                    for r in (
                        reference.reader.now_next(channels, at(hours)),
                        tested.reader.now_next(channels, at(hours)),
                    )
                ]
                assert now[0] == now[1], (step, hours)
            searched = [
                seen(adapters.reader.search("NEWS", None, ALL).items)
                for adapters in (reference, tested)
            ]
            assert searched[0] == searched[1], step

        moment = at(rng.choice([-10, 2, 12]))
        assert reference.writer.delete_ended_before(
            moment
        ) == tested.writer.delete_ended_before(moment)
        window = TimeWindow(at(-40), at(60))
        assert {
            c: seen(p) for c, p in tested.reader.schedules(channels, window).items()
        } == {
            c: seen(p) for c, p in reference.reader.schedules(channels, window).items()
        }
    finally:
        tested.close()
