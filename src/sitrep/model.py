"""The sitrep/1 objects: one article's extraction, with character-offset evidence.

Each class mirrors one object of ../shared/CONTRACT.md field for field; ``to_dict``
gives the contract's JSON shape. Spans are ``(start, end)`` Python string indices
into ``Document.text``, end exclusive. Stages create these objects and link them by
their ids ("A1", "P2", ...), which are assigned by ``Extraction.add_*``.
``Extraction.from_dict`` reads the JSON shape back, and ``Extraction.to_frames`` gives
one pandas DataFrame per layer (pandas is the optional ``frames`` extra).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

from sitrep.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

Span = tuple[int, int]

SCHEMA = "sitrep/1"
ACTOR_TYPES = ("person", "organization", "state", "armed_forces", "armed_group", "media", "population", "other")
PLACE_FEATURES = ("country", "admin1", "admin2", "city", "region", "water", "other")
GRANULARITIES = ("day", "week", "month", "year", "season", "decade", "unknown")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "up_to", "less_than", "range")
CATEGORIES = (
    "troops",
    "killed",
    "wounded",
    "casualties",
    "captured",
    "missing",
    "displaced",
    "weapons",
    "money",
    "other",
)
STANCES = ("assert", "confirm", "report", "allege", "deny", "warn", "call", "plan", "estimate", "other")
FACTUALITIES = ("fact", "probable", "possible", "counterfact", "unknown")
EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
STATUSES = ("occurred", "ongoing", "planned", "threatened", "possible", "denied")


def content_id(text: str) -> str:
    """The document key: sha256 of the UTF-8 text, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _spans(spans: list[Span]) -> list[list[int]]:
    return [[s, e] for s, e in sorted(set(spans))]


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


_SPAN_FIELDS = frozenset({"span", "content_span", "speaker_span", "cue_span"})
_SPAN_LIST_FIELDS = frozenset({"mentions"})
_NUMBER_FIELDS = frozenset({"value", "low", "high"})
_Item = TypeVar("_Item")


def _read_span(where: str, value: Any) -> Span | None:
    if value is None:
        return None
    if not isinstance(value, list | tuple) or len(value) != 2 or not all(isinstance(n, int) for n in value):
        raise InputError(f"{where}: a span must be [start, end] integers, not {value!r}")
    return (value[0], value[1])


def _read_field(where: str, name: str, value: Any) -> Any:
    if name in _SPAN_FIELDS:
        return _read_span(f"{where}.{name}", value)
    if name in _SPAN_LIST_FIELDS:
        if not isinstance(value, list):
            raise InputError(f"{where}.{name}: expected a list of spans, not {value!r}")
        return [_read_span(f"{where}.{name}", span) for span in value]
    if name in _NUMBER_FIELDS and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, list):
        return list(value)
    return value


def _from_dict(cls: type[_Item], data: Mapping[str, Any], where: str) -> _Item:
    """One contract object from its JSON shape; keys the class does not know are ignored."""
    if not isinstance(data, Mapping):
        raise InputError(f"{where}: expected an object, not {type(data).__name__}")
    values: dict[str, Any] = {}
    for item_field in fields(cls):  # type: ignore[arg-type]
        if item_field.name in data:
            values[item_field.name] = _read_field(where, item_field.name, data[item_field.name])
        elif item_field.default is MISSING and item_field.default_factory is MISSING:
            raise InputError(f"{where}: the required field {item_field.name!r} is missing")
    return cls(**values)


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
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """The document of a ``to_dict`` object; its ``id``, when given, must be the text's."""
        document = _from_dict(cls, data, "document")
        if not isinstance(document.text, str):
            raise InputError(f"document: text must be a string, not {type(document.text).__name__}")
        given = data.get("id")
        if given is not None and given != document.id:
            raise InputError(f"document: id {given!r} is not the sha256 of its text ({document.id})")
        return document


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
            "id": self.id,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_span": _span(self.speaker_span),
            "cue": self.cue,
            "cue_span": _span(self.cue_span),
            "content": self.content,
            "content_span": _span(self.content_span),
            "kind": self.kind,
            "via": list(self.via),
            "stance": self.stance,
            "factuality": self.factuality,
            "time": self.time,
            "figures": list(self.figures),
            "places": list(self.places),
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
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "source": self.source,
            "target": self.target,
            "place": self.place,
            "time": self.time,
            "status": self.status,
            "figures": list(self.figures),
            "claims": list(self.claims),
            "text": self.text,
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Extraction:
        """The extraction of a sitrep/1 object (what ``to_dict`` gives, a stored or printed one).

        ``Extraction.from_dict(e.to_dict()).to_dict() == e.to_dict()``. A malformed object
        raises :class:`~sitrep.errors.InputError` naming the item and the field.
        """
        if not isinstance(data, Mapping):
            raise InputError(f"extraction: expected a sitrep/1 object, not {type(data).__name__}")
        schema = data.get("schema", SCHEMA)
        if schema != SCHEMA:
            raise InputError(f"extraction: schema {schema!r} is not {SCHEMA!r}")
        if "document" not in data:
            raise InputError("extraction: the document is missing")
        extraction = cls(document=Document.from_dict(data["document"]))
        for layer in LAYERS:
            items = data.get(layer) or []
            if not isinstance(items, list):
                raise InputError(f"extraction: {layer} must be a list, not {type(items).__name__}")
            item_class = LAYER_TYPES[layer]
            for n, item in enumerate(items):
                where = f"{layer}[{n}]" if not isinstance(item, Mapping) else f"{layer}/{item.get('id', n)}"
                getattr(extraction, layer).append(_from_dict(item_class, item, where))
        return extraction

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """One pandas DataFrame per layer (``actors`` ... ``events``) plus ``documents``.

        Each row is an item's ``to_dict`` with a ``document_id`` column; a span becomes two
        columns (``span`` -> ``span_start``, ``span_end``). Needs pandas
        (``pip install "sitrep[frames]"``); see :func:`sitrep.to_frames` for many extractions.
        """
        from sitrep.frames import to_frames

        return to_frames([self])


LAYER_TYPES: dict[str, type[Any]] = {
    "actors": Actor,
    "places": Place,
    "times": Time,
    "figures": Figure,
    "claims": Claim,
    "events": Event,
}

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
