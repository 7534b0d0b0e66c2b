"""Extractions as pandas DataFrames, one per layer, for notebooks and analysis.

pandas is an optional dependency (``pip install "sitrep[frames]"``); it is imported only
when a frame is asked for, and its absence is one clear :class:`DependencyError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from sitrep.errors import DependencyError
from sitrep.model import LAYER_TYPES, LAYERS, Document, Extraction

if TYPE_CHECKING:
    import pandas as pd

DOCUMENT_COLUMNS = ("id", "title", "source", "url", "published", "language", "text")
_SPAN_COLUMNS = ("span", "content_span", "speaker_span", "cue_span")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise DependencyError('DataFrames need pandas, which is not installed: pip install "sitrep[frames]"') from exc
    return pandas


def columns(layer: str) -> list[str]:
    """The columns of a layer's frame, in the contract's field order."""
    out = ["document_id"]
    for item_field in fields(LAYER_TYPES[layer]):
        if item_field.name in _SPAN_COLUMNS:
            out += [f"{item_field.name}_start", f"{item_field.name}_end"]
        else:
            out.append(item_field.name)
    return out


def _row(document_id: str, item: Mapping[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"document_id": document_id}
    for key, value in item.items():
        if key in _SPAN_COLUMNS:
            row[f"{key}_start"], row[f"{key}_end"] = value if value is not None else (None, None)
        else:
            row[key] = value
    return row


def _as_dict(extraction: Extraction | Mapping[str, Any]) -> Mapping[str, Any]:
    return extraction.to_dict() if isinstance(extraction, Extraction) else extraction


def to_frames(extractions: Iterable[Extraction | Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """Frames of many extractions (objects or sitrep/1 dicts, e.g. ``store.iter_extractions()``).

    Keys: ``documents`` (one row per document, ``id`` first) and each layer (``actors``,
    ``places``, ``times``, ``figures``, ``claims``, ``events``): one row per item with its
    ``document_id``; spans are ``<name>_start``/``<name>_end`` columns, ``mentions`` a list
    of ``[start, end]``. A layer with no items is an empty frame with the same columns.
    """
    pandas = _pandas()
    documents: list[dict[str, Any]] = []
    rows: dict[str, list[dict[str, Any]]] = {layer: [] for layer in LAYERS}
    for extraction in extractions:
        data = _as_dict(extraction)
        document = data.get("document") or {}
        document_id = document.get("id") or Document(text=document.get("text") or "").id
        documents.append({name: document_id if name == "id" else document.get(name) for name in DOCUMENT_COLUMNS})
        for layer in LAYERS:
            rows[layer].extend(_row(document_id, item) for item in data.get(layer) or [])
    frames = {"documents": pandas.DataFrame(documents, columns=list(DOCUMENT_COLUMNS))}
    for layer in LAYERS:
        frames[layer] = pandas.DataFrame(rows[layer], columns=columns(layer))
    return frames
