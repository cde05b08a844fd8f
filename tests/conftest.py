"""Shared test helpers: where the real data snapshot lives."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data beside the project; tests fail loudly if it is missing."""
    if not SHARED_DATA.is_dir():
        raise RuntimeError(f"the shared data folder is missing: {SHARED_DATA}")
    return SHARED_DATA
