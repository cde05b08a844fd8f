"""The datasets the old contract did not serve, with upstream field names."""

from __future__ import annotations

import pytest

from tvnexa.domain.catalogue import BlocklistEntry, Guide, Language, Logo, Stream
from tvnexa.domain.datasets import Dataset

STREAM = Stream("https://s.example/f3.m3u8", "France3.fr", "Paris", quality="720p")
LOGO = Logo("France3.fr", "https://logos.example/f3.png", feed="Paris")
GUIDE = Guide("bbc.co.uk", "101", "BBCOne.uk", "HD", "BBC One", "en")
BLOCKED = BlocklistEntry("Naughty.fr", "https://ref/1", "nsfw")


@pytest.mark.parametrize(
    ("path", "code", "first"),
    [
        ("languages", 9101, {"code": "eng", "name": "English"}),
        ("cities", 9201, {
            "code": "FRPAR", "country": "FR", "name": "Paris",
            "subdivision": "FR-IDF", "wikidata_id": None}),
        ("timezones", 9301, {
            "id": "America/Argentina/Buenos_Aires", "utc_offset": "-03:00",
            "countries": ["AR"]}),
        ("feeds", 9401, {
            "channel": "BBCOne.uk", "id": "HD", "name": "HD", "alt_names": [],
            "is_main": True, "broadcast_area": ["c/UK", "s/UK-ENG", "ct/GBLON"],
            "timezones": ["Europe/London"], "languages": ["eng"], "format": "1080i"}),
        ("logos", 9501, {
            "id": Logo("BBCOne.uk", "https://logos.example/bbc1.png").key,
            "channel": "BBCOne.uk", "url": "https://logos.example/bbc1.png",
            "feed": None, "in_use": True, "tags": [], "width": 512, "height": 512,
            "format": None}),
        ("streams", 9601, {
            "id": Stream("https://s.example/bbc1.m3u8").key,
            "url": "https://s.example/bbc1.m3u8", "channel": "BBCOne.uk",
            "feed": "HD", "title": "", "quality": "1080p", "label": None,
            "user_agent": None, "referrer": None}),
        ("guides", 9701, {
            "id": GUIDE.key, "site": "bbc.co.uk", "site_id": "101",
            "channel": "BBCOne.uk", "feed": "HD", "site_name": "BBC One",
            "lang": "en", "url": None}),
        ("blocklist", 9801, {
            "id": BLOCKED.key, "channel": "Naughty.fr", "ref": "https://ref/1",
            "reason": "nsfw"}),
    ],
)  # fmt: skip
def test_lists_use_upstream_names_and_new_codes(client, path, code, first):
    result = client.simulate_get(f"/api/v1/{path}")

    assert result.status_code == 200
    assert result.json["code"] == code
    assert result.json["data"][0] == first


@pytest.mark.parametrize(
    ("path", "code", "field", "value"),
    [
        ("languages/fra", 9102, "name", "Français"),
        ("cities/GBLON", 9202, "name", "London"),
        ("timezones/America/Argentina/Buenos_Aires", 9302, "utc_offset", "-03:00"),
        ("timezones/Europe/Paris", 9302, "countries", ["FR"]),
        ("feeds/France3.fr/Paris", 9402, "format", "576i"),
        (f"logos/{LOGO.key}", 9502, "url", LOGO.url),
        (f"streams/{STREAM.key}", 9602, "quality", "720p"),
        (f"guides/{GUIDE.key}", 9702, "site_id", "101"),
        (f"blocklist/{BLOCKED.key}", 9802, "reason", "nsfw"),
    ],
)
def test_items_by_key(client, path, code, field, value):
    result = client.simulate_get(f"/api/v1/{path}")

    assert result.status_code == 200
    assert result.json["code"] == code
    assert result.json["data"][field] == value


@pytest.mark.parametrize(
    ("path", "name", "code"),
    [
        ("languages/xxx", "LANGUAGE_NOT_FOUND", 117),
        ("cities/XXXXX", "CITY_NOT_FOUND", 118),
        ("timezones/Mars/Olympus_Mons", "TIMEZONE_NOT_FOUND", 119),
        ("feeds/France3.fr/Nope", "FEED_NOT_FOUND", 120),
        ("logos/0000", "LOGO_NOT_FOUND", 121),
        ("streams/0000", "STREAM_NOT_FOUND", 122),
        ("guides/0000", "GUIDE_NOT_FOUND", 123),
        ("blocklist/0000", "BLOCKLIST_ENTRY_NOT_FOUND", 124),
    ],
)
def test_unknown_items_are_404_with_their_own_code(client, path, name, code):
    result = client.simulate_get(f"/api/v1/{path}")

    assert result.status_code == 404
    assert (result.json["name"], result.json["code"]) == (name, code)


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("feeds", {"channel": "France3.fr"}, ["Paris"]),
        ("feeds", {"is_main": "true", "format": "1080i"}, ["HD"]),
        ("feeds", {"q": "par"}, ["Paris"]),
        ("streams", {"channel": "France3.fr", "feed": "Paris"}, [STREAM.key]),
        ("streams", {"quality": "1080p"}, [Stream("https://s.example/bbc1.m3u8").key]),
        ("guides", {"channel": "BBCOne.uk", "site": "bbc.co.uk", "lang": "en"},
         [GUIDE.key]),
        ("guides", {"lang": "fr"}, []),
        ("cities", {"country": "UK"}, ["GBLON"]),
        ("cities", {"subdivision": "FR-IDF"}, ["FRPAR"]),
        ("cities", {"q": "lond"}, ["GBLON"]),
        ("blocklist", {"channel": "Naughty.fr", "reason": "nsfw"}, [BLOCKED.key]),
        ("blocklist", {"reason": "dmca"}, []),
        ("logos", {"in_use": "0"}, []),
        ("languages", {"q": "fran"}, ["fra"]),
        ("timezones", {"utc_offset": "+01:00"}, ["Europe/Paris"]),
    ],
)  # fmt: skip
def test_list_filters(client, path, params, expected):
    result = client.simulate_get(f"/api/v1/{path}", params=params)

    assert result.status_code == 200
    data = result.json["data"]
    assert [item.get("id", item.get("code")) for item in data] == expected
    assert result.headers["x-total-count"] == str(len(expected))


@pytest.mark.parametrize(
    ("path", "parameter"),
    [("feeds?is_main=maybe", "is_main"), ("logos?in_use=yes", "in_use")],
)
def test_bad_boolean_filters_are_refused(client, path, parameter):
    result = client.simulate_get(f"/api/v1/{path}")

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == parameter


def test_lists_page_with_total_and_next_link(client):
    result = client.simulate_get("/api/v1/timezones", params={"limit": "1"})

    assert len(result.json["data"]) == 1
    assert result.headers["x-total-count"] == "3"
    assert "offset=1&limit=1" in result.headers["link"]


def test_new_lists_default_to_a_short_page(make_client, catalogue):
    catalogue[Dataset.LANGUAGES] = [Language(f"l{n:03}", f"L{n}") for n in range(150)]

    result = make_client(catalogue=catalogue).simulate_get("/api/v1/languages")

    assert len(result.json["data"]) == 100
    assert result.headers["x-total-count"] == "150"
