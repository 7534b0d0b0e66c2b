"""The first-level division (admin1) of a picture's place, from the offline gazetteer.

A place dict of the picture (``key``, ``name``, ``feature``, ``country``, ``lat``, ``lon``)
gets an ``admin1`` entry: ``{"code": "NE.09", "name": "Tillaberi"}`` (the GeoNames
"CC.code" key, the same as Natural Earth's ``gn_a1_code``, and the division's English
name), or ``None`` for a country, a place the gazetteer does not know, or one whose
gazetteer entry lies too far from the place's own point. The page and the report use it
so that a place filter naming a region keeps every town inside it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitrep.geo.gazetteer import GeoEntry, load_gazetteer, name_key

MAX_OFFSET_DEGREES = 0.5  # a gazetteer entry this far from the place's point is another place
NO_REGION_FEATURES = frozenset({"country", "water"})


@lru_cache(maxsize=4096)
def region_of(
    name: str | None, feature: str | None, country: str | None, lat: float | None, lon: float | None
) -> dict[str, str] | None:
    """The admin1 {code, name} of a place named ``name`` in ``country`` near (lat, lon), or None."""
    if not name or not country or feature in NO_REGION_FEATURES:
        return None
    entry = _best_entry(name, feature, country, lat, lon)
    if entry is None or entry.admin1 is None:
        return None
    division = load_gazetteer().division(entry.admin1)
    return {"code": entry.admin1, "name": division.name if division is not None else entry.name}


def _best_entry(name: str, feature: str | None, country: str, lat: float | None, lon: float | None) -> GeoEntry | None:
    """The gazetteer entry of this name in this country nearest the place's point (the first when it has none)."""
    candidates = [e for e in load_gazetteer().lookup(name) if e.country == country and e.admin1]
    if lat is not None and lon is not None:
        candidates = [e for e in candidates if e.point is not None and _offset(e, lat, lon) <= MAX_OFFSET_DEGREES]
        candidates.sort(key=lambda e: (_offset(e, lat, lon), e.feature != feature))
    return candidates[0] if candidates else None


def _offset(entry: GeoEntry, lat: float, lon: float) -> float:
    assert entry.lat is not None and entry.lon is not None
    return max(abs(entry.lat - lat), abs(entry.lon - lon))


def region_codes(text: str | None, places: list[dict[str, Any]]) -> frozenset[str]:
    """The admin1 codes among ``places`` that ``text`` names (an English name or a "CC.code" key)."""
    if not text:
        return frozenset()
    wanted = name_key(text)
    return frozenset(
        region["code"]
        for place in places
        if (region := place.get("admin1")) and wanted in (name_key(region["name"]), region["code"].casefold())
    )
