"""Unnamed actors: "officials said", "security sources told", "militants attacked", "police said".

Much of the news rests on people the text does not name. When such a noun
(``resources/actors_collectives.tsv``: official, source, spokesman, militant, gunman,
police, ...) is the subject of a clause or follows "according to", it becomes an actor of
the listed type, named as written without article or number ("Palestinian health
officials", "security sources"), with the country of its demonym and, when the text
says, its body: an actor named among its modifiers ("a Hamas official", "a State
Department spokesman") or after for/of/in/at ("a source in Ukraine's SBU security
service"). Bare "police" under a dateline are that country's police.

:func:`collective_at` describes the noun phrase at a token (pure); :func:`find_collectives`
adds the actors stage's drafts; :func:`collective_actor` is for the later stages: it
returns the actor of a span whose head is such a noun, creating it with its type and body
when the actors stage did not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep import resources
from sitrep.analysis import Analysis
from sitrep.geo.lexicon import Lexicon, load_lexicon
from sitrep.layers.actors.drafts import POSSESSIVES, Draft, Drafts
from sitrep.layers.actors.names import clean_name
from sitrep.model import Actor, Span
from sitrep.nlp import Parse

COLLECTIVES_FILE = "actors_collectives.tsv"
LEFT_DEPS = {"det", "nummod", "amod", "compound", "poss", "quantmod", "case", "punct", "nmod"}
DROPPED_LEFT = {
    "a",
    "an",
    "the",
    "one",
    "two",
    "three",
    "four",
    "five",
    "several",
    "some",
    "many",
    "other",
    "few",
    "most",
    "all",
    "both",
    "these",
    "those",
    "this",
    "that",
    "another",
    "numerous",
    "multiple",
    "first",
    "unnamed",
    "unidentified",
}
BODY_PREPOSITIONS = {"for", "of", "in", "at", "from", "with"}


@dataclass(frozen=True)
class Collective:
    """An unnamed actor's noun phrase: its name, type, country and where its body may be named."""

    name: str
    type: str
    country: str | None
    span: Span  # the noun phrase as written ("Two security sources")
    modifiers: Span | None  # the words before the noun ("State Department" in "a State Department spokesman")
    body: Span | None  # the object of "for/of/in ..." ("Ukraine's SBU security service")
    preposition: str | None
    plural: bool


@lru_cache(maxsize=1)
def load_collectives() -> dict[str, tuple[str, str, bool]]:
    """Noun (singular or plural, lower case) -> (plural, type, is plural) from actors_collectives.tsv."""
    nouns: dict[str, tuple[str, str, bool]] = {}
    for row in resources.rows(COLLECTIVES_FILE):
        singular, plural, type_ = row.expect(3, 99)[:3]
        nouns[plural] = (plural, type_, True)
        nouns.setdefault(singular, (plural, type_, singular == plural))
    return nouns


def _noun_at(parse: Parse, i: int) -> tuple[int, tuple[str, str, bool]] | None:
    """The collective noun ending at token i, with its first token ("police officers" is two)."""
    nouns = load_collectives()
    tokens = parse.tokens
    if i > 0 and f"{tokens[i - 1].lower} {tokens[i].lower}" in nouns:
        return i - 1, nouns[f"{tokens[i - 1].lower} {tokens[i].lower}"]
    found = nouns.get(tokens[i].lower)
    return (i, found) if found else None


def is_agent_or_source(parse: Parse, i: int) -> bool:
    """The head of a clause's subject ("officials said"), or after "according to", or joined to one."""
    tokens = parse.tokens
    seen = set()
    while i not in seen:
        seen.add(i)
        token = tokens[i]
        if token.dep in {"nsubj", "nsubjpass"}:
            return True
        if (
            token.dep == "pobj"
            and tokens[token.head].lower == "to"
            and tokens[tokens[token.head].head].lower == "according"
        ):
            return True
        if token.dep == "pobj" and tokens[token.head].lower == "by" and tokens[token.head].dep == "agent":
            return True
        if token.dep != "conj" or token.head == i:
            return False
        i = token.head
    return False


