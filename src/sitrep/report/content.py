"""What a briefing says: the picture's developments, events, figures and contradictions, each
statement with the articles it rests on as numbered footnotes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_EVENTS = 40
MAX_CLAIMS = 15
MAX_SERIES = 20


@dataclass
class Footnotes:
    """Articles numbered in order of first citation."""

    documents: dict[str, dict[str, Any]]
    order: list[str] = field(default_factory=list)

    def cite(self, doc_ids: list[str]) -> list[int]:
        """The footnote numbers of these documents (new ones get the next numbers)."""
        numbers = []
        for doc_id in dict.fromkeys(d for d in doc_ids if d):
            if doc_id not in self.order:
                self.order.append(doc_id)
            numbers.append(self.order.index(doc_id) + 1)
        return sorted(numbers)

    def entries(self) -> list[dict[str, Any]]:
        return [
            {"number": i + 1, "id": doc_id, **(self.documents.get(doc_id) or {})} for i, doc_id in enumerate(self.order)
        ]


def figure_text(item: dict[str, Any]) -> str:
    """A stated figure as words: "1,200", "at least 20", "200–999"."""
    if item.get("qualifier") == "range" or (item.get("value") is None and item.get("low") is not None):
        low, high = item.get("low"), item.get("high")
        return f"{'?' if low is None else f'{low:,.0f}'}–{'?' if high is None else f'{high:,.0f}'}"
    value = item.get("value")
    if value is None:
        return str(item.get("text") or "?")
    words = {
        "approx": "about ",
        "at_least": "at least ",
        "more_than": "more than ",
        "at_most": "at most ",
        "up_to": "up to ",
        "less_than": "less than ",
    }
    return f"{words.get(item.get('qualifier') or '', '')}{value:,.0f}"


def date_text(value: dict[str, Any] | None) -> str:
    if not value or not value.get("start"):
        return "undated"
    span = value["start"] if value.get("end") in (None, value["start"]) else f"{value['start']} – {value['end']}"
    return span if value.get("granularity") in (None, "day") else f"{span} ({value['granularity']})"


def _name(ref: dict[str, Any] | None) -> str:
    return (ref or {}).get("name") or (ref or {}).get("key") or "—"


def _event(event: dict[str, Any], notes: Footnotes) -> dict[str, Any]:
    members = event.get("members") or []
    return {
        "id": event["id"],
        "type": event["type"],
        "status": event.get("status"),
        "date": date_text(event.get("date")),
        "summary": event.get("summary") or "",
        "source": _name(event.get("source")),
        "target": _name(event.get("target")),
        "place": (event.get("place") or {}).get("name") or "—",
        "reports": event.get("reports"),
        "independent": event.get("independent_sources"),
        "outlets": event.get("outlets") or [],
        "contested": bool(event.get("contested")),
        "statuses": event.get("statuses") or {},
        "notes": notes.cite([m.get("document") for m in members]),
    }


def _series(series: dict[str, Any], notes: Footnotes) -> dict[str, Any]:
    rows = []
    for entry in series.get("entries") or []:
        rows.append(
            {
                "value": figure_text(entry),
                "date": date_text(entry.get("date")),
                "speaker": _name(entry.get("speaker")) if entry.get("speaker") else "unattributed",
                "outlets": sorted({r.get("outlet") or "?" for r in entry.get("reports") or []}),
                "notes": notes.cite([r.get("document") for r in entry.get("reports") or []]),
            }
        )
    current = series.get("current_range") or {}
    return {
        "id": series["id"],
        "label": (series.get("subject") or {}).get("label") or series["id"],
        "rows": rows,
        "range": current,
        "contradictions": len(series.get("contradictions") or []),
    }


def _contradiction(series: dict[str, Any], found: dict[str, Any], notes: Footnotes) -> dict[str, Any]:
    sides = []
    for side in found.get("sides") or []:
        sides.append(
            {
                "value": figure_text(side),
                "text": side.get("text"),
                "who": ", ".join(_name(s) for s in side.get("speakers") or []) or "unattributed",
                "sources": side.get("sources") or [],
                "notes": notes.cite(side.get("documents") or []),
            }
        )
    return {
        "subject": (series.get("subject") or {}).get("label") or series["id"],
        "kind": found.get("kind"),
        "sides": sides,
    }


def _claim(claim: dict[str, Any], notes: Footnotes) -> dict[str, Any]:
    return {
        "speaker": _name(claim.get("speaker")),
        "content": claim.get("content") or "",
        "stance": claim.get("stance"),
        "carriers": claim.get("independent_carriers"),
        "notes": notes.cite([c.get("document") for c in claim.get("carriers") or []]),
    }


def _development(item: dict[str, Any], events: dict[str, dict[str, Any]], notes: Footnotes) -> dict[str, Any]:
    event = events.get(item["id"]) or {}
    first = item.get("first_reported") or {}
    documents = [m.get("document") for m in event.get("members") or []] or [first.get("document")]
    return {
        "type": item["type"],
        "status": item.get("status"),
        "summary": item.get("summary") or "",
        "first": first,
        "notes": notes.cite(documents),
    }


def briefing(view: dict[str, Any], title: str = "Situation briefing") -> dict[str, Any]:
    """The briefing's sections from a picture view (``Picture.to_dict(...)``), with its footnotes."""
    notes = Footnotes(view.get("documents") or {})
    by_id = {e["id"]: e for e in view.get("events") or []}
    developments = view.get("developments") or {}
    series = view.get("figures") or []
    contradictions = [_contradiction(s, c, notes) for s in series for c in s.get("contradictions") or []]
    ordered = sorted(view.get("events") or [], key=lambda e: ((e.get("date") or {}).get("start") or "9999", e["id"]))
    body = {
        "title": title,
        "filters": {k: v for k, v in (view.get("filters") or {}).items() if v},
        "stats": view.get("stats") or {},
        "developments_since": developments.get("since"),
        "developments": [_development(d, by_id, notes) for d in developments.get("events") or []],
        "contradictions": contradictions,
        "contested": [_event(e, notes) for e in ordered if e.get("contested") or len(e.get("statuses") or {}) > 1],
        "events": [_event(e, notes) for e in ordered[:MAX_EVENTS]],
        "events_left_out": max(0, len(ordered) - MAX_EVENTS),
        "figures": [_series(s, notes) for s in series[:MAX_SERIES]],
        "claims": [_claim(c, notes) for c in (view.get("claims") or [])[:MAX_CLAIMS]],
        "timeline_events": view.get("events") or [],
    }
    body["footnotes"] = notes.entries()
    return body
