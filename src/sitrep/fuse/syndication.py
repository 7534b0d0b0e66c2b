"""Syndication: copies of one story (re-published, re-headlined, edited, truncated) grouped at ingest.

A story's body (its text without a first line that repeats the title) becomes a set of
word 5-gram shingles taken inside each paragraph, so reordered paragraphs keep their
shingles; shingles are hashed to 32 bits straight from their words' hashes. Documents are copies when their MinHash estimates say the bodies are alike
(Jaccard >= 0.5) or one is essentially contained in the other (>= 0.8 of the smaller,
which catches truncation). Groups are the connected components of that relation.
"""

from __future__ import annotations

from sitrep.fuse.graph import UnionFind
from sitrep.fuse.sketch import Buckets
from sitrep.keys import CopyTest as CopyTest
from sitrep.keys import Fingerprint as Fingerprint
from sitrep.keys import SyndicationRules
from sitrep.keys import shingle_hashes as shingle_hashes
from sitrep.keys import story_body as story_body


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
        copies = [other for other in self._bands.candidates(keys) if self.test.is_copy(mine, self._prints[other])]  # type: ignore[index]
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
