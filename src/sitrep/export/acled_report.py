"""ACLED fields of one event report: event type, actors, place and date (``sitrep.export.acled`` uses them).

Each function reads one sitrep/1 event dict with its extraction (:class:`ExtractionIndex`) and the
PLOVER → ACLED mapping of ``resources/plover_acled.json`` (documented in docs/acled.md). The fused
export calls them on a composite report: the fused event's representative wording and mode with the
source, target, place and time its members agree on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from sitrep import resources
from sitrep.errors import InputError

MAPPING_FILE = "plover_acled.json"

Row = dict[str, Any]


@lru_cache(maxsize=1)
def load_mapping() -> dict[str, Any]:
    """The PLOVER → ACLED mapping, read once from ``resources/plover_acled.json``."""
    return resources.json_object(MAPPING_FILE)


class ExtractionIndex:
    """One sitrep/1 extraction with its items reachable by id."""

    def __init__(self, extraction: dict[str, Any]) -> None:
        if not isinstance(extraction, dict) or "document" not in extraction:
            raise InputError("ACLED export: expected sitrep/1 extraction objects (with a 'document')")
        self.document: dict[str, Any] = extraction["document"] or {}
        self.events: list[dict[str, Any]] = extraction.get("events") or []
        self.items: dict[str, dict[str, Any]] = {}
        for layer in ("actors", "places", "times", "figures", "claims"):
            for item in extraction.get(layer) or []:
                if isinstance(item, dict) and "id" in item:
                    self.items[item["id"]] = item
        self.by_id: dict[str, dict[str, Any]] = {e["id"]: e for e in self.events if isinstance(e, dict) and "id" in e}

    def get(self, item_id: str | None) -> dict[str, Any] | None:
        return self.items.get(item_id) if item_id else None

    def event(self, event_id: str) -> dict[str, Any] | None:
        return self.by_id.get(event_id)

    @property
    def text(self) -> str:
        return self.document.get("text") or ""


# --- event type -------------------------------------------------------------------------------------------------


def _has_any(text: str, words: Iterable[str]) -> bool:
    padded = f" {text.lower()} "
    return any(f" {w} " in padded or f" {w}," in padded or f" {w}." in padded for w in words)


def _actor_type(index: ExtractionIndex, actor_id: str | None) -> str | None:
    actor = index.get(actor_id)
    return actor.get("type") if actor else None


def classify(index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any]) -> tuple[str, str]:
    """ACLED ``(event_type, sub_event_type)`` of a PLOVER ASSAULT or PROTEST event."""
    if event["type"] == "PROTEST":
        return _classify_protest(event, mapping)
    return _classify_assault(index, event, mapping)


def _classify_assault(index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any]) -> tuple[str, str]:
    text = event.get("text") or ""
    territory = mapping["territory"]
    source_type = _actor_type(index, event.get("source"))
    if _has_any(text, territory["regain_words"]) and source_type in territory["government_types"]:
        return "Battles", "Government regains territory"
    if _has_any(text, territory["capture_words"]) and source_type in territory["non_state_types"]:
        return "Battles", "Non-state actor overtakes territory"
    if _has_any(text, mapping["disrupted_words"]):
        return "Strategic developments", "Disrupted weapons use"
    by_mode = mapping["assault_by_mode"].get(event.get("mode") or "")
    if by_mode:
        return by_mode[0], _refined_sub_event(text, by_mode[0], by_mode[1], mapping)
    target_type = _actor_type(index, event.get("target"))
    if target_type in mapping["armed_types"]:
        return tuple(mapping["armed_default"])  # type: ignore[return-value]
    if target_type in mapping["civilian_types"]:
        return tuple(mapping["civilian_default"])  # type: ignore[return-value]
    if _has_any(text, mapping["civilian_words"]) and not _has_any(text, mapping["combatant_words"]):
        return tuple(mapping["civilian_default"])  # type: ignore[return-value]
    return tuple(mapping["armed_default"])  # type: ignore[return-value]


def _refined_sub_event(text: str, event_type: str, sub_event_type: str, mapping: dict[str, Any]) -> str:
    """Words in the event's text that ACLED separates ("missile" strikes are shelling, not air strikes)."""
    for rule in mapping["sub_event_by_words"]:
        if rule["event_type"] != event_type or rule["sub_event_type"] == sub_event_type:
            continue
        if _has_any(text, rule["words"]) and not _has_any(text, rule.get("unless", [])):
            return rule["sub_event_type"]
    return sub_event_type


def _classify_protest(event: dict[str, Any], mapping: dict[str, Any]) -> tuple[str, str]:
    text = event.get("text") or ""
    cues = mapping["protest"]
    kinds = mapping["protest_types"]
    if event.get("mode") in cues["riot_modes"]:
        kind = "mob" if _has_any(text, cues["mob_words"]) else "riot"
    elif _has_any(text, cues["excessive_force_words"]):
        kind = "excessive_force"
    elif _has_any(text, cues["intervention_words"]):
        kind = "intervention"
    else:
        kind = "peaceful"
    return kinds[kind][0], kinds[kind][1]


