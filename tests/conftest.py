"""Shared fixtures: paths to the articles we wrote for tests, and the shared contract files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def article_path() -> Path:
    """A short fictional wire story with claims, figures, dates, places and events."""
    return FIXTURES / "articles" / "harbour-strike.txt"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
