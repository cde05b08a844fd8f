"""Runs the API under gunicorn, configured from TVNexa's settings."""

from __future__ import annotations

import logging
from typing import Any

from gunicorn.app.base import BaseApplication

from tvnexa.entrypoints.wsgi import get_app

logger = logging.getLogger(__name__)


class TvnexaGunicorn(BaseApplication):  # type: ignore[misc]
    """A gunicorn application whose workers each build the app after forking."""

    def __init__(self, settings: dict[str, Any], options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return get_app(self.settings)


def serve(settings: dict[str, Any], bind: str | None = None) -> None:
    api = settings.get("api", {})
    options = {
        "bind": bind or api.get("bind", "127.0.0.1:8000"),
        "workers": api.get("workers", 2),
        "threads": api.get("threads", 4),
        "worker_class": "gthread",
        "timeout": api.get("timeout_seconds", 60),
        "accesslog": None,
        "preload_app": False,
    }
    logger.info("serving the API on http://%s/api/v1", options["bind"])
    TvnexaGunicorn(settings, options).run()
