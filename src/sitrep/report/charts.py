"""Static SVG charts for reports: a timeline of fused events and a map of their places."""

from __future__ import annotations

import math
from datetime import date
from html import escape
from typing import Any

from sitrep.report.basemap import country_rings, division_lines

STATUS_COLOURS = {
    "occurred": "#1f6feb",
    "ongoing": "#8250df",
    "possible": "#bf8700",
    "planned": "#1a7f37",
    "threatened": "#cf222e",
    "denied": "#6e7781",
    "not_occurred": "#6e7781",
}
OTHER_COLOUR = "#57606a"
PRECISE = {"day", "week"}
FRAME_DEGREES = 25
TIMELINE_WIDTH, LANE, LABEL = 900, 24, 120
MAP_WIDTH, MAP_HEIGHT = 900, 520
DIVISION_SCALE = 30  # px per degree from which first-level division borders are drawn, as on the page


def colour(status: str | None) -> str:
    return STATUS_COLOURS.get(status or "", OTHER_COLOUR)


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat((value or "")[:10]).toordinal()
    except ValueError:
        return None


def _legend(statuses: list[str], y: float) -> str:
    parts = []
    for i, status in enumerate(statuses):
        x = LABEL + i * 120
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="5" fill="{colour(status)}"/>'
            f'<text x="{x + 9}" y="{y + 4}" font-size="12">{escape(status)}</text>'
        )
    return "".join(parts)


def _dated(events: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int, int]]:
    """``(event, start day, end day)`` for each event with a start date; the end is never before the start."""
    dated = []
    for event in events:
        when = event.get("date") or {}
        start, end = _day(when.get("start")), _day(when.get("end"))
        if start is not None:
            dated.append((event, start, max(start, end or start)))
    return dated


def timeline_svg(events: list[dict[str, Any]]) -> str:
    """One lane per event type, a dot (or a bar for a span) per dated event, coloured by status."""
    dated = _dated(events)
    if not dated:
        return ""
    types = sorted({e["type"] for e, _, _ in dated})
    precise = [d for d in dated if (d[0].get("date") or {}).get("granularity") in PRECISE] or dated
    first = min(s for _, s, _ in precise) - 1
    last = max(t for _, _, t in precise) + 1
    dated = [(e, max(first, s), min(last, t)) for e, s, t in dated]  # month- or year-long spans cut at the edge
    width = TIMELINE_WIDTH - LABEL - 20

    def x(day: float) -> float:
        return LABEL + (day - first) / max(1, last - first) * width

    height = 30 + LANE * len(types) + 40
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {TIMELINE_WIDTH} {height}" role="img" '
            f'aria-label="timeline of {len(dated)} dated events" font-family="sans-serif">'
        )
    ]
    step = max(1, math.ceil((last - first) / 10))
    for day in range(first, last + 1, step):
        parts.append(
            f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="20" y2="{height - 40}" stroke="#d0d7de"/>'
            f'<text x="{x(day):.1f}" y="14" font-size="11" text-anchor="middle">'
            f"{date.fromordinal(day).strftime('%b %d')}</text>"
        )
    for row, kind in enumerate(types):
        y = 30 + row * LANE + LANE / 2
        parts.append(f'<text x="{LABEL - 8}" y="{y + 4}" font-size="12" text-anchor="end">{escape(kind)}</text>')
    for event, start, end in sorted(dated, key=lambda d: -(d[0].get("independent_sources") or 0)):
        y = 30 + types.index(event["type"]) * LANE + LANE / 2
        r = 3 + 2 * math.sqrt(max(1, event.get("independent_sources") or 1))
        fill = colour(event.get("status"))
        if end - start > 1:
            parts.append(
                f'<rect x="{x(start):.1f}" y="{y - 3}" width="{max(4, x(end) - x(start)):.1f}" height="6" '
                f'rx="3" fill="{fill}" fill-opacity="0.35" stroke="{fill}"/>'
            )
        else:
            parts.append(
                f'<circle cx="{x(start + 0.5):.1f}" cy="{y}" r="{r:.1f}" fill="{fill}" fill-opacity="0.7" '
                f'stroke="#fff"/>'
            )
    statuses = sorted({e.get("status") or "?" for e, _, _ in dated})
    parts.append(_legend(statuses, height - 18))
    parts.append("</svg>")
    return "".join(parts)


