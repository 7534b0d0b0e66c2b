"""The situation picture: one JSON-ready view of everything the fusion state holds.

``Picture.add`` is incremental (see ``state.py``); ``Picture.to_dict`` reads the
current state (re-splitting only clusters that changed), ranks and filters light
fused objects, and turns only the kept ones into dicts (``views.py``). Every list is
in a canonical order, so the result depends on the set of documents only, never on
the order they were added in. The shape is ``resources/picture.schema.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.errors import InputError
from sitrep.fuse.entities import ActorRef, PlaceRef
from sitrep.fuse.figures import Series, build_series
from sitrep.fuse.records import ClaimReport, EventReport, FigureReport, When
from sitrep.fuse.rules import FusionRules
from sitrep.fuse.state import FusionState
from sitrep.fuse.text import day_number, fold, iso_day
from sitrep.fuse.timeline import timeline
from sitrep.fuse.views import (
    Context,
    Fused,
    claim_view,
    document_view,
    entity_views,
    event_view,
    fuse_claim,
    fuse_event,
    series_id,
    series_view,
    statement,
    story_views,
    subject_label,
)

PICTURE_SCHEMA = "sitrep-picture/1"
SCHEMA_FILE = "picture.schema.json"


@lru_cache(maxsize=256)
def country_code(name: str) -> str | None:
    """The ISO3 code of a country named in full ("Niger", "South Sudan"), so a place filter keeps its towns."""
    import pycountry

    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_3)
    except LookupError:
        return None


@dataclass(frozen=True)
class Query:
    """The filters of one reading: a date span and place/actor substrings (or ISO3 codes)."""

    since: int | None = None
    until: int | None = None
    place: str | None = None
    actor: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.since, self.until, self.place, self.actor))

    def in_span(self, when: When | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if when is None:
            return False
        return (self.since is None or when.end >= self.since) and (self.until is None or when.start <= self.until)

    def published_in_span(self, day: int | None) -> bool:
        return self.in_span(None if day is None else When(day, day, "day"))

    def place_matches(self, ref: PlaceRef | None) -> bool:
        if self.place is None:
            return True
        if ref is None:
            return False
        q = fold(self.place).strip()
        if q in fold(ref.name) or q in ref.key.casefold() or q == (ref.country or "").casefold():
            return True
        country = country_code(self.place)
        return country is not None and ref.country == country

    def actor_matches(self, ref: ActorRef | None, ctx: Context) -> bool:
        if self.actor is None:
            return True
        if ref is None:
            return False
        q = fold(self.actor).strip()
        display = ctx.state.entities.display_name(ctx.merges.get(ref.key, ref.key)) or ""
        return q in fold(ref.name) or q in fold(display) or q in ref.key.casefold()

    def keeps_event(self, fused: Fused[EventReport], ctx: Context) -> bool:
        members = fused.members
        return (
            self.in_span(fused.when)
            and (self.place is None or any(self.place_matches(m.place) for m in members))
            and (self.actor is None or any(self.actor_matches(a, ctx) for m in members for a in (m.source, m.target)))
        )

    def keeps_claim(self, fused: Fused[ClaimReport], ctx: Context) -> bool:
        members = fused.members
        return (
            any(self.published_in_span(ctx.state.documents[m.document].published) for m in members)
            and (self.place is None or any(self.place_matches(p) for m in members for p in m.places))
            and (self.actor is None or any(self.actor_matches(m.speaker, ctx) for m in members))
        )

    def keeps_series(self, series: Series, ctx: Context) -> bool:
        reports = [r for e in series.entries for r in e.reports]
        return (
            any(self.in_span(e.when) for e in series.entries)
            and (self.place is None or any(self.place_matches(r.place) for r in reports))
            and (self.actor is None or any(self.actor_matches(r.actor, ctx) for r in reports))
        )


def _check_date(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    day = day_number(value)
    if day is None:
        raise InputError(f"picture filter --{name}: {value!r} is not an ISO date (YYYY-MM-DD)")
    return day


def _event_rank(fused: Fused[EventReport]) -> tuple[Any, ...]:
    when = fused.when
    return (-fused.independent, -len(fused.members), when is None, -(when.start if when else 0), fused.id)


class Picture:
    """The fused picture of many documents: add extractions, read the picture."""

    def __init__(self, rules: FusionRules | None = None) -> None:
        self.state = FusionState(rules)

    def __len__(self) -> int:
        return len(self.state)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self.state

    def add(self, extraction: dict[str, Any]) -> bool:
        """Fuse one sitrep/1 extraction in; False when its document is already in the picture."""
        return self.state.add(extraction)

    def extend(self, extractions: Iterable[dict[str, Any]]) -> int:
        """Fuse many extractions; return how many were new."""
        return sum(1 for e in extractions if self.add(e))

    def to_dict(
        self,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
    ) -> dict[str, Any]:
        """The picture as JSON-ready data (see ``resources/picture.schema.json``).

        ``since``/``until`` (ISO dates) keep items dated in that span (events by their
        date, claims by publication, series with an entry in the span); ``place`` and
        ``actor`` keep items whose place or actors match (case-insensitive substring of
        the name or key, or an ISO3 country code); ``limit`` keeps the top N events,
        claims and series (and the entities, stories and documents they refer to).
        """
        query = Query(_check_date("since", since), _check_date("until", until), place, actor)
        ctx = Context(self.state)
        fused_events = [fuse_event(ctx, members) for members in self.state.events.clusters()]
        fused_of = {m.ref: f.id for f in fused_events for m in f.members}
        ctx.fused_events = {f.id: f for f in fused_events}

        def events_of(figure: FigureReport) -> frozenset[str]:
            refs = ((figure.document, e) for e in figure.events)
            return frozenset(fused_of[ref] for ref in refs if ref in fused_of)

        all_series = build_series(self.state.figures, lambda f: ctx.story[f.document], events_of, self.rules.figures)
        events = sorted((f for f in fused_events if query.keeps_event(f, ctx)), key=_event_rank)
        claims = sorted(
            (f for m in self.state.claims.clusters() if query.keeps_claim(f := fuse_claim(ctx, m), ctx)),
            key=lambda f: (-f.independent, -len(f.members), f.id),
        )
        series = sorted(
            (s for s in all_series if query.keeps_series(s, ctx)),
            key=lambda s: (-len(s.contradictions), -len(s.entries), series_id(s)),
        )
        stats = _stats(ctx, events, claims, series)
        developments = _developments(ctx, events, claims, series, query.until, limit)
        if limit is not None:
            events, claims, series = events[:limit], claims[:limit], series[:limit]
        event_views = [event_view(ctx, f) for f in events]
        claim_views = [claim_view(ctx, f) for f in claims]
        series_views = [series_view(ctx, s) for s in series]
        narrowed = query.active or limit is not None
        docs = _documents_of(event_views, claim_views, series_views) if narrowed else set(self.state.documents)
        return {
            "schema": PICTURE_SCHEMA,
            "filters": filters_echo(since, until, place, actor, limit),
            "stats": stats,
            "documents": {d: document_view(ctx, d) for d in sorted(docs)},
            "syndication": story_views(ctx, docs if narrowed else None),
            "entities": entity_views(ctx, docs if narrowed else None),
            "events": event_views,
            "claims": claim_views,
            "figures": series_views,
            "timeline": timeline(event_views),
            "developments": developments,
        }

    @property
    def rules(self) -> FusionRules:
        return self.state.rules


def _stats(
    ctx: Context, events: list[Fused[EventReport]], claims: list[Fused[ClaimReport]], series: list[Series]
) -> dict[str, int]:
    """Counts of the whole (filtered) picture, before ``limit``."""
    stories: dict[str, int] = {}
    for label in ctx.story.values():
        stories[label] = stories.get(label, 0) + 1
    return {
        "documents": len(ctx.state.documents),
        "stories": len(stories),
        "syndicated_documents": sum(n for n in stories.values() if n > 1),
        "events": len(events),
        "event_reports": sum(len(f.members) for f in events),
        "claims": len(claims),
        "series": len(series),
        "contradictions": sum(len(s.contradictions) for s in series),
    }


def filters_echo(
    since: str | None, until: str | None, place: str | None, actor: str | None, limit: int | None
) -> dict[str, Any]:
    """The filters a picture was read with, as its ``filters`` field says them (dates as days)."""
    return {
        "since": since and since[:10],
        "until": until and until[:10],
        "place": place,
        "actor": actor,
        "limit": limit,
    }


def _documents_of(events: list[dict[str, Any]], claims: list[dict[str, Any]], series: list[dict[str, Any]]) -> set[str]:
    docs = {m["document"] for e in events for m in e["members"]}
    docs |= {c["document"] for cl in claims for c in cl["carriers"]}
    docs |= {r["document"] for s in series for e in s["entries"] for r in e["reports"]}
    return docs


def _developments(
    ctx: Context,
    events: list[Fused[EventReport]],
    claims: list[Fused[ClaimReport]],
    series: list[Series],
    until: int | None,
    limit: int | None,
) -> dict[str, Any]:
    """What first appeared in the last ``recent_days`` before the newest document (or ``until``):
    events and claims first reported then, and contradictions with a side reported then. Each item
    is described in full, so it reads without the (possibly limited) lists above."""
    dates = [d.published for d in ctx.state.documents.values() if d.published is not None]
    latest = until if until is not None else (max(dates) if dates else None)
    if latest is None:
        return {"since": None, "events": [], "claims": [], "contradictions": []}
    cutoff = latest - ctx.rules.recent_days

    def new(doc: str) -> bool:
        published = ctx.state.documents[doc].published
        return published is not None and published >= cutoff

    fresh_events = [f for f in events if new(f.first.document)][:limit]
    fresh_claims = [f for f in claims if new(f.first.document)][:limit]
    clashes = [
        (s, c)
        for s in series
        for c in s.contradictions
        if any(new(r.document) for i in (*c.a, *c.b) for r in s.entries[i].reports)
    ][:limit]
    return {
        "since": iso_day(cutoff),
        "events": [
            {
                "id": f.id,
                "type": f.first.type,
                "status": f.first.status,
                "summary": f.first.text,
                "independent_sources": f.independent,
                "first_reported": ctx.reported(f.first.document),
            }
            for f in fresh_events
        ],
        "claims": [
            {
                "id": f.id,
                "speaker": ctx.actor(f.first.speaker) or {"key": None, "name": f.first.speaker_text},
                "content": f.first.content,
                "independent_carriers": f.independent,
                "first_reported": ctx.reported(f.first.document),
            }
            for f in fresh_claims
        ],
        "contradictions": [
            {
                "series": series_id(s),
                "kind": c.kind,
                "subject": subject_label(ctx, s),
                "a": statement(s.entries[c.a[0]].first),
                "b": statement(s.entries[c.b[0]].first),
            }
            for s, c in clashes
        ],
    }


def build_picture(extractions: Iterable[dict[str, Any]], rules: FusionRules | None = None) -> Picture:
    """A picture of these extractions (the same, whatever their order)."""
    picture = Picture(rules)
    picture.extend(extractions)
    return picture


def picture_from_store(store: Any, rules: FusionRules | None = None) -> Picture:
    """Recompute the picture from every extraction a store holds (``store.iter_extractions()``)."""
    return build_picture(store.iter_extractions(), rules)