def collective_at(parse: Parse, i: int, lexicon: Lexicon | None = None) -> Collective | None:
    """The unnamed actor whose head noun is token i, or None when token i is no such noun."""
    lexicon = lexicon or load_lexicon()
    found = _noun_at(parse, i)
    tokens = parse.tokens
    if found is None or tokens[i].pos not in {"NOUN", "PROPN"}:
        return None
    if tokens[i].text[:1].isupper() and i != _sentence_start(parse, i):
        return None  # "the Haitian National Police": a name, not an unnamed actor
    noun_first, (_, type_, is_plural) = found
    start = noun_first
    for child in parse.children(i):
        if child.i < noun_first and child.dep in LEFT_DEPS:
            start = min(start, parse.subtree(child.i)[0])
    start = min(start, noun_first)
    named_first = start
    while named_first < noun_first and (
        tokens[named_first].lower in DROPPED_LEFT
        or tokens[named_first].pos == "NUM"
        or tokens[named_first].pos == "PUNCT"
    ):
        named_first += 1
    country = _country_among(parse, named_first, noun_first, lexicon)
    body, preposition = _body_after(parse, i)
    text = clean_name(parse.text[tokens[named_first].start : tokens[i].end])
    if (
        named_first == _sentence_start(parse, named_first)
        and text[:1].isupper()
        and (named_first == noun_first or (tokens[named_first].pos != "PROPN" and not country))
    ):
        text = text[:1].lower() + text[1:]  # "Police said", "Security officials said"; not "Russian officials"
    modifiers = (tokens[named_first].start, tokens[noun_first - 1].end) if named_first < noun_first else None
    return Collective(
        name=text,
        type=type_,
        country=country,
        span=(tokens[start].start, tokens[i].end),
        modifiers=modifiers,
        body=body,
        preposition=preposition,
        plural=is_plural,
    )


def _sentence_start(parse: Parse, i: int) -> int:
    sentence = parse.sentences[parse.tokens[i].sent]
    k = sentence.first
    while k < len(parse.tokens) and parse.tokens[k].pos == "SPACE":
        k += 1
    return k


def _country_among(parse: Parse, first: int, last: int, lexicon: Lexicon) -> str | None:
    """A demonym or possessive country among the modifiers ("Russian officials", "Ukraine's officials")."""
    tokens = parse.tokens
    for start in range(first, last):
        for end in range(min(last, start + 3), start, -1):
            text = parse.text[tokens[start].start : tokens[end - 1].end]
            iso3 = lexicon.country_of_adjective(text)
            if iso3 and (
                end == last
                or tokens[end].text in POSSESSIVES
                or tokens[end].text[:1].islower()
                or tokens[end].pos in {"NOUN", "PROPN"}
            ):
                return iso3
    return None


def _body_after(parse: Parse, i: int) -> tuple[Span | None, str | None]:
    """The object of "spokesman for the army", "a source in the SBU", "officials at the ministry"."""
    for child in parse.children(i):
        if child.dep == "prep" and child.lower in BODY_PREPOSITIONS and child.i > i:
            for grandchild in parse.children(child.i):
                if grandchild.dep == "pobj":
                    return parse.char_span(*parse.subtree(grandchild.i)), child.lower
    return None, None


# ---------------------------------------------------------------- the actors stage's drafts


def find_collectives(parse: Parse, drafts: Drafts, lexicon: Lexicon, home: str | None) -> None:
    """Unnamed officials, sources, militants and police who act or speak, as drafts with their body."""
    for i in range(len(parse.tokens)):
        if not drafts.free(i, i + 1) or not is_agent_or_source(parse, i):
            continue
        found = collective_at(parse, i, lexicon)
        if found is None or _refers_back(parse, drafts, found, i):
            continue
        body = _body_draft(drafts, found)
        country = found.country or (body.country if body else None)
        if found.type == "armed_forces" and country is None and found.modifiers is None:
            country = home
        name = found.name
        if body is not None and found.body is not None and found.modifiers is None:
            name = f"{found.name} {found.preposition} {body.name}"
        affiliation = (
            body.key if body else (f"state:{country}" if country and f"state:{country}" in drafts.by_key else None)
        )
        forces = (
            _named_forces(drafts, country or home)
            if found.type == "armed_forces" and found.name.split()[-1] not in {"police", "policemen", "officers"}
            else None
        )
        if body is not None and body.type == found.type and found.body is None:
            draft = body  # "M23 rebels", "Hamas militants": the group itself
        elif forces is not None:
            draft = forces  # "security forces" where the text has named the country's forces
        else:
            draft = _same_collective(drafts, name, found.type) or drafts.get(
                f"collective:{name.lower()}", name=name, type=found.type, country=country, affiliation=affiliation
            )
        draft.add(found.span)
        first = parse.token_at(found.span[0])
        drafts.claim(first.i if first else i, i + 1)


