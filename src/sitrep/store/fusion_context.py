"""What the fusion views need, read from the store instead of an in-memory ``FusionState``.

``StoredRecords`` is one document reduced to its fusion records (kept pickled in
``fusion_documents.records``). ``StoreContext`` is a ``fuse.views.Context`` whose lookups
(document infos, story labels, surname merges, display names, claim reports, fused events)
are loaded from the fusion tables on first use, so the unchanged ``views`` functions render
an item exactly as the in-memory picture does.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.fuse.records import ClaimReport, DocumentInfo, EventReport, FigureReport, Interner, document_records
from sitrep.fuse.rules import FusionRules
from sitrep.fuse.views import Context, Fused, fuse_event
from sitrep.store.picture_tables import FusionDocument, FusionEntity, FusionReport, PictureMember

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
CHUNK = 500  # ids per IN list (SQLite's bound-parameter limit)


@dataclass(frozen=True, slots=True)
class MentionItem:
    """One actor or place item of a document, as the entity registry counts it."""

    key: str
    kind: str  # "actor" or "place"
    item_id: str
    name: str
    type: str
    country: str | None
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class StoredRecords:
    info: DocumentInfo
    events: tuple[EventReport, ...]
    figures: tuple[FigureReport, ...]
    claims: tuple[ClaimReport, ...]
    mentions: tuple[MentionItem, ...]


def stored_records(extraction: dict[str, Any], rules: FusionRules, intern: Interner) -> StoredRecords:
    """The records of one extraction, with its entity items (as ``FusionState.add`` files them)."""
    records = document_records(extraction, rules, intern)
    mentions: list[MentionItem] = []
    for layer, kind, refs, type_field in (
        ("actors", "actor", records.actors, "type"),
        ("places", "place", records.places, "feature"),
    ):
        for item in extraction.get(layer) or []:
            if not isinstance(item, dict) or item.get("id") not in refs:
                continue
            key = refs[item["id"]].key
            spans = tuple((int(s[0]), int(s[1])) for s in item.get("mentions") or [] if len(s) >= 2)
            mentions.append(
                MentionItem(
                    key=key,
                    kind=kind,
                    item_id=item["id"],
                    name=item.get("name") or key,
                    type=item.get(type_field) or "other",
                    country=item.get("country") or None,
                    spans=spans,
                )
            )
    return StoredRecords(records.info, records.events, records.figures, records.claims, tuple(mentions))


def dump(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load(blob: bytes) -> Any:
    return pickle.loads(blob)


def chunks(items: Iterable[V], size: int = CHUNK) -> Iterable[list[V]]:
    batch: list[V] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class LazyMap(Generic[K, V]):
    """A mapping filled on demand by ``fetch(missing keys) -> {key: value}`` (absent keys stay absent)."""

    def __init__(self, fetch: Callable[[list[K]], dict[K, V]]) -> None:
        self._fetch = fetch
        self._values: dict[K, V] = {}
        self._absent: set[K] = set()

    def preload(self, keys: Iterable[K]) -> None:
        missing = [k for k in dict.fromkeys(keys) if k not in self._values and k not in self._absent]
        for batch in chunks(missing):
            found = self._fetch(batch)
            self._values.update(found)
            self._absent.update(k for k in batch if k not in found)

    def put(self, key: K, value: V) -> None:
        self._values[key] = value
        self._absent.discard(key)

    def get(self, key: K, default: Any = None) -> Any:
        if key not in self._values and key not in self._absent:
            self.preload([key])
        return self._values.get(key, default)

    def __getitem__(self, key: K) -> V:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return self.get(key, _MISSING) is not _MISSING  # type: ignore[arg-type]


_MISSING: Any = object()


class StoredEntities:
    """``EntityRegistry.display_name`` over ``fusion_entities``."""

    def __init__(self, session: Session) -> None:
        self.rows: LazyMap[str, tuple[str, str | None]] = LazyMap(
            lambda keys: {
                r.key: (r.display, r.merged_into)
                for r in session.execute(
                    select(FusionEntity.key, FusionEntity.display, FusionEntity.merged_into).where(
                        FusionEntity.key.in_(keys)
                    )
                )
            }
        )

    def display_name(self, key: str | None) -> str | None:
        row = self.rows.get(key or "")
        return row[0] if row else None


class StoredMerges:
    """``surname_merges()`` as a lookup: ``get(key, default)``."""

    def __init__(self, entities: StoredEntities) -> None:
        self._entities = entities

    def get(self, key: str, default: Any = None) -> Any:
        row = self._entities.rows.get(key)
        return row[1] if row and row[1] else default


class StoredState:
    """The parts of ``FusionState`` the views read."""

    def __init__(
        self, session: Session, rules: FusionRules, records: LazyMap[str, StoredRecords], entities: StoredEntities
    ) -> None:
        self.rules = rules
        self.records = records
        self.documents = _Infos(records)
        self.entities = entities
        self.claim_reports = _ClaimReports(records)


class _Infos:
    def __init__(self, records: LazyMap[str, StoredRecords]) -> None:
        self._records = records

    def __getitem__(self, doc: str) -> DocumentInfo:
        return self._records[doc].info


class _ClaimReports:
    def __init__(self, records: LazyMap[str, StoredRecords]) -> None:
        self._records = records

    def get(self, ref: tuple[str, str], default: Any = None) -> Any:
        found = self._records.get(ref[0])
        if found is None:
            return default
        return next((c for c in found.claims if c.id == ref[1]), default)


class StoreContext(Context):
    """A views ``Context`` whose lookups come from the fusion tables (and from the batch being written)."""

    def __init__(self, session: Session, rules: FusionRules) -> None:
        self.session = session
        self.rules = rules
        self.records: LazyMap[str, StoredRecords] = LazyMap(self._fetch_records)
        self.entities = StoredEntities(session)
        self.state = StoredState(session, rules, self.records, self.entities)  # type: ignore[assignment]
        self.story = LazyMap(self._fetch_stories)  # type: ignore[assignment]
        self.merges = StoredMerges(self.entities)  # type: ignore[assignment]
        self.fused_events = LazyMap(self._fetch_events)  # type: ignore[assignment]

    def _fetch_records(self, docs: list[str]) -> dict[str, StoredRecords]:
        query = select(FusionDocument.document_id, FusionDocument.records).where(FusionDocument.document_id.in_(docs))
        return {row.document_id: load(row.records) for row in self.session.execute(query)}

    def _fetch_stories(self, docs: list[str]) -> dict[str, str]:
        query = select(FusionDocument.document_id, FusionDocument.story).where(FusionDocument.document_id.in_(docs))
        return {row.document_id: row.story for row in self.session.execute(query)}

    def _fetch_events(self, ids: list[str]) -> dict[str, Fused[EventReport]]:
        members: dict[str, list[EventReport]] = {}
        for item_id, reports in event_members(self.session, ids).items():
            members[item_id] = reports
        return {item_id: fuse_event(self, reports) for item_id, reports in members.items()}

    def preload_documents(self, docs: Iterable[str]) -> None:
        docs = list(docs)
        self.records.preload(docs)
        self.story.preload(docs)  # type: ignore[attr-defined]


def event_members(session: Session, ids: list[str]) -> dict[str, list[EventReport]]:
    """The member reports of stored fused events, by event id."""
    found: dict[str, list[EventReport]] = {}
    for batch in chunks(ids):
        query = (
            select(PictureMember.item_id, FusionReport.record)
            .join(
                FusionReport,
                (FusionReport.kind == PictureMember.kind)
                & (FusionReport.document_id == PictureMember.document_id)
                & (FusionReport.item_id == PictureMember.member_id),
            )
            .where(PictureMember.kind == "e", PictureMember.item_id.in_(batch))
        )
        for row in session.execute(query):
            found.setdefault(row.item_id, []).append(load(row.record))
    return found
