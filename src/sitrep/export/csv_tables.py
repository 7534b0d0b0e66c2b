"""Flat CSV tables (documents, events, claims, figures, actors, places) in one folder."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitrep.export.tables import COLUMNS, build_tables
from sitrep.export.target import output_folder


def write_csv_tables(extractions: Iterable[dict[str, Any]], folder: str | Path) -> list[Path]:
    """Write ``<table>.csv`` for each table into ``folder`` (created if needed); return the paths."""
    target = output_folder(folder)
    written = []
    for name, rows in build_tables(extractions).items():
        path = target / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS[name])
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written
