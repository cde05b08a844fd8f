"""XMLTV times: read exactly into UTC, or refused with a reason; never shifted."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tvnexa.domain.guide_errors import XmltvTimeError
from tvnexa.domain.xmltv_time import (
    apply_correction,
    check_correction,
    format_xmltv_time,
    parse_xmltv_time,
)


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20080715003000 +0000", utc(2008, 7, 15, 0, 30)),
        ("20080715003000 -0600", utc(2008, 7, 15, 6, 30)),
        ("20080715003000 +0200", utc(2008, 7, 14, 22, 30)),
    ],
)
def test_the_full_form_is_read_into_utc(text: str, expected: datetime) -> None:
    moment = parse_xmltv_time(text)

    assert moment == expected
    assert moment.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20080715003000 +0530", utc(2008, 7, 14, 19, 0)),  # India
        ("20080715003000 +0545", utc(2008, 7, 14, 18, 45)),  # Nepal
        ("20080715003000 -0330", utc(2008, 7, 15, 4, 0)),  # Newfoundland
        ("20080715003000 +1245", utc(2008, 7, 14, 11, 45)),  # Chatham
        ("20080715003000 +1400", utc(2008, 7, 14, 10, 30)),  # Kiribati
        ("20080715003000 -1200", utc(2008, 7, 15, 12, 30)),
    ],
)
def test_offsets_that_are_not_whole_hours_are_exact(
    text: str, expected: datetime
) -> None:
    assert parse_xmltv_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2008", utc(2008, 1, 1)),
        ("200807", utc(2008, 7, 1)),
        ("20080715", utc(2008, 7, 15)),
        ("2008071500", utc(2008, 7, 15)),
        ("200807150030", utc(2008, 7, 15, 0, 30)),
        ("200202240000 +0100", utc(2002, 2, 23, 23, 0)),
    ],
)
def test_the_shorter_forms_of_the_dtd_are_read(text: str, expected: datetime) -> None:
    assert parse_xmltv_time(text) == expected


@pytest.fixture
def server_in_tokyo() -> Iterator[None]:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.mark.usefixtures("server_in_tokyo")
def test_a_time_without_offset_is_utc_whatever_the_server_zone() -> None:
    assert time.localtime().tm_gmtoff == 9 * 3600

    assert parse_xmltv_time("20011228113100") == utc(2001, 12, 28, 11, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20080715003000 +05:30", utc(2008, 7, 14, 19, 0)),
        ("20080715003000 -3:30", utc(2008, 7, 15, 4, 0)),
        ("20080715003000 +5", utc(2008, 7, 14, 19, 30)),
        ("20080715003000 -06", utc(2008, 7, 15, 6, 30)),
        ("20080715003000+0200", utc(2008, 7, 14, 22, 30)),
        ("20080715003000   +0000  ", utc(2008, 7, 15, 0, 30)),
        (" 20080715003000 +0000", utc(2008, 7, 15, 0, 30)),
        ("20080715003000 GMT", utc(2008, 7, 15, 0, 30)),
        ("20080715003000 UTC", utc(2008, 7, 15, 0, 30)),
        ("20080715003000 utc", utc(2008, 7, 15, 0, 30)),
        ("20080715003000 Z", utc(2008, 7, 15, 0, 30)),
        ("20080715003000Z", utc(2008, 7, 15, 0, 30)),
        ("20080715003000 GMT+0200", utc(2008, 7, 14, 22, 30)),
        ("20080715003000 UTC+05:45", utc(2008, 7, 14, 18, 45)),
        ("20010829000500 BST", utc(2001, 8, 28, 23, 5)),
        ("20080715003000 -0000", utc(2008, 7, 15, 0, 30)),
    ],
)
def test_unambiguous_misspellings_are_read(text: str, expected: datetime) -> None:
    assert parse_xmltv_time(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("20080715003000 +530", "3 digits; ambiguous"),
        ("20080715003000 +053000", "6 digits; ambiguous"),
        ("20080715003000 +1500", "beyond ±14:00"),
        ("20080715003000 -1430", "beyond ±14:00"),
        ("20080715003000 +0575", "75 minutes"),
        ("20080715003000 IST", "unknown or ambiguous zone 'IST'"),
        ("20080715003000 CET", "unknown or ambiguous zone 'CET'"),
        ("20080715003000 Europe/Paris", "unknown or ambiguous zone"),
        ("20080230003000 +0000", "invalid date or time"),
        ("20081315003000 +0000", "invalid date or time"),
        ("20080715240000 +0000", "invalid date or time"),
        ("20080715006000 +0000", "invalid date or time"),
        ("2008071500300 +0000", "13 date digits"),
        ("200807150030.00 +0000", "unknown or ambiguous zone"),
        ("2008-07-15T00:30:00Z", "unknown or ambiguous zone"),
        ("", "not an XMLTV time"),
        (" +0000", "not an XMLTV time"),
        ("tomorrow", "not an XMLTV time"),
        ("00010101000000 +0100", "out of range"),
    ],
)
def test_what_cannot_be_read_without_guessing_is_refused_with_why(
    text: str, reason: str
) -> None:
    with pytest.raises(XmltvTimeError) as raised:
        parse_xmltv_time(text)

    assert reason in raised.value.reason
    assert raised.value.text == text


def test_digits_beyond_ascii_are_not_read_as_a_date() -> None:
    with pytest.raises(XmltvTimeError):
        parse_xmltv_time("٢٠٠٨٠٧١٥٠٠٣٠٠٠ +0000")


def test_a_time_is_written_back_in_utc() -> None:
    moment = datetime(
        2008, 7, 15, 0, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )

    assert format_xmltv_time(moment) == "20080714190000 +0000"
    assert parse_xmltv_time(format_xmltv_time(moment)) == moment


def test_writing_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        format_xmltv_time(datetime(2008, 7, 15))


def test_a_correction_moves_a_time_by_its_seconds() -> None:
    moment = utc(2008, 7, 15, 0, 30)

    assert apply_correction(moment, 3600) == utc(2008, 7, 15, 1, 30)
    assert apply_correction(moment, -5400) == utc(2008, 7, 14, 23, 0)
    assert apply_correction(moment, 0) is moment


def test_a_correction_beyond_a_day_is_refused() -> None:
    with pytest.raises(XmltvTimeError):
        apply_correction(utc(2008, 7, 15), 86401)
    with pytest.raises(XmltvTimeError):
        check_correction(-86401)

    assert check_correction(-86400) == -86400


def test_a_correction_of_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        apply_correction(datetime(2008, 7, 15), 60)
