"""ACLED-style rows from the fused picture: one row per happening, however many outlets reported it.

ACLED (Armed Conflict Location & Event Data) records political violence and protest as one row
per event with a fixed set of columns (:data:`COLUMNS`, in ACLED's order). :func:`rows` fuses the
extractions into a picture (``sitrep.fuse``: syndicated copies count once, reports of one happening
form one fused event) and turns each fused ``ASSAULT`` or ``PROTEST`` event that occurred into one
row: its type by the PLOVER → ACLED mapping of ``resources/plover_acled.json``, the actors, place
and date its members agree on, fatalities by ACLED's conservative rule (``fatalities.py``), the
independent outlets as ``source`` and a ``notes`` summary of who says what. docs/acled.md documents
every column. :func:`write_csv` writes the rows as CSV with formula-like cells made inert.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import IO, Any

from sitrep.export.acled_codes import civilian_targeting, disorder_type, inter_code, interaction, iso_number, region
from sitrep.export.acled_report import ExtractionIndex, Row, classify, load_mapping, location, when
from sitrep.export.fatalities import Statement, conservative, report_statements
from sitrep.export.spreadsheet import safe_row
from sitrep.layers.links.tolls import is_aggregate_wording

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
NOTE_STATEMENTS = 6  # fatality statements quoted in ``notes`` at most

Report = tuple[dict[str, Any], ExtractionIndex, dict[str, Any]]  # (picture member, its extraction, its event)


def rows(extractions: Iterable[dict[str, Any]], unlocated: bool = False) -> list[Row]:
    """ACLED rows of the fused picture of these sitrep/1 extractions, by date (the same whatever their order).

    An event placed in no country (no place, no party of known country) is left out, as ACLED codes
    every event at a location; ``unlocated`` keeps such events (country and location empty).
    """
    from sitrep.fuse import Picture

    picture = Picture()
    indexes: dict[str, ExtractionIndex] = {}
    for extraction in extractions:
        index = ExtractionIndex(extraction)
        picture.add(extraction)
        indexes.setdefault(index.document["id"], index)
    return picture_rows(picture.to_dict(), indexes, unlocated)


def write_csv(extractions: Iterable[dict[str, Any]], file: IO[str], unlocated: bool = False) -> int:
    """Write the ACLED rows of ``extractions`` as CSV (with a header) to ``file``; returns the row count."""
    writer = csv.DictWriter(file, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    produced = rows(extractions, unlocated)
    for row in produced:
        writer.writerow(safe_row(row))
    return len(produced)


def picture_rows(view: dict[str, Any], indexes: dict[str, ExtractionIndex], unlocated: bool = False) -> list[Row]:
    """One row per exportable fused event of a picture view (``Picture.to_dict()``), by date then id."""
    originals = {s["id"]: s["original"] for s in view["syndication"]}
    built = [
        row
        for event in view["events"]
        if (row := fused_row(event, view, indexes, originals)) is not None and (unlocated or row["country"])
    ]
    return sorted(built, key=lambda r: (r["event_date"], r["event_id_cnty"]))


# --- the fused event's reports --------------------------------------------------------------------------------------


def exportable_reports(fused: dict[str, Any], indexes: dict[str, ExtractionIndex]) -> list[Report]:
    """The members that report the happening itself: an ACLED type, a status ACLED records, not an aggregate."""
    mapping = load_mapping()
    found: list[Report] = []
    for member in fused["members"]:
        index = indexes.get(member["document"])
        event = index.event(member["event"]) if index else None
        if (
            index is None
            or event is None
            or member["type"] not in mapping["types"]
            or member["status"] not in mapping["statuses"]
            or is_aggregate_wording(member["text"])
        ):
            continue
        found.append((member, index, event))
    if not found:
        return []
    types = Counter(m["type"] for m, _, _ in found)
    kind = min(types, key=lambda t: (-types[t], t))
    return [r for r in found if r[0]["type"] == kind]


def _richness(report: Report) -> tuple[int, ...]:
    """Reports naming more (parties, place, a date of their own, a toll) tell the event best."""
    member, _, event = report
    named = sum(member[k] is not None for k in ("source", "target", "place"))
    return (-(named + bool(event.get("time")) + bool(event.get("figures"))),)


def _item_of(fused: dict[str, Any], role: str, reports: list[Report], layer_field: str) -> dict[str, Any] | None:
    """The extraction item (actor or place) behind the fused event's ``role``, from the first report naming it."""
    chosen = fused.get(role)
    if not chosen:
        return None
    for member, index, event in reports:
        if member.get(role) and member[role]["key"] == chosen["key"]:
            return index.get(event.get(layer_field))
    return None


