"""Persisted, incremental fusion: the picture's tables brought up to date with the documents.

A document's transaction also writes a ``fusion_queue`` row ("add" or "remove");
``sync_picture`` drains the queue in one transaction (so a crash leaves either the old
picture and the queue, or the new picture and no queue: ``fusion_documents`` always says
which documents the picture includes). For each batch it:

1. updates the entity registry (``fusion_mentions``) and, for the keys touched, their
   display names, surname merges and document counts (``fusion_entities``);
2. files the new documents with their story labels and notes every document whose story
   label changed (a copy joined two stories, a deleted copy split one);
3. for event reports, then claim reports: finds the stored reports a new report is
   compatible with (by its bucket keys in ``fusion_keys``), loads their whole connected
   components (and those of removed reports), clusters that neighbourhood afresh with the
   in-memory ``EventClusters``/``ClaimClusters`` and replaces the neighbourhood's items;
4. re-renders items whose inputs changed elsewhere (a member's story label, a display
   name or surname merge of an actor they name);
5. rebuilds the figure series that hold an added, removed or re-scoped figure.

A component is closed under the relation, so clustering the neighbourhood gives the
components and clusters the whole-picture computation gives; views are rendered by the
unchanged ``fuse.views`` functions through a ``StoreContext``. The result is the picture
``fuse.build_picture`` computes from the same documents, whatever their arrival order.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from sitrep.fuse.claims import ClaimClusters, same_claim
from sitrep.fuse.clusters import EventClusters, compatible, filing_keys, query_keys, stored_key
from sitrep.fuse.entities import ActorRef, PlaceRef
from sitrep.fuse.figures import Series, build_series, subject_key
from sitrep.fuse.records import ClaimReport, EventReport, FigureReport, Interner
from sitrep.fuse.rules import FusionRules, load_rules
from sitrep.fuse.text import fold
from sitrep.fuse.views import (
    Fused,
    claim_view,
    event_claims,
    event_view,
    fuse_claim,
    fuse_event,
    series_id,
    series_view,
    short_id,
)
from sitrep.store.fusion_context import (
    StoreContext,
    StoredRecords,
    chunks,
    dump,
    load,
    stored_records,
)
from sitrep.store.fusion_entities import fan_out as fan_out_keys
from sitrep.store.fusion_entities import update_entities
from sitrep.store.picture_tables import (
    FusionDocument,
    FusionEntity,
    FusionKey,
    FusionMention,
    FusionQueue,
    FusionReport,
    PictureClaim,
    PictureEvent,
    PictureMember,
    PictureMeta,
    PictureSeries,
    PictureTerm,
    table_of,
)
from sitrep.store.tables import Document, Story

PICTURE_LOCK_KEY = 0x5172_6570_0003  # one advisory lock for picture updates ("sitrep", 3)
RECORDS_FORMAT = "1"  # bump when the pickled records change shape: stores then need `sitrep rebuild`
BIG = 10**9
Ref = tuple[str, str]


@dataclass
class SyncResult:
    """What one ``sync_picture`` call did."""

    added: int = 0
    removed: int = 0
    events: int = 0  # fused events written (new or re-rendered)
    claims: int = 0
    series: int = 0


def lock_picture(session: Session) -> None:
    """Serialise picture updates with other writers until this transaction ends (PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PICTURE_LOCK_KEY})


def pending(session: Session) -> int:
    """How many queued changes the picture has not taken in yet."""
    return session.scalar(select(func.count()).select_from(FusionQueue)) or 0


def sync_picture(session: Session, rules: FusionRules | None = None, limit: int | None = None) -> SyncResult:
    """Take queued documents into the picture (all, or the oldest ``limit`` queue rows), in the caller's
    transaction."""
    lock_picture(session)
    query = select(FusionQueue.seq, FusionQueue.document_id, FusionQueue.op).order_by(FusionQueue.seq)
    rows = list(session.execute(query if limit is None else query.limit(limit)))
    if not rows:
        return SyncResult()
    _check_format(session)
    batch = _Batch(session, rules or load_rules())
    result = batch.run(rows)
    session.execute(delete(FusionQueue).where(FusionQueue.seq <= rows[-1].seq))
    if result.added or result.removed:
        _new_version(session)
    return result


