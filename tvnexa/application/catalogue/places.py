"""Countries, regions and subdivisions with their countries and languages resolved."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from tvnexa.application.catalogue.records import not_found, required_term
from tvnexa.application.catalogue.rules import of_type
from tvnexa.application.catalogue.views import (
    CountryView,
    LanguageView,
    RegionView,
    SubdivisionView,
)
from tvnexa.application.ports import CatalogReader
from tvnexa.domain.catalogue import Country, Language, Region, Subdivision
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.queries import RecordQuery


def language_views(
    codes: Iterable[str], languages: Mapping[str, Language]
) -> tuple[LanguageView, ...]:
    """Views of the languages that exist, in the order given.

    A code that points at no stored language is left out: clients need a name
    for every language, and ingestion already reports the dangling reference.
    """
    return tuple(
        LanguageView(code, languages[code].name) for code in codes if code in languages
    )


def load_languages(
    reader: CatalogReader, codes: Collection[str]
) -> dict[str, Language]:
    found = of_type(reader.get_many(Dataset.LANGUAGES, codes), Language)
    return {language.code: language for language in found}


def country_view(country: Country, languages: Mapping[str, Language]) -> CountryView:
    return CountryView(
        country.code,
        country.name,
        country.flag,
        language_views(country.languages, languages),
    )


def placeholder_country(code: str) -> CountryView:
    """Stands in for a country missing from the store.

    The old contract never lets an embedded country be null, so a channel or a
    subdivision whose country dangles still gets one, named by its code.
    """
    return CountryView(code, code, "", ())


def load_country_views(
    reader: CatalogReader, codes: Collection[str], extra_languages: Iterable[str] = ()
) -> tuple[dict[str, CountryView], dict[str, Language]]:
    """Country views by code, and the languages loaded for them, in two reads.

    `extra_languages` are loaded in the same read for callers that need more.
    """
    countries = of_type(reader.get_many(Dataset.COUNTRIES, codes), Country)
    wanted = {code for country in countries for code in country.languages}
    languages = load_languages(reader, wanted | set(extra_languages))
    views = {country.code: country_view(country, languages) for country in countries}
    return views, languages


def views_of(
    views: Mapping[str, CountryView], codes: Iterable[str]
) -> tuple[CountryView, ...]:
    return tuple(views[code] for code in codes if code in views)


class CountryViews:
    """A page of countries with their languages."""

    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(self, query: RecordQuery, page: PageRequest) -> Page[CountryView]:
        found = self.reader.find(Dataset.COUNTRIES, query, page)
        countries = of_type(found.items, Country)

        wanted = {code for country in countries for code in country.languages}
        languages = load_languages(self.reader, wanted)

        views = [country_view(country, languages) for country in countries]
        return Page(views, found.total, found.offset, found.limit)


class SearchCountries:
    """Countries whose name contains the term, with their languages."""

    def __init__(self, reader: CatalogReader) -> None:
        self.countries = CountryViews(reader)

    def execute(self, term: str | None, page: PageRequest) -> Page[CountryView]:
        query = RecordQuery(text=required_term(term))
        return self.countries.execute(query, page)


class GetCountry:
    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(self, code: str) -> CountryView:
        views, _languages = load_country_views(self.reader, [code])
        if code not in views:
            raise not_found(Dataset.COUNTRIES, code)
        return views[code]


class RegionViews:
    """A page of regions, each with its full countries."""

    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(self, query: RecordQuery, page: PageRequest) -> Page[RegionView]:
        found = self.reader.find(Dataset.REGIONS, query, page)
        regions = of_type(found.items, Region)

        codes = {code for region in regions for code in region.countries}
        countries, _languages = load_country_views(self.reader, codes)

        views = [region_view(region, countries) for region in regions]
        return Page(views, found.total, found.offset, found.limit)


def region_view(region: Region, countries: Mapping[str, CountryView]) -> RegionView:
    return RegionView(region.code, region.name, views_of(countries, region.countries))


class GetRegion:
    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(self, code: str) -> RegionView:
        region = self.reader.get(Dataset.REGIONS, code)
        if not isinstance(region, Region):
            raise not_found(Dataset.REGIONS, code)

        countries, _languages = load_country_views(self.reader, region.countries)
        return region_view(region, countries)


class SubdivisionViews:
    """A page of subdivisions, each with its full country."""

    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(self, query: RecordQuery, page: PageRequest) -> Page[SubdivisionView]:
        found = self.reader.find(Dataset.SUBDIVISIONS, query, page)
        subdivisions = of_type(found.items, Subdivision)

        codes = {subdivision.country for subdivision in subdivisions}
        countries, _languages = load_country_views(self.reader, codes)

        views = [subdivision_view(s, countries) for s in subdivisions]
        return Page(views, found.total, found.offset, found.limit)


def subdivision_view(
    subdivision: Subdivision, countries: Mapping[str, CountryView]
) -> SubdivisionView:
    country = countries.get(subdivision.country) or placeholder_country(
        subdivision.country
    )
    return SubdivisionView(subdivision.code, subdivision.name, country)


class GetSubdivision:
    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(self, code: str) -> SubdivisionView:
        subdivision = self.reader.get(Dataset.SUBDIVISIONS, code)
        if not isinstance(subdivision, Subdivision):
            raise not_found(Dataset.SUBDIVISIONS, code)

        countries, _languages = load_country_views(self.reader, [subdivision.country])
        return subdivision_view(subdivision, countries)
