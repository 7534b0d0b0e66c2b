"""Small text and date helpers shared by the fusion modules (folding, words and stable hashes are
``sitrep.keys``'s, re-exported here)."""

from __future__ import annotations

from array import array
from datetime import date

from sitrep.keys import fold as fold
from sitrep.keys import stable_hash as stable_hash
from sitrep.keys import words as words


def stem(word: str) -> str:
    """A crude English stem, enough to match "plans"/"planning"/"planned" or "training"/"trained"."""
    for suffix, keep in (("ies", 3), ("ing", 3), ("ed", 3), ("es", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep and not word.endswith("ss"):
            base = word[: -len(suffix)]
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
                base = base[:-1]  # planned -> plan, stopping -> stop (but not called -> cal)
            return base
    return word


def content_words(text: str, stopwords: frozenset[str]) -> array[int]:
    """Stable hashes of the stemmed words of ``text`` that carry content (no stopwords), sorted and
    unique, in a compact array (a bottom-k sketch is its first k items)."""
    return array("I", sorted({stable_hash(stem(w)) for w in words(text) if w not in stopwords}))


def overlap(a: array[int], b: array[int]) -> int:
    """How many items two ``content_words`` arrays share."""
    return len(set(a).intersection(b)) if a and b else 0


def overlap_coefficient(a: array[int], b: array[int]) -> tuple[int, float]:
    """Shared items, and their share of the smaller set."""
    shared = overlap(a, b)
    return shared, (shared / min(len(a), len(b)) if shared else 0.0)


def day_number(value: str | None) -> int | None:
    """The proleptic ordinal of an ISO date or datetime string, or None if it has no readable date."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def iso_day(number: int | None) -> str | None:
    """The ISO date of a day number from ``day_number``."""
    return None if number is None else date.fromordinal(number).isoformat()