def _frame(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_lon, pad_lat = max(2.0, (east - west) * 0.25), max(1.5, (north - south) * 0.25)
    return west - pad_lon, east + pad_lon, south - pad_lat, north + pad_lat


def _near_median(places: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The places within FRAME_DEGREES of the median place (a far-off capital would shrink the theatre)."""
    if not places:
        return places
    lats = sorted(p["place"]["lat"] for p in places.values())
    lons = sorted(p["place"]["lon"] for p in places.values())
    lat, lon = lats[len(lats) // 2], lons[len(lons) // 2]
    return {
        k: p
        for k, p in places.items()
        if abs(p["place"]["lat"] - lat) <= FRAME_DEGREES and abs(p["place"]["lon"] - lon) <= FRAME_DEGREES
    }


def _division_paths(xy: Any, frame: tuple[float, float, float, float]) -> list[str]:
    """The first-level division borders within the frame (west, east, south, north): one path per kind."""
    west, east, south, north = frame
    paths: dict[bool, list[str]] = {False: [], True: []}
    for major, line in division_lines():
        if any(west <= lon <= east and south <= lat <= north for lon, lat in line):
            paths[major].append("M" + "L".join(xy(lon, lat) for lon, lat in line))
    style = {False: 'stroke-width="0.5" stroke-dasharray="2 2"', True: 'stroke-width="0.8" stroke-dasharray="6 2"'}
    return [f'<path d="{"".join(d)}" fill="none" stroke="#a0a9b3" {style[major]}/>' for major, d in paths.items() if d]


def map_svg(events: list[dict[str, Any]]) -> str:
    """Country outlines of the Natural Earth base map around the events' places, a circle per place."""
    places: dict[str, dict[str, Any]] = {}
    for event in events:
        place = event.get("place") or {}
        if isinstance(place.get("lat"), int | float) and isinstance(place.get("lon"), int | float):
            entry = places.setdefault(place["key"], {"place": place, "events": 0, "sources": 0})
            entry["events"] += 1
            entry["sources"] += event.get("independent_sources") or 0
    places = _near_median(places)
    if not places:
        return ""
    west, east, south, north = _frame([(p["place"]["lon"], p["place"]["lat"]) for p in places.values()])
    parallel = math.cos(math.radians((north + south) / 2))
    scale = min(MAP_WIDTH / ((east - west) * parallel), MAP_HEIGHT / (north - south))
    off_x = (MAP_WIDTH - (east - west) * parallel * scale) / 2
    off_y = (MAP_HEIGHT - (north - south) * scale) / 2

    def xy(lon: float, lat: float) -> str:
        return f"{off_x + (lon - west) * parallel * scale:.1f},{off_y + (north - lat) * scale:.1f}"

    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="img" '
            f'aria-label="map of {len(places)} event places" font-family="sans-serif">'
        ),
        f'<rect width="{MAP_WIDTH}" height="{MAP_HEIGHT}" fill="#e6f0f7"/>',
    ]
    margin = 10
    for name, rings in country_rings():
        paths = []
        for ring in rings:
            if not any(
                west - margin <= lon <= east + margin and south - margin <= lat <= north + margin
                for lon, lat in ring[:: max(1, len(ring) // 40)]
            ):
                continue
            paths.append("M" + "L".join(xy(lon, lat) for lon, lat in ring) + "Z")
        if paths:
            parts.append(
                f'<path d="{"".join(paths)}" fill="#f6f8fa" stroke="#8c959f" stroke-width="0.8">'
                f"<title>{escape(name)}</title></path>"
            )
    if scale >= DIVISION_SCALE:
        parts.extend(_division_paths(xy, (west - 1, east + 1, south - 1, north + 1)))
    for entry in sorted(places.values(), key=lambda e: -e["events"]):
        place = entry["place"]
        cx, cy = xy(place["lon"], place["lat"]).split(",")
        r = 4 + 3 * math.sqrt(entry["events"])
        dash = ' stroke-dasharray="3 2"' if place.get("feature") in ("admin1", "country") else ""
        parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="{r:.1f}" fill="#cf222e" fill-opacity="0.55" stroke="#82071e"'
            f'{dash}/><text x="{float(cx) + r + 3:.1f}" y="{float(cy) + 4:.1f}" font-size="12">'
            f"{escape(place.get('name') or '')} ({entry['events']})</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
