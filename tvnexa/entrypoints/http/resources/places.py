"""Countries, regions and subdivisions, each with its countries in full."""

from __future__ import annotations

import falcon

from tvnexa.application.catalogue import (
    CountryViews,
    GetCountry,
    GetRegion,
    GetSubdivision,
    RegionViews,
    SearchCountries,
    SubdivisionViews,
)
from tvnexa.entrypoints.http import codes
from tvnexa.entrypoints.http.params import Filter, QueryParameters
from tvnexa.entrypoints.http.responses import send, send_page
from tvnexa.entrypoints.http.serializers.places import country, region, subdivision
from tvnexa.entrypoints.http.settings import ApiSettings

SUBDIVISION_FILTERS = {"country": Filter("country"), "parent": Filter("parent")}


class CountriesResource:
    catalogue_read = True

    def __init__(
        self,
        countries: CountryViews,
        search: SearchCountries,
        get_country: GetCountry,
        settings: ApiSettings,
    ) -> None:
        self.countries = countries
        self.search = search
        self.get_country = get_country
        self.settings = settings
        self.limits = settings.limits_for("countries")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = QueryParameters(req, self.settings.max_text_length)
        query = params.record_query({}, q=True)
        page = params.page(self.limits)

        found = self.countries.execute(query, page)

        send_page(req, resp, codes.COUNTRIES_LISTED, found, country)

    def on_get_search(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = QueryParameters(req, self.settings.max_text_length)
        term = params.text("term")
        page = params.page(self.limits)

        found = self.search.execute(term, page)

        send_page(req, resp, codes.COUNTRIES_SEARCHED, found, country)

    def on_get_item(
        self, req: falcon.Request, resp: falcon.Response, code: str
    ) -> None:
        send(resp, codes.COUNTRY_FOUND, country(self.get_country.execute(code)))


class RegionsResource:
    catalogue_read = True

    def __init__(
        self, regions: RegionViews, get_region: GetRegion, settings: ApiSettings
    ) -> None:
        self.regions = regions
        self.get_region = get_region
        self.settings = settings
        self.limits = settings.limits_for("regions")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = QueryParameters(req, self.settings.max_text_length)
        query = params.record_query({}, q=True)
        page = params.page(self.limits)

        found = self.regions.execute(query, page)

        send_page(req, resp, codes.REGIONS_LISTED, found, region)

    def on_get_item(
        self, req: falcon.Request, resp: falcon.Response, code: str
    ) -> None:
        send(resp, codes.REGION_FOUND, region(self.get_region.execute(code)))


class SubdivisionsResource:
    catalogue_read = True

    def __init__(
        self,
        subdivisions: SubdivisionViews,
        get_subdivision: GetSubdivision,
        settings: ApiSettings,
    ) -> None:
        self.subdivisions = subdivisions
        self.get_subdivision = get_subdivision
        self.settings = settings
        self.limits = settings.limits_for("subdivisions")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = QueryParameters(req, self.settings.max_text_length)
        query = params.record_query(SUBDIVISION_FILTERS, q=True)
        page = params.page(self.limits)

        found = self.subdivisions.execute(query, page)

        send_page(req, resp, codes.SUBDIVISIONS_LISTED, found, subdivision)

    def on_get_item(
        self, req: falcon.Request, resp: falcon.Response, code: str
    ) -> None:
        view = self.get_subdivision.execute(code)
        send(resp, codes.SUBDIVISION_FOUND, subdivision(view))
