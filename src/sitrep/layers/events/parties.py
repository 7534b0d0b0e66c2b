"""Parties an event's roles need that the clause names only indirectly.

The readers in :mod:`~.roles` find the noun that fills a role; the helpers here say which
actor such a noun stands for when the actors layer did not resolve it:

- back-references: "the attackers", "the gang" (the armed group named before), "the five"
  (the group counted before), "two *of* the militants" (the militants);
- pronouns the coreference left open ("charged *him*"): the nearest fitting actor of the
  same or the previous sentence;
- people who act for a state: an official whose title names the state ("Kenyan President
  William Ruto" → Kenya);
- institutions named by what they are ("a military court"), and the state behind "its
  territory" ("attacks on *British* soil");
- the side a noun trigger aims at ("bombings *targeted at* the army").

Every word list is in ``plover_roles.json`` (read through the events lexicon).
"""

from __future__ import annotations

from sitrep.analysis import Analysis, contains, overlaps
from sitrep.geo.lexicon import load_lexicon as load_geo_lexicon
from sitrep.layers.events.lexicon import PloverLexicon
from sitrep.layers.events.syntax import kid, kids, preposition_objects, word
from sitrep.model import Actor, Span
from sitrep.nlp import Parse, Token

Resolved = tuple[str | None, Span | None]

PERSON_PRONOUNS = {"him": "person", "her": "person", "he": "person", "she": "person"}
GROUP_PRONOUNS = {"them": "group", "they": "group"}
GROUP_TYPES = ("population", "armed_group", "armed_forces")


def role_list(lexicon: PloverLexicon, name: str) -> frozenset[str]:
    """A word list of ``plover_roles.json`` as a set (empty when the file has none of that name)."""
    value = lexicon.roles.get(name, [])
    return frozenset(value) if isinstance(value, list) else frozenset()


# --- back-references ------------------------------------------------------------------------------------------------


def earlier_group(analysis: Analysis, lexicon: PloverLexicon, token: Token) -> Resolved:
    """ "The attackers", "the gang", "the kidnappers": a definite noun for an armed party, read as the armed
    group (or, failing one, the party of that kind) mentioned last before it."""
    parse = analysis.parse
    if word(token) not in role_list(lexicon, "back_reference_nouns") and token.lower not in role_list(
        lexicon, "back_reference_nouns"
    ):
        return None, None
    if not any(c.lower in ("the", "these", "those") for c in kids(parse, token.i, "det")):
        return None, None
    return _latest_before(analysis, token.start, ("armed_group",), exclude_sentence=None)


def counted_group(analysis: Analysis, token: Token) -> Resolved:
    """ "The five", "the two": a number standing alone for the group of that size counted before
    ("five suspected insurgents were detained … charged *the five*")."""
    parse = analysis.parse
    if token.pos != "NUM" or not any(c.lower == "the" for c in kids(parse, token.i, "det")):
        return None, None
    if token.dep in ("nummod", "quantmod") or preposition_objects(parse, token.i, ("of",)):
        return None, None
    number = token.lower
    best: tuple[int, str, Span] | None = None
    for actor in analysis.extraction.actors:
        for mention in actor.mentions:
            if mention[1] > token.start:
                continue
            first = analysis.text[mention[0] : mention[1]].split(maxsplit=1)[:1]
            preceding = analysis.text[max(0, mention[0] - len(number) - 1) : mention[0]].strip().lower()
            counted = (first and first[0].lower() == number) or preceding == number
            if counted and (best is None or mention[0] > best[0]):
                best = (mention[0], actor.id, (token.start, token.end))
    return (best[1], best[2]) if best else (None, None)


def counted_members(parse: Parse, lexicon: PloverLexicon, token: Token) -> Token | None:
    """ "Two *of the attackers*", "dozens *of civilians*": the people a count is taken from (not a side's own
    count, "two of its soldiers", which the owner rules read)."""
    if token.pos != "NUM" and token.lower not in role_list(lexicon, "count_words"):
        return None
    members = [o for _, o in preposition_objects(parse, token.i, ("of",))]
    if not members or members[0].pos not in ("NOUN", "PROPN", "PRON"):
        return None
    if any(c.dep == "poss" for c in parse.children(members[0].i)):
        return None  # "two of its soldiers": a side's own count of its losses, not a group named before
    return members[0]


