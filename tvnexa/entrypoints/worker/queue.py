"""The Huey instance: a SQLite file on one machine, or Redis for a cluster."""

from __future__ import annotations

from pathlib import Path

from huey import Huey, RedisHuey, SqliteHuey

QUEUE_FILE_NAME = "queue.sqlite3"


def queue_file(data_dir: str | None) -> Path:
    return Path(data_dir or "var") / QUEUE_FILE_NAME


def build_huey(backend: str, name: str, redis_url: str, sqlite_file: Path) -> Huey:
    """A Huey for `backend`; nothing reads task results, so none are stored."""
    if backend == "sqlite":
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name, filename=str(sqlite_file), results=False)
    if backend == "redis":
        return RedisHuey(name, url=redis_url, results=False)
    raise ValueError(f"queue.backend {backend!r} is not one of: sqlite, redis")
