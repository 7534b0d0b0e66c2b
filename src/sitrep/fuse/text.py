"""Small text and date helpers shared by the fusion modules: folding, words, stable hashes."""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from datetime import date

_WORD = re.compile(r"\w+")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")  # combining marks


def fold(text: str) -> str:
    """Casefolded text without accents or typographic quotes, for comparisons."""
    if text.isascii():
        return text.casefold()
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return bare.replace("\u2019", "'").replace("\u2018", "'").casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text`` ("10,000" stays one word: "10000")."""
    return _WORD.findall(_THOUSANDS.sub("", fold(text)))


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


def stable_hash(text: str) -> int:
    """A 32-bit hash that is the same in every process (unlike ``hash``)."""
    return zlib.crc32(text.encode("utf-8"))


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
