"""Guide routes over many channels: the guide, now/next, search, channel matches."""

from __future__ import annotations

import pytest

from tests.unit.http.test_http_epg_support import (
    CountingReader,
    epg_client,
    sample_store,
    titles,
)
from tvnexa.entrypoints.http import ApiSettings, PageLimits

GUIDE = "/api/v1/epg/guide"
NOW_NEXT = "/api/v1/epg/now-next"
SEARCH = "/api/v1/epg/search"
WINDOW = {"start": "2026-03-29T09:30:00Z", "end": "2026-03-29T11:00:00Z"}


@pytest.fixture
def reader():
    return CountingReader(sample_store())


@pytest.fixture
def client(make_client, reader):
    return epg_client(make_client, programmes=reader)


def channel_ids(result):
    return [row["channel_id"] for row in result.json["data"]]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["BBCOne.uk", "BBCTwo.uk", "France3.fr", "Naughty.fr", "Old.uk"]),
        ({"country": "FR"}, ["France3.fr", "Naughty.fr"]),
        ({"category": "news"}, ["BBCOne.uk", "France3.fr"]),
        ({"region": "EUR", "language": "fra"}, ["France3.fr"]),
        ({"timezone": "Europe/London"}, ["BBCOne.uk"]),
        ({"nsfw": "false", "blocked": "false", "q": "bbc"}, ["BBCOne.uk", "BBCTwo.uk"]),
    ],
)
def test_the_guide_filters_channels_like_the_channel_list(client, filters, expected):
    result = client.simulate_get(GUIDE, params={**filters, **WINDOW})

    assert result.json["code"] == 4003
    assert channel_ids(result) == expected


def test_the_guide_gives_each_channel_its_programmes_across_the_edges(client):
    result = client.simulate_get(GUIDE, params={"country": "FR", **WINDOW})

    france3, naughty = result.json["data"]
    assert france3["name"] == "France 3"
    assert titles(france3["programmes"]) == ["Journal"]
    assert naughty["programmes"] == []


def test_the_guide_is_paged_by_channel_with_one_programme_read_a_page(client, reader):
    first = client.simulate_get(GUIDE, params={"limit": "2", **WINDOW})
    second = client.simulate_get(GUIDE, params={"limit": "2", "offset": "4"})

    assert channel_ids(first) == ["BBCOne.uk", "BBCTwo.uk"]
    assert first.headers["x-total-count"] == "5"
    assert "offset=2" in first.headers["link"]
    assert channel_ids(second) == ["Old.uk"]
    assert "link" not in second.headers
    assert reader.calls["schedules"] == 2
    assert reader.asked == [["BBCOne.uk", "BBCTwo.uk"], ["Old.uk"]]


def test_guide_pages_and_windows_are_bounded(make_client):
    settings = ApiSettings(limits={"epg_guide": PageLimits(2, 3)})
    client = epg_client(make_client, settings=settings)

    default = client.simulate_get(GUIDE)
    too_many = client.simulate_get(GUIDE, params={"limit": "4"})
    too_long = client.simulate_get(
        GUIDE, params={"start": "2026-03-29T00:00Z", "end": "2026-03-31T00:01Z"}
    )

    assert len(default.json["data"]) == 2
    assert too_many.json["details"]["parameter"] == "limit"
    assert too_long.status_code == 400
    assert too_long.json["details"]["parameter"] == "end"


def test_now_next_for_every_channel_in_one_read(client, reader):
    result = client.simulate_get(NOW_NEXT, params={"country": "UK"})

    assert result.json["code"] == 4004
    rows = {row["channel_id"]: row for row in result.json["data"]}
    assert list(rows) == ["BBCOne.uk", "BBCTwo.uk", "Old.uk"]
    assert rows["BBCOne.uk"]["now"]["title"] == "Morning News"
    assert rows["BBCOne.uk"]["next"]["title"] == "Weather"
    assert rows["BBCTwo.uk"] == {
        "channel_id": "BBCTwo.uk",
        "name": "BBC Two",
        "now": None,
        "next": None,
    }
    assert reader.calls["now_next"] == 1


