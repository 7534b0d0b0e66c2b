"""Entity resolution across documents: canonical keys for actors and places, and the registry.

A key (``sitrep.keys.actor_key``/``place_key``, shared with the store) is a pure function of one extraction item, so it never changes when other
documents arrive: states, their forces and populations are keyed by ISO3 country
(``state:PRK``, ``forces:PRK``); every other actor and every place by a folded name
(``actor:mark rutte``, ``admin1:RUS:kursk``). Looser sameness ("Rutte" and "Mark
Rutte", "North Korea" and its troops, an official and the body they speak for) is a
pairwise relation, ``actor_relation``, used when comparing reports. The registry
gathers every key's names (aliases) and its mentions per document; at output time a
lone surname joins the one full name it can belong to.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sitrep.keys import EntityRules
from sitrep.keys import actor_key as actor_key
from sitrep.keys import most_common as most_common
from sitrep.keys import name_words as name_words
from sitrep.keys import place_key as place_key


@dataclass(frozen=True, slots=True)
class ActorRef:
    """One document's actor, reduced to what cross-document comparison needs."""

    key: str
    name: str
    type: str
    country: str | None
    anchor: str  # coarse identity used for candidate lookup ("c:PRK", "s:rutte", "k:actor:nato")
    parent: str | None  # the anchor of the actor it belongs to (its affiliation), if any
    tokens: tuple[str, ...]  # folded name words, for surname matching of persons


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """One document's place, reduced to its key, coordinates and country."""

    key: str
    name: str
    feature: str
    country: str | None
    lat: float | None
    lon: float | None


def _anchor(key: str, actor_type: str, country: str | None, tokens: tuple[str, ...], rules: EntityRules) -> str:
    if actor_type in rules.country_level_types and country:
        return f"c:{country}"
    if actor_type == "person" and tokens:
        return f"s:{tokens[-1]}"
    return f"k:{key}"


def actor_ref(actor: dict[str, Any], parent: dict[str, Any] | None, rules: EntityRules) -> ActorRef:
    """The reference of an actor item; ``parent`` is the item its ``affiliation`` points at."""
    key = actor_key(actor, rules)
    actor_type = actor.get("type") or "other"
    tokens = tuple(name_words(actor.get("name") or "", rules, strip_titles=actor_type == "person"))
    parent_anchor = None
    if parent is not None and parent is not actor:
        parent_type = parent.get("type") or "other"
        parent_tokens = tuple(name_words(parent.get("name") or "", rules, strip_titles=parent_type == "person"))
        parent_anchor = _anchor(actor_key(parent, rules), parent_type, parent.get("country"), parent_tokens, rules)
    return ActorRef(
        key=key,
        name=actor.get("name") or key,
        type=actor_type,
        country=actor.get("country"),
        anchor=_anchor(key, actor_type, actor.get("country"), tokens, rules),
        parent=parent_anchor,
        tokens=tokens,
    )


def place_ref(place: dict[str, Any], rules: EntityRules) -> PlaceRef:
    return PlaceRef(
        key=place_key(place, rules),
        name=place.get("name") or "",
        feature=place.get("feature") or "other",
        country=place.get("country"),
        lat=place.get("lat"),
        lon=place.get("lon"),
    )


def anchors(ref: ActorRef) -> tuple[str, ...]:
    """Every anchor under which ``ref`` can meet a matching actor."""
    return (ref.anchor,) if ref.parent is None else (ref.anchor, ref.parent)


def _persons_match(a: ActorRef, b: ActorRef) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    short, long_ = (a.tokens, b.tokens) if len(a.tokens) <= len(b.tokens) else (b.tokens, a.tokens)
    return bool(short) and long_[-len(short) :] == short


def actors_match(a: ActorRef, b: ActorRef) -> bool:
    """Whether two references may be the same actor, or one acts for the other."""
    if a.key == b.key:
        return True
    if a.anchor == b.anchor:
        if a.anchor.startswith("c:"):
            return True  # a state, its forces, its population
        if a.anchor.startswith("s:"):
            return _persons_match(a, b)
        return True
    return a.anchor == b.parent or b.anchor == a.parent or _citizen_of(a, b) or _citizen_of(b, a)


def _citizen_of(person: ActorRef, other: ActorRef) -> bool:
    """A person of a known country beside that country's state or forces (an official acting for it)."""
    return (
        person.anchor.startswith("s:")
        and person.parent is None
        and bool(person.country)
        and other.anchor == f"c:{person.country}"
    )


