"""GeoJSON of places and fused events: one Point feature per located place and per located event.

Coordinates are ``[lon, lat]`` (RFC 7946). Place features sum a place's documents and
mentions across the stored articles; event features carry the fused event's type,
status, dates, parties and source counts. ``properties.kind`` tells them apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any, TypeGuard

Feature = dict[str, Any]


def _point(lon: float, lat: float, properties: dict[str, Any]) -> Feature:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def _located(place: dict[str, Any] | None) -> TypeGuard[dict[str, Any]]:
    if not place:
        return False
    return isinstance(place.get("lat"), int | float) and isinstance(place.get("lon"), int | float)


def place_key(place: dict[str, Any]) -> str:
    """The same key for one place across articles: feature, country and name."""
    return f"{place.get('feature') or 'place'}:{place.get('country') or ''}:{(place.get('name') or '').lower()}"


def place_features(extractions: Iterable[dict[str, Any]]) -> list[Feature]:
    """One feature per located place of the extractions, with documents and mentions summed."""
    found: dict[str, Feature] = {}
    for extraction in extractions:
        doc_id = (extraction.get("document") or {}).get("id")
        for place in extraction.get("places") or []:
            if not _located(place):
                continue
            key = place_key(place)
            feature = found.setdefault(
                key,
                _point(
                    place["lon"],
                    place["lat"],
                    {
                        "kind": "place",
                        "key": key,
                        "name": place.get("name"),
                        "feature": place.get("feature"),
                        "country": place.get("country"),
                        "geonames_id": place.get("geonames_id"),
                        "documents": 0,
                        "mentions": 0,
                    },
                ),
            )
            feature["properties"]["documents"] += 1 if doc_id else 0
            feature["properties"]["mentions"] += len(place.get("mentions") or [])
    return sorted(found.values(), key=lambda f: f["properties"]["key"])


def event_features(events: Iterable[dict[str, Any]]) -> list[Feature]:
    """One feature per fused event (``picture.to_dict()['events']``) that has a located place."""
    features = []
    for event in events:
        place = event.get("place")
        if not _located(place):
            continue
        date = event.get("date") or {}
        features.append(
            _point(
                place["lon"],
                place["lat"],
                {
                    "kind": "event",
                    "id": event.get("id"),
                    "type": event.get("type"),
                    "status": event.get("status"),
                    "summary": event.get("summary"),
                    "date_start": date.get("start"),
                    "date_end": date.get("end"),
                    "date_granularity": date.get("granularity"),
                    "place": place.get("name"),
                    "place_feature": place.get("feature"),
                    "country": place.get("country"),
                    "admin1": (place.get("admin1") or {}).get("name"),
                    "admin1_code": (place.get("admin1") or {}).get("code"),
                    "source": (event.get("source") or {}).get("name"),
                    "target": (event.get("target") or {}).get("name"),
                    "reports": event.get("reports"),
                    "independent_sources": event.get("independent_sources"),
                    "outlets": ";".join(event.get("outlets") or []),
                },
            )
        )
    return features


def feature_collection(extractions: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the places of ``extractions`` and the fused ``events``."""
    return {"type": "FeatureCollection", "features": place_features(extractions) + event_features(events)}


def write_geojson(extractions: list[dict[str, Any]], events: list[dict[str, Any]], out: IO[str]) -> None:
    json.dump(feature_collection(extractions, events), out, ensure_ascii=False, indent=1)
    out.write("\n")
