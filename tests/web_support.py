"""Helpers for the web tests: a TestClient maker and a store of hand-made extractions."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from sitrep.store import Store
from store_samples import sample_extraction, tiny_extraction

STORED = 3  # documents in a store made by make_store


def make_client(app: Any, **options: Any) -> Any:
    """FastAPI's TestClient (starlette's import warns that it prefers httpx2; httpx works)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient
    return TestClient(app, **options)


def make_store(directory: Path) -> str:
    """A SQLite store with the sample extraction and two generated ones; returns its URL."""
    url = f"sqlite:///{directory / 'web.db'}"
    with Store.open(url) as store:
        store.save_document(sample_extraction(), origin="test")
        for number in (1, 2):
            store.save_document(tiny_extraction(number), origin="test")
    return url
