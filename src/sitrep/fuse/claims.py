"""Claims over time: one speaker saying one thing, however many outlets carry it.

A claim's content becomes a set of stemmed content words. Two claims are the same
when their speakers match (``actors_match``, or the same folded ``speaker_text`` when
unresolved) and their word sets are alike (Jaccard >= 0.5, or >= 0.8 of the smaller set
for a quote cut short). Candidates share the speaker and one band of a small MinHash
of their words (8 bands of 2: alike sets very likely share one, while frequent words
alone do not make a shared band), so a claim is compared with a few others;
components are split by canonical complete linkage.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from sitrep.fuse.clusters import KeyFn, process_key
from sitrep.fuse.entities import actors_match
from sitrep.fuse.graph import IncrementalClusters, complete_linkage
from sitrep.fuse.records import ClaimReport
from sitrep.fuse.rules import ClaimRules
from sitrep.fuse.sketch import Buckets, Sketcher
from sitrep.fuse.text import content_words, fold, overlap, words

ClaimRef = tuple[str, str]


@dataclass(frozen=True, slots=True, eq=False)
class ClaimEntry:
    report: ClaimReport
    words: array[int]  # content words (see ``text.content_words``)
    speaker_anchor: str


def speaker_anchor(report: ClaimReport) -> str | None:
    """The key that claims of one speaker share, or None for an unattributed claim."""
    if report.speaker is not None:
        return report.speaker.anchor
    if report.speaker_text:
        return "t:" + " ".join(words(fold(report.speaker_text)))
    return None


def same_speaker(a: ClaimEntry, b: ClaimEntry) -> bool:
    if a.report.speaker is not None and b.report.speaker is not None:
        return actors_match(a.report.speaker, b.report.speaker)
    return a.speaker_anchor == b.speaker_anchor


def same_content(a: array[int], b: array[int], rules: ClaimRules) -> bool:
    shared = overlap(a, b)
    if not shared:
        return False
    if shared / (len(a) + len(b) - shared) >= rules.jaccard:
        return True
    smaller = min(len(a), len(b))
    return smaller >= rules.min_tokens and shared / smaller >= rules.containment


def same_claim(a: ClaimEntry, b: ClaimEntry, rules: ClaimRules) -> bool:
    """Whether two reported claims are one speaker saying one thing."""
    return a.report.ref == b.report.ref or (same_speaker(a, b) and same_content(a.words, b.words, rules))


class ClaimClusters:
    """Incremental grouping of claim reports into claims with several carriers."""

    def __init__(self, rules: ClaimRules, stopwords: frozenset[str]) -> None:
        self.rules = rules
        self.stopwords = stopwords
        self.entries: dict[ClaimRef, ClaimEntry] = {}
        self._blocks = Buckets()
        self._sketcher = Sketcher(rules)
        self._clusters: IncrementalClusters[ClaimRef] = IncrementalClusters(self._split)

    def add(self, report: ClaimReport) -> None:
        anchor = speaker_anchor(report)
        if anchor is None or report.ref in self.entries:
            return
        entry = ClaimEntry(report, content_words(report.content, self.stopwords), anchor)
        if not entry.words:
            return
        self.entries[report.ref] = entry
        self._clusters.add(report.ref)
        keys = self.keys(entry, process_key)
        for other in self._blocks.candidates(keys):
            if same_claim(entry, self.entries[other], self.rules):  # type: ignore[index]
                self._clusters.link(report.ref, other)  # type: ignore[arg-type]
        self._blocks.add(keys, report.ref)

    def entry(self, report: ClaimReport) -> ClaimEntry | None:
        """The entry a report becomes, or None when it cannot be grouped (no speaker, no content words)."""
        anchor = speaker_anchor(report)
        if anchor is None:
            return None
        entry = ClaimEntry(report, content_words(report.content, self.stopwords), anchor)
        return entry if entry.words else None

    def keys(self, entry: ClaimEntry, key: KeyFn) -> list[int]:
        """The bucket keys of an entry: its speaker with each band of a MinHash of its words."""
        signature = self._sketcher.signature_of_hashes(np.frombuffer(entry.words, dtype=np.uint32))
        return [key((entry.speaker_anchor, band)) for band in self._sketcher.band_keys(signature)]

    def components(self) -> Iterator[list[ClaimRef]]:
        """The connected components of the relation, as refs (each is split into clusters on reading)."""
        return self._clusters.connected()

    def clusters(self) -> Iterator[list[ClaimReport]]:
        for refs in self._clusters.clusters():
            yield [self.entries[ref].report for ref in refs]

    def _split(self, refs: list[ClaimRef]) -> list[list[ClaimRef]]:
        rules = self.rules
        groups = complete_linkage(
            [self.entries[ref] for ref in refs],
            order=lambda e: e.report.ref,
            compatible=lambda x, y: same_claim(x, y, rules),
        )
        return [[e.report.ref for e in g] for g in groups]
