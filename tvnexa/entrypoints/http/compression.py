"""Gzip of response bodies for clients that accept it."""

from __future__ import annotations

import gzip

import falcon


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether Accept-Encoding allows gzip; `gzip;q=0` refuses it outright."""
    wildcard = False
    for item in (accept_encoding or "").split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        coding = coding.lower()
        if coding in ("gzip", "x-gzip"):
            return weight > 0
        if coding == "*":
            wildcard = weight > 0
    return wildcard


class GzipResponses:
    """Compresses bodies of at least `min_bytes`; smaller ones gain nothing."""

    def __init__(self, min_bytes: int) -> None:
        self.min_bytes = min_bytes

    def process_response(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        resource: object,
        req_succeeded: bool,
    ) -> None:
        if resp.stream is not None or resp.get_header("Content-Encoding"):
            return
        body = resp.render_body()
        if body is None or len(body) < self.min_bytes:
            return

        # Caches must keep plain and gzipped copies apart.
        resp.append_header("Vary", "Accept-Encoding")
        if not accepts_gzip(req.get_header("Accept-Encoding")):
            return

        resp.data = gzip.compress(body, compresslevel=5)
        resp.set_header("Content-Encoding", "gzip")
