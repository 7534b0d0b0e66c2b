"""Syndication: copies of one story (re-published, re-headlined, edited, truncated) grouped at ingest.

A story's body (its text without a first line that repeats the title) becomes a set of
word 5-gram shingles taken inside each paragraph, so reordered paragraphs keep their
shingles; shingles are hashed to 32 bits straight from their words' hashes. Documents are copies when their MinHash estimates say the bodies are alike
(Jaccard >= 0.5) or one is essentially contained in the other (>= 0.8 of the smaller,
which catches truncation). Groups are the connected components of that relation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sitrep.fuse.graph import UnionFind
from sitrep.fuse.rules import SyndicationRules
from sitrep.fuse.sketch import Buckets, Sketcher, containment, jaccard
from sitrep.fuse.text import stable_hash, words

_MULTIPLIER = np.uint64(0x01000193)  # the FNV prime: spreads word hashes across shingle positions
_LOW32 = np.uint64(0xFFFFFFFF)


def story_body(text: str, title: str | None) -> str:
    """The text without a first line that only repeats the headline."""
    first, _, rest = text.partition("\n")
    if title and " ".join(words(first)) == " ".join(words(title)):
        return rest
    return text


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """Distinct 32-bit hashes of the word ``size``-grams within each paragraph (a short
    paragraph is one shingle). Each word is hashed once; a shingle's hash is a polynomial
    of its words' hashes, computed for all shingles of a paragraph at once."""
    found = []
    for paragraph in text.splitlines():
        tokens = words(paragraph)
        if not tokens:
            continue
        ids = np.fromiter((stable_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
        width = min(size, len(ids))
        count = len(ids) - width + 1
        rolled = np.zeros(count, dtype=np.uint64)
        for k in range(width):
            rolled = (rolled * _MULTIPLIER + ids[k:k + count]) & _LOW32
        found.append(rolled)
    if not found:
        return np.zeros(0, dtype=np.uint64)
    return np.unique(np.concatenate(found))


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A document's MinHash signature and the number of shingles it summarises."""

    signature: np.ndarray
    size: int


class CopyTest:
    """Fingerprints documents and tells copies apart from other stories (no index, no state)."""

    def __init__(self, rules: SyndicationRules) -> None:
        self.rules = rules
        self._sketcher = Sketcher(rules)

    def fingerprint(self, text: str, title: str | None) -> Fingerprint:
        found = shingle_hashes(story_body(text, title), self.rules.shingle_words)
        return Fingerprint(self._sketcher.signature_of_hashes(found), len(found))

    def band_keys(self, mine: Fingerprint) -> list[int]:
        """The LSH bucket keys of a fingerprint; none when it is too small to compare."""
        return [] if mine.size < self.rules.min_shingles else self._sketcher.band_keys(mine.signature)

    def is_copy(self, a: Fingerprint, b: Fingerprint) -> bool:
        """Whether two fingerprints belong to copies of one story."""
        if min(a.size, b.size) < self.rules.min_shingles:
            return False
        similarity = jaccard(a.signature, b.signature)
        if similarity >= self.rules.jaccard:
            return True
        return containment(similarity, a.size, b.size) >= self.rules.containment


class SyndicationIndex:
    """Finds, for each added document, the earlier ones it is a copy of, and groups them."""

    def __init__(self, rules: SyndicationRules) -> None:
        self.rules = rules
        self.test = CopyTest(rules)
        self._bands = Buckets()
        self._prints: dict[str, Fingerprint] = {}
        self.groups: UnionFind[str] = UnionFind()

    def add(self, document_id: str, text: str, title: str | None) -> list[str]:
        """Index a document; return the ids of the indexed documents it copies (or is copied by)."""
        if document_id in self.groups:
            return []
        self.groups.add(document_id)
        mine = self.test.fingerprint(text, title)
        keys = self.test.band_keys(mine)
        if not keys:
            return []
        copies = [other for other in self._bands.candidates(keys)
                  if self.test.is_copy(mine, self._prints[other])]  # type: ignore[index]
        for other in copies:
            self.groups.union(document_id, other)  # type: ignore[arg-type]
        self._bands.add(keys, document_id)
        self._prints[document_id] = mine
        return copies  # type: ignore[return-value]

    def group(self, document_id: str) -> list[str]:
        """The sorted ids of every copy of this document's story, itself included."""
        return sorted(self.groups.members(document_id))

    def label(self, document_id: str) -> str:
        """An order-free name for the story group: its smallest document id."""
        return min(self.groups.members(document_id))
