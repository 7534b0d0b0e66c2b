"""sitrep/1 JSONL: one extraction object per line, as the store holds it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any


def write_jsonl(extractions: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write each extraction as one JSON line; return how many were written."""
    count = 0
    for extraction in extractions:
        out.write(json.dumps(extraction, ensure_ascii=False) + "\n")
        count += 1
    return count