def _time_of(fused: dict[str, Any], reports: list[Report]) -> dict[str, Any] | None:
    """The time item of a report whose own date is the fused event's date."""
    day = fused.get("date")
    if not day or day.get("from_published"):
        return None
    for member, index, event in reports:
        own = member.get("date")
        if own and not own.get("from_published") and (own["start"], own["end"]) == (day["start"], day["end"]):
            return index.get(event.get("time"))
    return None


def composite(fused: dict[str, Any], reports: list[Report]) -> tuple[ExtractionIndex, dict[str, Any]]:
    """One report standing for the fused event: the best report's wording and the parties, place and date
    the members agree on, so the per-report ACLED rules (``acled_report``) apply to it."""
    member, index, event = min(reports, key=_richness)
    parts = {
        "S": _item_of(fused, "source", reports, "source"),
        "T": _item_of(fused, "target", reports, "target"),
        "P": _item_of(fused, "place", reports, "place"),
        "X": _time_of(fused, reports),
    }
    modes = Counter(e.get("mode") for _, _, e in reports if e.get("mode"))
    day = (fused.get("date") or {}).get("start") or (fused["first_reported"]["published"] or "")
    extraction = {
        "document": {**index.document, "published": day},
        "actors": [{**party, "id": k} for k in ("S", "T") if (party := parts[k])],
        "places": [{**parts["P"], "id": "P"}] if parts["P"] else [],
        "times": [{**parts["X"], "id": "X"}] if parts["X"] else [],
    }
    stand_in = {
        **event,
        "type": member["type"],
        "mode": min(modes, key=lambda m: (-modes[m], m)) if modes else None,
        "source": "S" if parts["S"] else None,
        "target": "T" if parts["T"] else None,
        "place": "P" if parts["P"] else None,
        "time": "X" if parts["X"] else None,
    }
    return ExtractionIndex(extraction), stand_in


# --- the row ----------------------------------------------------------------------------------------------------------


def fused_row(
    fused: dict[str, Any], view: dict[str, Any], indexes: dict[str, ExtractionIndex], originals: dict[str, str]
) -> Row | None:
    """One fused event as an ACLED row, or None when ACLED would not record it."""
    reports = exportable_reports(fused, indexes)
    if not reports:
        return None
    mapping = load_mapping()
    index, event = composite(fused, reports)
    event_type, sub_event_type = classify(index, event, mapping)
    where, iso3 = location(index, event, mapping)
    event_date, time_precision = when(index, event, mapping)
    source, target = index.get(event.get("source")), index.get(event.get("target"))
    actor1, actor2 = _actor_names(fused, index, event, event_type, where["country"], mapping)
    inter1 = inter_code(source, "source", event_type, iso3)
    inter2 = inter_code(target, "target", event_type, iso3) if actor2 else None
    statements = [s for _, report_index, report_event in reports for s in report_statements(report_index, report_event)]
    contested = fused.get("contested")
    outlets = list(dict.fromkeys(independent_outlets(fused, view, originals) + quoted_media(reports)))
    return {
        "event_id_cnty": event_id(fused["id"], iso3, mapping),
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date[:4].isdigit() else "",
        "time_precision": time_precision,
        "disorder_type": disorder_type(event_type, sub_event_type),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": associates(fused, reports, "source"),
        "inter1": inter1 or "",
        "actor2": actor2,
        "assoc_actor_2": associates(fused, reports, "target"),
        "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(event_type, inter2),
        "iso": iso_number(iso3),
        "region": region(iso3),
        **where,
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": notes(fused, reports, event_date, statements, contested, len(outlets)),
        "fatalities": conservative(statements),
        "tags": tags(statements, contested or fused["status"] == "contested", mapping),
        "timestamp": timestamp(fused["last_reported"]["published"]),
    }


def _actor_names(
    fused: dict[str, Any],
    index: ExtractionIndex,
    event: dict[str, Any],
    event_type: str,
    country: str,
    mapping: dict[str, Any],
) -> tuple[str, str]:
    """ACLED actor1 and actor2: the picture's names for the parties, ACLED's generic names for unnamed ones."""
    from sitrep.export.acled_report import actors

    actor1, actor2 = actors(index, event, mapping, event_type, country)
    source, target = index.get(event.get("source")), index.get(event.get("target"))
    if source and fused.get("source") and actor1 == source["name"]:
        actor1 = fused["source"]["name"]
    if target and fused.get("target") and actor2 == target["name"]:
        actor2 = fused["target"]["name"]
    return actor1, actor2