# --- actors, place, time ------------------------------------------------------------------------------------------


def actors(
    index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any], event_type: str, country: str
) -> tuple[str, str]:
    """ACLED actor1 (who acts) and actor2 (on whom); unnamed perpetrators and victims get ACLED's generic names.

    A crowd ("hundreds of residents") is ACLED's generic protesters, and remote violence that kills
    people, none of them named as combatants, has civilians as its actor2."""
    unknown = mapping["unknown_actor"]
    suffix = f" ({country})" if country else ""
    source, target = index.get(event.get("source")), index.get(event.get("target"))
    if event["type"] == "PROTEST" and (source is None or source.get("type") in mapping["protest"]["crowd_types"]):
        actor1 = unknown["riot" if event_type == "Riots" else "PROTEST"] + suffix
    elif source:
        actor1 = source["name"]
    else:
        actor1 = unknown["ASSAULT"] + suffix
    if target and not _unnamed_civilians(target, mapping):
        actor2 = target["name"]
    elif target or hits_civilians(event, event_type, mapping):
        actor2 = unknown["victims"] + suffix
    else:
        actor2 = ""
    return actor1, actor2


def _unnamed_civilians(actor: dict[str, Any], mapping: dict[str, Any]) -> bool:
    """An actor that only names a class of civilians ("people", "residents"): ACLED's generic civilians."""
    name = actor.get("name") or ""
    return actor.get("type") == "population" and name[:1].islower() and _has_any(name, mapping["civilian_words"])


def hits_civilians(event: dict[str, Any], event_type: str, mapping: dict[str, Any]) -> bool:
    """Violence against civilians, or remote violence whose wording names civilian victims and no combatants."""
    if event_type == "Violence against civilians":
        return True
    text = event.get("text") or ""
    return (
        event_type == "Explosions/Remote violence"
        and _has_any(text, mapping["civilian_words"])
        and not _has_any(text, mapping["combatant_words"])
    )


def _country_name(iso3: str | None) -> str:
    if not iso3:
        return ""
    from sitrep.geo.gazetteer import load_gazetteer

    entry = load_gazetteer().country(iso3)
    return entry.name if entry else iso3


def _admin1_name(place: dict[str, Any]) -> str:
    """The first-level division a town lies in, from the gazetteer."""
    if place.get("feature") == "admin1":
        return place["name"]
    if place.get("feature") not in ("city", "other", "admin2"):
        return ""
    from sitrep.geo.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    for entry in gazetteer.lookup(place["name"]):
        same = (place.get("geonames_id") and entry.geonames_id == place.get("geonames_id")) or (
            entry.country == place.get("country")
            and entry.lat is not None
            and place.get("lat") is not None
            and abs(entry.lat - place["lat"]) < 0.5
            and abs((entry.lon or 0) - (place.get("lon") or 0)) < 0.5
        )
        if same and entry.admin1:
            division = gazetteer.division(entry.admin1)
            return division.name if division else ""
    return ""


def location(index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any]) -> tuple[Row, str | None]:
    """Country, admin1-3, location, coordinates and ACLED geo_precision (1 town, 2 area, 3 province or
    country), with the ISO3 code of the country (from the place, else from the event's parties)."""
    precision = mapping["geo_precision"]
    place = index.get(event.get("place"))
    if place is None:
        iso3 = next(
            (
                a.get("country")
                for a in (index.get(event.get("target")), index.get(event.get("source")))
                if a and a.get("country")
            ),
            None,
        )
        return {
            "country": _country_name(iso3),
            "admin1": "",
            "admin2": "",
            "admin3": "",
            "location": "",
            "latitude": "",
            "longitude": "",
            "geo_precision": precision["none"],
        }, iso3
    feature = place.get("feature") or "other"
    return {
        "country": _country_name(place.get("country")),
        "admin1": _admin1_name(place),
        "admin2": place.get("name") or "" if feature == "admin2" else "",
        "admin3": "",
        "location": place.get("name") or "",
        "latitude": "" if place.get("lat") is None else place["lat"],
        "longitude": "" if place.get("lon") is None else place["lon"],
        "geo_precision": precision.get(feature, precision["none"]),
    }, place.get("country")


def when(index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any]) -> tuple[str, int]:
    """ACLED event_date and time_precision (1 day, 2 week or a few days, 3 month or vaguer)."""
    precision = mapping["time_precision"]
    time = index.get(event.get("time"))
    if time is None or not time.get("start"):
        published = (index.document.get("published") or "")[:10]
        return published, precision["none"]
    start, end = time["start"][:10], (time.get("end") or time["start"])[:10]
    granularity = time.get("granularity") or "unknown"
    level = precision.get(granularity, precision["unknown"])
    if granularity == "day" and start != end:
        try:
            days = (date.fromisoformat(end) - date.fromisoformat(start)).days
        except ValueError:
            days = mapping["day_range_week"] + 1
        level = precision["week"] if days <= mapping["day_range_week"] else precision["month"]
    return start, level
