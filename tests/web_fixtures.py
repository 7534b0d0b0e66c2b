"""Fixtures for the web tests (a pytest plugin: ``pytest_plugins = ["web_fixtures"]``).

``store_db`` is a temporary SQLite store holding hand-made extractions (no model
needed); ``client`` is a TestClient of an app over it, run with its lifespan.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.web import create_app
from web_support import make_client, make_store


@pytest.fixture
def store_db(tmp_path: Path) -> str:
    return make_store(tmp_path)


@pytest.fixture
def client(store_db: str) -> Iterator[Any]:
    with make_client(create_app(store_db)) as test_client:
        yield test_client
