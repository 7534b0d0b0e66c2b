"""A briefing as Markdown with footnotes (``[^n]``), for wikis and tickets; charts are left to HTML/PDF."""

from __future__ import annotations

from typing import Any


def _cite(numbers: list[int]) -> str:
    return "".join(f"[^{n}]" for n in numbers)


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _events(events: list[dict[str, Any]]) -> list[str]:
    return _table(
        ["date", "type", "status", "who → whom", "what", "where", "reports / indep."],
        [
            [
                e["date"],
                e["type"],
                e["status"] or "",
                f"{e['source']} → {e['target']}",
                e["summary"] + _cite(e["notes"]),
                e["place"],
                f"{e['reports']} / {e['independent']}",
            ]
            for e in events
        ],
    )


def render_markdown(report: dict[str, Any]) -> str:
    """The whole briefing as Markdown."""
    stats = report["stats"]
    filters = ", ".join(f"{k} {v}" for k, v in report["filters"].items()) or "all stored articles"
    lines = [
        f"# {report['title']}",
        "",
        (
            f"_{filters}: {stats.get('documents', 0)} articles, {stats.get('events', 0)} fused events, "
            f"{stats.get('series', 0)} figure series, {stats.get('contradictions', 0)} contradictions._"
        ),
        "",
        "## Key developments",
        "",
    ]
    lines += [f"- **{d['type']}** ({d['status']}): {d['summary']}{_cite(d['notes'])}" for d in report["developments"]]
    lines += ["", "## Contradictions", ""]
    for found in report["contradictions"]:
        sides = " vs ".join(
            f"**{s['value']}** ({s['who']}; {', '.join(s['sources'])}){_cite(s['notes'])}" for s in found["sides"]
        )
        lines.append(f"- {found['subject']}: {sides}")
    lines += ["", "## Contested events", ""]
    lines += _events(report["contested"]) if report["contested"] else ["None.", ""]
    lines += ["## Events", ""] + _events(report["events"])
    if report["events_left_out"]:
        lines += [f"_{report['events_left_out']} more events are in the store._", ""]
    lines += ["## Figures", ""]
    for s in report["figures"]:
        lines += [f"### {s['label']}" + (" (contradictions)" if s["contradictions"] else ""), ""]
        lines += _table(
            ["value", "date", "who gives it", "carried by"],
            [[r["value"], r["date"], r["speaker"], ", ".join(r["outlets"]) + _cite(r["notes"])] for r in s["rows"]],
        )
    lines += ["## Claims", ""]
    lines += [f"- **{c['speaker']}** ({c['stance']}): “{c['content']}”{_cite(c['notes'])}" for c in report["claims"]]
    lines += ["", "## Sources", ""]
    for note in report["footnotes"]:
        lines.append(
            f"[^{note['number']}]: {note.get('source') or 'unknown outlet'}, "
            f"“{note.get('title') or '(untitled)'}”, {note.get('published') or 'undated'}. "
            f"{note.get('url') or ''} ({note['id'][:12]})"
        )
    return "\n".join(lines) + "\n"
