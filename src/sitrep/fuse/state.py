"""The incremental fusion state: every index a new document updates, and nothing else.

``FusionState.add`` reduces one sitrep/1 extraction to records and files them: its
fingerprint in the syndication index, its actors and places in the entity registry,
its event reports and claims in their incremental clusterings, its figures in a list
(series are grouped when the picture is read, since they depend on the fused events).
Adding a document already present (same id, i.e. same text) changes nothing. All
groupings are connected components of symmetric, deterministic relations, split by a
canonical procedure, so the state reached does not depend on the order of ``add`` calls.
"""

from __future__ import annotations

from typing import Any

from sitrep.fuse.claims import ClaimClusters
from sitrep.fuse.clusters import EventClusters
from sitrep.fuse.entities import EntityRegistry
from sitrep.fuse.records import ClaimReport, DocumentInfo, FigureReport, Interner, document_records
from sitrep.fuse.rules import FusionRules, load_rules
from sitrep.fuse.syndication import SyndicationIndex


class FusionState:
    """Indexes over every document added so far."""

    def __init__(self, rules: FusionRules | None = None) -> None:
        self.rules = rules or load_rules()
        self.documents: dict[str, DocumentInfo] = {}
        self.syndication = SyndicationIndex(self.rules.syndication)
        self.entities = EntityRegistry(self.rules.entities)
        self.events = EventClusters(self.rules.events)
        self.claims = ClaimClusters(self.rules.claims, self.rules.stopwords)
        self.figures: list[FigureReport] = []
        self.claim_reports: dict[tuple[str, str], ClaimReport] = {}  # (document, claim id) -> its report
        self.version = 0  # bumped by every document that changes the state
        self._intern = Interner()

    def __contains__(self, document_id: object) -> bool:
        return document_id in self.documents

    def __len__(self) -> int:
        return len(self.documents)

    def add(self, extraction: dict[str, Any]) -> bool:
        """File one extraction; False if its document was already here."""
        records = document_records(extraction, self.rules, self._intern)
        doc_id = records.info.id
        if doc_id in self.documents:
            return False
        self.documents[doc_id] = records.info
        self.syndication.add(doc_id, records.text, records.info.title)
        for actor in extraction.get("actors") or []:
            if actor.get("id") in records.actors:
                self.entities.add_actor(doc_id, actor, records.actors[actor["id"]].key)
        for place in extraction.get("places") or []:
            if place.get("id") in records.places:
                self.entities.add_place(doc_id, place, records.places[place["id"]].key)
        for event in records.events:
            self.events.add(event)
        for claim in records.claims:
            self.claims.add(claim)
            self.claim_reports[claim.ref] = claim
        self.figures.extend(records.figures)
        self.version += 1
        return True
