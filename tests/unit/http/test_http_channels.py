"""GET /channels, /channels/search and /channels/{id} as the old client uses them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tvnexa.entrypoints.http import ApiSettings, PageLimits

SIMPLE_FIELDS = {"channel_id", "name", "city", "is_nsfw", "website", "logo", "streams"}
DETAIL_FIELDS = {
    "channel_id", "name", "network", "country", "subdivision", "city", "is_nsfw",
    "website", "logo", "launched", "closed", "replaced_by", "streams", "guides",
    "languages", "categories", "alt_names", "owners", "broadcast_areas",
}  # fmt: skip
LISTS = ("streams", "guides", "languages", "categories", "alt_names", "owners")


def ids(result):
    return [channel["channel_id"] for channel in result.json["data"]]


def test_list_has_simple_channels_in_stable_order(client):
    result = client.simulate_get("/api/v1/channels")

    assert result.json["code"] == 2001
    assert ids(result) == [
        "BBCOne.uk",
        "BBCTwo.uk",
        "France3.fr",
        "Naughty.fr",
        "Old.uk",
    ]
    assert set(result.json["data"][0]) == SIMPLE_FIELDS
    assert result.headers["x-total-count"] == "5"


def test_simple_channel_fields_come_from_feeds_logos_and_streams(client):
    bbc = client.simulate_get("/api/v1/channels", params={"limit": "1"}).json["data"][0]

    assert bbc["city"] == "London"
    assert bbc["logo"] == "https://logos.example/bbc1.png"
    assert bbc["streams"] == [
        {
            "code": "BBCOne.uk",
            "url": "https://s.example/bbc1.m3u8",
            "http_referrer": None,
            "user_agent": None,
        }
    ]


def test_old_client_first_page_skips_one_row(client):
    result = client.simulate_get(
        "/api/v1/channels", params={"offset": "1", "limit": "100"}
    )

    assert ids(result)[0] == "BBCTwo.uk"
    assert len(ids(result)) == 4


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "FR"}, ["France3.fr", "Naughty.fr"]),
        ({"category": "kids"}, ["BBCTwo.uk"]),
        ({"region": "EUR", "category": "news"}, ["BBCOne.uk", "France3.fr"]),
        ({"subdivision": "FR-IDF"}, ["France3.fr"]),
        ({"city": "GBLON"}, ["BBCOne.uk"]),
        ({"language": "fra"}, ["France3.fr"]),
        ({"timezone": "Europe/London"}, ["BBCOne.uk"]),
        ({"nsfw": "true"}, ["Naughty.fr"]),
        ({"nsfw": "0", "country": "FR"}, ["France3.fr"]),
        ({"closed": "1"}, ["Old.uk"]),
        ({"blocked": "true"}, ["Naughty.fr"]),
        ({"blocked": "false", "country": "FR"}, ["France3.fr"]),
        ({"q": "bbc"}, ["BBCOne.uk", "BBCTwo.uk"]),
    ],
)
def test_list_filters(client, params, expected):
    result = client.simulate_get("/api/v1/channels", params=params)

    assert result.status_code == 200
    assert ids(result) == expected
    assert result.headers["x-total-count"] == str(len(expected))


@pytest.mark.parametrize("name", ["nsfw", "closed", "blocked"])
@pytest.mark.parametrize("value", ["yes", "2", "truthy", "-1"])
def test_bad_booleans_are_refused_naming_the_parameter(client, name, value):
    result = client.simulate_get("/api/v1/channels", params={name: value})

    assert result.status_code == 400
    assert result.json["name"] == "REQUEST_VALIDATION_FAILED"
    assert result.json["code"] == 104
    assert result.json["details"]["parameter"] == name


def test_limit_above_the_maximum_is_refused_naming_the_maximum(client):
    result = client.simulate_get("/api/v1/channels", params={"limit": "1001"})

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == "limit"
    assert "1000" in result.json["message"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("offset", "-1"), ("limit", "0"), ("limit", "ten"), ("offset", "1.5")],
)
def test_bad_paging_is_refused(client, name, value):
    result = client.simulate_get("/api/v1/channels", params={name: value})

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == name


def test_repeated_filter_is_refused(client):
    result = client.simulate_get("/api/v1/channels?country=FR&country=UK")

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == "country"


def test_oversized_text_is_refused(client):
    result = client.simulate_get("/api/v1/channels", params={"q": "x" * 201})

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == "q"


def test_next_link_keeps_other_parameters(client):
    result = client.simulate_get(
        "/api/v1/channels", params={"country": "UK", "offset": "0", "limit": "2"}
    )

    link = result.headers["link"]
    assert link.endswith('>; rel="next"')
    url = urlsplit(link[1 : link.index(">")])
    assert url.path == "/api/v1/channels"
    assert parse_qs(url.query) == {"country": ["UK"], "offset": ["2"], "limit": ["2"]}
    assert result.headers["x-total-count"] == "3"


def test_last_page_has_no_next_link(client):
    result = client.simulate_get(
        "/api/v1/channels", params={"offset": "3", "limit": "2"}
    )

    assert "link" not in result.headers
    assert len(ids(result)) == 2


def test_default_limit_is_per_resource(make_client):
    settings = ApiSettings(limits={"channels": PageLimits(default=2, maximum=3)})
    client = make_client(settings=settings)

    assert len(ids(client.simulate_get("/api/v1/channels"))) == 2
    assert client.simulate_get("/api/v1/channels?limit=4").status_code == 400


def test_search_by_term(client):
    result = client.simulate_get("/api/v1/channels/search", params={"term": "france"})

    assert result.json["code"] == 2003
    assert ids(result) == ["France3.fr"]


def test_search_with_trailing_slash(client):
    result = client.simulate_get("/api/v1/channels/search/", params={"term": "bbc"})

    assert ids(result) == ["BBCOne.uk", "BBCTwo.uk"]


@pytest.mark.parametrize("query", ["", "?term=", "?term=%20%20"])
def test_search_needs_a_term(client, query):
    result = client.simulate_get(f"/api/v1/channels/search{query}")

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == "term"


def test_search_without_match_gives_an_empty_list(client):
    result = client.simulate_get("/api/v1/channels/search", params={"term": "zzz"})

    assert result.status_code == 200
    assert result.json["data"] == []


def test_detail_has_every_field_and_full_country(client):
    result = client.simulate_get("/api/v1/channels/BBCOne.uk")

    data = result.json["data"]
    assert result.json["code"] == 2002
    assert set(data) == DETAIL_FIELDS
    assert data["country"] == {
        "code": "UK",
        "name": "United Kingdom",
        "flag": "🇬🇧",
        "languages": [{"code": "eng", "name": "English"}],
    }
    assert data["subdivision"]["country"]["languages"] == [
        {"code": "eng", "name": "English"}
    ]
    assert data["categories"] == [{"id": "news", "name": "News"}]
    assert data["guides"] == [
        {
            "code": "BBCOne.uk",
            "site": "bbc.co.uk",
            "site_id": "101",
            "site_name": "BBC One",
            "lang": "en",
        }
    ]
    assert data["broadcast_areas"] == ["c/UK", "s/UK-ENG", "ct/GBLON"]


def test_detail_lists_are_present_even_when_empty(client):
    data = client.simulate_get("/api/v1/channels/Naughty.fr").json["data"]

    for name in (*LISTS, "broadcast_areas"):
        assert data[name] == [], name
    assert data["replaced_by"] is None
    assert data["subdivision"] is None


def test_replaced_by_is_a_full_channel_detail(client):
    data = client.simulate_get("/api/v1/channels/Old.uk").json["data"]

    replacement = data["replaced_by"]
    assert set(replacement) == DETAIL_FIELDS
    assert replacement["channel_id"] == "BBCOne.uk"
    assert replacement["country"]["name"] == "United Kingdom"
    assert replacement["streams"][0]["url"] == "https://s.example/bbc1.m3u8"


def test_unknown_channel_is_a_404_with_its_code(client):
    result = client.simulate_get("/api/v1/channels/Nope.xx")

    assert result.status_code == 404
    assert result.json["name"] == "CHANNEL_NOT_FOUND"
    assert result.json["code"] == 102
    assert "Nope.xx" in result.json["message"]


def test_blank_free_text_filters_nothing(client):
    result = client.simulate_get("/api/v1/channels?q=%20%20")

    assert result.headers["x-total-count"] == "5"