def reset_picture(session: Session) -> None:
    """Empty the picture and queue every extracted document (``sitrep rebuild``; call ``sync_picture`` next)."""
    lock_picture(session)
    models: tuple[Any, ...] = (PictureTerm, PictureMember, PictureEvent, PictureClaim, PictureSeries, PictureMeta)
    models += (FusionKey, FusionReport, FusionMention, FusionEntity, FusionDocument, FusionQueue)
    for model in models:
        session.execute(delete(model))
    ids = select(Document.id).where(Document.extraction.is_not(None)).order_by(Document.ingested_at, Document.id)
    for batch in chunks(session.scalars(ids).all(), 5000):
        session.execute(insert(FusionQueue), [{"document_id": d, "op": "add"} for d in batch])


def _check_format(session: Session) -> None:
    from sitrep.errors import StoreError

    found = session.scalar(select(PictureMeta.value).where(PictureMeta.name == "records_format"))
    if found is None:
        session.execute(insert(PictureMeta), [{"name": "records_format", "value": RECORDS_FORMAT}])
    elif found != RECORDS_FORMAT:
        raise StoreError(
            f"the stored picture was written with records format {found}, this sitrep writes {RECORDS_FORMAT}: "
            "run `sitrep rebuild`"
        )


def add_to_meta(session: Session, deltas: dict[str, int]) -> None:
    """Add to integer facts of ``picture_meta`` (created at 0)."""
    stored = dict(
        session.execute(select(PictureMeta.name, PictureMeta.value).where(PictureMeta.name.in_(deltas))).all()
    )
    for name, delta in deltas.items():
        if name not in stored:
            session.execute(insert(table_of(PictureMeta)), [{"name": name, "value": str(delta)}])
        elif delta:
            session.execute(
                update(PictureMeta).where(PictureMeta.name == name).values(value=str(int(stored[name]) + delta))
            )


def meta_counts(session: Session, names: Iterable[str]) -> dict[str, int]:
    stored = dict(
        session.execute(select(PictureMeta.name, PictureMeta.value).where(PictureMeta.name.in_(list(names)))).all()
    )
    return {name: int(stored.get(name, 0)) for name in names}


def picture_version(session: Session) -> str:
    """A token that changes whenever the picture does (for caches and ETags)."""
    return session.scalar(select(PictureMeta.value).where(PictureMeta.name == "version")) or "empty"


def _new_version(session: Session) -> None:
    token = uuid.uuid4().hex
    if session.scalar(select(PictureMeta.value).where(PictureMeta.name == "version")) is None:
        session.execute(insert(table_of(PictureMeta)), [{"name": "version", "value": token}])
    else:
        session.execute(update(PictureMeta).where(PictureMeta.name == "version").values(value=token))


def _rank(*parts: int | str) -> str:
    """One string whose order is the order of ``parts`` (non-negative ints below 10**9, then a string)."""
    return "".join(f"{p:010d}" if isinstance(p, int) else p for p in parts)


def _component_id(ref: Ref) -> str:
    return f"{ref[0]}:{ref[1]}"


@dataclass
class _Plan:
    removes: list[str] = field(default_factory=list)
    adds: list[str] = field(default_factory=list)


def _plan(session: Session, rows: list[Any]) -> _Plan:
    """Net changes of queued operations: which included documents go, which documents come (again)."""
    docs = list(dict.fromkeys(row.document_id for row in rows))
    included: set[str] = set()
    for batch in chunks(docs):
        included.update(
            session.scalars(select(FusionDocument.document_id).where(FusionDocument.document_id.in_(batch)))
        )
    removed: set[str] = set()
    last: dict[str, str] = {}
    for row in rows:
        if row.op == "remove" and row.document_id in included:
            removed.add(row.document_id)
        last[row.document_id] = row.op
    plan = _Plan(removes=sorted(removed))
    plan.adds = [d for d in docs if last[d] == "add" and (d in removed or d not in included)]
    return plan


