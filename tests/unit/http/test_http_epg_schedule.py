"""GET /epg/channels/{id}/schedule: one local day of a channel, in an IANA zone."""

from __future__ import annotations

import pytest

from tests.unit.http.test_http_epg_support import (
    epg_client,
    sample_store,
    show,
    store_guide,
    titles,
    utc,
)
from tvnexa.adapters.memory.clock import FixedClock


def schedule_url(channel: str) -> str:
    return f"/api/v1/epg/channels/{channel}/schedule"


@pytest.fixture
def client(make_client):
    return epg_client(make_client)


def test_the_day_the_clocks_go_forward_has_23_hours(client):
    result = client.simulate_get(
        schedule_url("France3.fr"), params={"date": "2026-03-29"}
    )

    assert result.json["code"] == 4002
    day = result.json["data"]
    assert day["timezone"] == "Europe/Paris"
    assert day["date"] == "2026-03-29"
    assert day["start"] == "2026-03-29T00:00:00+01:00"
    assert day["end"] == "2026-03-30T00:00:00+02:00"
    assert day["length_seconds"] == 23 * 3600
    # Minuit crosses the local midnight that starts the day and Soirée the one
    # that ends it; Après minuit starts at 00:30 on the next local day.
    assert titles(day["programmes"]) == ["Minuit", "Nuit blanche", "Journal", "Soirée"]


def test_the_day_the_clocks_go_back_has_25_hours(make_client):
    store = sample_store()
    store_guide(
        store,
        [
            show("f3", "2026-10-24 21:00", 60, "Before"),
            show("f3", "2026-10-24 22:00", 60, "First"),
            show("f3", "2026-10-25 22:30", 60, "Last"),
            show("f3", "2026-10-25 23:00", 60, "Next day"),
        ],
        {"f3": "France3.fr@Paris"},
        source="autumn",
    )
    client = epg_client(make_client, store)

    day = client.simulate_get(
        schedule_url("France3.fr"), params={"date": "2026-10-25"}
    ).json["data"]

    assert day["length_seconds"] == 25 * 3600
    assert day["start"] == "2026-10-25T00:00:00+02:00"
    assert day["end"] == "2026-10-26T00:00:00+01:00"
    assert titles(day["programmes"]) == ["First", "Last"]


def test_times_are_utc_and_also_local(client):
    day = client.simulate_get(
        schedule_url("France3.fr"), params={"date": "2026-03-29"}
    ).json["data"]

    journal = day["programmes"][2]
    assert journal["start"] == "2026-03-29T09:30:00Z"
    assert journal["local_start"] == "2026-03-29T11:30:00+02:00"
    assert journal["local_end"] == "2026-03-29T12:30:00+02:00"


def test_the_default_zone_is_the_main_feeds(client):
    day = client.simulate_get(
        schedule_url("BBCOne.uk"), params={"date": "2026-03-29"}
    ).json["data"]

    assert day["timezone"] == "Europe/London"
    assert day["length_seconds"] == 23 * 3600
    assert titles(day["programmes"])[0] == "Late Film"


def test_a_channel_whose_feed_has_no_zone_gets_utc_days(make_client):
    store = sample_store()
    store_guide(
        store,
        [
            show("two", "2026-03-28 23:30", 60, "Crossing"),
            show("two", "2026-03-29 23:30", 30, "Late"),
        ],
        {"two": "BBCTwo.uk@SD"},
        source="two",
    )
    client = epg_client(make_client, store)

    day = client.simulate_get(
        schedule_url("BBCTwo.uk"), params={"date": "2026-03-29"}
    ).json["data"]

    assert day["timezone"] == "UTC"
    assert (day["start"], day["end"]) == (
        "2026-03-29T00:00:00+00:00",
        "2026-03-30T00:00:00+00:00",
    )
    assert titles(day["programmes"]) == ["Crossing", "Late"]


def test_a_zone_given_replaces_the_feeds(client):
    day = client.simulate_get(
        schedule_url("BBCOne.uk"),
        params={"date": "2026-03-29", "tz": "America/Argentina/Buenos_Aires"},
    ).json["data"]

    assert day["timezone"] == "America/Argentina/Buenos_Aires"
    assert day["start"] == "2026-03-29T00:00:00-03:00"
    assert day["length_seconds"] == 24 * 3600
    # 03:00 UTC to 03:00 UTC the next day.
    assert titles(day["programmes"]) == [
        "Breakfast",
        "Morning News",
        "Weather",
        "Film: Heat",
        "Night News",
    ]


def test_without_a_date_today_in_the_zone(make_client):
    # 23:30 UTC on the 29th is already the 30th in Paris, not yet in UTC.
    client = epg_client(make_client, clock=FixedClock(utc("2026-03-29 23:30")))

    paris = client.simulate_get(schedule_url("France3.fr")).json["data"]
    in_utc = client.simulate_get(schedule_url("France3.fr"), params={"tz": "UTC"})

    assert paris["date"] == "2026-03-30"
    assert titles(paris["programmes"]) == ["Soirée", "Après minuit"]
    assert in_utc.json["data"]["date"] == "2026-03-29"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"tz": "Mars/Olympus_Mons"}, "tz"),
        ({"tz": "../../etc/passwd"}, "tz"),
        ({"tz": "CEST"}, "tz"),
        ({"tz": "zone.tab"}, "tz"),
        ({"date": "29/03/2026"}, "date"),
        ({"date": "2026-02-30"}, "date"),
        ({"date": "20260329"}, "date"),
        ({"date": "9999-12-31"}, "date"),
    ],
)
def test_a_bad_zone_or_date_is_refused_naming_it(client, params, parameter):
    result = client.simulate_get(schedule_url("France3.fr"), params=params)

    assert result.status_code == 400
    assert result.json["code"] == 104
    assert result.json["details"]["parameter"] == parameter


def test_an_unknown_channel_is_epg_channel_not_found(client):
    result = client.simulate_get(schedule_url("Nope.xx"), params={"date": "2026-03-29"})

    assert result.status_code == 404
    assert result.json["code"] == 105
