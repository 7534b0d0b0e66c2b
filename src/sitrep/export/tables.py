"""Flat tables of stored extractions: one row per document, event, claim, figure, actor and place.

Every row carries its ``document`` id and item ``id``; references to other items stay ids
(``source``, ``place``, ``speaker``...), lists are joined with ``;``, spans become
``start``/``end`` columns. The CSV and Parquet exports both write these tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sitrep.errors import InputError

Row = dict[str, Any]

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("document", "title", "source", "url", "published", "language", "characters"),
    "events": (
        "document",
        "id",
        "type",
        "mode",
        "status",
        "source",
        "target",
        "place",
        "time",
        "figures",
        "claims",
        "text",
        "start",
        "end",
    ),
    "claims": (
        "document",
        "id",
        "speaker",
        "speaker_text",
        "cue",
        "kind",
        "stance",
        "factuality",
        "time",
        "figures",
        "places",
        "content",
        "start",
        "end",
    ),
    "figures": (
        "document",
        "id",
        "category",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "noun",
        "actor",
        "place",
        "time",
        "claim",
        "text",
        "start",
        "end",
    ),
    "actors": ("document", "id", "name", "type", "country", "role", "affiliation", "mentions"),
    "places": ("document", "id", "name", "feature", "country", "lat", "lon", "geonames_id", "mentions"),
}
TABLES = tuple(COLUMNS)


def _joined(values: Any) -> str:
    return ";".join(str(v) for v in values or [])


def _span(item: Row, key: str = "span") -> tuple[Any, Any]:
    span = item.get(key)
    return (span[0], span[1]) if isinstance(span, list | tuple) and len(span) == 2 else (None, None)


def _item_row(table: str, doc_id: str, item: Row) -> Row:
    row: Row = {"document": doc_id}
    for column in COLUMNS[table][1:]:
        value = item.get(column)
        row[column] = _joined(value) if isinstance(value, list) else value
    if table == "claims":
        row["start"], row["end"] = _span(item, "content_span")
    elif "start" in COLUMNS[table]:
        row["start"], row["end"] = _span(item)
    if table in ("actors", "places"):
        row["mentions"] = len(item.get("mentions") or [])
    return row


def _document_row(document: Row) -> Row:
    return {
        "document": document.get("id"),
        "title": document.get("title"),
        "source": document.get("source"),
        "url": document.get("url"),
        "published": document.get("published"),
        "language": document.get("language"),
        "characters": len(document.get("text") or ""),
    }


def build_tables(extractions: Iterable[Row]) -> dict[str, list[Row]]:
    """The six tables of these sitrep/1 extractions, rows in input order."""
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    for extraction in extractions:
        document = extraction.get("document") if isinstance(extraction, dict) else None
        if not isinstance(document, dict) or not document.get("id"):
            raise InputError("table export: expected sitrep/1 extraction objects with a document id")
        tables["documents"].append(_document_row(document))
        for table in TABLES[1:]:
            tables[table].extend(_item_row(table, document["id"], item) for item in extraction.get(table) or [])
    return tables
