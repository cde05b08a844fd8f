"""The API's routes: which resource answers which path under the base path."""

from __future__ import annotations

from typing import Any

import falcon

from tvnexa.application import catalogue as uc
from tvnexa.application import runs as run_uc
from tvnexa.application.ports import Cache, CatalogReader, RunHistory
from tvnexa.entrypoints.http.record_routes import RECORD_ROUTES
from tvnexa.entrypoints.http.resources.channels import ChannelsResource
from tvnexa.entrypoints.http.resources.ingestion import (
    IngestionDatasetsResource,
    IngestionRunsResource,
)
from tvnexa.entrypoints.http.resources.places import (
    CountriesResource,
    RegionsResource,
    SubdivisionsResource,
)
from tvnexa.entrypoints.http.resources.records import RecordsResource
from tvnexa.entrypoints.http.settings import ApiSettings


def add_catalogue_routes(
    app: falcon.App[Any, Any],
    reader: CatalogReader,
    runs: RunHistory,
    cache: Cache,
    settings: ApiSettings,
) -> None:
    """Collection routes also answer with a trailing slash: the app strips it."""
    base = settings.base_path.rstrip("/")

    channels = ChannelsResource(
        uc.ListChannels(reader),
        uc.SearchChannels(reader),
        uc.GetChannelDetail(reader, runs, cache, settings.detail_cache_ttl_seconds),
        settings,
    )
    app.add_route(f"{base}/channels", channels)
    app.add_route(f"{base}/channels/search", channels, suffix="search")
    app.add_route(f"{base}/channels/{{channel_id}}", channels, suffix="item")

    countries = CountriesResource(
        uc.CountryViews(reader),
        uc.SearchCountries(reader),
        uc.GetCountry(reader),
        settings,
    )
    app.add_route(f"{base}/countries", countries)
    app.add_route(f"{base}/countries/search", countries, suffix="search")
    app.add_route(f"{base}/countries/{{code}}", countries, suffix="item")

    regions = RegionsResource(uc.RegionViews(reader), uc.GetRegion(reader), settings)
    app.add_route(f"{base}/regions", regions)
    app.add_route(f"{base}/regions/{{code}}", regions, suffix="item")

    subdivisions = SubdivisionsResource(
        uc.SubdivisionViews(reader), uc.GetSubdivision(reader), settings
    )
    app.add_route(f"{base}/subdivisions", subdivisions)
    app.add_route(f"{base}/subdivisions/{{code}}", subdivisions, suffix="item")

    list_records, get_record = uc.ListRecords(reader), uc.GetRecord(reader)
    for route in RECORD_ROUTES:
        resource = RecordsResource(route, list_records, get_record, settings)
        app.add_route(f"{base}/{route.name}", resource)
        app.add_route(f"{base}/{route.name}{route.item_path}", resource, suffix="item")


def add_ingestion_routes(
    app: falcon.App[Any, Any], runs: RunHistory, settings: ApiSettings
) -> None:
    """The run history and each dataset's state, under `/ingestion`."""
    base = f"{settings.base_path.rstrip('/')}/ingestion"

    run_routes = IngestionRunsResource(
        run_uc.ListRuns(runs), run_uc.GetRun(runs), settings
    )
    app.add_route(f"{base}/runs", run_routes)
    app.add_route(f"{base}/runs/{{run_id}}", run_routes, suffix="item")

    datasets = IngestionDatasetsResource(
        run_uc.ListDatasetStates(runs), run_uc.GetDatasetState(runs)
    )
    app.add_route(f"{base}/datasets", datasets)
    app.add_route(f"{base}/datasets/{{name}}", datasets, suffix="item")
