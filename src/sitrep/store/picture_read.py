"""Reading the persisted picture: ``StoredPicture.to_dict`` (the ``sitrep-picture/1`` shape, equal to
``fuse.Picture.to_dict`` over the same documents) and paginated, indexed pages of its items.

Filters become SQL over ``picture_terms`` (actor and place names, keys and countries, folded
as ``fuse.picture.Query`` folds them), the items' date columns and ``picture_members``'
publication days; every list is ordered by an indexed ``rank`` column, so a page costs
an index range scan, whatever the store's size.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from sitrep.fuse.entities import most_common
from sitrep.fuse.picture import PICTURE_SCHEMA, Query, _check_date, _documents_of, country_code, filters_echo
from sitrep.fuse.rules import FusionRules, load_rules
from sitrep.fuse.text import fold, iso_day
from sitrep.fuse.timeline import timeline
from sitrep.fuse.views import short_id
from sitrep.store.fusion import meta_counts
from sitrep.store.fusion_context import chunks
from sitrep.store.picture_tables import (
    FusionDocument,
    FusionEntity,
    FusionMention,
    PictureClaim,
    PictureEvent,
    PictureMember,
    PictureSeries,
    PictureTerm,
)

ITEM_MODELS: dict[str, Any] = {"e": PictureEvent, "c": PictureClaim, "f": PictureSeries}


def like(text: str) -> str:
    """A LIKE pattern for "contains ``text``" (``\\`` escapes)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def place_clause(item: Any, place: str) -> ColumnElement[bool]:
    """Items with a place matching ``place`` as ``Query.place_matches`` does."""
    q = fold(place).strip()
    pattern = like(q)
    code = country_code(place)
    t = PictureTerm
    matches = or_(
        t.name.like(pattern, escape="\\"),
        t.key_folded.like(pattern, escape="\\"),
        t.country_folded == q,
        (t.country == code) if code else false(),
    )
    found: ColumnElement[bool] = item.id.in_(select(t.item_id).where(t.term == "place", matches))
    return found


def actor_clause(item: Any, actor: str) -> ColumnElement[bool]:
    """Items with an actor matching ``actor`` as ``Query.actor_matches`` does."""
    pattern = like(fold(actor).strip())
    t = PictureTerm
    matches = or_(
        t.name.like(pattern, escape="\\"),
        t.display.like(pattern, escape="\\"),
        t.key_folded.like(pattern, escape="\\"),
    )
    found: ColumnElement[bool] = item.id.in_(select(t.item_id).where(t.term == "actor", matches))
    return found


def span_clause(kind: str, since: int | None, until: int | None) -> ColumnElement[bool] | None:
    """Items dated in the span: events by their date, claims by a carrier's publication, series by an entry."""
    if since is None and until is None:
        return None
    if kind == "e":
        e = PictureEvent
        dated: list[ColumnElement[bool]] = [e.start.is_not(None)]
        dated += [e.end >= since] if since is not None else []
        dated += [e.start <= until] if until is not None else []
        return and_(*dated)
    if kind == "c":
        m = PictureMember
        carried: list[ColumnElement[bool]] = [m.kind == "c", m.published.is_not(None)]
        carried += [m.published >= since] if since is not None else []
        carried += [m.published <= until] if until is not None else []
        return PictureClaim.id.in_(select(m.item_id).where(*carried))
    t = PictureTerm
    parts: list[ColumnElement[bool]] = [t.term == "when"]
    parts += [t.end >= since] if since is not None else []
    parts += [t.start <= until] if until is not None else []
    return PictureSeries.id.in_(select(t.item_id).where(*parts))


def query_clauses(kind: str, query: Query) -> list[ColumnElement[bool]]:
    model = ITEM_MODELS[kind]
    found = []
    span = span_clause(kind, query.since, query.until)
    if span is not None:
        found.append(span)
    if query.place is not None:
        found.append(place_clause(model, query.place))
    if query.actor is not None:
        found.append(actor_clause(model, query.actor))
    return found


@dataclass(frozen=True)
class Page:
    """One page of items: their total, the page's views, and where the next page starts."""

    total: int
    items: list[dict[str, Any]]
    next_cursor: str | None


