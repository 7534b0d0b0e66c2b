"""Exports of stored extractions into formats other tools read.

- :mod:`sitrep.export.acled` — ACLED-style CSV rows, one per fused violent or demonstration event
  (``sitrep export --format acled``); docs/acled.md documents the columns and the mapping.
"""

from sitrep.export.acled import COLUMNS as ACLED_COLUMNS
from sitrep.export.acled import rows as acled_rows
from sitrep.export.acled import write_csv as write_acled_csv

__all__ = ["ACLED_COLUMNS", "acled_rows", "write_acled_csv"]
