"""Shared pieces of the actors layer: its word lists, actor drafts and token helpers.

A :class:`Draft` is an actor being assembled; :class:`Drafts` keeps them by key in order
of first appearance, with the tokens already claimed by a finder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from sitrep import resources
from sitrep.geo.lexicon import Lexicon
from sitrep.model import Span
from sitrep.nlp import Parse

PATTERNS_FILE = "actors_patterns.json"
POSSESSIVES = {"'s", "’s", "'", "’"}
ARTICLES = {"the", "a", "an"}

V = TypeVar("V")  # the value a phrase table gives


@dataclass(frozen=True)
class Patterns:
    """Word lists of resources/actors_patterns.json."""

    force_nouns: tuple[str, ...]
    force_lead_words: frozenset[str]
    media_words: frozenset[str]
    media_followers: tuple[str, ...]
    pronouns: dict[str, str]
    honorifics: dict[str, str]
    description_heads: dict[str, list[str]]
    not_actors: frozenset[str]
    definite_only_heads: frozenset[str]
    armed_group_name_words: frozenset[str]
    armed_group_descriptions: tuple[str, ...]
    pleonastic_verbs: frozenset[str]
    pleonastic_passives: frozenset[str]
    byline_words: frozenset[str]
    raising_adjectives: frozenset[str]
    home_force_nouns: tuple[str, ...]
    alias_cues: tuple[str, ...] = ()
    place_nouns: frozenset[str] = frozenset()
    facility_heads: frozenset[str] = frozenset()
    organisation_nouns: dict[str, str] = field(default_factory=dict)
    force_name_words: tuple[str, ...] = ()
    home_force_names: dict[str, str] = field(default_factory=dict)
    person_nouns: frozenset[str] = frozenset()
    membership_verbs: frozenset[str] = frozenset()
    vehicle_nouns: frozenset[str] = frozenset()
    organisation_name_heads: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    raw = resources.json_object(PATTERNS_FILE)
    with resources.reading(PATTERNS_FILE):
        return _patterns(raw)


def _patterns(raw: dict[str, Any]) -> Patterns:
    return Patterns(
        force_nouns=tuple(sorted(raw["force_nouns"], key=lambda w: -len(w.split()))),
        force_lead_words=frozenset(raw["force_lead_words"]),
        media_words=frozenset(raw["media_words"]),
        media_followers=tuple(raw["media_followers"]),
        pronouns=raw["pronouns"],
        honorifics=raw["honorifics"],
        description_heads=raw["description_heads"],
        not_actors=frozenset(raw["not_actors"]),
        definite_only_heads=frozenset(raw["definite_only_heads"]),
        armed_group_name_words=frozenset(raw["armed_group_name_words"]),
        armed_group_descriptions=tuple(sorted(raw["armed_group_descriptions"], key=lambda w: -len(w.split()))),
        pleonastic_verbs=frozenset(raw["pleonastic_verbs"]),
        pleonastic_passives=frozenset(raw["pleonastic_passives"]),
        byline_words=frozenset(raw["byline_words"]),
        raising_adjectives=frozenset(raw["raising_adjectives"]),
        home_force_nouns=tuple(raw["home_force_nouns"]),
        alias_cues=tuple(sorted(raw["alias_cues"], key=lambda w: -len(w.split()))),
        place_nouns=frozenset(raw["place_nouns"]),
        facility_heads=frozenset(raw["facility_heads"]),
        organisation_nouns=raw["organisation_nouns"],
        force_name_words=tuple(raw["force_name_words"]),
        home_force_names=raw["home_force_names"],
        person_nouns=frozenset(raw["person_nouns"]),
        membership_verbs=frozenset(raw["membership_verbs"]),
        vehicle_nouns=frozenset(raw["vehicle_nouns"]),
        organisation_name_heads=raw["organisation_name_heads"],
    )


@dataclass
class Draft:
    """An actor being assembled; ``key`` says what makes two drafts the same actor."""

    key: str
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None  # key of the actor it belongs to
    mentions: list[Span] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)  # lower-case offices: "secretary general"
    gender: str | None = None
    title_first: int | None = None  # first token of the title that gave the role ("Ministry spokesman X")

    def add(self, span: Span) -> None:
        if span not in self.mentions:
            self.mentions.append(span)


class Drafts:
    """Drafts by key, in order of first appearance, with the tokens already claimed."""

    def __init__(self, parse: Parse) -> None:
        self.by_key: dict[str, Draft] = {}
        self.claimed = [False] * len(parse.tokens)

    def get(self, key: str, **fields) -> Draft:
        draft = self.by_key.get(key)
        if draft is None:
            draft = self.by_key[key] = Draft(key=key, **fields)
        return draft

    def claim(self, first: int, last: int) -> None:
        for k in range(first, last):
            self.claimed[k] = True

    def free(self, first: int, last: int) -> bool:
        return not any(self.claimed[first:last])

    def merge(self, source: Draft, target: Draft) -> None:
        """Fold ``source`` into ``target`` (an alias found later): its mentions, titles and the links to it."""
        if source is target or source.key not in self.by_key:
            return
        for span in source.mentions:
            target.add(span)
        target.titles |= source.titles
        target.role = target.role or source.role
        target.country = target.country or source.country
        target.gender = target.gender or source.gender
        if target.affiliation is None and source.affiliation != target.key:
            target.affiliation = source.affiliation
        del self.by_key[source.key]
        for draft in self.by_key.values():
            if draft.affiliation == source.key:
                draft.affiliation = target.key if draft is not target else None

    def owner(self, span: Span) -> Draft | None:
        """The draft with a mention equal to ``span``, or else the one whose mention overlaps it most."""
        best: tuple[int, Draft] | None = None
        for draft in self.by_key.values():
            for start, end in draft.mentions:
                shared = min(end, span[1]) - max(start, span[0])
                if shared > 0 and (best is None or shared > best[0]):
                    best = (shared, draft)
        return best[1] if best else None


# ---------------------------------------------------------------- helpers


def _text(parse: Parse, first: int, last: int) -> str:
    return parse.text[parse.tokens[first].start : parse.tokens[last - 1].end]


def _span(parse: Parse, first: int, last: int) -> Span:
    return parse.char_span(first, last)


def _with_possessive(parse: Parse, first: int, last: int) -> int:
    """``last`` moved past a possessive "'s" that follows."""
    if last < len(parse.tokens) and parse.tokens[last].text in POSSESSIVES:
        return last + 1
    return last


def _phrase_at(
    parse: Parse, i: int, phrases: Mapping[str, V], max_len: int = 6, lower: bool = False
) -> tuple[int, V] | None:
    """The longest phrase of ``phrases`` (exact text, or lower-cased) starting at token i: (end token, value)."""
    tokens = parse.tokens
    for last in range(min(len(tokens), i + max_len), i, -1):
        if tokens[last - 1].sent != tokens[i].sent:
            continue
        text = _text(parse, i, last)
        value = phrases.get(text.lower() if lower else text)
        if value is not None:
            return last, value
    return None


def _country_before(parse: Parse, first: int, lexicon: Lexicon) -> tuple[str | None, int]:
    """A demonym or "<Country>'s" right before token ``first``: (ISO3, its first token)."""
    tokens = parse.tokens
    k = first - 1
    if k >= 0 and tokens[k].text in POSSESSIVES:
        k -= 1
    for start in range(max(0, k - 3), k + 1):
        text = _text(parse, start, k + 1) if k >= start else ""
        iso3 = lexicon.country_of_adjective(text) if text else None
        if iso3:
            return iso3, start
    return None, first


def state_name(lexicon: Lexicon, iso3: str) -> str:
    return lexicon.state_display.get(iso3, iso3)


def _state(drafts: Drafts, lexicon: Lexicon, iso3: str) -> Draft:
    return drafts.get(f"state:{iso3}", name=state_name(lexicon, iso3), type="state", country=iso3)
