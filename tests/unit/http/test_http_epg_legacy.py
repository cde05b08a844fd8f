"""The old contract's two guide routes, done right: zones, edges, paging, bounds."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.unit.http.test_http_epg_support import (
    CountingReader,
    epg_client,
    sample_store,
    titles,
)
from tvnexa.entrypoints.http import ApiSettings, PageLimits

CHANNEL = "/api/v1/epg/channel-programmes/BBCOne.uk"
COUNTRY = "/api/v1/epg/country-programmes"
OLD_FIELDS = {"id", "title", "channel", "category", "start", "end", "date"}


@pytest.fixture
def client(make_client):
    return epg_client(make_client)


def programmes_between(client, start, end):
    result = client.simulate_get(CHANNEL, params={"startAt": start, "endAt": end})
    assert result.status_code == 200, result.json
    return titles(result.json["data"])


def test_channel_programmes_keep_the_old_envelope_and_names(client):
    result = client.simulate_get(
        CHANNEL,
        params={"startAt": "2026-03-29T09:00:00Z", "endAt": "2026-03-29T10:30Z"},
    )

    assert result.json["code"] == 4000
    assert result.json["message"]
    item = result.json["data"][0]
    assert set(item) >= OLD_FIELDS
    assert isinstance(item["id"], int)
    assert item["channel"] == "BBCOne.uk"
    assert (item["start"], item["end"]) == (
        "2026-03-29T09:00:00Z",
        "2026-03-29T10:30:00Z",
    )
    assert item["category"] == "News"
    assert item["date"] == "2026"


def test_missing_category_and_date_are_empty_strings_not_null(client):
    result = client.simulate_get(
        CHANNEL, params={"startAt": "2026-03-29T10:30Z", "endAt": "2026-03-29T11:00Z"}
    )

    weather = result.json["data"][0]
    assert weather["title"] == "Weather"
    assert weather["category"] == ""
    assert weather["date"] == ""
    assert weather["categories"] == []


def test_programmes_are_enriched_without_streams(client):
    result = client.simulate_get(
        CHANNEL, params={"startAt": "2026-03-29T09:00Z", "endAt": "2026-03-29T09:01Z"}
    )

    news = result.json["data"][0]
    assert news["sub_title"] == "The Return"
    assert news["description"] == "Headlines from London and the world"
    assert news["categories"] == ["News", "Current affairs"]
    assert news["episode"]["season"] == 1
    assert news["episode"]["episode"] == 4
    assert news["episode"]["onscreen"] == "S02E05"
    assert news["icon"] == "https://img.example/news.png"
    assert news["rating"] == {"system": "BBFC", "value": "PG", "icon": None}
    assert news["source"] == "test-guide"
    assert news["feed"] == "HD"
    assert "streams" not in news


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Morning News (09:00-10:30) crosses the start; Weather ends at the end.
        ("2026-03-29T09:30:00Z", "2026-03-29T11:00:00Z", ["Morning News", "Weather"]),
        # A programme crossing both edges is there too.
        ("2026-03-29T09:10:00Z", "2026-03-29T09:20:00Z", ["Morning News"]),
        # Windows are half-open: a programme ending at the start is not.
        ("2026-03-29T09:00:00Z", "2026-03-29T09:05:00Z", ["Morning News"]),
        ("2026-03-29T04:00:00Z", "2026-03-29T05:00:00Z", []),
    ],
)
def test_the_window_keeps_programmes_across_its_edges(client, start, end, expected):
    assert programmes_between(client, start, end) == expected


@pytest.mark.parametrize(
    "start",
    [
        "2026-03-29T11:30:00+02:00",  # the same instant in another offset
        "2026-03-29T04:30:00-05:00",
        "2026-03-29T09:30:00",  # no offset: UTC, never the server's zone
        "2026-03-29T09:30:00.000Z",
        # An unencoded `+` arrives as a space; the offset is still read.
        "2026-03-29T11:30:00 02:00",
    ],
)
def test_start_at_accepts_any_iso_offset(client, start):
    assert programmes_between(client, start, "2026-03-29T10:45:00Z") == [
        "Morning News",
        "Weather",
    ]


def test_without_a_window_the_next_24_hours_from_now(client):
    # The clock says 10:00 UTC: Morning News is on, Breakfast is over.
    result = client.simulate_get(CHANNEL)

    assert titles(result.json["data"]) == [
        "Morning News",
        "Weather",
        "Film: Heat",
        "Night News",
    ]


def test_a_start_alone_gets_a_day_and_an_end_alone_the_day_before(client):
    after = client.simulate_get(CHANNEL, params={"startAt": "2026-03-29T11:30Z"})
    before = client.simulate_get(CHANNEL, params={"endAt": "2026-03-29T08:30Z"})

    assert titles(after.json["data"]) == ["Film: Heat", "Night News"]
    assert titles(before.json["data"]) == ["Late Film", "Breakfast"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"startAt": "yesterday"}, "startAt"),
        ({"startAt": "2026-02-30T10:00:00Z"}, "startAt"),
        ({"endAt": "2026-03-29T25:00:00Z"}, "endAt"),
        ({"startAt": "2026-03-29T10:00Z", "endAt": "2026-03-29T10:00Z"}, "endAt"),
        ({"startAt": "2026-03-29T10:00Z", "endAt": "2026-03-29T09:00Z"}, "endAt"),
        ({"startAt": "2026-03-01T00:00Z", "endAt": "2026-03-16T00:01Z"}, "endAt"),
        ({"startAt": "0001-01-01T00:00:00Z"}, "startAt"),
        ({"startAt": ["2026-03-29T10:00Z", "2026-03-29T11:00Z"]}, "startAt"),
    ],
)
def test_bad_windows_are_refused_naming_the_parameter(client, params, parameter):
    result = client.simulate_get(CHANNEL, params=params)

    assert result.status_code == 400
    assert result.json["code"] == 104
    assert result.json["details"]["parameter"] == parameter


def test_the_longest_window_of_one_channel_is_two_weeks(client):
    result = client.simulate_get(
        CHANNEL, params={"startAt": "2026-03-15T10:00Z", "endAt": "2026-03-29T10:00Z"}
    )

    assert result.status_code == 200


def test_an_unknown_channel_is_epg_channel_not_found(client):
    result = client.simulate_get("/api/v1/epg/channel-programmes/Nope.xx")

    assert result.status_code == 404
    assert result.json["name"] == "EPG_CHANNEL_NOT_FOUND"
    assert result.json["code"] == 105


def test_a_known_channel_without_programmes_is_an_empty_list(client):
    result = client.simulate_get("/api/v1/epg/channel-programmes/BBCTwo.uk")

    assert result.status_code == 200
    assert result.json["data"] == []


def test_country_programmes_are_keyed_by_channel_and_paged_by_channel(make_client):
    reader = CountingReader(sample_store())
    client = epg_client(make_client, programmes=reader)

    result = client.simulate_get(
        f"{COUNTRY}/UK",
        params={"startAt": "2026-03-29T09:30Z", "endAt": "2026-03-29T11:00Z"},
    )

    assert result.json["code"] == 4001
    data = result.json["data"]
    assert list(data) == ["BBCOne.uk", "BBCTwo.uk", "Old.uk"]
    assert titles(data["BBCOne.uk"]) == ["Morning News", "Weather"]
    assert data["BBCTwo.uk"] == []
    assert result.headers["x-total-count"] == "3"
    # One read of programmes for the whole page, never one per channel.
    assert reader.calls["schedules"] == 1
    assert reader.asked == [["BBCOne.uk", "BBCTwo.uk", "Old.uk"]]


def test_country_pages_link_to_the_next_page(client):
    result = client.simulate_get(
        f"{COUNTRY}/UK/", params={"limit": "2", "startAt": "2026-03-29T09:30Z"}
    )

    assert list(result.json["data"]) == ["BBCOne.uk", "BBCTwo.uk"]
    link = result.headers["link"]
    query = parse_qs(urlsplit(link[1 : link.index(">")]).query)
    assert query["offset"] == ["2"]
    assert query["limit"] == ["2"]
    assert query["startAt"] == ["2026-03-29T09:30Z"]

    second = client.simulate_get(f"{COUNTRY}/UK", params={"offset": "2", "limit": "2"})
    assert list(second.json["data"]) == ["Old.uk"]
    assert "link" not in second.headers


def test_country_pages_are_bounded(make_client):
    settings = ApiSettings(limits={"epg_guide": PageLimits(1, 2)})
    client = epg_client(make_client, settings=settings)

    default = client.simulate_get(f"{COUNTRY}/UK")
    too_many = client.simulate_get(f"{COUNTRY}/UK", params={"limit": "3"})
    too_long = client.simulate_get(
        f"{COUNTRY}/UK",
        params={"startAt": "2026-03-29T00:00Z", "endAt": "2026-03-31T00:01Z"},
    )

    assert len(default.json["data"]) == 1
    assert too_many.status_code == 400
    assert too_many.json["details"]["parameter"] == "limit"
    assert too_long.status_code == 400
    assert too_long.json["details"]["parameter"] == "endAt"


def test_an_unknown_country_is_country_not_found(client):
    result = client.simulate_get(f"{COUNTRY}/XX")

    assert result.status_code == 404
    assert result.json["name"] == "COUNTRY_NOT_FOUND"


def test_guide_answers_are_not_cached_by_the_catalogue_revision(client):
    result = client.simulate_get(CHANNEL)

    assert result.headers["cache-control"] == "no-cache"
    assert "etag" not in result.headers


def test_without_a_programme_reader_there_are_no_guide_routes(make_client):
    result = make_client().simulate_get(CHANNEL)

    assert result.status_code == 404
    assert result.json["name"] == "ROUTE_NOT_FOUND"
