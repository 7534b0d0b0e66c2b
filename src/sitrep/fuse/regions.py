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


def _in_region(place: dict[str, Any] | None, codes: frozenset[str], wanted: str) -> bool:
    """In one of the divisions, or matched as the place filter matches (a substring of its name or key)."""
    if not place:
        return False
    region = place.get("admin1")
    return (
        (region is not None and region["code"] in codes)
        or wanted in name_key(place.get("name") or "")
        or wanted in str(place.get("key") or "").casefold()
    )


def keep_region(view: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The picture dict ``view`` narrowed to what lies in the first-level division ``text`` names
    (events, claims and figure series with a place inside it), or None when no place of the view
    is in a division of that name."""
    places = [p for e in view["events"] for p in (e["place"], *(m["place"] for m in e["members"])) if p]
    places += [p for c in view["claims"] for p in c["places"] if p]
    codes = region_codes(text, places)
    if not codes:
        return None
    wanted = name_key(text)

    def inside(place: dict[str, Any] | None) -> bool:
        return _in_region(place, codes, wanted)

    events = [e for e in view["events"] if inside(e["place"]) or any(inside(m["place"]) for m in e["members"])]
    event_ids = {e["id"] for e in events}
    claims = [c for c in view["claims"] if any(inside(p) for p in c["places"])]
    claim_ids = {c["id"] for c in claims}
    series = [
        s
        for s in view["figures"]
        if inside(s["subject"].get("place"))
        or any(inside(e.get("place")) or event_ids & set(e.get("events") or []) for e in s["entries"])
    ]
    series_ids = {s["id"] for s in series}
    developments = dict(view["developments"])
    developments["events"] = [e for e in developments["events"] if e["id"] in event_ids]
    developments["claims"] = [c for c in developments["claims"] if c["id"] in claim_ids]
    developments["contradictions"] = [c for c in developments["contradictions"] if c["series"] in series_ids]
    stats = {
        **view["stats"],
        "events": len(events),
        "event_reports": sum(e["reports"] for e in events),
        "claims": len(claims),
        "series": len(series),
        "contradictions": sum(len(s["contradictions"]) for s in series),
    }
    return {
        **view,
        "filters": {**view["filters"], "place": text},
        "stats": stats,
        "events": events,
        "claims": claims,
        "figures": series,
        "timeline": [t for t in view["timeline"] if t["event"] in event_ids],
        "developments": developments,
    }