class _Batch:
    """One sync step over a set of added and removed documents."""

    def __init__(self, session: Session, rules: FusionRules) -> None:
        self.session = session
        self.rules = rules
        self.ctx = StoreContext(session, rules)
        self.old: dict[str, StoredRecords] = {}
        self.new: dict[str, StoredRecords] = {}
        self.result = SyncResult()
        self._component_of: dict[tuple[str, str, str], str] = {}

    # -- the steps ------------------------------------------------------------------------

    def run(self, rows: list[Any]) -> SyncResult:
        plan = _plan(self.session, rows)
        self.old = self.ctx._fetch_records(plan.removes) if plan.removes else {}
        extractions = self._extractions(plan.adds)
        intern = Interner()
        self.new = {d: stored_records(extractions[d], self.rules, intern) for d in plan.adds if d in extractions}
        if not self.old and not self.new:
            return self.result
        changed_keys = update_entities(self.session, self.old, self.new)
        story_changed = self._update_documents()
        event_refs, event_clusters = self._recluster_events()
        claim_clusters = self._recluster_claims()
        fan_out = fan_out_keys(self.session, changed_keys)
        self._render_events(event_clusters, story_changed, fan_out)
        self._render_claims(claim_clusters, story_changed, fan_out)
        self._update_series(event_refs, story_changed, fan_out)
        self.result.added, self.result.removed = len(self.new), len(self.old)
        return self.result

    def _extractions(self, docs: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for batch in chunks(docs):
            query = select(Document.id, Document.extraction).where(
                Document.id.in_(batch), Document.extraction.is_not(None)
            )
            found.update({row.id: row.extraction for row in self.session.execute(query)})
        return found

    # -- 2. documents and stories -----------------------------------------------------------

    def _update_documents(self) -> set[str]:
        """File the batch's documents; return the included documents whose story label changed."""
        s = self.session
        removed_labels: Counter[str] = Counter()
        for batch in chunks(list(self.old)):
            removed_labels.update(s.scalars(select(FusionDocument.story).where(FusionDocument.document_id.in_(batch))))
            s.execute(delete(FusionDocument).where(FusionDocument.document_id.in_(batch)))
        old_labels = set(removed_labels)
        current = self._story_of(list(self.new))
        rows = [
            {
                "document_id": doc,
                "story": current.get(doc, doc),
                "published": r.info.published,
                "title": r.info.title,
                "source": r.info.source,
                "url": r.info.url,
                "records": dump(r),
            }
            for doc, r in self.new.items()
        ]
        for part in chunks(rows, 500):
            s.execute(insert(table_of(FusionDocument)), part)
        for doc, r in self.new.items():
            self.ctx.records.put(doc, r)
        labels = old_labels | set(current.values())
        recorded: dict[str, str] = {}
        for batch in chunks(sorted(labels)):
            query = select(FusionDocument.document_id, FusionDocument.story).where(FusionDocument.story.in_(batch))
            recorded.update({row.document_id: row.story for row in s.execute(query)})
            query = (
                select(FusionDocument.document_id, FusionDocument.story)
                .join(Story, Story.document_id == FusionDocument.document_id)
                .where(Story.story_id.in_(batch))
            )
            recorded.update({row.document_id: row.story for row in s.execute(query)})
        now = self._story_of(list(recorded))
        changed = {doc for doc, label in recorded.items() if now.get(doc, doc) != label}
        for doc in sorted(changed):
            s.execute(update(FusionDocument).where(FusionDocument.document_id == doc).values(story=now.get(doc, doc)))
        moves = [(recorded[d], now.get(d, d)) for d in changed]
        self._count_stories(removed_labels, Counter(current.get(d, d) for d in self.new), moves)
        return changed - set(self.new)

    def _count_stories(self, removed: Counter[str], added: Counter[str], moves: list[tuple[str, str]]) -> None:
        """Keep the picture's document, story and syndicated-document counts (``picture_meta``) by delta."""
        touched = set(removed) | set(added) | {label for move in moves for label in move}
        after: Counter[str] = Counter()
        for batch in chunks(sorted(touched)):
            query = (
                select(FusionDocument.story, func.count())
                .where(FusionDocument.story.in_(batch))
                .group_by(FusionDocument.story)
            )
            after.update(dict(self.session.execute(query).all()))
        stories = syndicated = 0
        for label in touched:
            before = after[label] - added[label] + removed[label]
            before += sum(1 for a, _ in moves if a == label) - sum(1 for _, b in moves if b == label)
            stories += (after[label] > 0) - (before > 0)
            syndicated += (after[label] if after[label] > 1 else 0) - (before if before > 1 else 0)
        add_to_meta(
            self.session,
            {"documents": len(self.new) - len(self.old), "stories": stories, "syndicated_documents": syndicated},
        )

    def _story_of(self, docs: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for batch in chunks(docs):
            query = select(Story.document_id, Story.story_id).where(Story.document_id.in_(batch))
            found.update({row.document_id: row.story_id for row in self.session.execute(query)})
        return found

    # -- 3. reclustering ------------------------------------------------------------------------

    def _recluster_events(self) -> tuple[set[Ref], list[list[EventReport]]]:
        """Recluster the neighbourhood of the batch's event reports; return its refs and its clusters."""
        rules = self.rules.events
        reports = [e for r in self.new.values() for e in r.events]
        candidates = self._candidates("e", {ref for e in reports for ref in query_keys(e, rules, stored_key)})
        comps = self._components("e", candidates, lambda other: any(compatible(e, other, rules) for e in reports))
        neighbours: list[EventReport] = self._members("e", comps)
        clusters = EventClusters(rules)
        for report in (*neighbours, *reports):
            clusters.add(report)
        self._replace_reports("e", comps, clusters.components(), reports, lambda e: filing_keys(e, rules, stored_key))
        self._drop_items(PictureEvent, "e", comps)
        refs = {e.ref for e in (*neighbours, *reports)}
        return refs, list(clusters.clusters())

    def _recluster_claims(self) -> list[list[ClaimReport]]:
        grouping = ClaimClusters(self.rules.claims, self.rules.stopwords)
        entries = [x for r in self.new.values() for c in r.claims if (x := grouping.entry(c)) is not None]
        keys_of = {x.report.ref: grouping.keys(x, stored_key) for x in entries}
        candidates = self._candidates("c", {k for keys in keys_of.values() for k in keys})

        def matches(other: ClaimReport) -> bool:
            theirs = grouping.entry(other)
            return theirs is not None and any(same_claim(x, theirs, self.rules.claims) for x in entries)

        comps = self._components("c", candidates, matches)
        neighbours: list[ClaimReport] = self._members("c", comps)
        for report in (*neighbours, *(x.report for x in entries)):
            grouping.add(report)
        self._replace_reports("c", comps, grouping.components(), [x.report for x in entries], lambda c: keys_of[c.ref])
        self._drop_items(PictureClaim, "c", comps)
        return list(grouping.clusters())

    def _candidates(self, kind: str, keys: set[int]) -> list[Any]:
        """Stored reports filed under any of ``keys`` (outside removed documents): (ref, component, record)."""
        found: dict[Ref, Any] = {}
        for batch in chunks(sorted(keys)):
            query = (
                select(FusionReport.document_id, FusionReport.item_id, FusionReport.component, FusionReport.record)
                .join(
                    FusionKey,
                    (FusionKey.kind == FusionReport.kind)
                    & (FusionKey.document_id == FusionReport.document_id)
                    & (FusionKey.item_id == FusionReport.item_id),
                )
                .where(FusionKey.kind == kind, FusionKey.key.in_(batch))
            )
            for row in self.session.execute(query):
                if row.document_id not in self.old:
                    found[(row.document_id, row.item_id)] = row
        return list(found.values())

    def _components(self, kind: str, candidates: list[Any], matches: Any) -> set[str]:
        """Components of the removed reports and of the candidates a new report matches."""
        comps: set[str] = set()
        for batch in chunks(list(self.old)):
            comps.update(
                self.session.scalars(
                    select(FusionReport.component)
                    .where(FusionReport.kind == kind, FusionReport.document_id.in_(batch))
                    .distinct()
                )
            )
        for row in candidates:
            if row.component not in comps and matches(load(row.record)):
                comps.add(row.component)
        return comps

    def _members(self, kind: str, comps: set[str]) -> list[Any]:
        found: list[Any] = []
        for batch in chunks(sorted(comps)):
            query = select(FusionReport.document_id, FusionReport.record).where(
                FusionReport.kind == kind, FusionReport.component.in_(batch)
            )
            found.extend(load(row.record) for row in self.session.execute(query) if row.document_id not in self.old)
        return found

    def _replace_reports(
        self, kind: str, comps: set[str], components: Iterable[list[Ref]], new: list[Any], keys_of: Any
    ) -> None:
        """Write the neighbourhood's new component ids; file the new reports; drop the removed ones."""
        s = self.session
        for batch in chunks(list(self.old)):
            s.execute(delete(FusionReport).where(FusionReport.kind == kind, FusionReport.document_id.in_(batch)))
            s.execute(delete(FusionKey).where(FusionKey.kind == kind, FusionKey.document_id.in_(batch)))
        component_of = {ref: _component_id(min(members)) for members in components for ref in members}
        new_refs = {r.ref for r in new}
        for comp_batch in chunks(sorted(comps)):
            query = select(FusionReport.document_id, FusionReport.item_id, FusionReport.component).where(
                FusionReport.kind == kind, FusionReport.component.in_(comp_batch)
            )
            for row in list(s.execute(query)):
                wanted = component_of[(row.document_id, row.item_id)]
                if wanted != row.component:
                    s.execute(
                        update(FusionReport)
                        .where(
                            FusionReport.kind == kind,
                            FusionReport.document_id == row.document_id,
                            FusionReport.item_id == row.item_id,
                        )
                        .values(component=wanted)
                    )
        rows = [
            {
                "kind": kind,
                "document_id": r.document,
                "item_id": r.id,
                "component": component_of[r.ref],
                "record": dump(r),
            }
            for r in new
            if r.ref in new_refs
        ]
        for part in chunks(rows, 500):
            s.execute(insert(table_of(FusionReport)), part)
        key_rows = [
            {"kind": kind, "key": k, "document_id": r.document, "item_id": r.id}
            for r in new
            for k in sorted(set(keys_of(r)))
        ]
        for part in chunks(key_rows, 2000):
            s.execute(insert(table_of(FusionKey)), part)
        self._component_of.update({(kind, *ref): c for ref, c in component_of.items()})

    def _component(self, kind: str, ref: Ref) -> str:
        found = self._component_of.get((kind, *ref))
        if found is None:
            found = self.session.scalar(
                select(FusionReport.component).where(
                    FusionReport.kind == kind, FusionReport.document_id == ref[0], FusionReport.item_id == ref[1]
                )
            )
        return found or _component_id(ref)

    def _drop_items(self, model: Any, kind: str, comps: set[str]) -> None:
        """Delete the stored items of these components (and of the removed documents)."""
        ids: set[str] = set()
        for batch in chunks(sorted(comps)):
            ids.update(self.session.scalars(select(model.id).where(model.component.in_(batch))))
        self._delete_items(model, ids)

    def _delete_items(self, model: Any, ids: Iterable[str]) -> None:
        s = self.session
        for batch in chunks(sorted(ids)):
            s.execute(delete(PictureTerm).where(PictureTerm.item_id.in_(batch)))
            s.execute(delete(PictureMember).where(PictureMember.item_id.in_(batch)))
            s.execute(delete(model).where(model.id.in_(batch)))

    # -- 4. rendering -----------------------------------------------------------------------

    def _stale_items(self, kind: str, docs: set[str], keys: set[str]) -> set[str]:
        """Stored items with a member in ``docs`` or naming one of ``keys``."""
        s = self.session
        ids: set[str] = set()
        for batch in chunks(sorted(docs)):
            ids.update(
                s.scalars(
                    select(PictureMember.item_id).where(
                        PictureMember.kind == kind, PictureMember.document_id.in_(batch)
                    )
                )
            )
        prefix = {"e": "ev_", "c": "cl_", "f": "fs_"}[kind]
        for batch in chunks(sorted(keys)):
            query = select(PictureTerm.item_id).where(
                PictureTerm.term.in_(("actor", "speaker")), PictureTerm.key.in_(batch)
            )
            ids.update(i for i in s.scalars(query) if i.startswith(prefix))
        return ids

    def _stored_clusters(self, kind: str, ids: set[str]) -> list[list[Any]]:
        found: dict[str, list[Any]] = defaultdict(list)
        for batch in chunks(sorted(ids)):
            query = (
                select(PictureMember.item_id, FusionReport.record)
                .join(
                    FusionReport,
                    (FusionReport.kind == PictureMember.kind)
                    & (FusionReport.document_id == PictureMember.document_id)
                    & (FusionReport.item_id == PictureMember.member_id),
                )
                .where(PictureMember.kind == kind, PictureMember.item_id.in_(batch))
            )
            for row in self.session.execute(query):
                found[row.item_id].append(load(row.record))
        return list(found.values())

    def _render_events(self, clusters: list[list[EventReport]], docs: set[str], keys: set[str]) -> None:
        stale = self._stale_items("e", docs, keys)
        again = self._stored_clusters("e", stale)
        self._delete_items(PictureEvent, stale)
        all_clusters = clusters + again
        self.ctx.preload_documents({m.document for c in all_clusters for m in c})
        self._preload_entities(a.key for c in all_clusters for m in c for a in (m.source, m.target) if a)
        rows, members, terms = [], [], []
        for cluster in all_clusters:
            fused = fuse_event(self.ctx, cluster)
            view = event_view(self.ctx, fused)
            rows.append(self._event_row(fused, view))
            members.extend(self._member_rows("e", fused.id, [(m.document, m.id) for m in fused.members]))
            terms.extend(self._event_terms(fused))
        self._write(PictureEvent, rows, members, terms)
        self.result.events = len(rows)

    def _event_row(self, fused: Fused[EventReport], view: dict[str, Any]) -> dict[str, Any]:
        when, first = fused.when, fused.first
        return {
            "id": fused.id,
            "component": self._component("e", fused.first.ref),
            "rank": _rank(
                BIG - fused.independent,
                BIG - len(fused.members),
                int(when is None),
                BIG - (when.start if when else 0),
                fused.id,
            ),
            "timeline_rank": _rank(int(when is None), when.start if when else 0, when.end if when else 0, fused.id),
            "type": view["type"],
            "status": view["status"],
            "independent": fused.independent,
            "reports": len(fused.members),
            "start": when.start if when else None,
            "end": when.end if when else None,
            "first_published": self.ctx.state.documents[first.document].published,
            "view": json.dumps(view, ensure_ascii=False),
            "brief": json.dumps(
                {
                    "id": fused.id,
                    "type": first.type,
                    "status": first.status,
                    "summary": first.text,
                    "independent_sources": fused.independent,
                    "first_reported": self.ctx.reported(first.document),
                },
                ensure_ascii=False,
            ),
        }

    def _preload_entities(self, keys: Iterable[str]) -> None:
        """Display names and merges of these keys and of the keys they merge into, in two queries."""
        rows = self.ctx.entities.rows
        keys = set(keys)
        rows.preload(keys)
        rows.preload({m for k in keys if (row := rows.get(k)) and (m := row[1])})

    def _member_rows(self, kind: str, item: str, refs: list[Ref]) -> list[dict[str, Any]]:
        return [
            {
                "kind": kind,
                "document_id": doc,
                "member_id": member,
                "item_id": item,
                "published": self.ctx.state.documents[doc].published,
            }
            for doc, member in refs
        ]

    def _actor_term(self, item: str, term: str, ref: ActorRef) -> dict[str, Any]:
        merged = self.ctx.merges.get(ref.key, ref.key)
        display = self.ctx.state.entities.display_name(merged) or ""
        return {"item_id": item, "term": term, "key": ref.key, "key_folded": ref.key.casefold(),
                "name": fold(ref.name), "display": fold(display)}  # fmt: skip

    @staticmethod
    def _place_term(item: str, ref: PlaceRef) -> dict[str, Any]:
        return {"item_id": item, "term": "place", "key": ref.key, "key_folded": ref.key.casefold(),
                "name": fold(ref.name), "country": ref.country, "country_folded": (ref.country or "").casefold(),
                "lat": ref.lat, "lon": ref.lon}  # fmt: skip

    def _event_terms(self, fused: Fused[EventReport]) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for m in fused.members:
            found.extend(self._actor_term(fused.id, "actor", a) for a in (m.source, m.target) if a is not None)
            if m.place is not None:
                found.append(self._place_term(fused.id, m.place))
        for claim in event_claims(self.ctx, fused.members):
            if claim.speaker is not None:
                found.append(self._actor_term(fused.id, "speaker", claim.speaker))
        return found

    def _render_claims(self, clusters: list[list[ClaimReport]], docs: set[str], keys: set[str]) -> None:
        stale = self._stale_items("c", docs, keys)
        again = self._stored_clusters("c", stale)
        self._delete_items(PictureClaim, stale)
        all_clusters = clusters + again
        self.ctx.preload_documents({m.document for c in all_clusters for m in c})
        self._preload_entities(m.speaker.key for c in all_clusters for m in c if m.speaker)
        rows, members, terms = [], [], []
        for cluster in all_clusters:
            fused = fuse_claim(self.ctx, cluster)
            view = claim_view(self.ctx, fused)
            first = fused.first
            rows.append(
                {
                    "id": fused.id,
                    "component": self._component("c", first.ref),
                    "rank": _rank(BIG - fused.independent, BIG - len(fused.members), fused.id),
                    "speaker": view["speaker"]["key"],
                    "stance": view["stance"],
                    "factualities": " ".join(view["factualities"]),
                    "content": fold(view["content"]),
                    "independent": fused.independent,
                    "first_published": self.ctx.state.documents[first.document].published,
                    "view": json.dumps(view, ensure_ascii=False),
                    "brief": json.dumps(
                        {
                            "id": fused.id,
                            "speaker": self.ctx.actor(first.speaker) or {"key": None, "name": first.speaker_text},
                            "content": first.content,
                            "independent_carriers": fused.independent,
                            "first_reported": self.ctx.reported(first.document),
                        },
                        ensure_ascii=False,
                    ),
                }
            )
            members.extend(self._member_rows("c", fused.id, [(m.document, m.id) for m in fused.members]))
            for m in fused.members:
                if m.speaker is not None:
                    terms.append(self._actor_term(fused.id, "actor", m.speaker))
                terms.extend(self._place_term(fused.id, p) for p in m.places)
        self._write(PictureClaim, rows, members, terms)
        self.result.claims = len(rows)

    def _write(self, model: Any, rows: list[Any], members: list[Any], terms: list[Any]) -> None:
        s = self.session
        for part in chunks(rows, 200):
            s.execute(insert(table_of(model)), part)
        for part in chunks(members, 2000):
            s.execute(insert(table_of(PictureMember)), part)
        positions: Counter[str] = Counter()
        full = []
        for term in terms:
            full.append({**TERM_DEFAULTS, **term, "position": positions[term["item_id"]]})
            positions[term["item_id"]] += 1
        for part in chunks(full, 1000):
            s.execute(insert(table_of(PictureTerm)), part)

    # -- 5. figure series -------------------------------------------------------------------

    def _update_series(self, event_refs: set[Ref], docs: set[str], keys: set[str]) -> None:
        s = self.session
        affected: dict[Ref, FigureReport | None] = {}  # None: removed
        for r in self.old.values():
            affected.update({f.ref: None for f in r.figures})
        event_docs = {doc for doc, _ in event_refs} | docs
        self.ctx.preload_documents(event_docs)
        for doc in event_docs:
            records = self.ctx.records.get(doc)
            if records is None:
                continue
            for f in records.figures:
                if doc in docs or any((doc, e) in event_refs for e in f.events):
                    affected[f.ref] = f
        for r in self.new.values():
            affected.update({f.ref: f for f in r.figures})
        stale_series = self._stale_items("f", set(), keys)
        old_series = self._series_of(list(affected)) | stale_series
        self._events_of = _EventIds(s)
        self._events_of.preload(f for f in affected.values() if f is not None)
        placed = {ref: self._series_key(f) for ref, f in affected.items() if f is not None}
        wanted = old_series | {sid for sid, _, _ in placed.values()}
        members: dict[str, dict[Ref, FigureReport | None]] = defaultdict(dict)
        for batch in chunks(sorted(wanted)):
            query = select(PictureMember.item_id, PictureMember.document_id, PictureMember.member_id).where(
                PictureMember.kind == "f", PictureMember.item_id.in_(batch)
            )
            for row in s.execute(query):
                ref = (row.document_id, row.member_id)
                if ref not in affected:
                    members[row.item_id][ref] = None
        for ref, (sid, _, _) in placed.items():
            members[sid][ref] = affected[ref]
        self._delete_items(PictureSeries, wanted)
        self.ctx.preload_documents({doc for refs in members.values() for doc, _ in refs})
        figures = {sid: [f or self._figure(ref) for ref, f in members[sid].items()] for sid in members}
        self._events_of.preload(f for reports in figures.values() for f in reports)
        self._preload_entities(
            a.key for reports in figures.values() for f in reports for a in (f.actor, f.speaker) if a is not None
        )
        rows, member_rows, terms = [], [], []
        for sid in sorted(members):
            reports = figures[sid]
            built = build_series(reports, lambda f: self.ctx.story[f.document], self._events_of, self.rules.figures)
            for series in built:
                view = series_view(self.ctx, series)
                rows.append(
                    {
                        "id": view["id"],
                        "rank": _rank(BIG - len(series.contradictions), BIG - len(series.entries), view["id"]),
                        "category": series.key[1],
                        "contradictions": len(series.contradictions),
                        "clash_published": _clash_published(series, self.ctx),
                        "entries": len(series.entries),
                        "view": json.dumps(view, ensure_ascii=False),
                    }
                )
                figs = [r for e in series.entries for r in e.reports]
                member_rows.extend(self._member_rows("f", view["id"], [f.ref for f in figs]))
                terms.extend(self._series_terms(view["id"], series))
        self._write(PictureSeries, rows, member_rows, terms)
        self.result.series = len(rows)

    def _figure(self, ref: Ref) -> FigureReport:
        records = self.ctx.records[ref[0]]
        return next(f for f in records.figures if f.id == ref[1])

    def _series_of(self, refs: list[Ref]) -> set[str]:
        found: set[str] = set()
        by_doc: dict[str, set[str]] = defaultdict(set)
        for doc, fid in refs:
            by_doc[doc].add(fid)
        for batch in chunks(sorted(by_doc)):
            query = select(PictureMember.document_id, PictureMember.member_id, PictureMember.item_id).where(
                PictureMember.kind == "f", PictureMember.document_id.in_(batch)
            )
            found.update(row.item_id for row in self.session.execute(query) if row.member_id in by_doc[row.document_id])
        return found

    def _series_key(self, f: FigureReport) -> tuple[str, Any, str | None]:
        """The series id a figure belongs to (as ``build_series`` groups figures)."""
        key = subject_key(f, self.rules.figures)
        scope = None
        if key[0] is None:
            tied = sorted(self._events_of(f))
            if tied:
                key, scope = (None, key[1], key[2], None, None), tied[0]
            elif key[3] is None:
                scope = self.ctx.story[f.document]
        return series_id(Series(key=key, scope=scope, entries=[])), key, scope

    def _series_terms(self, item: str, series: Series) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for entry in series.entries:
            when = entry.when
            if when is not None:
                found.append({"item_id": item, "term": "when", "start": when.start, "end": when.end})
            for r in entry.reports:
                if r.actor is not None:
                    found.append(self._actor_term(item, "actor", r.actor))
                if r.speaker is not None:
                    found.append(self._actor_term(item, "speaker", r.speaker))
                if r.place is not None:
                    found.append(self._place_term(item, r.place))
        return found


def _clash_published(series: Series, ctx: StoreContext) -> int | None:
    """The newest publication day among the reports of the series' contradictions (for "new developments")."""
    days = [
        ctx.state.documents[r.document].published
        for c in series.contradictions
        for i in (*c.a, *c.b)
        for r in series.entries[i].reports
    ]
    known = [d for d in days if d is not None]
    return max(known) if known else None


class _EventIds:
    """``events_of`` for figures: the fused event ids citing a figure, from ``picture_members``."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[Ref, str | None] = {}

    def preload(self, figures: Iterable[FigureReport]) -> None:
        missing = {(f.document, e) for f in figures for e in f.events} - set(self._cache)
        if not missing:
            return
        by_doc: dict[str, set[str]] = defaultdict(set)
        for doc, e in missing:
            by_doc[doc].add(e)
            self._cache[(doc, e)] = None
        for batch in chunks(sorted(by_doc)):
            query = select(PictureMember.document_id, PictureMember.member_id, PictureMember.item_id).where(
                PictureMember.kind == "e", PictureMember.document_id.in_(batch)
            )
            for row in self.session.execute(query):
                if row.member_id in by_doc[row.document_id]:
                    self._cache[(row.document_id, row.member_id)] = row.item_id

    def __call__(self, figure: FigureReport) -> frozenset[str]:
        self.preload([figure])
        return frozenset(i for e in figure.events if (i := self._cache.get((figure.document, e))) is not None)


TERM_DEFAULTS: dict[str, Any] = {
    "key": None,
    "key_folded": None,
    "name": None,
    "display": None,
    "country": None,
    "country_folded": None,
    "lat": None,
    "lon": None,
    "start": None,
    "end": None,
}


__all__ = ["SyncResult", "pending", "reset_picture", "short_id", "sync_picture"]