def bare_count(analysis: Analysis, lexicon: PloverLexicon, token: Token) -> Resolved:
    """ "Protesters clashed with police. *Thousands* have been arrested": a bare count standing for the people
    named just before (the latest population of the same or the previous sentence)."""
    parse = analysis.parse
    if token.pos != "NUM" and token.lower not in role_list(lexicon, "count_words"):
        return None, None
    if kids(parse, token.i, "det", "prep", "compound", "amod"):
        return None, None
    first = parse.sentences[max(0, token.sent - 1)].start
    found, _ = _latest_before(analysis, token.start, ("population",), exclude_sentence=None, since=first)
    return (found, (token.start, token.end)) if found else (None, None)


def open_pronoun(analysis: Analysis, token: Token, exclude: set[str]) -> Resolved:
    """ "Prosecutors charged *him*", "gunmen abducted *them*": a pronoun the coreference left open, read as the
    nearest fitting actor before it in the same or the previous sentence (not one already in the event)."""
    kind = PERSON_PRONOUNS.get(token.lower) or GROUP_PRONOUNS.get(token.lower)
    if kind is None:
        return None, None
    types = ("person",) if kind == "person" else GROUP_TYPES
    parse = analysis.parse
    first = parse.sentences[max(0, token.sent - 1)].start
    found, _ = _latest_before(analysis, token.start, types, exclude_sentence=None, since=first, exclude=exclude)
    return (found, (token.start, token.end)) if found else (None, None)


def _latest_before(
    analysis: Analysis,
    start: int,
    types: tuple[str, ...],
    exclude_sentence: int | None,
    since: int = 0,
    exclude: set[str] | None = None,
) -> Resolved:
    best: tuple[int, str, Span] | None = None
    for actor in analysis.extraction.actors:
        if actor.type not in types or (exclude and actor.id in exclude):
            continue
        for mention in actor.mentions:
            if since <= mention[0] and mention[1] <= start and (best is None or mention[0] > best[0]):
                best = (mention[0], actor.id, mention)
    return (best[1], best[2]) if best else (None, None)


# --- people acting for a state ---------------------------------------------------------------------------------------


def official_state(analysis: Analysis, actor_id: str | None) -> str | None:
    """The state an official acts for when their title names it ("President of Kenya", "Envoy of China": the
    actors layer's ``role``); the state actor is taken from the extraction or created. Anyone else: None."""
    actor = analysis.extraction.get(actor_id)
    if not isinstance(actor, Actor) or actor.type != "person" or actor.affiliation or not actor.country:
        return None
    names = load_geo_lexicon()
    state_name = names.state_display.get(actor.country)
    if not actor.role or not state_name or not actor.role.endswith(f" of {state_name}"):
        return None
    return state_actor(analysis, actor.country, actor.mentions[0] if actor.mentions else None)


def state_actor(analysis: Analysis, country: str, span: Span | None) -> str:
    """The state actor of ``country``, created (named as the gazetteer names it) when the extraction has none."""
    extraction = analysis.extraction
    state = next((a for a in extraction.actors if a.country == country and a.type == "state"), None)
    if state is None:
        names = load_geo_lexicon()
        state = Actor(
            id=extraction.next_id("actors"),
            name=names.state_display.get(country, country),
            type="state",
            country=country,
            mentions=[span] if span else [],
        )
        extraction.actors.append(state)
    return state.id


def government_state(analysis: Analysis, lexicon: PloverLexicon, actor_id: str | None) -> str | None:
    """ "The government", "the authorities" stand for the state (PLOVER codes the polity): of their own country,
    else of the country of the wire dateline ("CARACAS - The government accused…" → Venezuela)."""
    actor = analysis.extraction.get(actor_id)
    if not isinstance(actor, Actor) or actor.type not in ("organization", "other") or actor.affiliation:
        return None
    words = [w for w in actor.name.lower().split() if w not in ("the", "a")]
    if len(words) != 1 or words[0] not in role_list(lexicon, "government_nouns"):
        return None
    country = actor.country or _dateline_country(analysis)
    return state_actor(analysis, country, None) if country else None