def event_id(fused_id: str, iso3: str | None, mapping: dict[str, Any]) -> str:
    """A stable id: the country's ISO3 code and digits of the fused event's id (a hash of its earliest report)."""
    digits = int(mapping["event_id_digits"])
    return f"{iso3 or 'XXX'}{int(fused_id.removeprefix('ev_'), 16) % 10**digits:0{digits}d}"


def associates(fused: dict[str, Any], reports: list[Report], role: str) -> str:
    """Other parties the reports name in the same role (an official beside the state they act for)."""
    chosen = (fused.get(role) or {}).get("key")
    names = sorted({m[role]["name"] for m, _, _ in reports if m.get(role) and m[role]["key"] != chosen})
    return "; ".join(names)


def independent_outlets(fused: dict[str, Any], view: dict[str, Any], originals: dict[str, str]) -> list[str]:
    """One outlet per independent source: a syndicated story is named by its original's outlet, once."""
    names: list[str] = []
    for member in fused["members"]:
        original = originals.get(member["story"])
        outlet = (view["documents"].get(original) or {}).get("source") if original else member["outlet"]
        if outlet and outlet not in names:
            names.append(outlet)
    return names


def quoted_media(reports: list[Report]) -> list[str]:
    """Media the reports quote or pass a claim through ("…, the Kyiv Independent reported")."""
    names: list[str] = []
    for _, index, event in reports:
        for claim_id in event.get("claims") or []:
            claim = index.get(claim_id) or {}
            for actor_id in [claim.get("speaker"), *(claim.get("via") or [])]:
                actor = index.get(actor_id)
                if actor and actor.get("type") == "media" and actor.get("name") and actor["name"] not in names:
                    names.append(actor["name"])
    return names


def _speakers_of(side: dict[str, Any]) -> str:
    return ", ".join(s["name"] for s in side["speakers"] if s.get("name")) or "unnamed sources"


def notes(
    fused: dict[str, Any],
    reports: list[Report],
    event_date: str,
    statements: list[Statement],
    contested: dict[str, Any] | None,
    sources: int,
) -> str:
    """A summary: what happened, who gave which death toll, who asserts and who denies, and the trace."""
    member, _, _ = min(reports, key=_richness)
    parts = [
        f"On {event_date}: {member['text'].strip().rstrip('.')}."
        if event_date
        else f"{member['text'].strip().rstrip('.')}."
    ]
    said = sorted({name for m in fused["members"] for name in m["asserted_by"]})
    if said:
        parts.append(f"According to {', '.join(said)}.")
    distinct: dict[tuple[int, str], str] = {}  # (count, who) -> its first wording
    for s in statements:
        distinct.setdefault((s.value, s.speaker or s.outlet or "the report"), s.text)
    if distinct:
        said_deaths = [f"{text} ({who})" for (_, who), text in list(distinct.items())[:NOTE_STATEMENTS]]
        parts.append("Deaths reported: " + "; ".join(said_deaths) + ".")
    if contested:
        asserted, denied = contested["asserted"], contested["denied"]
        parts.append(
            f'Contested: {_speakers_of(asserted)} say "{asserted["claims"][0]["content"]}"; '
            f'{_speakers_of(denied)} deny it ("{denied["claims"][0]["content"]}").'
        )
    modes = "/".join(fused["modes"])
    parts.append(
        f"[{fused['reports']} reports, {sources} independent sources; "
        f"sitrep {fused['id']}, PLOVER {member['type']}{'/' + modes if modes else ''}]"
    )
    return " ".join(parts)


def tags(statements: list[Statement], contested: Any, mapping: dict[str, Any]) -> str:
    """ACLED-style tags: contested (a party denies what another asserts, or a report denies the event),
    and the range of conflicting death tolls."""
    out = []
    if contested:
        out.append(mapping["contested_tag"])
    numeric = sorted({s.value for s in statements if not s.vague})
    if len(numeric) > 1:
        out.append(f"fatalities reported={numeric[0]}-{numeric[-1]}")
    return "; ".join(out)


def timestamp(published: str | None) -> int | str:
    """When the event's picture last changed: its latest report's publication day (00:00 UTC), as Unix time."""
    try:
        day = date.fromisoformat((published or "")[:10])
    except ValueError:
        return ""
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
