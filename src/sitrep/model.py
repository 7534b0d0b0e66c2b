"""The sitrep/1 objects: one article's extraction, with character-offset evidence.

Each class mirrors one object of ../shared/CONTRACT.md field for field; ``to_dict``
gives the contract's JSON shape. Spans are ``(start, end)`` Python string indices
into ``Document.text``, end exclusive. Stages create these objects and link them by
their ids ("A1", "P2", ...), which are assigned by ``Extraction.add_*``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

Span = tuple[int, int]

SCHEMA = "sitrep/1"
ACTOR_TYPES = ("person", "organization", "state", "armed_forces", "armed_group", "media", "population", "other")
PLACE_FEATURES = ("country", "admin1", "admin2", "city", "region", "water", "other")
GRANULARITIES = ("day", "week", "month", "year", "season", "decade", "unknown")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "up_to", "less_than", "range")
CATEGORIES = ("troops", "killed", "wounded", "casualties", "captured", "missing", "displaced", "weapons", "money", "other")
STANCES = ("assert", "confirm", "report", "allege", "deny", "warn", "call", "plan", "estimate", "other")
FACTUALITIES = ("fact", "probable", "possible", "counterfact", "unknown")
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = ("occurred", "ongoing", "planned", "threatened", "possible", "denied")


def content_id(text: str) -> str:
    """The document key: sha256 of the UTF-8 text, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _spans(spans: list[Span]) -> list[list[int]]:
    return [[s, e] for s, e in sorted(set(spans))]


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


@dataclass
class Document:
    """The article itself and its metadata."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = "en"

    @property
    def id(self) -> str:
        return content_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "source": self.source, "url": self.url,
            "published": self.published, "language": self.language, "text": self.text,
        }


@dataclass
class Actor:
    """A canonical entity and every place the article mentions it."""

    id: str
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["mentions"] = _spans(self.mentions)
        return out


@dataclass
class Place:
    """A resolved toponym: a gazetteer entry and its mentions."""

    id: str
    name: str
    feature: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["mentions"] = _spans(self.mentions)
        return out


@dataclass
class Time:
    """A time expression with its calendar value (inclusive ISO dates)."""

    id: str
    text: str
    span: Span
    start: str | None
    end: str | None
    granularity: str = "day"
    relative: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = _span(self.span)
        return out


@dataclass
class Figure:
    """A quantity an analyst can add up: value or bounds, what of, whose."""

    id: str
    text: str
    span: Span
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = "person"
    noun: str | None = None
    category: str = "other"
    actor: str | None = None
    place: str | None = None
    time: str | None = None
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = _span(self.span)
        for key in ("value", "low", "high"):
            number = out[key]
            if isinstance(number, float) and number.is_integer():
                out[key] = int(number)
        return out


@dataclass
class Claim:
    """Who says what, through whom, and how surely."""

    id: str
    content: str
    content_span: Span
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    kind: str = "indirect"
    via: list[str] = field(default_factory=list)
    stance: str = "assert"
    factuality: str = "fact"
    time: str | None = None
    figures: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "speaker": self.speaker, "speaker_text": self.speaker_text,
            "speaker_span": _span(self.speaker_span), "cue": self.cue, "cue_span": _span(self.cue_span),
            "content": self.content, "content_span": _span(self.content_span), "kind": self.kind,
            "via": list(self.via), "stance": self.stance, "factuality": self.factuality,
            "time": self.time, "figures": list(self.figures), "places": list(self.places),
        }


@dataclass
class Event:
    """A PLOVER event with its roles, place, time and status."""

    id: str
    type: str
    text: str
    span: Span
    mode: str | None = None
    source: str | None = None
    target: str | None = None
    place: str | None = None
    time: str | None = None
    status: str = "occurred"
    figures: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "source": self.source,
            "target": self.target, "place": self.place, "time": self.time, "status": self.status,
            "figures": list(self.figures), "claims": list(self.claims), "text": self.text,
            "span": _span(self.span),
        }


LAYERS = ("actors", "places", "times", "figures", "claims", "events")
_PREFIX = {"actors": "A", "places": "P", "times": "T", "figures": "F", "claims": "C", "events": "E"}


@dataclass
class Extraction:
    """Everything extracted from one document; ``to_dict`` is the sitrep/1 object."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def next_id(self, layer: str) -> str:
        """The id the next item of ``layer`` will get ("A3", "F1", ...)."""
        return f"{_PREFIX[layer]}{len(getattr(self, layer)) + 1}"

    def get(self, item_id: str | None) -> Any:
        """The item with this id, or None."""
        if not item_id:
            return None
        layer = next((name for name, prefix in _PREFIX.items() if item_id.startswith(prefix)), None)
        if layer is None:
            return None
        return next((item for item in getattr(self, layer) if item.id == item_id), None)

    def renumber(self) -> None:
        """Give every layer contiguous ids in list order and rewrite every reference."""
        mapping: dict[str, str] = {}
        for layer, prefix in _PREFIX.items():
            for n, item in enumerate(getattr(self, layer), start=1):
                mapping[item.id] = f"{prefix}{n}"
        for layer in LAYERS:
            for item in getattr(self, layer):
                _rewrite_refs(item, mapping)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA, "document": self.document.to_dict()}
        for layer in LAYERS:
            out[layer] = [item.to_dict() for item in getattr(self, layer)]
        return out


_REF_FIELDS = ("id", "affiliation", "actor", "place", "time", "claim", "speaker", "source", "target")
_REF_LISTS = ("via", "figures", "places", "claims")


def _rewrite_refs(item: Any, mapping: dict[str, str]) -> None:
    names = {f.name for f in fields(item)}
    for name in _REF_FIELDS:
        if name in names and getattr(item, name) in mapping:
            setattr(item, name, mapping[getattr(item, name)])
    for name in _REF_LISTS:
        if name in names:
            setattr(item, name, [mapping.get(ref, ref) for ref in getattr(item, name)])
