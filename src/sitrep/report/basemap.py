"""The vendored Natural Earth base map (world-atlas TopoJSON) as lon/lat rings, and the first-level
division borders as lines, for report maps."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import sitrep
from sitrep.errors import ResourceError

BASEMAP_FILE = "countries-50m.json"

Ring = list[tuple[float, float]]


def _basemap_path() -> Path:
    """The page's vendored file (found by path: importing sitrep.web would load the whole app)."""
    return Path(sitrep.__file__).resolve().parent / "web" / "static" / "vendor" / BASEMAP_FILE


@lru_cache(maxsize=1)
def _topology() -> dict[str, Any]:
    path = _basemap_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ResourceError(f"{path}: the base map cannot be read ({exc})") from exc


@lru_cache(maxsize=1)
def _arcs() -> list[Ring]:
    """Every arc of the countries in degrees."""
    return _decode(_topology())


def _decode(topology: dict[str, Any]) -> list[Ring]:
    """Every arc in degrees (TopoJSON arcs are delta-encoded quantized positions)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int]) -> Ring:
    arcs = _arcs()
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


@lru_cache(maxsize=1)
def country_rings() -> list[tuple[str, list[Ring]]]:
    """(country name, its polygon rings) for every country of the base map."""
    countries = []
    for geometry in _topology()["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = [_ring(ring) for polygon in polygons for ring in polygon]
        countries.append(((geometry.get("properties") or {}).get("name", ""), rings))
    return countries


DIVISIONS_FILE = "admin1-borders.json"


@lru_cache(maxsize=1)
def division_lines() -> list[tuple[bool, Ring]]:
    """(major, line) for every border between two first-level divisions of one country (the page's
    vendored admin1-borders.json: see its NOTICE.txt); major lines part two groups of provinces."""
    path = _basemap_path().with_name(DIVISIONS_FILE)
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ResourceError(f"{path}: the division borders cannot be read ({exc})") from exc
    arcs = _decode(topology)
    lines = []
    for geometry in topology["objects"]["borders"]["geometries"]:
        major = bool((geometry.get("properties") or {}).get("major"))
        for indexes in geometry["arcs"]:
            lines.append((major, [point for index in indexes for point in arcs[index]]))
    return lines
