"""Builds the Falcon WSGI app of the API from the parts it is given."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import falcon
import falcon.media

from tvnexa.adapters.clock import SystemClock
from tvnexa.application.guide_ports import ProgrammeReader
from tvnexa.application.ports import Cache, CatalogReader, Clock, RunHistory
from tvnexa.entrypoints.http.caching import ConditionalGet
from tvnexa.entrypoints.http.compression import GzipResponses
from tvnexa.entrypoints.http.epg_routes import add_epg_routes
from tvnexa.entrypoints.http.epg_settings import EpgSettings
from tvnexa.entrypoints.http.errors import register_error_handlers
from tvnexa.entrypoints.http.middleware import RequestLog, RequireBearerToken
from tvnexa.entrypoints.http.routes import add_catalogue_routes, add_ingestion_routes
from tvnexa.entrypoints.http.settings import ApiSettings

JSON_TYPE = "application/json; charset=utf-8"


def create_app(
    reader: CatalogReader,
    runs: RunHistory,
    cache: Cache,
    settings: ApiSettings,
    *,
    token_verifier: Callable[[str], bool] | None = None,
    programmes: ProgrammeReader | None = None,
    clock: Clock | None = None,
    epg_settings: EpgSettings | None = None,
) -> falcon.App[Any, Any]:
    """The API app; `token_verifier` is needed only when settings require tokens.

    The guide routes (`/epg`) are added only when `programmes` is given; they
    read the time from `clock` (the system's by default).
    """
    if settings.require_token and token_verifier is None:
        raise ValueError("require_token is set but no token_verifier was given")

    middleware: list[Any] = [RequestLog()]
    if token_verifier is not None and settings.require_token:
        middleware.append(RequireBearerToken(token_verifier))
    public = not settings.require_token
    middleware.append(ConditionalGet(runs, settings.cache_max_age_seconds, public))
    middleware.append(GzipResponses(settings.gzip_min_bytes))

    app = falcon.App(media_type=JSON_TYPE, middleware=middleware)
    app.req_options.strip_url_path_trailing_slash = True
    use_utf8_json(app)
    register_error_handlers(app)

    add_catalogue_routes(app, reader, runs, cache, settings)
    add_ingestion_routes(app, runs, settings)
    if programmes is not None:
        add_epg_routes(
            app,
            reader,
            programmes,
            clock or SystemClock(),
            settings,
            epg_settings or EpgSettings(),
        )
    return app


def use_utf8_json(app: falcon.App[Any, Any]) -> None:
    """Write non-ASCII names as they are (UTF-8), not as \\u escapes."""
    dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    handler = falcon.media.JSONHandler(dumps=dumps)
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = handler
    app.resp_options.media_handlers[JSON_TYPE] = handler
