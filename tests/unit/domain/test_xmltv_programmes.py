"""Guide entities and schedule rules: episode numbers, stops, overlaps, merging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tvnexa.domain.programmes import (
    EpisodeNumber,
    GuideChannel,
    LangText,
    Programme,
    StarRating,
    intervals_overlap,
    overlapping_pairs,
    read_xmltv_ns,
    resolve_missing_stops,
)

T0 = datetime(2026, 8, 17, 12, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def programme(
    start: int, stop: int | None, title: str = "x", channel: str = "a"
) -> Programme:
    return Programme(
        channel_ref=channel,
        start=at(start),
        stop=None if stop is None else at(stop),
        titles=(LangText(title),),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.9.0/1", EpisodeNumber(season=0, episode=9, part=0, total_parts=1)),
        ("1.0.0/2", EpisodeNumber(season=1, episode=0, part=0, total_parts=2)),
        ("0..", EpisodeNumber(season=0)),
        (
            "0 . 12/13 . 0/3",
            EpisodeNumber(
                season=0, episode=12, total_episodes=13, part=0, total_parts=3
            ),
        ),
        (".5.", EpisodeNumber(episode=5)),
        ("2/4.3.", EpisodeNumber(season=2, total_seasons=4, episode=3)),
        ("..", EpisodeNumber()),
        ("/3..", EpisodeNumber(total_seasons=3)),
    ],
)
def test_xmltv_ns_is_read_zero_based_with_its_totals(
    text: str, expected: EpisodeNumber
) -> None:
    assert read_xmltv_ns(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (".25/0.", EpisodeNumber(episode=25)),
        ("18.50/30.", EpisodeNumber(season=18, episode=50)),
        ("3/3..", EpisodeNumber(season=3)),
    ],
)
def test_an_impossible_total_is_dropped_and_the_index_kept(
    text: str, expected: EpisodeNumber
) -> None:
    assert read_xmltv_ns(text) == expected


@pytest.mark.parametrize("text", ["1.2", "S01E02", "a.b.c", "1.2.3.4", "-1.0.0", ""])
def test_unreadable_xmltv_ns_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_xmltv_ns(text)


def test_an_empty_episode_number_says_so() -> None:
    assert EpisodeNumber().is_empty
    assert not EpisodeNumber(onscreen="S01E01").is_empty


@pytest.mark.parametrize(
    ("value", "fraction"),
    [("3/5", (3.0, 5.0)), ("7.5/10", (7.5, 10.0)), ("3", None), ("1/0", None)],
)
def test_a_star_rating_reads_as_a_fraction(
    value: str, fraction: tuple[float, float] | None
) -> None:
    assert StarRating(value).fraction == fraction


def test_a_missing_stop_is_the_next_later_start_on_the_channel() -> None:
    first = programme(0, None, "first")
    second = programme(30, 60, "second")
    third = programme(60, None, "third")

    resolved = resolve_missing_stops([third, first, second])

    assert [p.titles[0].text for p in resolved] == ["first", "second", "third"]
    assert resolved[0].stop == at(30)
    assert resolved[1].stop == at(60)
    assert resolved[2].stop is None


def test_programmes_sharing_a_start_take_the_next_different_start() -> None:
    resolved = resolve_missing_stops(
        [programme(0, None, "a"), programme(0, None, "b"), programme(10, None, "c")]
    )

    assert [p.stop for p in resolved] == [at(10), at(10), None]


def test_resolving_stops_takes_one_channel_only() -> None:
    with pytest.raises(ValueError):
        resolve_missing_stops([programme(0, None), programme(5, None, channel="b")])


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ((0, 60), (60, 120), False),
        ((0, 60), (30, 90), True),
        ((0, 60), (10, 20), True),
        ((0, 0), (0, 60), False),
        ((0, 60), (30, 30), True),
        ((0, None), (0, 60), True),
        ((0, None), (30, 60), False),
        ((0, 60), (30, None), True),
        ((0, 60), (60, None), False),
        ((0, None), (0, None), True),
        ((0, 0), (0, None), False),
    ],
)
def test_overlaps_follow_half_open_intervals(
    a: tuple[int, int | None], b: tuple[int, int | None], overlap: bool
) -> None:
    def times(pair: tuple[int, int | None]) -> tuple[datetime, datetime | None]:
        return at(pair[0]), None if pair[1] is None else at(pair[1])

    assert intervals_overlap(*times(a), *times(b)) is overlap
    assert intervals_overlap(*times(b), *times(a)) is overlap


def test_overlapping_pairs_lists_each_pair_once_in_start_order() -> None:
    long = programme(0, 60, "long")
    inside = programme(10, 20, "inside")
    later = programme(30, 40, "later")
    after = programme(60, 90, "after")

    pairs = overlapping_pairs([after, later, inside, long])

    assert pairs == [(long, inside), (long, later)]


def test_a_channel_declared_twice_keeps_every_name_in_order() -> None:
    first = GuideChannel("CCTV5+", (LangText("CCTV5+", "zh"),), ("a.png",))
    second = GuideChannel(
        "CCTV5+", (LangText("CCTV5plus", "zh"), LangText("CCTV5+", "zh")), ("a.png",)
    )

    merged = first.merged_with(second)

    assert merged.display_names == (
        LangText("CCTV5+", "zh"),
        LangText("CCTV5plus", "zh"),
    )
    assert merged.icons == ("a.png",)
    assert first.merged_with(first) == first
