"""A briefing as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape as escape_markup
from typing import Any

from sitrep.display import visible_controls
from sitrep.report.charts import map_svg, timeline_svg
from sitrep.report.content import figure_text

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;max-width:60rem;margin:2rem auto;
padding:0 1rem}h1{margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:13px;margin:.5rem 0}th,td{border-bottom:1px solid #d0d7de;
padding:4px 6px;text-align:left;vertical-align:top}th{background:#f6f8fa}.muted{color:#656d76}
sup a{text-decoration:none}.alert{color:#cf222e;font-weight:600}figure{margin:1rem 0}svg{width:100%;height:auto}
ol.notes{font-size:13px}.contested{background:#fff8c5}@media print{body{margin:0;max-width:none}h2{break-after:avoid}
tr{break-inside:avoid}figure{break-inside:avoid}}
"""


def escape(value: object) -> str:
    """Text for HTML: markup escaped, control characters and bidirectional overrides shown as escapes."""
    return escape_markup(visible_controls(value))


def cite(numbers: list[int]) -> str:
    """Footnote marks linking to the notes: <sup>[1][3]</sup>."""
    if not numbers:
        return ""
    return "<sup>" + "".join(f'<a href="#note-{n}">[{n}]</a>' for n in numbers) + "</sup>"


def _table(headers: list[str], rows: list[list[str]], row_class: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        f'<tr class="{(row_class or [""] * len(rows))[i]}">' + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
        for i, row in enumerate(rows)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _developments(report: dict[str, Any]) -> str:
    if not report["developments"]:
        return "<p class=muted>Nothing new in the period.</p>"
    since = f'<p class="muted">First reported since {escape(report["developments_since"] or "?")}.</p>'
    items = "".join(
        f"<li><strong>{escape(d['type'])}</strong> ({escape(d['status'] or '?')}): "
        f"{escape(d['summary'])}{cite(d['notes'])}</li>"
        for d in report["developments"]
    )
    return f"{since}<ul>{items}</ul>"


def _contradictions(report: dict[str, Any]) -> str:
    if not report["contradictions"]:
        return "<p class=muted>No contradicting figures.</p>"
    items = []
    for found in report["contradictions"]:
        sides = " <em>vs</em> ".join(
            f"<strong>{escape(s['value'])}</strong> ({escape(s['who'])}; "
            f"{escape(', '.join(s['sources']))}){cite(s['notes'])}"
            for s in found["sides"]
        )
        items.append(f"<li>{escape(found['subject'])}: {sides}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _events(events: list[dict[str, Any]]) -> str:
    rows = [
        [
            escape(e["date"]),
            (f"<strong>{escape(e['type'])}</strong><br><span class=muted>{escape(e['status'] or '')}</span>"),
            (f"{escape(e['source'])} → {escape(e['target'])}<br>{escape(e['summary'])}{cite(e['notes'])}"),
            escape(e["place"]),
            f"{e['reports']} / <strong>{e['independent']}</strong>",
        ]
        for e in events
    ]
    classes = ["contested" if e["contested"] else "" for e in events]
    return _table(["date", "type", "who → whom, what", "where", "reports / independent"], rows, classes)


def _figures(series: list[dict[str, Any]]) -> str:
    parts = []
    for s in series:
        current = s["range"] or {}
        span = (
            (
                f"current range {figure_text({'qualifier': 'range', 'low': current.get('low'), 'high': current.get('high')})}"
                f" as of {escape(str(current.get('as_of') or '?'))}"
            )
            if current.get("low") is not None
            else ""
        )
        flag = ' <span class="alert">contradictions</span>' if s["contradictions"] else ""
        rows = [
            [
                escape(r["value"]),
                escape(r["date"]),
                escape(r["speaker"]),
                escape(", ".join(r["outlets"])) + cite(r["notes"]),
            ]
            for r in s["rows"]
        ]
        parts.append(
            f"<h3>{escape(s['label'])}{flag}</h3><p class=muted>{span}</p>"
            + _table(["value", "date", "who gives it", "carried by"], rows)
        )
    return "".join(parts) or "<p class=muted>No figures.</p>"


def _claims(claims: list[dict[str, Any]]) -> str:
    items = "".join(
        f"<li><strong>{escape(c['speaker'])}</strong> ({escape(c['stance'] or '')}): "
        f"“{escape(c['content'])}”{cite(c['notes'])}</li>"
        for c in claims
    )
    return f"<ul>{items}</ul>" if items else "<p class=muted>No claims.</p>"


def _notes(report: dict[str, Any]) -> str:
    items = []
    for note in report["footnotes"]:
        url = note.get("url") or ""
        link = f' <a href="{escape(url)}">{escape(url)}</a>' if url.startswith(("http://", "https://")) else ""
        items.append(
            f'<li id="note-{note["number"]}">{escape(note.get("source") or "unknown outlet")}, '
            f"“{escape(note.get('title') or '(untitled)')}”, {escape(note.get('published') or 'undated')}."
            f"{link} <span class=muted>{escape(note['id'][:12])}</span></li>"
        )
    return f'<ol class="notes">{"".join(items)}</ol>'


def render_html(report: dict[str, Any]) -> str:
    """The whole briefing as an HTML document."""
    stats = report["stats"]
    filters = ", ".join(f"{k} {v}" for k, v in report["filters"].items()) or "all stored articles"
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    timeline = timeline_svg(report["timeline_events"])
    world = map_svg(report["timeline_events"])
    left_out = (
        f'<p class="muted">{report["events_left_out"]} more events are in the store.</p>'
        if report["events_left_out"]
        else ""
    )
    contested = (
        _events(report["contested"])
        if report["contested"]
        else "<p class=muted>No event is reported with conflicting statuses.</p>"
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{escape(report["title"])}</title><style>{STYLE}</style></head><body>
<h1>{escape(report["title"])}</h1>
<p class="muted">{escape(filters)} · {stats.get("documents", 0)} articles, {stats.get("events", 0)} fused events,
{stats.get("series", 0)} figure series, <span class="{"alert" if stats.get("contradictions") else ""}">
{stats.get("contradictions", 0)} contradictions</span> · made by sitrep {made}.
Numbers in brackets are the articles each statement rests on (notes at the end).</p>
<h2>Key developments</h2>{_developments(report)}
<h2>Contradictions</h2>{_contradictions(report)}
<h2>Contested events</h2>{contested}
<h2>Timeline</h2>{f"<figure>{timeline}<figcaption class=muted>Fused events by date and type; size = independent sources, colour = status; bars are events dated only to a span.</figcaption></figure>" if timeline else "<p class=muted>No dated events.</p>"}
<h2>Map</h2>{f"<figure>{world}<figcaption class=muted>Event places (circle size = events; dashed = a region or country, not a town). Base map: Natural Earth (countries; first-level division borders dashed when zoomed in).</figcaption></figure>" if world else "<p class=muted>No located events.</p>"}
<h2>Events</h2>{_events(report["events"])}{left_out}
<h2>Figures</h2>{_figures(report["figures"])}
<h2>Claims</h2>{_claims(report["claims"])}
<h2>Sources</h2>{_notes(report)}
</body></html>
"""
