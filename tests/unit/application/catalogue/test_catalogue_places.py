"""Countries, regions and subdivisions with their countries and languages."""

from __future__ import annotations

import pytest

from tvnexa.application.catalogue import (
    CountryViews,
    GetCountry,
    GetRegion,
    GetSubdivision,
    RegionViews,
    SearchCountries,
    SubdivisionViews,
)
from tvnexa.application.catalogue.views import CountryView, LanguageView
from tvnexa.domain.errors import InvalidQuery, NotFound
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import RecordQuery

US = CountryView(
    "US",
    "United States",
    "🇺🇸",
    (LanguageView("eng", "English"), LanguageView("spa", "Spanish")),
)


def test_countries_come_with_their_languages(reader):
    page = CountryViews(reader).execute(RecordQuery(), PageRequest())

    assert [c.code for c in page.items] == ["FR", "UK", "US"]
    assert page.items[2] == US
    assert page.total == 3


def test_search_countries_by_name(reader):
    page = SearchCountries(reader).execute("united", PageRequest())

    assert [c.code for c in page.items] == ["UK", "US"]


def test_search_countries_refuses_blank_term(reader):
    with pytest.raises(InvalidQuery):
        SearchCountries(reader).execute(" ", PageRequest())


def test_get_country(reader):
    assert GetCountry(reader).execute("US") == US


def test_get_unknown_country_raises_not_found_with_its_code(reader):
    with pytest.raises(NotFound) as raised:
        GetCountry(reader).execute("QQ")

    assert (raised.value.kind, raised.value.key) == ("country", "QQ")


def test_regions_embed_their_existing_countries_in_order(reader):
    page = RegionViews(reader).execute(RecordQuery(), PageRequest())

    assert [r.code for r in page.items] == ["EUR", "NAM"]
    assert [c.code for c in page.items[0].countries] == ["UK", "FR"]
    # XX points at no stored country: left out rather than half made up.
    assert page.items[1].countries == (US,)


def test_get_region_and_unknown_region(reader):
    assert GetRegion(reader).execute("NAM").countries == (US,)

    with pytest.raises(NotFound) as raised:
        GetRegion(reader).execute("ZZZ")
    assert raised.value.kind == "region"


def test_subdivisions_embed_their_full_country(reader):
    page = SubdivisionViews(reader).execute(
        RecordQuery(equals={"country": "US"}), PageRequest()
    )

    assert [s.code for s in page.items] == ["US-CA"]
    assert page.items[0].country == US


def test_get_subdivision_and_unknown_subdivision(reader):
    assert GetSubdivision(reader).execute("FR-IDF").name == "Île-de-France"

    with pytest.raises(NotFound) as raised:
        GetSubdivision(reader).execute("FR-XXX")
    assert raised.value.kind == "subdivision"
