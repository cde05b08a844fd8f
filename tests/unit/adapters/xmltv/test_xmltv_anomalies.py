"""Each irregularity of real guides: decided, counted, and the rest of the file kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from tvnexa.domain.guide_reports import Anomaly, GuideProblem
from tvnexa.domain.programmes import GuideChannel, LangText

ReadGuide = Callable[..., Any]


def prog(
    start: str, stop: str | None = None, channel: str = "c", title: str = "t"
) -> str:
    stop_attribute = "" if stop is None else f' stop="{stop}"'
    return (
        f'<programme start="{start}"{stop_attribute} channel="{channel}">'
        f"<title>{title}</title></programme>\n"
    )


CHANNEL_C = '<channel id="c"><display-name>C</display-name></channel>\n'


def test_a_missing_stop_is_kept_open_and_counted(read_guide: ReadGuide) -> None:
    guide = read_guide(CHANNEL_C + prog("20220101100000 +0000"))

    assert guide.programmes[0].stop is None
    assert guide.report.count(Anomaly.MISSING_STOP) == 1
    assert guide.report.rejected == 0


def test_a_stop_without_any_digit_is_missing_not_wrong(read_guide: ReadGuide) -> None:
    guide = read_guide(CHANNEL_C + prog("20220101100000 +0000", " +0000"))

    assert guide.programmes[0].stop is None
    assert guide.report.count(Anomaly.MISSING_STOP) == 1
    assert guide.report.count(Anomaly.BAD_TIME) == 0


def test_a_stop_before_its_start_is_rejected_with_where_and_why(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        CHANNEL_C
        + prog("20260817235800 +0800", "20260817001000 +0800", title="bad")
        + prog("20260818001000 +0800", "20260818010000 +0800", title="good")
    )

    assert [p.titles[0].text for p in guide.programmes] == ["good"]
    assert guide.report.count(Anomaly.STOP_BEFORE_START) == 1
    (problem,) = guide.report.problems
    assert problem.anomaly is Anomaly.STOP_BEFORE_START
    assert problem.line == 4
    assert "20260817001000 +0800" in problem.reason


def test_a_zero_length_programme_is_kept_as_xmltv_allows(read_guide: ReadGuide) -> None:
    guide = read_guide(CHANNEL_C + prog("20000101000000", "20000101000000"))

    assert len(guide.programmes) == 1
    assert guide.report.count(Anomaly.ZERO_LENGTH) == 1


def test_a_bad_time_rejects_its_programme_only_with_the_reason(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        CHANNEL_C
        + prog("20220101100000 +0000", title="first")
        + prog("20220101110000 IST", title="zone")
        + prog("20220101120000 +0000", "20220101126000 +0000", title="stop")
        + '<programme channel="c"><title>no start</title></programme>\n'
        + prog("20220101130000 +05:30", title="last")
    )

    assert [p.titles[0].text for p in guide.programmes] == ["first", "last"]
    assert guide.report.count(Anomaly.BAD_TIME) == 3
    reasons = [str(problem) for problem in guide.report.problems]
    assert reasons[0].startswith("line 5: bad_time:")
    assert "start: unknown or ambiguous zone 'IST'" in reasons[0]
    assert "stop: invalid date or time" in reasons[1]
    assert "no start time" in reasons[2]


def test_exact_duplicates_are_dropped_whitespace_aside(read_guide: ReadGuide) -> None:
    guide = read_guide(
        CHANNEL_C
        + prog("20010829000500", "20010829003000", title="T")
        + prog("20010829000500", "20010829003000", title="  T ")
        + prog("20010829000500", "20010829003000", title="T")
    )

    assert len(guide.programmes) == 1
    assert guide.report.count(Anomaly.DUPLICATE_PROGRAMME) == 2


def test_programmes_that_differ_in_anything_are_not_duplicates(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        CHANNEL_C
        + prog("20011228113101", title="B")
        + prog("20011228113101", "20011228113102", title="B")
        + prog("20011228113101", "20011228113102", title="B", channel="d")
    )

    assert len(guide.programmes) == 3
    assert guide.report.count(Anomaly.DUPLICATE_PROGRAMME) == 0


def test_repeats_are_found_within_the_window_only(read_guide: ReadGuide) -> None:
    body = CHANNEL_C + prog("20220101000000", title="x")
    body += "".join(prog(f"2022010101{m:02d}00", title=str(m)) for m in range(5))
    body += prog("20220101000000", title="x")

    assert (
        read_guide(body, duplicate_window=10).report.count(Anomaly.DUPLICATE_PROGRAMME)
        == 1
    )
    assert (
        read_guide(body, duplicate_window=3).report.count(Anomaly.DUPLICATE_PROGRAMME)
        == 0
    )


def test_overlaps_are_counted_and_both_programmes_kept(read_guide: ReadGuide) -> None:
    guide = read_guide(
        CHANNEL_C
        + prog("20220101100000", "20220101110000", title="a")
        + prog("20220101103000", "20220101113000", title="b")
        + prog("20220101113000", "20220101120000", title="c")
    )

    assert len(guide.programmes) == 3
    assert guide.report.count(Anomaly.OVERLAP) == 1


def test_a_clump_sharing_a_slot_counts_as_an_overlap(read_guide: ReadGuide) -> None:
    guide = read_guide(
        CHANNEL_C
        + prog("200204201725", "200204201800", title="First in clump")
        + prog("200204201725", "200204201800", title="Second in clump")
    )

    assert len(guide.programmes) == 2
    assert guide.report.count(Anomaly.OVERLAP) == 1


def test_programmes_for_undeclared_channels_are_kept_and_listed(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        CHANNEL_C
        + prog("20220101100000", channel="c")
        + prog("20220101100000", channel="ghost")
        + prog("20220101110000", channel="ghost")
        + prog("20220101100000", channel="late")
        + '<channel id="late"><display-name>Late</display-name></channel>\n'
    )

    assert len(guide.programmes) == 4
    assert guide.report.count(Anomaly.UNDECLARED_CHANNEL) == 2
    assert guide.report.undeclared_channels == ("ghost",)
    assert guide.report.channels == 2


def test_a_channel_declared_twice_is_merged_and_handed_on_again(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        '<channel id="C"><display-name lang="zh">C</display-name></channel>\n'
        '<channel id="C"><display-name lang="zh">Channel[V]</display-name></channel>\n'
        '<channel id="C"><display-name lang="zh">C</display-name></channel>\n'
        + prog("20260817060000 +0800", channel="C")
    )

    assert guide.channels == [
        GuideChannel("C", (LangText("C", "zh"),)),
        GuideChannel("C", (LangText("C", "zh"), LangText("Channel[V]", "zh"))),
    ]
    assert guide.report.channels == 1
    assert guide.report.count(Anomaly.DUPLICATE_CHANNEL) == 2


def test_a_channel_without_id_is_dropped(read_guide: ReadGuide) -> None:
    guide = read_guide("<channel><display-name>Nobody</display-name></channel>")

    assert guide.channels == []
    assert guide.report.count(Anomaly.CHANNEL_WITHOUT_ID) == 1
    assert guide.report.problems == (
        GuideProblem(3, Anomaly.CHANNEL_WITHOUT_ID, "channel without id"),
    )


def test_a_programme_without_channel_is_rejected(read_guide: ReadGuide) -> None:
    guide = read_guide('<programme start="20220101000000"><title>t</title></programme>')

    assert guide.programmes == []
    assert guide.report.count(Anomaly.MISSING_CHANNEL) == 1


def test_a_programme_without_title_is_kept_and_counted(read_guide: ReadGuide) -> None:
    guide = read_guide(
        '<programme channel="3297" start="20221104130000 +0000"'
        ' stop="20221105235959 +0000"><category lang="en">sports</category>'
        "<credits/><video/><date/></programme>"
    )

    assert guide.programmes[0].titles == ()
    assert guide.programmes[0].date is None
    assert guide.report.count(Anomaly.UNTITLED) == 1


def test_an_unreadable_xmltv_ns_is_kept_raw_and_counted(read_guide: ReadGuide) -> None:
    guide = read_guide(
        '<programme start="20220101000000" channel="c"><title>t</title>'
        '<episode-num system="xmltv_ns">S01E02</episode-num></programme>'
    )

    numbers = guide.programmes[0].episode_numbers
    assert numbers.season is None
    assert numbers.other == (("xmltv_ns", "S01E02"),)
    assert guide.report.count(Anomaly.BAD_EPISODE_NUMBER) == 1


def test_many_bad_programmes_never_lose_the_good_ones(read_guide: ReadGuide) -> None:
    bad = "".join(prog(f"2022010{d}100000 +9999") for d in range(1, 10))
    good = "".join(prog(f"2022011{d}100000 +0000") for d in range(10))

    guide = read_guide(CHANNEL_C + bad + good, max_problems=3)

    assert len(guide.programmes) == 10
    assert guide.report.count(Anomaly.BAD_TIME) == 9
    assert guide.report.rejected == 9
    assert len(guide.report.problems) == 3


def test_the_first_programme_start_is_exact_after_anomalies(
    read_guide: ReadGuide,
) -> None:
    guide = read_guide(
        CHANNEL_C + prog("garbage") + prog("20220101103000 -0330", title="ok")
    )

    assert guide.programmes[0].start == datetime(2022, 1, 1, 14, 0, tzinfo=UTC)
