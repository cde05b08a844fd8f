"""Request middleware: one summary log line per request, and optional bearer tokens."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

import falcon

logger = logging.getLogger(__name__)

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestLog:
    """Logs method, path, status and milliseconds once per request.

    A sane X-Request-ID from the proxy is kept, otherwise one is made, so the
    line can be matched with the proxy's and the client's.
    """

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        req.context.started = time.perf_counter()
        given = req.get_header("X-Request-ID") or ""
        request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        req.context.request_id = request_id
        resp.set_header("X-Request-ID", request_id)

    def process_response(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        resource: object,
        req_succeeded: bool,
    ) -> None:
        started = getattr(req.context, "started", time.perf_counter())
        elapsed_ms = (time.perf_counter() - started) * 1000
        fields = {
            "method": req.method,
            "path": req.path,
            "status": resp.status_code,
            "ms": round(elapsed_ms, 1),
            "request_id": getattr(req.context, "request_id", None),
        }
        logger.info(
            "%s %s %s %.1fms",
            req.method,
            req.path,
            resp.status_code,
            elapsed_ms,
            extra=fields,
        )


class RequireBearerToken:
    """Refuses catalogue reads without a valid bearer token, when so configured.

    Off by default: catalogue reads are public and any Authorization header,
    the Android client's `Bearer null` included, is then simply ignored.
    """

    def __init__(self, verify: Callable[[str], bool]) -> None:
        self.verify = verify

    def process_resource(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        resource: object,
        params: dict[str, Any],
    ) -> None:
        if not getattr(resource, "catalogue_read", False):
            return
        scheme, _, token = (req.get_header("Authorization") or "").partition(" ")
        token = token.strip()
        if (
            scheme.lower() != "bearer"
            or token in ("", "null")
            or not self.verify(token)
        ):
            raise falcon.HTTPUnauthorized(
                title="Unauthorized",
                description="A valid bearer token is required",
                challenges=["Bearer"],
            )