def test_now_next_at_a_given_time_with_any_offset(client):
    result = client.simulate_get(
        NOW_NEXT, params={"country": "FR", "at": "2026-03-29T11:45:00+02:00"}
    )

    france3 = result.json["data"][0]
    assert france3["now"]["title"] == "Journal"
    assert france3["next"]["title"] == "Soirée"


def test_now_next_between_programmes_has_only_next(client):
    result = client.simulate_get(
        NOW_NEXT, params={"q": "BBC One", "at": "2026-03-29T15:00:00Z"}
    )

    bbc = result.json["data"][0]
    assert bbc["now"] is None
    assert bbc["next"]["title"] == "Night News"


def test_now_next_is_paged(client):
    result = client.simulate_get(NOW_NEXT, params={"limit": "1", "offset": "2"})

    assert channel_ids(result) == ["France3.fr"]
    assert result.headers["x-total-count"] == "5"
    assert "offset=3" in result.headers["link"]


def test_now_next_refuses_a_bad_time(client):
    result = client.simulate_get(NOW_NEXT, params={"at": "soon"})

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == "at"


def test_search_finds_titles_and_descriptions_in_any_case(client):
    by_title = client.simulate_get(SEARCH, params={"q": "NEWS"})
    by_description = client.simulate_get(SEARCH, params={"q": "le journal"})

    assert by_title.json["code"] == 4005
    # Orphan News is on a guide channel matched to no channel: not served.
    assert titles(by_title.json["data"]) == ["Morning News", "Night News"]
    assert titles(by_description.json["data"]) == ["Journal"]


def test_search_within_a_window(client):
    result = client.simulate_get(
        SEARCH, params={"q": "news", "start": "2026-03-29T12:00Z"}
    )

    assert titles(result.json["data"]) == ["Night News"]


def test_search_is_paged(client):
    result = client.simulate_get(SEARCH, params={"q": "n", "limit": "2"})

    assert len(result.json["data"]) == 2
    assert int(result.headers["x-total-count"]) > 2
    assert "q=n" in result.headers["link"]


@pytest.mark.parametrize("params", [{}, {"q": "   "}])
def test_search_needs_a_text(client, params):
    result = client.simulate_get(SEARCH, params=params)

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == "q"


def test_matches_list_every_guide_channel(client):
    result = client.simulate_get("/api/v1/epg/matches")

    assert result.json["code"] == 4007
    assert result.json["data"][0] == {
        "source": "test-guide",
        "guide_channel_id": "bbc1",
        "display_names": ["BBC1"],
        "channel": "BBCOne.uk",
        "feed": "HD",
        "method": "channel_feed",
        "matched": True,
    }
    assert result.headers["x-total-count"] == "3"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"matched": "true"}, ["bbc1", "f3"]),
        ({"matched": "false"}, ["stray"]),
        ({"source": "elsewhere"}, []),
    ],
)
def test_matches_filter_by_source_and_state(client, params, expected):
    result = client.simulate_get("/api/v1/epg/matches", params=params)

    assert [m["guide_channel_id"] for m in result.json["data"]] == expected


def test_unmatched_guide_channels(client):
    result = client.simulate_get(
        "/api/v1/epg/unmatched/", params={"source": "test-guide"}
    )

    assert result.json["code"] == 4006
    assert [m["guide_channel_id"] for m in result.json["data"]] == ["stray"]
    assert result.json["data"][0]["channel"] is None


def test_one_programme_by_id(client):
    news = client.simulate_get(SEARCH, params={"q": "morning"}).json["data"][0]

    result = client.simulate_get(f"/api/v1/epg/programmes/{news['id']}")

    assert result.json["code"] == 4008
    assert result.json["data"] == news


@pytest.mark.parametrize("programme_id", ["999999", "abc", "-1"])
def test_an_unknown_programme_is_programme_not_found(client, programme_id):
    result = client.simulate_get(f"/api/v1/epg/programmes/{programme_id}")

    assert result.status_code == 404
    assert result.json["name"] == "PROGRAMME_NOT_FOUND"
    assert result.json["code"] == 131


def test_a_programme_of_an_unmatched_guide_channel_is_not_found(client, reader):
    orphan = next(
        p for p in reader.store.programmes.values() if p.title == "Orphan News"
    )

    result = client.simulate_get(f"/api/v1/epg/programmes/{orphan.id}")

    assert result.status_code == 404
