"""Turn one sitrep/1 extraction into table rows, without touching a database.

``LAYERS`` and ``ITEM_LISTS`` say, as data, which contract field goes to which
column; ``layer_rows`` applies them and checks what the database would otherwise
reject with a less helpful message: a missing required field, a malformed span, a
duplicate local id, a reference to an id the document does not have.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sitrep.errors import StoreError
from sitrep.keys import actor_key, load_key_rules, place_key
from sitrep.model import content_id
from sitrep.store.tables import (
    LAYER_MODELS,
    Actor,
    ActorMention,
    Base,
    Claim,
    ClaimFigure,
    ClaimPlace,
    ClaimVia,
    Event,
    EventClaim,
    EventFigure,
    Figure,
    Place,
    PlaceMention,
    Time,
)

Row = dict[str, Any]
LayerRows = dict[type[Base], list[Row]]


@dataclass(frozen=True)
class Layer:
    """One top-level list of the contract (``actors``, ``claims``, ...) and its table."""

    key: str
    model: type[Base]
    columns: Mapping[str, str]  # column -> contract field
    spans: Mapping[str, str] = field(default_factory=dict)  # column prefix -> span field
    references: Mapping[str, str] = field(default_factory=dict)  # field -> layer it points into


@dataclass(frozen=True)
class ItemList:
    """A list inside each item of a layer (``claims[].via``, ``actors[].mentions``)."""

    layer: str
    key: str
    model: type[Base]
    owner_column: str
    column: str | None = None  # None: the list holds spans
    target: str | None = None  # layer the listed ids point into


def _same(*names: str) -> dict[str, str]:
    return {name: name for name in names}


LAYERS: tuple[Layer, ...] = (
    Layer(
        "actors",
        Actor,
        {**_same("name", "type", "country", "role"), "affiliation_id": "affiliation"},
        references={"affiliation": "actors"},
    ),
    Layer("places", Place, _same("name", "feature", "country", "lat", "lon", "geonames_id")),
    Layer(
        "times",
        Time,
        {**_same("text", "granularity", "relative"), "start_date": "start", "end_date": "end"},
        spans={"span": "span"},
    ),
    Layer(
        "claims",
        Claim,
        {
            **_same("speaker_text", "cue", "content", "kind", "stance", "factuality"),
            "speaker_id": "speaker",
            "time_id": "time",
        },
        spans={"speaker": "speaker_span", "cue": "cue_span", "content": "content_span"},
        references={"speaker": "actors", "time": "times"},
    ),
    Layer(
        "figures",
        Figure,
        {
            **_same("text", "value", "low", "high", "qualifier", "unit", "noun", "category"),
            "actor_id": "actor",
            "place_id": "place",
            "time_id": "time",
            "claim_id": "claim",
        },
        spans={"span": "span"},
        references={"actor": "actors", "place": "places", "time": "times", "claim": "claims"},
    ),
    Layer(
        "events",
        Event,
        {
            **_same("type", "mode", "status", "text"),
            "source_id": "source",
            "target_id": "target",
            "place_id": "place",
            "time_id": "time",
        },
        spans={"span": "span"},
        references={"source": "actors", "target": "actors", "place": "places", "time": "times"},
    ),
)

ITEM_LISTS: tuple[ItemList, ...] = (
    ItemList("actors", "mentions", ActorMention, "actor_id"),
    ItemList("places", "mentions", PlaceMention, "place_id"),
    ItemList("claims", "via", ClaimVia, "claim_id", "actor_id", "actors"),
    ItemList("claims", "figures", ClaimFigure, "claim_id", "figure_id", "figures"),
    ItemList("claims", "places", ClaimPlace, "claim_id", "place_id", "places"),
    ItemList("events", "figures", EventFigure, "event_id", "figure_id", "figures"),
    ItemList("events", "claims", EventClaim, "event_id", "claim_id", "claims"),
)


def document_id_of(extraction: Mapping[str, Any]) -> str:
    """The id of an extraction's document; raises StoreError when there is none."""
    document = extraction.get("document") if isinstance(extraction, Mapping) else None
    if not isinstance(document, Mapping) or not isinstance(document.get("id"), str) or not document["id"]:
        raise StoreError("extraction has no document.id: not a sitrep/1 object")
    return str(document["id"])