class StoredPicture:
    """The persisted picture of a store, read with indexed queries."""

    def __init__(self, session: Session, rules: FusionRules | None = None) -> None:
        self.session = session
        self.rules = rules or load_rules()

    # -- the whole picture ------------------------------------------------------------------

    def to_dict(
        self,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
    ) -> dict[str, Any]:
        """As ``fuse.Picture.to_dict`` (same arguments, same result), from the picture's tables."""
        query = Query(_check_date("since", since), _check_date("until", until), place, actor)
        where = {kind: query_clauses(kind, query) for kind in ITEM_MODELS}
        events = self._views(PictureEvent, where["e"], limit)
        claims = self._views(PictureClaim, where["c"], limit)
        series = self._views(PictureSeries, where["f"], limit)
        stats = self._stats(where)
        developments = self._developments(where, query.until, limit)
        narrowed = query.active or limit is not None
        docs = _documents_of(events, claims, series) if narrowed else None
        return {
            "schema": PICTURE_SCHEMA,
            "filters": filters_echo(since, until, place, actor, limit),
            "stats": stats,
            "documents": self.documents(docs),
            "syndication": self.stories(docs),
            "entities": self.entities(docs),
            "events": events,
            "claims": claims,
            "figures": series,
            "timeline": timeline(events),
            "developments": developments,
        }

    def _views(self, model: Any, where: list[ColumnElement[bool]], limit: int | None) -> list[dict[str, Any]]:
        query = select(model.view).where(*where).order_by(model.rank)
        if limit is not None:
            query = query.limit(limit)
        return [json.loads(v) for v in self.session.scalars(query)]

    def _stats(self, where: dict[str, list[ColumnElement[bool]]]) -> dict[str, int]:
        s = self.session
        counts = meta_counts(s, ("documents", "stories", "syndicated_documents"))
        documents, stories, syndicated = counts["documents"], counts["stories"], counts["syndicated_documents"]
        events, reports = s.execute(
            select(func.count(), func.coalesce(func.sum(PictureEvent.reports), 0)).where(*where["e"])
        ).one()
        claims = s.scalar(select(func.count()).select_from(PictureClaim).where(*where["c"])) or 0
        series, clashes = s.execute(
            select(func.count(), func.coalesce(func.sum(PictureSeries.contradictions), 0)).where(*where["f"])
        ).one()
        return {
            "documents": documents,
            "stories": stories,
            "syndicated_documents": int(syndicated),
            "events": events,
            "event_reports": int(reports),
            "claims": claims,
            "series": series,
            "contradictions": int(clashes),
        }

    def _developments(
        self, where: dict[str, list[ColumnElement[bool]]], until: int | None, limit: int | None
    ) -> dict[str, Any]:
        s = self.session
        latest = until if until is not None else s.scalar(select(func.max(FusionDocument.published)))
        if latest is None:
            return {"since": None, "events": [], "claims": [], "contradictions": []}
        cutoff = latest - self.rules.recent_days
        briefs = {}
        for name, model in (("events", PictureEvent), ("claims", PictureClaim)):
            query = select(model.brief).where(*where[name[0]], model.first_published >= cutoff).order_by(model.rank)
            briefs[name] = [json.loads(b) for b in s.scalars(query if limit is None else query.limit(limit))]
        return {
            "since": iso_day(cutoff),
            "events": briefs["events"],
            "claims": briefs["claims"],
            "contradictions": self._fresh_contradictions(where["f"], iso_day(cutoff) or "", limit),
        }

    def _fresh_contradictions(
        self, where: list[ColumnElement[bool]], cutoff: str, limit: int | None
    ) -> list[dict[str, Any]]:
        query = (
            select(PictureSeries.view)
            .where(*where, PictureSeries.contradictions > 0, PictureSeries.clash_published >= iso_to_day(cutoff))
            .order_by(PictureSeries.rank)
        )
        found: list[dict[str, Any]] = []
        for text in self.session.scalars(query):
            view = json.loads(text)
            entries = view["entries"]
            for c in view["contradictions"]:
                reports = (r for i in (*c["a"], *c["b"]) for r in entries[i]["reports"])
                if not any(r["published"] is not None and r["published"] >= cutoff for r in reports):
                    continue
                found.append(
                    {
                        "series": view["id"],
                        "kind": c["kind"],
                        "subject": view["subject"]["label"],
                        "a": _statement(entries[c["a"][0]]),
                        "b": _statement(entries[c["b"][0]]),
                    }
                )
                if limit is not None and len(found) >= limit:
                    return found
        return found

    # -- documents, stories, entities ---------------------------------------------------------

    def documents(self, only: set[str] | None) -> dict[str, dict[str, Any]]:
        """Document views (``fuse.views.document_view``) of these documents, or of all."""
        out = {}
        for row in self._document_rows(only):
            out[row.document_id] = {
                "title": row.title,
                "source": row.source,
                "url": row.url,
                "published": iso_day(row.published),
                "story": short_id("st_", row.story),
            }
        return dict(sorted(out.items()))

    def _document_rows(self, only: set[str] | None) -> Iterator[Any]:
        d = FusionDocument
        columns = (d.document_id, d.title, d.source, d.url, d.published, d.story)
        if only is None:
            yield from self.session.execute(select(*columns).execution_options(yield_per=1000))
            return
        for batch in chunks(sorted(only)):
            yield from self.session.execute(select(*columns).where(d.document_id.in_(batch)))

    def stories(self, only: set[str] | None) -> list[dict[str, Any]]:
        """Syndication groups of two or more copies (``fuse.views.story_views``)."""
        d = FusionDocument
        multi = select(d.story).group_by(d.story).having(func.count() > 1)
        if only is None:
            labels = set(self.session.scalars(multi))
        else:
            labels = set()
            for batch in chunks(sorted(only)):
                mine = select(d.story).where(d.document_id.in_(batch)).distinct()
                labels.update(self.session.scalars(multi.where(d.story.in_(mine))))
        groups: dict[str, list[Any]] = defaultdict(list)
        for batch in chunks(sorted(labels)):
            for row in self.session.execute(
                select(d.story, d.document_id, d.source, d.published).where(d.story.in_(batch))
            ):
                groups[row.story].append(row)
        kept = sorted(groups.items(), key=lambda item: (-len(item[1]), short_id("st_", item[0])))
        out = []
        for label, rows in kept:
            ordered = sorted(rows, key=lambda r: (r.published is None, r.published or 0, r.document_id, ""))
            out.append(
                {
                    "id": short_id("st_", label),
                    "documents": sorted(r.document_id for r in rows),
                    "original": ordered[0].document_id,
                    "outlets": sorted({r.source for r in rows if r.source}),
                    "first_published": iso_day(ordered[0].published),
                    "last_published": iso_day(ordered[-1].published),
                }
            )
        return out

    def entities(self, only: set[str] | None) -> list[dict[str, Any]]:
        """Entities mentioned in these documents (or all), merged groups as ``fuse.views.entity_views``."""
        m = FusionMention
        mentions: dict[str, list[Any]] = defaultdict(list)
        columns = (m.key, m.document_id, m.item_id, m.spans)
        if only is None:
            rows: Any = self.session.execute(select(*columns).execution_options(yield_per=2000))
        else:
            rows = (
                row
                for batch in chunks(sorted(only))
                for row in self.session.execute(select(*columns).where(m.document_id.in_(batch)))
            )
        for row in rows:
            mentions[row.key].append(row)
        head_of = self._heads(set(mentions))
        groups: dict[str, list[str]] = defaultdict(list)
        for key in mentions:
            groups[head_of.get(key, key)].append(key)
        parts = self._parts(set(groups))
        counts = self._counters({k for keys in parts.values() for k in keys})
        display = self._displays(set(groups))
        out: list[dict[str, Any]] = []
        for head in groups:
            names: Counter[str] = Counter()
            types: Counter[str] = Counter()
            countries: Counter[str] = Counter()
            kind = None
            for key in parts.get(head, [head]):
                got = counts.get(key)
                if got is None:
                    continue
                kind = kind or got["kind"]
                names.update(got["names"])
                types.update(got["types"])
                countries.update(got["countries"])
            found = [
                {"document": r.document_id, "id": r.item_id, "spans": json.loads(r.spans)}
                for key in groups[head]
                for r in mentions[key]
            ]
            found.sort(key=lambda x: (x["document"], x["id"]))
            out.append(
                {
                    "key": head,
                    "kind": kind,
                    "name": display.get(head) or most_common(names),
                    "type": most_common(types),
                    "country": most_common(countries),
                    "aliases": sorted(names),
                    "documents": len({x["document"] for x in found}),
                    "mentions": found,
                }
            )
        out.sort(key=lambda e: (-e["documents"], e["key"]))
        return out

    def _heads(self, keys: set[str]) -> dict[str, str]:
        found = {}
        for batch in chunks(sorted(keys)):
            query = select(FusionEntity.key, FusionEntity.merged_into).where(
                FusionEntity.key.in_(batch), FusionEntity.merged_into.is_not(None)
            )
            found.update({row.key: row.merged_into for row in self.session.execute(query)})
        return found

    def _parts(self, heads: set[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {h: [h] for h in heads}
        for batch in chunks(sorted(heads)):
            query = select(FusionEntity.key, FusionEntity.merged_into).where(FusionEntity.merged_into.in_(batch))
            for row in self.session.execute(query):
                found[row.merged_into].append(row.key)
        return found

    def _counters(self, keys: set[str]) -> dict[str, dict[str, Any]]:
        e = FusionEntity
        found: dict[str, dict[str, Any]] = {}
        for batch in chunks(sorted(keys)):
            query = select(e.key, e.kind, e.names, e.types, e.countries).where(e.key.in_(batch))
            for row in self.session.execute(query):
                found[row.key] = {
                    "kind": row.kind,
                    "names": Counter(json.loads(row.names)),
                    "types": Counter(json.loads(row.types)),
                    "countries": Counter(json.loads(row.countries)),
                }
        return found

    def _displays(self, keys: set[str]) -> dict[str, str]:
        found = {}
        for batch in chunks(sorted(keys)):
            query = select(FusionEntity.key, FusionEntity.display).where(FusionEntity.key.in_(batch))
            found.update({row.key: row.display for row in self.session.execute(query)})
        return found


def iso_to_day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal() if iso else 0


def _statement(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: entry[k] for k in ("value", "low", "high", "qualifier", "text")}


__all__ = ["Page", "StoredPicture", "actor_clause", "like", "place_clause", "query_clauses", "span_clause"]


# -- paginated resources ----------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilters:
    type: str | None = None
    status: str | None = None
    actor: str | None = None  # an actor key (a lone surname's key finds the full name's events too)
    place: str | None = None  # a place key
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    since: int | None = None
    until: int | None = None
    min_sources: int | None = None


@dataclass(frozen=True)
class ClaimFilters:
    speaker: str | None = None  # the fused speaker's key
    stance: str | None = None
    factuality: str | None = None
    text: str | None = None  # a substring of the content (case- and accent-insensitive)
    since: int | None = None  # a carrier published on or after
    until: int | None = None
    min_sources: int | None = None


@dataclass(frozen=True)
class SeriesFilters:
    category: str | None = None
    actor: str | None = None
    contradicted: bool | None = None
    since: int | None = None
    until: int | None = None


def _keys_of(session: Session, key: str) -> list[str]:
    """A key and the keys merged into it."""
    return [key, *session.scalars(select(FusionEntity.key).where(FusionEntity.merged_into == key))]


def _term_with_key(item: Any, term: str, keys: list[str]) -> ColumnElement[bool]:
    t = PictureTerm
    found: ColumnElement[bool] = item.id.in_(select(t.item_id).where(t.term == term, t.key.in_(keys)))
    return found


def event_clauses(session: Session, f: EventFilters) -> list[ColumnElement[bool]]:
    e, t = PictureEvent, PictureTerm
    found: list[ColumnElement[bool]] = []
    found += [e.type == f.type] if f.type else []
    found += [e.status == f.status] if f.status else []
    found += [e.independent >= f.min_sources] if f.min_sources is not None else []
    found += [_term_with_key(e, "actor", _keys_of(session, f.actor))] if f.actor else []
    found += [_term_with_key(e, "place", [f.place])] if f.place else []
    if f.bbox is not None:
        west, south, east, north = f.bbox
        found.append(
            e.id.in_(select(t.item_id).where(t.term == "place", t.lat.between(south, north), t.lon.between(west, east)))
        )
    span = span_clause("e", f.since, f.until)
    return found + ([span] if span is not None else [])


def claim_clauses(session: Session, f: ClaimFilters) -> list[ColumnElement[bool]]:
    c = PictureClaim
    found: list[ColumnElement[bool]] = []
    found += [c.speaker.in_(_keys_of(session, f.speaker))] if f.speaker else []
    found += [c.stance == f.stance] if f.stance else []
    found += [(" " + c.factualities + " ").like(like(f" {f.factuality} "), escape="\\")] if f.factuality else []
    found += [c.content.like(like(fold(f.text).strip()), escape="\\")] if f.text else []
    found += [c.independent >= f.min_sources] if f.min_sources is not None else []
    span = span_clause("c", f.since, f.until)
    return found + ([span] if span is not None else [])


def series_clauses(session: Session, f: SeriesFilters) -> list[ColumnElement[bool]]:
    s = PictureSeries
    found: list[ColumnElement[bool]] = []
    found += [s.category == f.category] if f.category else []
    found += [_term_with_key(s, "actor", _keys_of(session, f.actor))] if f.actor else []
    if f.contradicted is not None:
        found.append(s.contradictions > 0 if f.contradicted else s.contradictions == 0)
    span = span_clause("f", f.since, f.until)
    return found + ([span] if span is not None else [])


def page(
    session: Session,
    model: Any,
    where: list[ColumnElement[bool]],
    limit: int,
    offset: int = 0,
    after: str | None = None,
    order: Any = None,
) -> tuple[int, list[tuple[str, str]], str | None]:
    """The total of matching items and one page of (rank, view JSON), by ``order`` (``model.rank``)
    from ``offset`` or after the cursor rank ``after``; and the cursor of the next page."""
    order = order if order is not None else model.rank
    total = session.scalar(select(func.count()).select_from(model).where(*where)) or 0
    query = select(order, model.view).where(*where)
    if after is not None:
        query = query.where(order > after)
    rows = [
        tuple(r) for r in session.execute(query.order_by(order).offset(offset if after is None else 0).limit(limit + 1))
    ]
    more = len(rows) > limit
    rows = rows[:limit]
    return total, rows, (rows[-1][0] if more and rows else None)


def item(session: Session, model: Any, item_id: str) -> dict[str, Any] | None:
    found = session.scalar(select(model.view).where(model.id == item_id))
    return None if found is None else json.loads(found)


def contradictions_page(
    session: Session, f: SeriesFilters, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Contradictions of the matching series, most contradicted series first, each with its two sides."""
    where = [*series_clauses(session, f), PictureSeries.contradictions > 0]
    total = session.scalar(select(func.coalesce(func.sum(PictureSeries.contradictions), 0)).where(*where)) or 0
    skip, out = offset, []
    light = select(PictureSeries.id, PictureSeries.contradictions).where(*where).order_by(PictureSeries.rank)
    for series_id, count in session.execute(light).all():
        if skip >= count:
            skip -= count
            continue
        view = item(session, PictureSeries, series_id) or {}
        for c in view.get("contradictions", [])[skip:]:
            sides = c["sides"]
            out.append({"series": view["id"], "subject": view["subject"]["label"], "kind": c["kind"],
                        "a": sides[0], "b": sides[1]})  # fmt: skip
            if len(out) == limit:
                return int(total), out
        skip = 0
    return int(total), out


def entity_page(
    session: Session, kind: str | None, query: str | None, limit: int, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Actors and places of the picture, in the most documents first (ties by key), as ``summary_dict``."""
    e = FusionEntity
    where: list[ColumnElement[bool]] = []
    where += [e.kind == kind] if kind else []
    if query:
        pattern = like(query.casefold())
        where.append(or_(func.lower(e.key).like(pattern, escape="\\"), func.lower(e.names).like(pattern, escape="\\")))
    total = session.scalar(select(func.count()).select_from(e).where(*where)) or 0
    rows = session.execute(
        select(e.key, e.kind, e.display, e.names, e.types, e.country, e.own)
        .where(*where)
        .order_by(e.rank)
        .offset(offset)
        .limit(limit)
    )
    return total, [
        {
            "key": r.key,
            "kind": r.kind,
            "name": r.display,
            "aliases": sorted(json.loads(r.names)),
            "type": most_common(Counter(json.loads(r.types))),
            "country": r.country,
            "documents": r.own,
        }
        for r in rows
    ]
