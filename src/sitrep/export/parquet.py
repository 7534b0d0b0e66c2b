"""The flat tables as Parquet files (one per table), through the optional ``pyarrow``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.export.tables import COLUMNS, build_tables
from sitrep.export.target import output_folder

FLOAT_COLUMNS = {"value", "low", "high", "lat", "lon"}
INT_COLUMNS = {"start", "end", "characters", "mentions", "geonames_id"}


def _pyarrow() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped]  # pyarrow ships no type information
        import pyarrow.parquet  # type: ignore[import-untyped]
    except ImportError:
        raise InputError("Parquet export needs pyarrow: pip install 'sitrep[parquet]' (or pyarrow)") from None
    return pyarrow


def _column_type(pa: Any, name: str) -> Any:
    if name in FLOAT_COLUMNS:
        return pa.float64()
    if name in INT_COLUMNS:
        return pa.int64()
    return pa.string()


def _table(pa: Any, name: str, rows: list[dict[str, Any]]) -> Any:
    schema = pa.schema([(column, _column_type(pa, column)) for column in COLUMNS[name]])
    columns = {}
    for column in COLUMNS[name]:
        values = [row.get(column) for row in rows]
        if column not in FLOAT_COLUMNS | INT_COLUMNS:
            values = [None if v is None else str(v) for v in values]
        columns[column] = values
    return pa.table(columns, schema=schema)


def write_parquet(extractions: Iterable[dict[str, Any]], folder: str | Path) -> list[Path]:
    """Write ``<table>.parquet`` for each table into ``folder``; return the paths."""
    pa = _pyarrow()
    target = output_folder(folder)
    written = []
    for name, rows in build_tables(extractions).items():
        path = target / f"{name}.parquet"
        pa.parquet.write_table(_table(pa, name, rows), path)
        written.append(path)
    return written
