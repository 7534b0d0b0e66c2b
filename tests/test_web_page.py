"""The analyst page: served by the app, self-contained (no network), never parsing data as HTML;
and the ``sitrep serve`` command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.web.app import static_dir

pytest_plugins = ["web_fixtures"]

NAMESPACES = {"http://www.w3.org/2000/svg"}  # an XML namespace name, never fetched
URL = re.compile(
    r"""https?://[^\s"'`)]+|(?:src|href|action)\s*=\s*["']?//[^\s"'`)]+|url\(\s*["']?//[^)]+|@import""", re.IGNORECASE
)
HTML_SINKS = re.compile(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval|new Function)\b")


def static_files() -> list[Path]:
    return sorted(p for p in static_dir().rglob("*") if p.is_file())


def test_the_page_is_served_with_a_strict_policy(client: Any) -> None:
    answer = client.get("/")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/js/main.js">' in answer.text
    policy = answer.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert client.head("/").status_code == 200


def test_every_static_file_is_served(client: Any) -> None:
    for path in static_files():
        relative = path.relative_to(static_dir()).as_posix()
        answer = client.get(f"/static/{relative}")
        assert answer.status_code == 200, relative
        assert answer.content == path.read_bytes()


def test_every_module_import_resolves() -> None:
    js = static_dir() / "js"
    for path in js.glob("*.js"):
        for target in re.findall(r'from "\./([\w.-]+)"', path.read_text(encoding="utf-8")):
            assert (js / target).is_file(), f"{path.name} imports missing {target}"


@pytest.mark.parametrize("path", static_files(), ids=lambda p: p.name)
def test_no_external_urls(path: Path) -> None:
    found = set(URL.findall(path.read_text(encoding="utf-8"))) - NAMESPACES
    assert not found, f"{path.name} refers to {sorted(found)}"


@pytest.mark.parametrize("path", [p for p in static_files() if p.suffix == ".js"], ids=lambda p: p.name)
def test_data_is_never_parsed_as_html(path: Path) -> None:
    assert not HTML_SINKS.search(path.read_text(encoding="utf-8"))


def test_the_page_has_every_view() -> None:
    page = (static_dir() / "index.html").read_text(encoding="utf-8")
    for view in ("stats", "filters", "timeline", "map", "network", "events", "figures", "documents", "reader"):
        assert f'id="{view}"' in page


def test_serve_runs_uvicorn_on_loopback_and_prints_the_url(store_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append({"app": app, **options}))
    result = CliRunner().invoke(main, ["serve", "--db", store_db, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8123
    assert calls[0]["app"].state.live.stats()["documents"] == 3


def test_serve_reports_a_bad_database_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **options: pytest.fail("must not serve"))
    result = CliRunner().invoke(main, ["serve", "--db", "sqlite:////nonexistent-dir/for/sure/x.db"])
    assert result.exit_code == 1
    assert "error:" in result.output and "Traceback" not in result.output


def test_no_page_loads_scripts_from_elsewhere(client) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").status_code == 200


FORM_MEMBERS = {"reset", "submit", "action", "method", "elements", "length", "name", "target", "requestSubmit"}


def test_no_form_control_shadows_a_form_method() -> None:
    """An id or name like "reset" inside a form hides form.reset() (the old Reset button threw)."""
    from html.parser import HTMLParser

    clashes: list[str] = []

    class Controls(HTMLParser):
        depth = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "form":
                self.depth += 1
            elif self.depth:
                clashes.extend(f"<{tag} {k}={v}>" for k, v in attrs if k in ("id", "name") and v in FORM_MEMBERS)

        def handle_endtag(self, tag: str) -> None:
            if tag == "form":
                self.depth -= 1

    Controls().feed((static_dir() / "index.html").read_text(encoding="utf-8"))
    assert not clashes


def test_the_base_map_is_vendored_with_its_notice() -> None:
    import json

    vendor = static_dir() / "vendor"
    topology = json.loads((vendor / "countries-50m.json").read_text(encoding="utf-8"))
    assert topology["type"] == "Topology" and len(topology["objects"]["countries"]["geometries"]) > 200
    notice = (vendor / "NOTICE.txt").read_text(encoding="utf-8")
    assert "world-atlas@2.0.2" in notice and "Natural Earth" in notice and "ISC" in notice
    codes = json.loads((vendor / "country-codes.json").read_text(encoding="utf-8"))
    assert codes["niger"] == "NER" and codes["burkina faso"] == "BFA"
