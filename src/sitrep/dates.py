"""The one spelling of a date sitrep accepts from people: ISO 8601, checked strictly.

Dates are compared as text in the store and the picture, so only ``YYYY-MM-DD`` and an
ISO datetime starting with it are taken; the CLI, the HTTP API and ``import sitrep`` all
check with :func:`check_iso_date`. Kept free of heavy imports: every command loads it.
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["check_iso_date"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ]\d{2}:\d{2})")


def check_iso_date(value: str) -> str:
    """Return ``value`` when it is exactly an ISO date ("2026-03-05") or an ISO datetime
    ("2026-03-05T09:30:00+00:00", "2026-03-05 09:30", a trailing "Z" allowed).

    Raises ``ValueError`` for anything else, trailing text included ("2026-03-05 not a
    date", "2026-03-05garbage"), and for the compact or week forms Python would also read
    ("20260305", "2026-W10"): dates are compared as text, so only one spelling is kept.
    """
    if not _ISO_DAY.match(value):
        raise ValueError(f"{value[:40]!r} is not a date of the form YYYY-MM-DD")
    try:
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value[:40]!r} is not a date of the form YYYY-MM-DD") from None
    return value
