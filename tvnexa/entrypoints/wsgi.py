"""The WSGI application for gunicorn: `gunicorn 'tvnexa.entrypoints.wsgi:get_app()'`."""

from __future__ import annotations

from typing import Any

from tvnexa.containers import build_application
from tvnexa.entrypoints.configuration import load_settings


def get_app(settings: dict[str, Any] | None = None) -> Any:
    """Build the Falcon app from the configuration (each worker builds its own)."""
    application = build_application(settings or load_settings())
    return application.api()