def document_row(
    document: Mapping[str, Any],
    *,
    status: str,
    origin: str | None,
    ingested_at: datetime,
    extraction: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Row:
    """The ``documents`` row; ``document`` is the contract's ``document`` object.

    Without an ``id`` the document is keyed by the sha256 of its text.
    """
    text = document.get("text")
    if not isinstance(text, str):
        raise StoreError(f"document {document.get('id') or '?'}: no text to store")
    return {
        "id": document.get("id") or content_id(text),
        "title": document.get("title"),
        "source": document.get("source"),
        "url": document.get("url"),
        "published": document.get("published"),
        "language": document.get("language"),
        "text": text,
        "origin": origin,
        "ingested_at": ingested_at,
        "status": status,
        "schema_version": extraction.get("schema") if extraction else None,
        "extraction": dict(extraction) if extraction is not None else None,
        "extra": dict(extra) if extra is not None else None,
    }


def layer_rows(extraction: Mapping[str, Any]) -> LayerRows:
    """Rows for every table below ``documents``, keyed by model in ``LAYER_MODELS`` order."""
    doc_id = document_id_of(extraction)
    rows: LayerRows = {model: [] for model in LAYER_MODELS}
    items = {layer.key: _items(extraction, layer.key, doc_id) for layer in LAYERS}
    for layer in LAYERS:
        rows[layer.model] = [_item_row(doc_id, layer, item) for item in items[layer.key]]
    for item_list in ITEM_LISTS:
        rows[item_list.model] = _list_rows(doc_id, item_list, items[item_list.layer])
    _check_references(doc_id, items)
    _add_entity_keys(rows, items)
    return rows


def _add_entity_keys(rows: LayerRows, items: Mapping[str, list[Mapping[str, Any]]]) -> None:
    """Give each actor and place row its cross-document key (the fusion layer's canonical key)."""
    rules = load_key_rules().entities
    for row, actor in zip(rows[Actor], items["actors"], strict=True):
        row["entity_key"] = actor_key(dict(actor), rules)
    for row, place in zip(rows[Place], items["places"], strict=True):
        row["entity_key"] = place_key(dict(place), rules)


def row_counts(extraction: Mapping[str, Any]) -> dict[str, int]:
    """How many rows saving ``extraction`` adds to each table."""
    from sitrep.keys import copy_test

    counts = {"documents": 1}
    counts.update({model.__tablename__: len(found) for model, found in layer_rows(extraction).items()})
    document = extraction["document"]
    fingerprint = copy_test().fingerprint(document["text"], document.get("title"))
    counts.update({"stories": 1, "story_bands": len(set(copy_test().band_keys(fingerprint)))})
    return counts


def _fail(doc_id: str, problem: str) -> StoreError:
    return StoreError(f"document {doc_id[:12]}: {problem}")


def _items(extraction: Mapping[str, Any], key: str, doc_id: str) -> list[Mapping[str, Any]]:
    items = extraction.get(key) or []
    if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
        raise _fail(doc_id, f"'{key}' is not a list of objects")
    seen: set[Any] = set()
    for item in items:
        item_id = item.get("id")
        if not isinstance(item_id, str) or not item_id:
            raise _fail(doc_id, f"an item of '{key}' has no id")
        if item_id in seen:
            raise _fail(doc_id, f"id {item_id} appears twice in '{key}'")
        seen.add(item_id)
    return items


def _item_row(doc_id: str, layer: Layer, item: Mapping[str, Any]) -> Row:
    row: Row = {"document_id": doc_id, "id": item["id"]}
    table = layer.model.__table__
    for column, name in layer.columns.items():
        value = item.get(name)
        if value is None and not table.c[column].nullable:
            raise _fail(doc_id, f"{layer.key} {item['id']} has no '{name}'")
        row[column] = value
    for prefix, name in layer.spans.items():
        start, end = _span(doc_id, f"{layer.key} {item['id']}.{name}", item.get(name))
        if start is None and not table.c[f"{prefix}_start"].nullable:
            raise _fail(doc_id, f"{layer.key} {item['id']} has no '{name}'")
        row[f"{prefix}_start"], row[f"{prefix}_end"] = start, end
    return row


def _list_rows(doc_id: str, item_list: ItemList, owners: list[Mapping[str, Any]]) -> list[Row]:
    rows: list[Row] = []
    for owner in owners:
        values = owner.get(item_list.key) or []
        if not isinstance(values, list):
            raise _fail(doc_id, f"{item_list.layer} {owner['id']}: '{item_list.key}' is not a list")
        for position, value in enumerate(values):
            row: Row = {"document_id": doc_id, item_list.owner_column: owner["id"], "position": position}
            where = f"{item_list.layer} {owner['id']}.{item_list.key}"
            if value is None:
                raise _fail(doc_id, f"{where} contains null")
            if item_list.column is None:
                row["span_start"], row["span_end"] = _span(doc_id, where, value)
            else:
                row[item_list.column] = value
            rows.append(row)
    return rows


def _span(doc_id: str, where: str, value: Any) -> tuple[int | None, int | None]:
    """``(start, end)`` of a contract span, ``(None, None)`` for null."""
    if value is None:
        return None, None
    if (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(bound, int) and not isinstance(bound, bool) for bound in value)
    ):
        return value[0], value[1]
    raise _fail(doc_id, f"{where} is {value!r}, not a [start, end] span")


def _check_references(doc_id: str, items: Mapping[str, list[Mapping[str, Any]]]) -> None:
    ids = {key: {item["id"] for item in found} for key, found in items.items()}
    for layer in LAYERS:
        for item in items[layer.key]:
            for name, target in layer.references.items():
                _check_reference(doc_id, f"{layer.key} {item['id']}.{name}", item.get(name), ids[target], target)
    for item_list in ITEM_LISTS:
        if item_list.target is None:
            continue
        for item in items[item_list.layer]:
            for value in item.get(item_list.key) or []:
                where = f"{item_list.layer} {item['id']}.{item_list.key}"
                _check_reference(doc_id, where, value, ids[item_list.target], item_list.target)


def _check_reference(doc_id: str, where: str, value: Any, known: set[str], target: str) -> None:
    if value is not None and (not isinstance(value, str) or value not in known):
        raise _fail(doc_id, f"{where} refers to {value!r}, which is not in '{target}'")
