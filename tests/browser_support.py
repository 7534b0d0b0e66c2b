"""Browser-test plumbing (a pytest plugin: ``pytest_plugins = ["browser_support"]``).

Playwright for Python drives Debian's Chromium, launched by its path (Playwright's own
browser download is not used); without Chromium or Playwright the tests skip with the
reason. ``demo_server`` ingests demo/corpus into a temporary store once per session and
runs ``sitrep serve`` on a free loopback port. Tests in ``test_browser*.py`` get the
``browser`` mark (select them with ``-m browser``); screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_SECONDS = 120


def chromium_path() -> str | None:
    explicit = os.environ.get("SITREP_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return next((p for name in ("chromium", "chromium-browser") if (p := shutil.which(name))), None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright against sitrep serve")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name.startswith("test_browser"):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium, or set SITREP_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def demo_server(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of ``sitrep serve`` over a store of the demo corpus."""
    db = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    subprocess.run(
        [sys.executable, "-m", "sitrep", "ingest", str(ROOT / "demo" / "corpus"), "--db", db],
        check=True,
        capture_output=True,
        env=env,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"sitrep serve stopped: {server.stderr.read().decode()[-500:]}")
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise RuntimeError("sitrep serve did not answer in time")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def page_errors() -> list[str]:
    return []


@pytest.fixture
def open_page(browser: Any, demo_server: str, page_errors: list[str]) -> Iterator[Any]:
    """A function opening the app (path, viewport, colour scheme) in a fresh page; errors collected."""
    contexts = []

    def opener(path: str = "/", width: int = 1280, height: int = 800, scheme: str = "light") -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        page.on("console", lambda message: page_errors.append(message.text) if message.type == "error" else None)
        page.goto(f"{demo_server}{path}")
        page.wait_for_selector("#map svg.map .land", timeout=20000)
        page.wait_for_selector("#events table.events", timeout=20000)
        return page

    yield opener
    for context in contexts:
        context.close()
