"""The error envelope, and the one place that maps exceptions onto it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import falcon

from tvnexa.domain.errors import InvalidQuery, NotFound, StorageError, TvnexaError
from tvnexa.entrypoints.http import codes
from tvnexa.entrypoints.http.codes import Failure

logger = logging.getLogger(__name__)


def send_error(
    resp: falcon.Response,
    failure: Failure,
    message: str,
    details: Any = None,
    status: int | None = None,
) -> None:
    body: dict[str, Any] = {
        "name": failure.name,
        "code": failure.code,
        "message": message,
    }
    if details is not None:
        body["details"] = details
    resp.status = status or failure.status
    resp.media = body


def handle_not_found(
    req: falcon.Request, resp: falcon.Response, ex: NotFound, params: Any
) -> None:
    failure = codes.NOT_FOUND_BY_KIND.get(ex.kind, codes.ROUTE_NOT_FOUND)
    send_error(resp, failure, str(ex), {"kind": ex.kind, "key": ex.key})


def handle_invalid_query(
    req: falcon.Request, resp: falcon.Response, ex: InvalidQuery, params: Any
) -> None:
    details = {"parameter": ex.parameter, "reason": ex.reason}
    send_error(resp, codes.REQUEST_VALIDATION_FAILED, str(ex), details)


def handle_storage_error(
    req: falcon.Request, resp: falcon.Response, ex: StorageError, params: Any
) -> None:
    logger.exception("storage failed on %s %s", req.method, req.path)
    resp.set_header("Retry-After", "5")
    send_error(resp, codes.SERVICE_UNAVAILABLE, "The catalogue store is unavailable")


def handle_http_error(
    req: falcon.Request, resp: falcon.Response, ex: falcon.HTTPError, params: Any
) -> None:
    headers = ex.headers or {}
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    for name, value in pairs:
        resp.set_header(name, value)
    failure = http_failure(ex)
    send_error(resp, failure, http_message(req, ex, failure), status=ex.status_code)


def http_message(req: falcon.Request, ex: falcon.HTTPError, failure: Failure) -> str:
    if ex.description:
        return ex.description
    if failure is codes.ROUTE_NOT_FOUND:
        return f"No route matches {req.path}"
    if failure is codes.METHOD_NOT_ALLOWED:
        return f"{req.method} is not allowed on {req.path}"
    return ex.title or failure.name


def http_failure(ex: falcon.HTTPError) -> Failure:
    if isinstance(ex, falcon.HTTPMethodNotAllowed):
        return codes.METHOD_NOT_ALLOWED
    by_status = {
        400: codes.BAD_REQUEST,
        401: codes.UNAUTHORIZED_CLIENT,
        404: codes.ROUTE_NOT_FOUND,
        500: codes.INTERNAL_SERVER_ERROR,
    }
    return by_status.get(ex.status_code, codes.HTTP_ERROR)


def handle_unexpected(
    req: falcon.Request, resp: falcon.Response, ex: Exception, params: Any
) -> None:
    # The trace goes to the log only: it names code and data a client must not see.
    logger.exception("unexpected error on %s %s", req.method, req.path)
    send_error(resp, codes.INTERNAL_SERVER_ERROR, "An internal error occurred")


def register_error_handlers(app: falcon.App[Any, Any]) -> None:
    """Falcon picks the most specific handler, whatever the order added."""
    app.add_error_handler(Exception, handle_unexpected)
    app.add_error_handler(TvnexaError, handle_unexpected)
    app.add_error_handler(falcon.HTTPError, handle_http_error)
    app.add_error_handler(NotFound, handle_not_found)
    app.add_error_handler(InvalidQuery, handle_invalid_query)
    app.add_error_handler(StorageError, handle_storage_error)
