"""Aggregate tolls: counts that sum a war, a conflict or a period, not one happening.

"At least 40,000 people have been killed in the war", "the conflict has killed 5,000", "120
civilians dead since January": such a figure is background, never the fatalities of the event
it stands beside. The patterns are data (``resources/figures_tolls.json``); the functions read
only text, so the links stage (on a parse) and the ACLED export (on stored extractions) agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep import resources
from sitrep.errors import ResourceError

TOLLS_FILE = "figures_tolls.json"
SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")


@dataclass(frozen=True)
class TollPatterns:
    after: tuple[re.Pattern[str], ...]
    after_stop: re.Pattern[str]
    before: tuple[re.Pattern[str], ...]
    wording: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def patterns() -> TollPatterns:
    """The aggregate-toll patterns, compiled once."""
    data = resources.json_object(TOLLS_FILE)
    try:

        def compiled(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(p, re.IGNORECASE) for p in data[key])

        return TollPatterns(
            after=compiled("after"),
            after_stop=re.compile(data["after_stop"], re.IGNORECASE),
            before=compiled("before"),
            wording=compiled("wording"),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise ResourceError(f"{TOLLS_FILE}: cannot be read ({exc})") from exc


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, 0, start)]
    after = SENTENCE_BREAK.search(text, end)
    return (breaks[-1] if breaks else 0), (after.start() + 1 if after else len(text))


def is_aggregate_toll(text: str, span: tuple[int, int] | list[int]) -> bool:
    """Whether the figure at ``span`` of ``text`` counts a war's, a conflict's or a period's toll."""
    start, end = int(span[0]), int(span[1])
    if not 0 <= start <= end <= len(text):
        return False
    first, last = _sentence_bounds(text, start, end)
    found = patterns()
    stop = found.after_stop.search(text, end, last)
    following = text[end : stop.start() if stop else last]
    return any(p.search(following) for p in found.after) or any(p.search(text[first:start]) for p in found.before)


def is_aggregate_wording(text: str) -> bool:
    """Whether an event's own wording sums a period or a war ("14 attacks in the region since January")."""
    return any(p.search(text) for p in patterns().wording)