def _named_forces(drafts: Drafts, country: str | None) -> Draft | None:
    """The state forces of this country in the drafts, or the only state forces there are."""
    forces = [d for d in drafts.by_key.values() if d.key.startswith("forces:") and d.mentions]
    if country is not None:
        return next((d for d in forces if d.country == country), None)
    return forces[0] if len(forces) == 1 else None


def _same_collective(drafts: Drafts, name: str, type_: str) -> Draft | None:
    """An unnamed actor already drafted under a longer or shorter form ("health officials", "Palestinian health
    officials"); the longer name wins."""
    words = name.lower().split()
    for draft in drafts.by_key.values():
        if not draft.key.startswith("collective:") or draft.type != type_:
            continue
        known = draft.name.lower().split()
        shorter, longer = sorted((words, known), key=len)
        if longer[-len(shorter) :] == shorter:
            if len(words) > len(known):
                draft.name = name
            return draft
    return None


def _refers_back(parse: Parse, drafts: Drafts, found: Collective, i: int) -> bool:
    """ "The militants said" after a named armed group: a description of that group (coreference's work)."""
    first = parse.token_at(found.span[0])
    if first is None or first.lower not in {"the", "these", "those"} or found.modifiers is not None:
        return False
    return any(
        d.type == found.type and not d.key.startswith("collective:") and any(m[0] < found.span[0] for m in d.mentions)
        for d in drafts.by_key.values()
    )


def _body_draft(drafts: Drafts, found: Collective) -> Draft | None:
    """The actor named among the modifiers or after the preposition, an organisation before a state."""
    for span in (found.modifiers, found.body):
        if span is None:
            continue
        inside = [d for d in drafts.by_key.values() for m in d.mentions if span[0] <= m[0] and m[1] <= span[1]]
        inside.sort(key=lambda d: d.type == "state")
        if inside:
            return inside[0]
    return None


# ---------------------------------------------------------------- for the later stages


def collective_actor(analysis: Analysis, span: Span) -> str | None:
    """The actor of an unnamed-actor phrase ("officials", "a Hamas official", "police"), created when new.

    Returns None when the span's head is no collective noun. Claims and events call this
    for a speaker or an agent the actors stage did not see.
    """
    parse = analysis.parse
    tokens = [t for t in parse.tokens_in(span[0], span[1]) if t.pos not in {"PUNCT", "SPACE"}]
    heads = [t for t in tokens if t.head < tokens[0].i or t.head > tokens[-1].i or t.head == t.i] if tokens else []
    if not heads:
        return None
    found = collective_at(parse, heads[0].i)
    if found is None:
        return None
    for actor in analysis.extraction.actors:
        if actor.name.lower() == found.name.lower() or found.span in actor.mentions:
            if found.span not in actor.mentions:
                actor.mentions.append(found.span)
            return actor.id
    body = None
    for part in (found.modifiers, found.body):
        if part is not None and body is None:
            body = analysis.resolve_actor(part)
    if body is None and found.country:
        body = next(
            (a.id for a in analysis.extraction.actors if a.type == "state" and a.country == found.country), None
        )
    actor = Actor(
        id=analysis.extraction.next_id("actors"),
        name=found.name,
        type=found.type,
        country=found.country,
        affiliation=body,
        mentions=[found.span],
    )
    analysis.extraction.actors.append(actor)
    return actor.id
