"""The success envelope, and the paging headers of list responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

import falcon

from tvnexa.domain.paging import Page
from tvnexa.entrypoints.http.codes import Success

T = TypeVar("T")

PAGING_PARAMETERS = ("offset", "limit")


def send(resp: falcon.Response, success: Success, data: Any) -> None:
    resp.media = {"code": success.code, "message": success.message, "data": data}


def send_page(
    req: falcon.Request,
    resp: falcon.Response,
    success: Success,
    page: Page[T],
    serialize: Callable[[T], Any],
) -> None:
    send(resp, success, [serialize(item) for item in page.items])

    resp.set_header("X-Total-Count", str(page.total))
    if page.next_offset is not None:
        url = next_page_url(req, page.next_offset, page.limit)
        resp.append_header("Link", f'<{url}>; rel="next"')


def next_page_url(req: falcon.Request, offset: int, limit: int) -> str:
    """This request's URL at the next page, its other parameters kept in order."""
    kept = [
        (name, value)
        for name, value in parse_qsl(req.query_string, keep_blank_values=True)
        if name not in PAGING_PARAMETERS
    ]
    query = urlencode([*kept, ("offset", str(offset)), ("limit", str(limit))])
    return f"{req.prefix}{req.path}?{query}"