def _dateline_country(analysis: Analysis) -> str | None:
    place = analysis.extraction.get(analysis.dateline_place) if analysis.dateline_place else None
    if place is None and analysis.dateline is not None:
        span = analysis.dateline.span
        place = next((p for p in analysis.extraction.places if any(contains(span, m) for m in p.mentions)), None)
    return getattr(place, "country", None)


def officials_state(analysis: Analysis, lexicon: PloverLexicon, token: Token | None) -> Resolved:
    """ "Qatari officials", "Iranian diplomats", "a Turkish delegation": people named by their office and their
    nationality act for that state (the first of two: "Qatari and Saudi officials" → Qatar)."""
    if token is None or word(token) not in role_list(lexicon, "official_nouns"):
        return None, None
    names = load_geo_lexicon()
    for c in analysis.parse.children(token.i):
        if c.dep in ("amod", "compound", "nmod") and c.ent_type in ("NORP", "GPE") and c.i < token.i:
            country = names.country_of_adjective(c.text)
            if country:
                span = (c.start, c.end)
                return state_actor(analysis, country, span), span
    return None, None


def owned_forces(
    analysis: Analysis, lexicon: PloverLexicon, token: Token | None, forces_words: frozenset[str], create: bool
) -> Resolved:
    """ "*Its* forces", "*their* troops" where the owner is a state or one of its bodies ("Russia's Defence Ministry
    said its forces…"): the armed forces of the owner's country, taken from the extraction (or, with ``create``,
    made as the actors layer names a state's forces)."""
    if token is None or word(token) not in forces_words:
        return None, None
    owner = next((c for c in analysis.parse.children(token.i) if c.dep == "poss" and c.pos == "PRON"), None)
    if owner is None:
        return None, None
    actor = analysis.extraction.get(analysis.resolve_actor((owner.start, owner.end)))
    if not isinstance(actor, Actor) or actor.type not in ("state", "organization") or not actor.country:
        return None, None
    forces = next(
        (a for a in analysis.extraction.actors if a.country == actor.country and a.type == "armed_forces"), None
    )
    span = (owner.start, token.end)
    if forces is None and create:
        return forces_actor(analysis, actor.country, span), span
    return (forces.id, span) if forces is not None else (None, None)


def forces_actor(analysis: Analysis, country: str, span: Span) -> str | None:
    """The armed forces of ``country`` ("Azerbaijani armed forces"), created when the extraction has none."""
    extraction = analysis.extraction
    forces = next((a for a in extraction.actors if a.country == country and a.type == "armed_forces"), None)
    if forces is not None:
        return forces.id
    adjective = load_geo_lexicon().adjectives.get(country)
    if adjective is None:
        return None
    state = next((a for a in extraction.actors if a.country == country and a.type == "state"), None)
    created = Actor(
        id=extraction.next_id("actors"),
        name=f"{adjective} armed forces",
        type="armed_forces",
        country=country,
        affiliation=state.id if state else None,
        mentions=[span],
    )
    extraction.actors.append(created)
    return created.id


def same_force(analysis: Analysis, lexicon: PloverLexicon, token: Token | None) -> Resolved:
    """ "Shot dead by *officers*" in a story about the police: a plain police noun is the police force the
    article already names ("police said"), not a second, unnamed one."""
    police = role_list(lexicon, "police_nouns")
    if (
        token is None
        or word(token) not in police
        or any(c.dep in ("amod", "compound", "poss") for c in analysis.parse.children(token.i))
    ):
        return None, None
    for actor in reversed(analysis.extraction.actors):
        last = actor.name.lower().split()[-1:] if actor.name else []
        if (
            actor.type == "armed_forces"
            and last
            and last[0] in police
            and any(m[1] <= token.start for m in actor.mentions)
        ):
            return actor.id, (token.start, token.end)
    return None, None


def record_tie(analysis: Analysis, person_id: str | None, body_id: str | None) -> None:
    """Keep a tie found for the roles in the picture: the person's affiliation, when the actors layer had none."""
    person = analysis.extraction.get(person_id)
    if isinstance(person, Actor) and body_id and body_id != person_id and not person.affiliation:
        person.affiliation = body_id


# --- institutions and territory ------------------------------------------------------------------------------------


