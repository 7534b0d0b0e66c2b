"""The timeline: fused events in date order, each with its evidence."""

from __future__ import annotations

from typing import Any


def timeline(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline entries for fused events (as built by the picture), earliest first, undated last."""

    def order(event: dict[str, Any]) -> tuple[Any, ...]:
        date = event.get("date") or {}
        return (date.get("start") is None, date.get("start") or "", date.get("end") or "", event["id"])

    return [
        {
            "date": event["date"],
            "event": event["id"],
            "type": event["type"],
            "status": event["status"],
            "summary": event["summary"],
            "source": event["source"],
            "target": event["target"],
            "place": event["place"],
            "independent_sources": event["independent_sources"],
            "evidence": [
                {k: member[k] for k in ("document", "event", "outlet", "published", "text", "span")}
                for member in event["members"]
            ],
        }
        for event in sorted(events, key=order)
    ]
