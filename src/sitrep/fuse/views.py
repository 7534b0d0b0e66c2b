"""JSON-ready views of fused items: events, claims, figure series, entities, stories.

``Context`` holds the lookups one picture needs (story of each document, surname
merges, display names). Fused events and claims first become light ``Fused`` objects
(members, id, date, independent-source count), cheap enough to rank and filter a
million of them; only the ones kept are turned into full dicts. Every representative
is chosen by a canonical rule (earliest publication, then document id), so views
depend on the set of documents only.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sitrep.fuse.clusters import when_of_cluster
from sitrep.fuse.entities import ActorRef, PlaceRef, actors_match, most_common
from sitrep.fuse.figures import Series, bounds, current_range, is_increment
from sitrep.fuse.graph import UnionFind
from sitrep.fuse.records import ClaimReport, EventReport, FigureReport, When
from sitrep.fuse.regions import region_of
from sitrep.fuse.rules import FusionRules
from sitrep.fuse.state import FusionState
from sitrep.fuse.text import iso_day

STATUS_ORDER = ("occurred", "ongoing", "denied", "planned", "threatened", "possible")
ASSERTING_STANCES = frozenset({"assert", "confirm", "report", "allege", "estimate"})
DENYING_STANCES = frozenset({"deny"})
FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "water": 2, "region": 3, "other": 3, "country": 4}
R = TypeVar("R", EventReport, ClaimReport)


def short_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def date_view(when: When | None) -> dict[str, Any] | None:
    if when is None:
        return None
    return {
        "start": iso_day(when.start),
        "end": iso_day(when.end),
        "granularity": when.granularity,
        "from_published": when.from_published,
    }


def number(value: float | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Context:
    """Lookups shared while one picture is built."""

    def __init__(self, state: FusionState) -> None:
        self.state = state
        self.rules: FusionRules = state.rules
        self.story: dict[str, str] = {}  # document -> its story label (smallest id among its copies)
        for members in state.syndication.groups.components():
            label = min(members)
            for doc in members:
                self.story[doc] = label
        self.merges = state.entities.surname_merges()
        self.fused_events: dict[str, Fused[EventReport]] = {}  # filled once the events are fused

    # documents and sources
    def published(self, doc: str) -> str | None:
        return iso_day(self.state.documents[doc].published)

    def outlet(self, doc: str) -> str | None:
        return self.state.documents[doc].source

    def story_id(self, doc: str) -> str:
        return short_id("st_", self.story[doc])

    def report_order(self, doc: str, item: str) -> tuple[Any, ...]:
        """Earliest published first (undated last), then by document and item id."""
        published = self.state.documents[doc].published
        return (published is None, published or 0, doc, item)

    def independent(self, docs: Iterable[str]) -> int:
        """Distinct outlets once copies of one story count once (and one outlet counts once)."""
        unique = set(docs)
        if len(unique) == 1:
            return 1
        links: UnionFind[str] = UnionFind()
        for doc in unique:
            story, outlet = "s:" + self.story[doc], "o:" + self.state.documents[doc].outlet
            links.add(story)
            links.add(outlet)
            links.union(story, outlet)
        return sum(1 for _ in links.components())

    def reported(self, doc: str) -> dict[str, Any]:
        return {"document": doc, "outlet": self.outlet(doc), "published": self.published(doc)}

    # entities
    def actor(self, ref: ActorRef | None) -> dict[str, Any] | None:
        if ref is None:
            return None
        key = self.merges.get(ref.key, ref.key)
        return {"key": key, "name": self.state.entities.display_name(key) or ref.name}

    def actor_of(self, refs: Iterable[ActorRef | None]) -> dict[str, Any] | None:
        known = [r for r in refs if r is not None]
        key = most_common(Counter(self.merges.get(r.key, r.key) for r in known))
        if key is None:
            return None
        return {"key": key, "name": self.state.entities.display_name(key) or min(r.name for r in known)}

    @staticmethod
    def place(ref: PlaceRef | None) -> dict[str, Any] | None:
        if ref is None:
            return None
        return {
            "key": ref.key,
            "name": ref.name,
            "feature": ref.feature,
            "country": ref.country,
            "lat": ref.lat,
            "lon": ref.lon,
            "admin1": region_of(ref.name, ref.feature, ref.country, ref.lat, ref.lon),
        }

    def place_of(self, refs: Iterable[PlaceRef | None]) -> dict[str, Any] | None:
        known = [r for r in refs if r is not None]
        if not known:
            return None
        counts = Counter(r.key for r in known)
        best = min(known, key=lambda r: (r.lat is None, FEATURE_RANK.get(r.feature, 3), -counts[r.key], r.key, r.name))
        return self.place(best)


@dataclass
class Fused(Generic[R]):
    """One fused event or claim before it becomes a dict: enough to rank and filter it."""

    id: str
    members: list[R]  # earliest report first
    independent: int
    when: When | None  # the event's date (None for claims)

    @property
    def first(self) -> R:
        return self.members[0]


def fuse_event(ctx: Context, members: list[EventReport]) -> Fused[EventReport]:
    members = sorted(members, key=lambda r: ctx.report_order(r.document, r.id))
    return Fused(
        id=short_id("ev_", *min(m.ref for m in members)),
        members=members,
        independent=ctx.independent(m.document for m in members),
        when=when_of_cluster(members),
    )


def fuse_claim(ctx: Context, members: list[ClaimReport]) -> Fused[ClaimReport]:
    members = sorted(members, key=lambda r: ctx.report_order(r.document, r.id))
    return Fused(
        id=short_id("cl_", *min(m.ref for m in members)),
        members=members,
        independent=ctx.independent(m.document for m in members),
        when=None,
    )


def representative(members: list[EventReport], status: str) -> EventReport:
    """The report that tells the fused event best: of its status, naming the most (source, target, place,
    a date of its own), earliest reported first (``members`` are in report order)."""

    def richness(m: EventReport) -> tuple[bool, int]:
        dated = m.when is not None and not m.when.from_published
        return (m.status != status, -sum(x is not None for x in (m.source, m.target, m.place)) - dated)

    return min(members, key=richness)


def event_claims(ctx: Context, members: list[EventReport]) -> list[ClaimReport]:
    """The claims the member reports link to (allegations, denials, who says it happened), in report order."""
    refs = {(m.document, c) for m in members for c in m.claims}
    found = (ctx.state.claim_reports.get(ref) for ref in refs)
    return sorted((c for c in found if c is not None), key=lambda c: ctx.report_order(c.document, c.id))


def _speaker_key(ctx: Context, claim: ClaimReport) -> str | None:
    if claim.speaker is not None:
        return ctx.merges.get(claim.speaker.key, claim.speaker.key)
    return "t:" + claim.speaker_text.casefold() if claim.speaker_text else None


def _same_party(a: ClaimReport, b: ClaimReport) -> bool:
    if a.speaker is not None and b.speaker is not None:
        return actors_match(a.speaker, b.speaker)
    return (a.speaker_text or "").casefold() == (b.speaker_text or "").casefold()


def contest(ctx: Context, members: list[EventReport]) -> dict[str, Any] | None:
    """Who asserts and who denies the event when one party's claim about it is denied by another, else None.

    A claim linked to a member report with stance ``deny`` contests the event when another party (a speaker
    that is not the same actor, nor one acting for it) asserts, confirms, reports or alleges something about it."""
    claims = [c for c in event_claims(ctx, members) if _speaker_key(ctx, c) is not None]
    denials = [c for c in claims if c.stance in DENYING_STANCES]
    assertions = [c for c in claims if c.stance in ASSERTING_STANCES]
    if not any(not _same_party(a, d) for a in assertions for d in denials):
        return None

    def side(items: list[ClaimReport]) -> dict[str, Any]:
        speakers: dict[tuple[str, str], dict[str, Any]] = {}
        for c in items:
            who = ctx.actor(c.speaker) or {"key": None, "name": c.speaker_text}
            speakers.setdefault((who["key"] or "", who["name"] or ""), who)
        return {
            "speakers": [speakers[k] for k in sorted(speakers)],
            "claims": [
                {
                    "document": c.document,
                    "claim": c.id,
                    "outlet": ctx.outlet(c.document),
                    "published": ctx.published(c.document),
                    "stance": c.stance,
                    "content": c.content,
                    "span": list(c.span),
                    "speaker": ctx.actor(c.speaker) or {"key": None, "name": c.speaker_text},
                }
                for c in items
            ],
        }

    return {"asserted": side(assertions), "denied": side(denials)}


def event_view(ctx: Context, fused: Fused[EventReport]) -> dict[str, Any]:
    members = fused.members
    docs = [m.document for m in members]
    statuses = Counter(m.status for m in members)
    contested = contest(ctx, members)
    status = (
        "contested"
        if (statuses.get("denied") and len(statuses) > 1) or contested
        else min(statuses, key=lambda s: (-statuses[s], STATUS_ORDER.index(s) if s in STATUS_ORDER else 99))
    )
    types = Counter(m.type for m in members)
    return {
        "id": fused.id,
        "type": min(types, key=lambda t: (-types[t], t)),
        "modes": sorted({m.mode for m in members if m.mode}),
        "status": status,
        "statuses": dict(sorted(statuses.items())),
        "summary": representative(members, status).text,
        "source": ctx.actor_of(m.source for m in members),
        "target": ctx.actor_of(m.target for m in members),
        "place": ctx.place_of(m.place for m in members),
        "date": date_view(fused.when),
        "reports": len(members),
        "documents": len(set(docs)),
        "independent_sources": fused.independent,
        "outlets": sorted({o for o in (ctx.outlet(d) for d in docs) if o}),
        "first_reported": ctx.reported(members[0].document),
        "last_reported": ctx.reported(max(docs, key=lambda d: ctx.report_order(d, ""))),
        "contested": contested,
        "members": [
            {
                "document": m.document,
                "event": m.id,
                "outlet": ctx.outlet(m.document),
                "published": ctx.published(m.document),
                "story": ctx.story_id(m.document),
                "type": m.type,
                "status": m.status,
                "date": date_view(m.when),
                "text": m.text,
                "span": list(m.span),
                "source": ctx.actor(m.source),
                "target": ctx.actor(m.target),
                "place": ctx.place(m.place),
                "asserted_by": sorted({s.name for s in m.speakers}),
                "figures": list(m.figures),
            }
            for m in members
        ],
    }


def claim_view(ctx: Context, fused: Fused[ClaimReport]) -> dict[str, Any]:
    members = fused.members
    docs = [m.document for m in members]
    speaker = ctx.actor_of(m.speaker for m in members) or {
        "key": None,
        "name": min(m.speaker_text or "" for m in members),
    }
    stances = Counter(m.stance for m in members)
    places = {p.key: p for p in sorted((p for m in members for p in m.places), key=lambda p: (p.key, p.name))}
    return {
        "id": fused.id,
        "speaker": speaker,
        "content": fused.first.content,
        "stance": min(stances, key=lambda s: (-stances[s], s)),
        "factualities": sorted({m.factuality for m in members}),
        "places": [ctx.place(p) for _, p in sorted(places.items())],
        "independent_carriers": fused.independent,
        "first_reported": ctx.reported(members[0].document),
        "last_reported": ctx.reported(max(docs, key=lambda d: ctx.report_order(d, ""))),
        "carriers": [
            {
                "document": m.document,
                "claim": m.id,
                "outlet": ctx.outlet(m.document),
                "published": ctx.published(m.document),
                "story": ctx.story_id(m.document),
                "content": m.content,
                "span": list(m.span),
                "date": date_view(m.when),
            }
            for m in members
        ],
    }


def series_id(series: Series) -> str:
    return short_id("fs_", str(series.key), series.scope or "")


def series_view(ctx: Context, series: Series) -> dict[str, Any]:
    actor_key, category, unit, place_key, noun_class = series.key
    first = series.entries[0].first if series.entries else None
    entries = []
    for entry in series.entries:
        r = entry.first
        low, high = bounds(r, ctx.rules.figures) or (None, None)
        entries.append(
            {
                "value": number(r.value),
                "low": number(r.low),
                "high": number(r.high),
                "qualifier": r.qualifier,
                "interval": [low, None if high == float("inf") else high],
                "date": date_view(entry.when),
                "speaker": ctx.actor(r.speaker) or ({"key": None, "name": r.speaker_text} if r.speaker_text else None),
                "place": ctx.place(r.place),
                "text": r.text,
                "increment": is_increment(r, ctx.rules.figures),
                "independent_sources": ctx.independent(x.document for x in entry.reports),
                "events": sorted(entry.events),
                "reports": [
                    {
                        "document": x.document,
                        "figure": x.id,
                        "outlet": ctx.outlet(x.document),
                        "published": ctx.published(x.document),
                        "text": x.text,
                        "span": list(x.span),
                    }
                    for x in entry.reports
                ],
            }
        )
    now = current_range(series, ctx.rules.figures)
    return {
        "id": series_id(series),
        "subject": {
            "actor": ctx.actor(first.actor) if first and actor_key else None,
            "category": category,
            "unit": unit,
            "place": ctx.place(first.place) if first and place_key else None,
            "counted": noun_class,
            "label": subject_label(ctx, series),
            "scope": _scope_id(series.scope),
        },
        "entries": entries,
        "contradictions": [
            {"kind": c.kind, "a": list(c.a), "b": list(c.b), "sides": [_side(entries, c.a), _side(entries, c.b)]}
            for c in series.contradictions
        ],
        "current_range": None
        if now is None
        else {
            "low": number(now.low),
            "high": number(now.high),
            "as_of": iso_day(now.as_of),
            "entries": now.entries,
            "contested": now.contested,
        },
    }


def subject_label(ctx: Context, series: Series) -> str:
    """A short human name of a series' subject: "North Korean armed forces · troops · in Kursk", or
    "(unattributed) · killed · in the ASSAULT at Dori on 2026-03-05" for the counts of one fused event."""
    first = series.entries[0].first
    actor = ctx.actor(first.actor) if series.key[0] else None
    parts = [actor["name"] if actor else "(unattributed)", series.key[1]]
    if series.key[4]:
        parts[-1] += f" ({series.key[4]})"
    if series.key[3] and first.place is not None:
        parts.append("in " + first.place.name)
    fused = ctx.fused_events.get(series.scope or "")
    if fused is not None:
        parts.append(_event_label(ctx, fused))
    return " · ".join(parts)


def _event_label(ctx: Context, fused: Fused[EventReport]) -> str:
    types = Counter(m.type for m in fused.members)
    place = ctx.place_of(m.place for m in fused.members)
    day = date_view(fused.when)
    return " ".join(
        x
        for x in (
            f"in the {min(types, key=lambda t: (-types[t], t))}",
            f"at {place['name']}" if place else "",
            f"on {day['start']}" if day and day.get("start") else "",
        )
        if x
    )


def statement(report: FigureReport) -> dict[str, Any]:
    """What a figure states: value or bounds, qualifier and wording."""
    return {
        "value": number(report.value),
        "low": number(report.low),
        "high": number(report.high),
        "qualifier": report.qualifier,
        "text": report.text,
    }


def _scope_id(scope: str | None) -> str | None:
    """A fused event id as it is, a story label (a document id) as its story id."""
    if scope is None or scope.startswith("ev_"):
        return scope
    return short_id("st_", scope)


def _side(entries: list[dict[str, Any]], indexes: tuple[int, ...]) -> dict[str, Any]:
    """One side of a contradiction: the statement, who made it, when, and where it was reported."""
    first = entries[indexes[0]]
    reports = [r for i in indexes for r in entries[i]["reports"]]
    speakers = {(s["key"] or "", s["name"] or ""): s for i in indexes if (s := entries[i]["speaker"])}
    return {
        "entries": list(indexes),
        "value": first["value"],
        "low": first["low"],
        "high": first["high"],
        "qualifier": first["qualifier"],
        "text": first["text"],
        "speakers": [speakers[k] for k in sorted(speakers)],
        "dates": sorted({d["start"] for i in indexes if (d := entries[i]["date"]) and d["start"]}),
        "sources": sorted({r["outlet"] or r["document"] for r in reports}),
        "documents": sorted({r["document"] for r in reports}),
    }


def entity_views(ctx: Context, only: set[str] | None = None) -> list[dict[str, Any]]:
    """Every entity (or those mentioned in the ``only`` documents), most widely reported first."""
    grouped: dict[str, list[Any]] = {}
    for key, entity in ctx.state.entities.entities.items():
        grouped.setdefault(ctx.merges.get(key, key), []).append(entity)
    out = []
    for key, parts in grouped.items():
        names: Counter[str] = Counter()
        types: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        mentions = []
        for entity in parts:
            names.update(entity.names)
            types.update(entity.types)
            countries.update(entity.countries)
            for doc, item, flat in entity.mentions:
                if only is None or doc in only:
                    spans = [[flat[i], flat[i + 1]] for i in range(0, len(flat) - 1, 2)]
                    mentions.append({"document": doc, "id": item, "spans": spans})
        if not mentions:
            continue
        mentions.sort(key=lambda m: (m["document"], m["id"]))
        out.append(
            {
                "key": key,
                "kind": parts[0].kind,
                "name": ctx.state.entities.display_name(key) or most_common(names),
                "type": most_common(types),
                "country": most_common(countries),
                "aliases": sorted(names),
                "documents": len({m["document"] for m in mentions}),
                "mentions": mentions,
            }
        )
    out.sort(key=lambda e: (-e["documents"], e["key"]))
    return out


def story_views(ctx: Context, only: set[str] | None = None) -> list[dict[str, Any]]:
    """Syndication groups (two or more copies), or those holding one of the ``only`` documents."""
    groups: dict[str, list[str]] = {}
    for doc, label in ctx.story.items():
        groups.setdefault(label, []).append(doc)
    kept = [
        (label, docs) for label, docs in groups.items() if len(docs) > 1 and (only is None or not only.isdisjoint(docs))
    ]
    kept.sort(key=lambda item: (-len(item[1]), short_id("st_", item[0])))
    out = []
    for label, docs in kept:
        ordered = sorted(docs, key=lambda d: ctx.report_order(d, ""))
        out.append(
            {
                "id": short_id("st_", label),
                "documents": sorted(docs),
                "original": ordered[0],
                "outlets": sorted({o for o in (ctx.outlet(d) for d in docs) if o}),
                "first_published": ctx.published(ordered[0]),
                "last_published": ctx.published(ordered[-1]),
            }
        )
    return out


def document_view(ctx: Context, doc: str) -> dict[str, Any]:
    info = ctx.state.documents[doc]
    return {
        "title": info.title,
        "source": info.source,
        "url": info.url,
        "published": iso_day(info.published),
        "story": ctx.story_id(doc),
    }