def actor_relation(a: ActorRef | None, b: ActorRef | None) -> str:
    """``match``, ``conflict`` (both known, not the same) or ``unknown`` (either missing, named only
    by its kind, or a person of unknown allegiance beside a state: a minister named without his
    country may act for it)."""
    if a is None or b is None:
        return "unknown"
    if actors_match(a, b):
        return "match"
    if _stateless_person(a, b) or _stateless_person(b, a) or _unnamed(a) or _unnamed(b):
        return "unknown"
    return "conflict"


def _unnamed(ref: ActorRef) -> bool:
    """An actor the text names only by its kind ("gunmen", "fighters", "security sources"): it may be
    any named actor of another report, so it neither matches nor conflicts."""
    return not any(ch.isupper() for ch in ref.name)


def _stateless_person(person: ActorRef, other: ActorRef) -> bool:
    return (
        person.anchor.startswith("s:")
        and person.country is None
        and person.parent is None
        and other.anchor.startswith("c:")
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_relation(a: PlaceRef | None, b: PlaceRef | None, radius_km: dict[str, float]) -> str:
    """How two places relate: ``same``/``near`` (strong), ``coarse`` (one contains the other
    at country level or no point to compare), ``unknown`` (either missing) or ``far``."""
    if a is None or b is None:
        return "unknown"
    if a.key == b.key:
        return "same"
    if a.country and b.country and a.country != b.country:
        return "far"
    if a.feature == "country" or b.feature == "country":
        return "coarse" if a.country == b.country else "far"
    if None in (a.lat, a.lon, b.lat, b.lon):
        return "coarse" if a.country and a.country == b.country else "far"
    radius = max(radius_km.get(a.feature, 40.0), radius_km.get(b.feature, 40.0))
    return "near" if distance_km(a.lat, a.lon, b.lat, b.lon) <= radius else "far"  # type: ignore[arg-type]


@dataclass
class Entity:
    """Everything the store knows about one canonical key."""

    key: str
    kind: str  # "actor" or "place"
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[str, str, array[int]]] = field(default_factory=list)  # (document, item id, flat spans)

    def add(self, document_id: str, item: dict[str, Any], type_field: str) -> None:
        """Record one document's item (each document is added once: the state skips known ones)."""
        self.names[item.get("name") or self.key] += 1
        self.types[item.get(type_field) or "other"] += 1
        if item.get("country"):
            self.countries[item["country"]] += 1
        flat = array("I", (n for span in item.get("mentions") or [] for n in span))
        self.mentions.append((document_id, item["id"], flat))


class EntityRegistry:
    """Every actor and place key seen, with names, types and mentions per document."""

    def __init__(self, rules: EntityRules) -> None:
        self.rules = rules
        self.entities: dict[str, Entity] = {}

    def add_actor(self, document_id: str, actor: dict[str, Any], key: str) -> None:
        self._entity(key, "actor").add(document_id, actor, "type")

    def add_place(self, document_id: str, place: dict[str, Any], key: str) -> None:
        self._entity(key, "place").add(document_id, place, "feature")

    def _entity(self, key: str, kind: str) -> Entity:
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = Entity(key=key, kind=kind)
        return entity

    def display_name(self, key: str | None) -> str | None:
        entity = self.entities.get(key or "")
        return most_common(entity.names) if entity else None

    def surname_merges(self) -> dict[str, str]:
        """Lone-surname person keys mapped to the one full-name key they can belong to."""
        persons: dict[str, list[tuple[str, ...]]] = {}
        words: dict[str, tuple[str, ...]] = {}
        for key, entity in self.entities.items():
            if entity.kind != "actor" or most_common(entity.types) != "person" or not key.startswith("actor:"):
                continue
            tokens = tuple(key[len("actor:") :].split())
            if tokens:
                words[key] = tokens
                persons.setdefault(tokens[-1], []).append(tokens)
        merges: dict[str, str] = {}
        for key, tokens in words.items():
            if len(tokens) != 1:
                continue
            fuller = [t for t in persons[tokens[0]] if len(t) > 1]
            if len(fuller) == 1 and self._countries_agree(key, "actor:" + " ".join(fuller[0])):
                merges[key] = "actor:" + " ".join(fuller[0])
        return merges

    def _countries_agree(self, a: str, b: str) -> bool:
        ca, cb = most_common(self.entities[a].countries), most_common(self.entities[b].countries)
        return ca is None or cb is None or ca == cb
