"""One entry point for every export format: which data each needs from the store, and its writer."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

FILE_FORMATS = ("jsonl", "geojson", "graphml", "acled")
FOLDER_FORMATS = ("csv", "parquet")


def _picture(extractions: list[dict[str, Any]]) -> dict[str, Any]:
    from sitrep.fuse import build_picture

    return build_picture(extractions).to_dict()


def export_store(store: Any, fmt: str, target: IO[str] | str | Path, *, unlocated: bool = False) -> Any:
    """Write the store's extractions in ``fmt`` to ``target`` (a text stream, or a folder for csv/parquet).

    ``unlocated``: the ACLED export also keeps events placed in no country.
    """
    if fmt == "jsonl":
        from sitrep.export.jsonl import write_jsonl

        return write_jsonl(store.iter_extractions(), target)  # type: ignore[arg-type]
    if fmt == "acled":
        from sitrep.export.acled import write_csv

        return write_csv(store.iter_extractions(), target, unlocated=unlocated)  # type: ignore[arg-type]
    if fmt == "csv":
        from sitrep.export.csv_tables import write_csv_tables

        return write_csv_tables(store.iter_extractions(), target)  # type: ignore[arg-type]
    if fmt == "parquet":
        from sitrep.export.parquet import write_parquet

        return write_parquet(store.iter_extractions(), target)  # type: ignore[arg-type]
    extractions = list(store.iter_extractions())
    view = _picture(extractions)
    if fmt == "geojson":
        from sitrep.export.geojson import write_geojson

        return write_geojson(extractions, view["events"], target)  # type: ignore[arg-type]
    if fmt == "graphml":
        from sitrep.export.graphml import write_graphml

        return write_graphml(view["entities"], view["events"], target)  # type: ignore[arg-type]
    raise ValueError(f"unknown export format {fmt!r}")
