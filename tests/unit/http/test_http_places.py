"""Categories, countries, regions and subdivisions: the old contract's lists."""

from __future__ import annotations

import pytest

from tvnexa.domain.catalogue import Subdivision
from tvnexa.domain.datasets import Dataset

FRANCE = {
    "code": "FR",
    "name": "France",
    "flag": "🇫🇷",
    "languages": [{"code": "fra", "name": "Français"}],
}


def test_categories_list_and_item(client):
    listed = client.simulate_get("/api/v1/categories/")
    item = client.simulate_get("/api/v1/categories/news")

    assert listed.json["code"] == 1001
    assert listed.json["data"] == [
        {"id": "kids", "name": "Kids"},
        {"id": "news", "name": "News"},
    ]
    assert item.json["code"] == 1002
    assert item.json["data"] == {"id": "news", "name": "News"}


def test_countries_list_item_and_search(client):
    listed = client.simulate_get("/api/v1/countries")
    item = client.simulate_get("/api/v1/countries/FR")
    searched = client.simulate_get("/api/v1/countries/search", params={"term": "fran"})

    assert listed.json["code"] == 3001
    assert listed.json["data"][0] == FRANCE
    assert item.json["code"] == 3002
    assert item.json["data"] == FRANCE
    assert searched.json["code"] == 3003
    assert searched.json["data"] == [FRANCE]


def test_country_search_needs_a_term(client):
    result = client.simulate_get("/api/v1/countries/search")

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == "term"


def test_regions_embed_full_countries(client):
    listed = client.simulate_get("/api/v1/regions")
    item = client.simulate_get("/api/v1/regions/EUR")

    assert listed.json["code"] == 5001
    assert item.json["code"] == 5002
    assert item.json["data"]["countries"][0] == FRANCE
    assert [c["code"] for c in item.json["data"]["countries"]] == ["FR", "UK"]


def test_subdivisions_embed_full_country_and_filter_by_country(client):
    listed = client.simulate_get("/api/v1/subdivisions", params={"country": "FR"})
    item = client.simulate_get("/api/v1/subdivisions/FR-IDF")

    assert listed.json["code"] == 6001
    assert [s["code"] for s in listed.json["data"]] == ["FR-IDF"]
    assert item.json["code"] == 6002
    assert item.json["data"] == {
        "code": "FR-IDF",
        "name": "Île-de-France",
        "country": FRANCE,
    }


@pytest.mark.parametrize(
    ("path", "name", "code"),
    [
        ("/api/v1/categories/none", "CATEGORY_NOT_FOUND", 100),
        ("/api/v1/regions/NONE", "REGION_NOT_FOUND", 101),
        ("/api/v1/countries/QQ", "COUNTRY_NOT_FOUND", 103),
        ("/api/v1/subdivisions/QQ-01", "SUBDIVISION_NOT_FOUND", 110),
    ],
)
def test_unknown_codes_are_404_with_the_old_codes(client, path, name, code):
    result = client.simulate_get(path)

    assert result.status_code == 404
    assert (result.json["name"], result.json["code"]) == (name, code)


def test_whole_lists_come_whole_without_paging_parameters(make_client, catalogue):
    catalogue[Dataset.SUBDIVISIONS] = [
        Subdivision(f"FR-{n:04}", "FR", f"Sub {n}") for n in range(5000)
    ]
    client = make_client(catalogue=catalogue)

    result = client.simulate_get("/api/v1/subdivisions")

    assert len(result.json["data"]) == 5000
    assert result.headers["x-total-count"] == "5000"
    assert "link" not in result.headers
