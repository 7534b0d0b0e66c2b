"""Transliteration variants: "Khan Younes" for Khan Yunis, "Kharkov" for Kharkiv, "Mossul" for Mosul.

A name is reduced to a consonant skeleton (vowel runs become one mark, doubled letters
one letter, kh/q/c become k, ph f, w v, dj j; the Arabic article goes). The gazetteer
build indexes countries, divisions and places of 15,000 or more people under their
skeletons too (keys that start with ``SKELETON_PREFIX``), so a look-up is one dictionary
access. A variant is accepted only when the first letters agree and the two spellings
are at least ``MIN_SIMILARITY`` alike (:class:`difflib.SequenceMatcher` over the look-up
keys); the places layer further keeps it only inside the document's countries or near its
other places.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from sitrep.geo.gazetteer import Gazetteer, GeoEntry, name_key

SKELETON_PREFIX = "~"
MIN_SIMILARITY = 0.8
MIN_POPULATION = 15_000
MIN_LENGTH = 5
_RULES = (
    (re.compile(r"kh|q|ck|c(?!h)"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"dj"), "j"),
    (re.compile(r"[aeiouy]+"), "a"),
    (re.compile(r"([a-z])\1+"), r"\1"),
)
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|an|at|az)\s+")
_NOT_LETTER = re.compile(r"[^a-z ]")


def skeleton(key: str) -> str:
    """The consonant skeleton of a look-up key: "kan anas" for both "khan younis" and "khan yunis"."""
    key = _NOT_LETTER.sub("", _ARTICLE.sub("", key))
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key.strip()


def skeleton_key(key: str) -> str | None:
    """The index key of a name's skeleton, or None for names too short to vary safely."""
    return SKELETON_PREFIX + skeleton(key) if len(key) >= MIN_LENGTH else None


def transliteration_variants(gazetteer: Gazetteer, name: str) -> list[GeoEntry]:
    """Places whose name is a close transliteration variant of ``name``, most populous first."""
    key = name_key(name)
    index_key = skeleton_key(key)
    if index_key is None:
        return []
    found = []
    for entry in gazetteer.lookup_key(index_key):
        other = name_key(entry.name)
        if other != key and other[:1] == key[:1] and SequenceMatcher(None, key, other).ratio() >= MIN_SIMILARITY:
            found.append(entry)
    return sorted(found, key=lambda e: -e.population)
