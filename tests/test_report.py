"""Briefing reports (sitrep.report, ``sitrep report``): self-contained HTML, Markdown with footnotes, PDF.

Fast tests use the store of hand-made extractions (tests/store_samples.py); the demo-store
test ingests demo/corpus (slow). PDF tests need Chromium and skip without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.report import render
from sitrep.report.content import Footnotes, figure_text
from sitrep.report.pdf import find_chromium
from web_support import make_store

ROOT = Path(__file__).resolve().parents[1]
needs_chromium = pytest.mark.skipif(
    find_chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return make_store(tmp_path)


def write(db: str, path: Path, fmt: str, *extra: str) -> str:
    result = CliRunner().invoke(main, ["report", "--db", db, "--format", fmt, "-o", str(path), *extra])
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8") if fmt != "pdf" else ""


def check_html(html: str) -> None:
    assert html.startswith("<!doctype html>") and "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", html.replace('href="http', 'href="x')), (
        "the report must not load anything"
    )
    for section in ("Key developments", "Contradictions", "Contested events", "Events", "Figures", "Sources"):
        assert f"<h2>{section}</h2>" in html
    cited = {int(n) for n in re.findall(r'href="#note-(\d+)"', html)}
    notes = {int(n) for n in re.findall(r'id="note-(\d+)"', html)}
    assert cited and cited == notes, "every footnote mark has its note and every note is cited"


def test_html_report_is_self_contained_and_footnoted(db: str, tmp_path: Path) -> None:
    html = write(db, tmp_path / "brief.html", "html")
    check_html(html)


def test_markdown_report_defines_every_footnote(db: str, tmp_path: Path) -> None:
    text = write(db, tmp_path / "brief.md", "md")
    assert text.startswith("# Situation briefing")
    marks = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defined = set(re.findall(r"^\[\^(\d+)\]:", text, re.MULTILINE))
    assert marks and marks == defined


def test_filters_reach_the_report(db: str, tmp_path: Path) -> None:
    html = write(db, tmp_path / "brief.html", "html", "--since", "2999-01-01")
    assert "since 2999-01-01" in html and "No dated events." in html


def test_data_is_escaped() -> None:
    view = {
        "documents": {"d1": {"title": "<script>x</script>", "source": "<b>", "url": "javascript:alert(1)"}},
        "events": [
            {
                "id": "ev_1",
                "type": "ASSAULT",
                "summary": "<img src=x onerror=alert(1)>",
                "members": [{"document": "d1"}],
                "date": {"start": "2026-03-01"},
            }
        ],
        "figures": [],
        "claims": [],
        "developments": {},
        "stats": {},
        "filters": {},
    }
    html = render(view, "html")
    assert "<script>x" not in html and "<img src=x" not in html and "javascript:" not in html
    assert "&lt;img src=x" in html


def test_footnotes_number_documents_in_order_of_first_citation() -> None:
    notes = Footnotes({})
    assert notes.cite(["b", "a"]) == [1, 2]
    assert notes.cite(["a", "c", None]) == [2, 3]
    assert [n["id"] for n in notes.entries()] == ["b", "a", "c"]


def test_figure_text() -> None:
    assert figure_text({"value": 1200, "qualifier": "exact"}) == "1,200"
    assert figure_text({"value": 20, "qualifier": "at_least"}) == "at least 20"
    assert figure_text({"value": None, "low": 200, "high": 999, "qualifier": "range"}) == "200–999"


def test_an_unwritable_report_path_is_one_line(db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--db", db, "-o", str(tmp_path / "missing" / "r.html")])
    assert result.exit_code == 1 and "does not exist" in result.output


@needs_chromium
def test_pdf_report(db: str, tmp_path: Path) -> None:
    write(db, tmp_path / "brief.pdf", "pdf")
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")


def test_pdf_without_chromium_says_what_to_install(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_CHROMIUM", str(tmp_path / "no-browser"))
    result = CliRunner().invoke(main, ["report", "--db", db, "--format", "pdf", "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 1 and "need Chromium" in result.output


@pytest.mark.slow
def test_the_demo_store_report_renders(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    CliRunner().invoke(main, ["ingest", str(ROOT / "demo" / "corpus"), "--db", db])
    html = write(db, tmp_path / "demo.html", "html")
    check_html(html)
    assert "<svg" in html and "Natural Earth" in html and "Dori" in html
    sahel = write(db, tmp_path / "sahel.md", "md", "--place", "Sahel")
    assert "Djibo" in sahel and "Dori" in sahel, "a region's name keeps the towns inside it"
    if find_chromium():
        write(db, tmp_path / "demo.pdf", "pdf")
        assert (tmp_path / "demo.pdf").read_bytes().startswith(b"%PDF")


def test_the_report_map_draws_division_borders_close_in_only() -> None:
    from sitrep.report.charts import map_svg

    def event(name: str, lat: float, lon: float) -> dict:
        place = {"key": f"city:BFA:{name}", "name": name, "feature": "city", "lat": lat, "lon": lon}
        return {"place": place, "independent_sources": 1}

    close = map_svg([event("Dori", 14.03, -0.03), event("Djibo", 14.1, -1.63)])
    assert 'fill="none" stroke="#a0a9b3"' in close, "a few towns apart: division borders"
    far = map_svg([event("Dori", 14.03, -0.03), event("Lagos", 6.45, 3.4), event("Dakar", 14.7, -17.4)])
    assert "<svg" in far and 'fill="none" stroke="#a0a9b3"' not in far, "a region apart: countries only"