def is_institution(lexicon: PloverLexicon, token: Token | None) -> bool:
    """ "A court", "the tribunal": a body named by what it is, whose modifiers do not make it another actor."""
    return token is not None and word(token) in role_list(lexicon, "institution_nouns")


def institution_party(analysis: Analysis, lexicon: PloverLexicon, token: Token | None, span: Span) -> Resolved:
    """An institution named by what it is ("a Somali military court"): an organization actor of that name, in
    the country its nationality modifier gives. A modifier that names another actor ("military") does not make
    the court that actor."""
    if not is_institution(lexicon, token):
        return None, None
    assert token is not None
    found = analysis.resolve_actor((token.start, token.end))
    actor = analysis.extraction.get(found)
    if isinstance(actor, Actor) and actor.type == "organization":
        return actor.id, (token.start, token.end)
    names = load_geo_lexicon()
    country = next(
        (
            names.country_of_adjective(c.text)
            for c in analysis.parse.children(token.i)
            if c.dep in ("amod", "compound") and names.country_of_adjective(c.text)
        ),
        None,
    )
    extraction = analysis.extraction
    created = Actor(
        id=extraction.next_id("actors"),
        name=analysis.text[span[0] : span[1]],
        type="organization",
        country=country,
        mentions=[span],
    )
    extraction.actors.append(created)
    return created.id, span


def territory_state(analysis: Analysis, lexicon: PloverLexicon, token: Token | None) -> Resolved:
    """ "On *British* soil", "into *Syrian* airspace", "a *Ukrainian* ammunition depot": a state's territory or
    property, named by its nationality, stands for the state."""
    owned = role_list(lexicon, "sovereign_nouns") | lexicon.word_class("territory") | lexicon.word_class("property")
    if token is None or word(token) not in owned:
        return None, None
    names = load_geo_lexicon()
    for c in analysis.parse.children(token.i):
        if c.dep in ("amod", "compound", "nmod", "poss") and c.ent_type in ("NORP", "GPE"):
            country = names.country_of_adjective(c.text) or names.country_of_adjective(c.text.removesuffix("'s"))
            if country is None:
                resolved = analysis.resolve_actor((c.start, c.end))
                actor = analysis.extraction.get(resolved)
                country = actor.country if isinstance(actor, Actor) and actor.type == "state" else None
            if country:
                span = (c.start, c.end)
                return state_actor(analysis, country, span), span
    return None, None


def place_named(analysis: Analysis, token: Token) -> bool:
    """True when ``token`` is (part of) a place the places layer found, or a place entity."""
    if token.ent_type in ("GPE", "LOC", "FAC"):
        return True
    span = (token.start, token.end)
    return any(overlaps(m, span) for p in analysis.extraction.places for m in p.mentions)


# --- what a noun trigger aims at -----------------------------------------------------------------------------------


def aimed_targets(parse: Parse, lexicon: PloverLexicon, noun: int) -> list[Token]:
    """ "Bombings *targeted at* the army", "attacks *targeting* police", "bombings, which seemed to be *aimed at*
    civilians": the side a noun trigger's participle or relative clause says it was aimed at."""
    aiming = role_list(lexicon, "aiming_verbs")
    found: list[Token] = []
    for clause in kids(parse, noun, "acl", "relcl"):
        for verb in [clause, *_complements(parse, clause.i)]:
            if word(verb) not in aiming:
                continue
            obj = kid(parse, verb.i, "dobj")
            if obj is not None and obj.lower not in ("which", "that"):
                found.append(obj)
            found += [o for _, o in preposition_objects(parse, verb.i, ("at", "against", "on"))]
    return found


def _complements(parse: Parse, verb: int, depth: int = 3) -> list[Token]:
    out: list[Token] = []
    for c in kids(parse, verb, "xcomp", "ccomp"):
        out.append(c)
        if depth > 1:
            out += _complements(parse, c.i, depth - 1)
    return out


__all__ = [
    "aimed_targets",
    "bare_count",
    "counted_group",
    "counted_members",
    "earlier_group",
    "government_state",
    "institution_party",
    "is_institution",
    "official_state",
    "officials_state",
    "open_pronoun",
    "owned_forces",
    "place_named",
    "record_tie",
    "role_list",
    "same_force",
    "state_actor",
    "territory_state",
]
