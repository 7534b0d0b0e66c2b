"""The events table shows a contested event: a badge, and who asserts and who denies with their claims.

Rendered with node against a minimal DOM stub (skipped where node is not installed).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sitrep.web.app import static_dir

STUB = """
class N { constructor(t) { this.tag = t; this.children = []; this.attrs = {}; }
  appendChild(c) { this.children.push(c); return c; } setAttribute(k, v) { this.attrs[k] = v; }
  addEventListener() {} replaceChildren(...c) { this.children = c; }
  get textContent() { return this.children.map((c) => c.textContent).join(""); } }
class T { constructor(t) { this.t = t; } get textContent() { return this.t; } }
globalThis.Node = N;
globalThis.document = { createElement: (t) => new N(t), createElementNS: (_, t) => new N(t),
  createTextNode: (t) => new T(t), getElementById: () => null };
const { renderEvents } = await import(process.argv[2]);
const side = (name, stance, content) => ({ speakers: [{ key: null, name }], claims: [{ document: "d", claim: "C1",
  outlet: "Wire", published: "2025-02-11", stance, content, span: [0, 4], speaker: { key: null, name } }] });
const container = new N("div");
renderEvents(container, [{ id: "ev_000000000001", type: "ASSAULT", status: "contested", date: null, source: null,
  target: null, place: null, summary: "an air strike hit the market", reports: 2, independent_sources: 2,
  first_reported: {}, members: [], contested: { asserted: side("Azawad movements", "allege", "the army did it"),
  denied: side("Malian army", "deny", "no aircraft flew") } }], () => {});
console.log(container.textContent);
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_a_contested_event_shows_both_sides(tmp_path: Path) -> None:
    script = tmp_path / "render.mjs"
    script.write_text(STUB, encoding="utf-8")
    events_js = (static_dir() / "js" / "events.js").resolve().as_uri()
    shown = subprocess.run(["node", str(script), events_js], capture_output=True, text=True, timeout=60, check=True)
    text = shown.stdout
    assert "contested" in text
    assert "asserted by Azawad movements" in text and "the army did it" in text
    assert "denied by Malian army" in text and "no aircraft flew" in text
