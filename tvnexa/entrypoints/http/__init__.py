"""The HTTP API: a Falcon WSGI app built by `create_app` from injected parts."""

from tvnexa.entrypoints.http.app import create_app
from tvnexa.entrypoints.http.settings import ApiSettings, PageLimits

__all__ = ["ApiSettings", "PageLimits", "create_app"]
