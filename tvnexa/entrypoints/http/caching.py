"""HTTP caching of catalogue reads: ETags from the data's revision, 304 on a match."""

from __future__ import annotations

import hashlib
from typing import Any

import falcon

from tvnexa.application.ports import RunHistory


def revision_etag(revision: int, url: str) -> str:
    # Weak, because the same representation may be sent plain or gzipped.
    digest = hashlib.sha256(f"{revision}\x1f{url}".encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison, as RFC 9110 asks for If-None-Match."""
    if not if_none_match:
        return False
    candidates = [opaque(tag) for tag in if_none_match.split(",")]
    return "*" in candidates or opaque(etag) in candidates


# For reads the revision does not follow: caches must ask again every time.
NO_CACHE = "no-cache"


class ConditionalGet:
    """Adds ETag and Cache-Control to catalogue reads and answers 304 when fresh.

    The tag hashes the catalogue revision with the request URL, so it changes
    for every URL as soon as an ingestion run changes the data. A resource
    whose answers change without the revision (the ingestion runs: a run that
    changes no data leaves the revision as it was) sets `revision_cached =
    False`, and gets `Cache-Control: no-cache` and no ETag instead.
    """

    def __init__(self, runs: RunHistory, max_age_seconds: int, public: bool) -> None:
        self.runs = runs
        visibility = "public" if public else "private"
        self.cache_control = f"{visibility}, max-age={max_age_seconds}"

    def process_resource(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        resource: object,
        params: dict[str, Any],
    ) -> None:
        if req.method not in ("GET", "HEAD"):
            return
        if not getattr(resource, "catalogue_read", False):
            return
        if not getattr(resource, "revision_cached", True):
            req.context.cache_control = NO_CACHE
            return
        etag = revision_etag(self.runs.revision(), req.relative_uri)
        req.context.etag = etag

        if matches(req.get_header("If-None-Match"), etag):
            resp.status = falcon.HTTP_304
            resp.complete = True

    def process_response(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        resource: object,
        req_succeeded: bool,
    ) -> None:
        uncached = getattr(req.context, "cache_control", None)
        if uncached is not None and resp.status_code == 200:
            resp.set_header("Cache-Control", uncached)
            return
        etag = getattr(req.context, "etag", None)
        if etag is None or resp.status_code not in (200, 304):
            return
        resp.set_header("ETag", etag)
        resp.set_header("Cache-Control", self.cache_control)
