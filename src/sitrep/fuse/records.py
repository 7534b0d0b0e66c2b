"""One extraction dict reduced to the compact records fusion keeps (no full text).

Each report of an event, a figure or a claim becomes a record that carries its
document, its evidence (text and span), canonical actor/place references and a date
``When``: the item's own time, else the time of the claim it is stated in, else the
document's publication date (flagged ``from_published``).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, cast

from sitrep.errors import InputError
from sitrep.fuse.entities import ActorRef, PlaceRef, actor_ref, place_ref
from sitrep.fuse.rules import FusionRules
from sitrep.fuse.text import content_words, day_number, fold
from sitrep.provenance import UNKNOWN_OUTLET_KEY


@dataclass(frozen=True, slots=True)
class When:
    """Inclusive day numbers of when something happened or was said."""

    start: int
    end: int
    granularity: str
    from_published: bool = False


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: str
    title: str | None
    source: str | None
    outlet: str  # folded outlet name, or UNKNOWN_OUTLET_KEY when the source is unknown
    url: str | None
    published: int | None


@dataclass(frozen=True, slots=True, eq=False)
class EventReport:
    document: str
    id: str
    type: str
    mode: str | None
    status: str
    source: ActorRef | None
    target: ActorRef | None
    place: PlaceRef | None
    when: When | None
    text: str
    span: tuple[int, int]
    sentence: int  # index of the sentence of the document it starts in
    speakers: tuple[ActorRef, ...]
    figures: tuple[str, ...]
    counts: frozenset[tuple[str, float]]  # (category, value) of the figures it cites: "7 killed"
    words: array[int]  # content words of ``text`` (see ``text.content_words``)
    claims: tuple[str, ...] = ()  # ids of this document's claims about the event (allegations, denials)
    ref: tuple[str, str] = field(default=("", ""), compare=False)  # (document, id), one shared tuple


@dataclass(frozen=True, slots=True, eq=False)
class FigureReport:
    document: str
    id: str
    text: str
    span: tuple[int, int]
    sentence: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    noun: str | None
    category: str
    actor: ActorRef | None
    place: PlaceRef | None
    when: When | None
    speaker: ActorRef | None
    speaker_text: str | None
    events: tuple[str, ...]  # ids of this document's events that cite the figure
    ref: tuple[str, str] = field(default=("", ""), compare=False)


@dataclass(frozen=True, slots=True, eq=False)
class ClaimReport:
    document: str
    id: str
    speaker: ActorRef | None
    speaker_text: str | None
    content: str
    span: tuple[int, int]
    stance: str
    factuality: str
    when: When | None
    places: tuple[PlaceRef, ...]
    ref: tuple[str, str] = field(default=("", ""), compare=False)


@dataclass(frozen=True, slots=True)
class DocumentRecords:
    info: DocumentInfo
    text: str
    actors: dict[str, ActorRef]
    places: dict[str, PlaceRef]
    events: tuple[EventReport, ...]
    figures: tuple[FigureReport, ...]
    claims: tuple[ClaimReport, ...]


class Interner:
    """Hands out one shared object per distinct value (actor and place references, outlet names),
    so a million documents naming one actor hold one reference to it, not a million."""

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
        return value if value is None else self._values.setdefault(value, value)


def outlet_key(source: str | None, document_id: str) -> str:
    """The folded outlet name ("The Kyiv Post" and "kyiv post" are one outlet)."""
    if not source or not source.strip():
        return UNKNOWN_OUTLET_KEY  # sitrep.provenance: documents without an outlet count as one source together
    name = " ".join(fold(source).replace(".", " ").split())
    return name.removeprefix("the ")


def _when(time: dict[str, Any] | None, published: When | None) -> When | None:
    if time is not None:
        start, end = day_number(time.get("start")), day_number(time.get("end"))
        if start is not None or end is not None:
            start = start if start is not None else end
            end = end if end is not None and end >= start else start  # type: ignore[operator]
            return When(start, end, time.get("granularity") or "unknown")  # type: ignore[arg-type]
    return published


def _require(extraction: Any) -> dict[str, Any]:
    if not isinstance(extraction, dict) or not isinstance(extraction.get("document"), dict):
        raise InputError("fusion input: expected a sitrep/1 extraction object with a 'document'")
    document = extraction["document"]
    if not document.get("id") or not isinstance(document.get("text"), str):
        raise InputError("fusion input: the extraction's document has no 'id' or 'text'")
    return cast(dict[str, Any], document)


def _span(value: Any) -> tuple[int, int]:
    return (int(value[0]), int(value[1])) if value else (0, 0)


def document_records(extraction: dict[str, Any], rules: FusionRules, intern: Interner | None = None) -> DocumentRecords:
    """The records of one sitrep/1 extraction (``intern`` shares equal references between documents)."""
    intern = intern or Interner()
    document = _require(extraction)
    doc_id = document["id"]
    published = day_number(document.get("published"))
    info = DocumentInfo(
        id=doc_id,
        title=document.get("title"),
        source=intern(document.get("source")),
        outlet=intern(outlet_key(document.get("source"), doc_id)),
        url=document.get("url"),
        published=published,
    )
    items = {
        layer: {i["id"]: i for i in extraction.get(layer) or [] if isinstance(i, dict) and "id" in i}
        for layer in ("actors", "places", "times", "figures", "claims", "events")
    }
    actors = {
        aid: intern(actor_ref(a, items["actors"].get(a.get("affiliation") or ""), rules.entities))
        for aid, a in items["actors"].items()
    }
    places = {pid: intern(place_ref(p, rules.entities)) for pid, p in items["places"].items()}

    by_published = None if published is None else When(published, published, "day", from_published=True)

    def when_of(item: dict[str, Any]) -> When | None:
        time = items["times"].get(item.get("time") or "")
        if time is None:
            claim_ids = item.get("claims") or ([item["claim"]] if item.get("claim") else [])
            claim_times = [items["claims"][c].get("time") for c in claim_ids if c in items["claims"]]
            time = next((items["times"][t] for t in claim_times if t in items["times"]), None)
        return _when(time, by_published)

    claims = tuple(
        ClaimReport(
            document=doc_id,
            id=cid,
            speaker=actors.get(c.get("speaker") or ""),
            speaker_text=c.get("speaker_text"),
            content=c.get("content") or "",
            span=_span(c.get("content_span")),
            stance=c.get("stance") or "other",
            factuality=c.get("factuality") or "unknown",
            when=when_of(c),
            places=tuple(places[p] for p in c.get("places") or [] if p in places),
            ref=(doc_id, cid),
        )
        for cid, c in items["claims"].items()
    )
    sentence_starts = _sentence_starts(document["text"])
    events = tuple(
        EventReport(
            document=doc_id,
            id=eid,
            type=e.get("type") or "",
            mode=e.get("mode"),
            status=e.get("status") or "occurred",
            source=actors.get(e.get("source") or ""),
            target=actors.get(e.get("target") or ""),
            place=places.get(e.get("place") or ""),
            when=when_of(e),
            text=e.get("text") or "",
            span=_span(e.get("span")),
            sentence=bisect_right(sentence_starts, _span(e.get("span"))[0]),
            speakers=tuple(actors[s] for s in _speakers(e, items["claims"]) if s in actors),
            figures=tuple(e.get("figures") or ()),
            counts=_counts(e, items["figures"]),
            words=content_words(e.get("text") or "", rules.events.stopwords),
            claims=tuple(c for c in e.get("claims") or () if c in items["claims"]),
            ref=(doc_id, eid),
        )
        for eid, e in items["events"].items()
        if e.get("type")
    )
    cited_by: dict[str, list[str]] = {}
    for e in events:
        for fid in e.figures:
            cited_by.setdefault(fid, []).append(e.id)
    figures = tuple(
        _figure(
            doc_id,
            f,
            actors,
            places,
            items,
            when_of(f),
            tuple(cited_by.get(fid, ())),
            bisect_right(sentence_starts, _span(f.get("span"))[0]),
        )
        for fid, f in items["figures"].items()
    )
    return DocumentRecords(
        info=info, text=document["text"], actors=actors, places=places, events=events, figures=figures, claims=claims
    )


SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")


def _sentence_starts(text: str) -> list[int]:
    """Where each sentence after the first starts (a light splitter: enough to tell sentences apart)."""
    return [m.end() for m in SENTENCE_END.finditer(text)]


def _counts(event: dict[str, Any], figures: dict[str, dict[str, Any]]) -> frozenset[tuple[str, float]]:
    cited = (figures[f] for f in event.get("figures") or () if f in figures)
    return frozenset(
        (f.get("category") or "other", float(f["value"]))
        for f in cited
        if isinstance(f.get("value"), (int, float)) and f.get("category") not in (None, "other")
    )


def _speakers(event: dict[str, Any], claims: dict[str, dict[str, Any]]) -> list[str]:
    return [claims[c]["speaker"] for c in event.get("claims") or [] if c in claims and claims[c].get("speaker")]


def _figure(
    doc_id: str,
    f: dict[str, Any],
    actors: dict[str, ActorRef],
    places: dict[str, PlaceRef],
    items: dict[str, dict[str, dict[str, Any]]],
    when: When | None,
    events: tuple[str, ...],
    sentence: int,
) -> FigureReport:
    claim = items["claims"].get(f.get("claim") or "")
    speaker = actors.get(claim.get("speaker") or "") if claim else None
    return FigureReport(
        document=doc_id,
        id=f["id"],
        text=f.get("text") or "",
        span=_span(f.get("span")),
        sentence=sentence,
        value=f.get("value"),
        low=f.get("low"),
        high=f.get("high"),
        qualifier=f.get("qualifier") or "exact",
        unit=f.get("unit"),
        noun=f.get("noun"),
        category=f.get("category") or "other",
        actor=actors.get(f.get("actor") or ""),
        place=places.get(f.get("place") or ""),
        when=when,
        speaker=speaker,
        speaker_text=claim.get("speaker_text") if claim else None,
        events=events,
        ref=(doc_id, f["id"]),
    )
