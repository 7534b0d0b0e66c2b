"""ACLED-style rows for sitrep's violent and demonstration events.

ACLED (Armed Conflict Location & Event Data) records political violence and protest as
one row per event with a fixed set of columns. :func:`rows` turns sitrep/1 extraction
objects into such rows: PLOVER ``ASSAULT`` and ``PROTEST`` events that occurred (or are
ongoing) become ACLED event types by the mapping in ``resources/plover_acled.json``
(documented in docs/events.md); places give the location and ACLED's ``geo_precision``,
times the date and ``time_precision``; ``fatalities`` follows ACLED's conservative rule
(the lowest of conflicting killed counts, 0 when none is stated). :func:`write_csv`
writes them as CSV.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import IO, Any

from sitrep.errors import InputError, ResourceError

COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "source", "notes",
)
MAPPING_FILE = "plover_acled.json"

Row = dict[str, Any]


@lru_cache(maxsize=1)
def load_mapping() -> dict[str, Any]:
    """The PLOVER → ACLED mapping, read once from ``resources/plover_acled.json``."""
    path = resources.files("sitrep.resources").joinpath(MAPPING_FILE)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ResourceError(f"{MAPPING_FILE}: cannot be read ({exc})") from exc


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
                self.items[item["id"]] = item

    def get(self, item_id: str | None) -> dict[str, Any] | None:
        return self.items.get(item_id) if item_id else None

    @property
    def text(self) -> str:
        return self.document.get("text") or ""


def rows(extractions: Iterable[dict[str, Any]]) -> Iterator[Row]:
    """ACLED rows for the violent and demonstration events of sitrep/1 extraction objects, in order."""
    mapping = load_mapping()
    for extraction in extractions:
        index = ExtractionIndex(extraction)
        for event in index.events:
            row = event_row(index, event, mapping)
            if row is not None:
                yield row


def write_csv(extractions: Iterable[dict[str, Any]], file: IO[str]) -> int:
    """Write the ACLED rows of ``extractions`` as CSV (with a header) to ``file``; returns the row count."""
    writer = csv.DictWriter(file, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows(extractions):
        writer.writerow(row)
        count += 1
    return count


def event_row(index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any]) -> Row | None:
    """One event as an ACLED row, or None when ACLED would not record it (type or status)."""
    if event.get("type") not in mapping["types"] or event.get("status") not in mapping["statuses"]:
        return None
    event_type, sub_event_type = classify(index, event, mapping)
    where = location(index, event, mapping)
    event_date, time_precision = when(index, event, mapping)
    actor1, actor2 = actors(index, event, mapping, event_type, where["country"])
    return {
        "event_date": event_date, "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": actor1, "actor2": actor2, **where, "time_precision": time_precision,
        "fatalities": fatalities(index, event, mapping), "source": sources(index, event),
        "notes": notes(index, event, event_date),
    }


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

def actors(index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any], event_type: str,
           country: str) -> tuple[str, str]:
    """ACLED actor1 (who acts) and actor2 (on whom); unnamed perpetrators and victims get ACLED's generic names."""
    unknown = mapping["unknown_actor"]
    suffix = f" ({country})" if country else ""
    source, target = index.get(event.get("source")), index.get(event.get("target"))
    if source:
        actor1 = source["name"]
    elif event["type"] == "PROTEST":
        actor1 = unknown["riot" if event_type == "Riots" else "PROTEST"] + suffix
    else:
        actor1 = unknown["ASSAULT"] + suffix
    if target:
        actor2 = target["name"]
    else:
        actor2 = unknown["victims"] + suffix if event_type == "Violence against civilians" else ""
    return actor1, actor2


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
            entry.country == place.get("country") and entry.lat is not None and place.get("lat") is not None
            and abs(entry.lat - place["lat"]) < 0.5 and abs((entry.lon or 0) - (place.get("lon") or 0)) < 0.5)
        if same and entry.admin1:
            division = gazetteer.division(entry.admin1)
            return division.name if division else ""
    return ""


def location(index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any]) -> Row:
    """Country, admin1, location, coordinates and ACLED geo_precision (1 town, 2 area, 3 province or country)."""
    precision = mapping["geo_precision"]
    place = index.get(event.get("place"))
    if place is None:
        iso3 = next((a.get("country") for a in (index.get(event.get("target")), index.get(event.get("source")))
                     if a and a.get("country")), None)
        return {"country": _country_name(iso3), "admin1": "", "location": "", "latitude": "", "longitude": "",
                "geo_precision": precision["none"]}
    feature = place.get("feature") or "other"
    return {
        "country": _country_name(place.get("country")), "admin1": _admin1_name(place),
        "location": place.get("name") or "",
        "latitude": "" if place.get("lat") is None else place["lat"],
        "longitude": "" if place.get("lon") is None else place["lon"],
        "geo_precision": precision.get(feature, precision["none"]),
    }


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


# --- fatalities, sources, notes -----------------------------------------------------------------------------------

def _is_subset(index: ExtractionIndex, figure: dict[str, Any], markers: list[str]) -> bool:
    """"…20 soldiers were killed, including six advisers": the six are part of the twenty."""
    start = figure["span"][0]
    before = index.text[max(0, start - 20):start].lower()
    return any(before.rstrip().endswith(marker) for marker in markers)


def _count(figure: dict[str, Any]) -> float | None:
    for key in ("value", "low", "high"):
        if figure.get(key) is not None:
            return figure[key]
    return None


def fatalities(index: ExtractionIndex, event: dict[str, Any], mapping: dict[str, Any]) -> int:
    """Deaths by ACLED's conservative rule: the lowest of conflicting killed counts; parts of a total are not counts."""
    figures = [index.get(f) for f in event.get("figures") or []]
    killed = [f for f in figures if f and f.get("category") == "killed"]
    totals = [f for f in killed if not _is_subset(index, f, mapping["subset_markers"])] or killed
    counts = [c for c in (_count(f) for f in totals) if c is not None]
    return int(min(counts)) if counts else 0


def sources(index: ExtractionIndex, event: dict[str, Any]) -> str:
    """The outlet that published the article and any outlets its claims came through."""
    names = [index.document.get("source") or ""]
    for claim_id in event.get("claims") or []:
        claim = index.get(claim_id) or {}
        for actor_id in [claim.get("speaker"), *(claim.get("via") or [])]:
            actor = index.get(actor_id)
            if actor and actor.get("type") == "media":
                names.append(actor["name"])
    unique = list(dict.fromkeys(n for n in names if n))
    return "; ".join(unique)


def notes(index: ExtractionIndex, event: dict[str, Any], event_date: str) -> str:
    """A one-line summary ("On DATE: what happened (according to whom). [PLOVER type; sitrep ids]")."""
    text = (event.get("text") or "").strip().rstrip(".")
    claim = index.get((event.get("claims") or [None])[0])
    speaker = index.get(claim.get("speaker")) if claim else None
    said = f" (according to {speaker['name']})" if speaker else ""
    opening = f"On {event_date}: " if event_date else ""
    mode = f"/{event['mode']}" if event.get("mode") else ""
    document_id = (index.document.get("id") or "")[:12]
    trace = f"[PLOVER {event['type']}{mode}, {event.get('status')}; sitrep {document_id}/{event.get('id')}]"
    return f"{opening}{text}{said}. {trace}"
