"""An outlet or speaker name with bidirectional overrides cannot pass for another: the page, the HTML
report and the terminal show the controls as escapes instead of applying them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sitrep.cli import shown
from sitrep.report.html import escape
from sitrep.web.app import static_dir

NAMES = ["Reuters\u202esretueR", "Daily \u2067Post\u2069", "\u202aWire\u202c <b>"]

STUB = """
class N { constructor(t) { this.children = []; this.attrs = {}; }
  appendChild(c) { this.children.push(c); return c; } setAttribute(k, v) { this.attrs[k] = v; }
  addEventListener() {} get textContent() { return this.children.map((c) => c.textContent).join(""); } }
class T { constructor(t) { this.t = t; } get textContent() { return this.t; } }
globalThis.Node = N;
globalThis.document = { createElement: () => new N(), createElementNS: () => new N(), createTextNode: (t) => new T(t) };
const { el } = await import(process.argv[2]);
const names = JSON.parse(process.argv[3]);
for (const name of names) { const node = el("td", { title: name }, name); console.log(JSON.stringify([node.textContent, node.attrs.title])); }
"""

CONTROLS = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")


@pytest.mark.parametrize("name", NAMES)
def test_the_report_and_the_terminal_show_overrides_as_escapes(name: str) -> None:
    for shown_text in (escape(name), shown(name)):
        assert not any(c in shown_text for c in CONTROLS)
        assert "\\u20" in shown_text
    assert "<b>" not in escape(NAMES[2])


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_page_shows_overrides_as_escapes(tmp_path: Path) -> None:
    import json

    script = tmp_path / "render.mjs"
    script.write_text(STUB, encoding="utf-8")
    dom = (static_dir() / "js" / "dom.js").as_uri()
    out = subprocess.run(["node", str(script), dom, json.dumps(NAMES)], capture_output=True, text=True, check=True)
    for line, name in zip(out.stdout.splitlines(), NAMES, strict=True):
        text, title = json.loads(line)
        assert not any(c in text + title for c in CONTROLS), name
        assert "\\u20" in text and "\\u20" in title
