"""Whose, where and when a figure is: its owner actor, and the place and time of its clause.

*Owner* ("whose count"): the actor a noun modifier names ("1,200 Nigerien troops"), else,
for troops and weapons, the subject of a verb of having or sending whose object the
figure is ("the group has about 8,000 fighters", "the X, which has up to 5,000 fighters",
"Niger sent 1,200 troops", "1,200 troops that Niger pledged to send"). A state stands for
its armed forces. Only actor types that can own such a count qualify, so neither a
speaker, a ministry nor a crowd of civilians becomes the owner of troops.

*Time* and *place*: among those of the figure's sentence, only the ones in a clause that
dominates the figure (its own clause, or a clause it is embedded in, such as the
reporting clause) count, innermost first: "a researcher who has tracked the group since
2024" says nothing of when the count holds. Places that are part of a longer name (an
outlet such as "West Africa Monitor", "Burkina Faso's defence ministry"), the subject or
possessor of a clause (an actor by metonymy), or a wire dateline are not the count's place.
The rules' word lists are in ``resources/figures_context.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.analysis import Analysis, overlaps
from sitrep.layers.figures.numbers import resource_json
from sitrep.model import Actor, Span
from sitrep.nlp import Parse, Token

CONTEXT_FILE = "figures_context.json"
PEOPLE_GROUP = "people"
SUBJECT_HOPS = 3  # xcomp/conj links climbed to find a verb's subject
CLAUSE_LIMIT = 40  # heads climbed at most (guards against malformed trees)
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "relcl", "acl", "conj", "csubj", "csubjpass", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PLACE_ROLE_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})


@dataclass(frozen=True)
class ContextRules:
    holding_verbs: frozenset[str]
    unit_nouns: frozenset[str]
    owned_categories: frozenset[str]
    owner_types: frozenset[str]
    modifier_owner_types: dict[str, frozenset[str]]
    movement_verbs: frozenset[str]
    civilian_nouns: frozenset[str]
    relative_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> ContextRules:
    """The owner, place and time rules, loaded once."""
    data = resource_json(CONTEXT_FILE)
    return ContextRules(
        holding_verbs=frozenset(data["holding_verbs"]),
        unit_nouns=frozenset(data["unit_nouns"]),
        owned_categories=frozenset(data["owned_categories"]),
        owner_types=frozenset(data["owner_types"]),
        modifier_owner_types={k: frozenset(v) for k, v in data["modifier_owner_types"].items()},
        movement_verbs=frozenset(data["civilian_movement"]["verbs"]),
        civilian_nouns=frozenset(data["civilian_movement"]["nouns"]),
        relative_pronouns=frozenset(data["relative_pronouns"]),
    )


def civilians_on_the_move(parse: Parse, noun: Token, noun_key: str) -> bool:
    """ "about 200 families had crossed into the district": civilians who cross or seek shelter are displaced."""
    if noun_key not in rules().civilian_nouns and noun.lower not in rules().civilian_nouns:
        return False
    head = parse.tokens[noun.head]
    return noun.dep == "nsubj" and head.lemma.lower() in rules().movement_verbs


# --------------------------------------------------------------------------- owner


def figure_owner(
    analysis: Analysis,
    anchor: Token | None,
    category: str,
    people: bool,
    modifier_span: Span | None,
    noun_span: Span | None,
) -> str | None:
    """The id of the actor whose count this is, or None."""
    found = _modifier_owner(analysis, category, people, modifier_span, noun_span)
    if found is None and anchor is not None and category in rules().owned_categories:
        found = _holder(analysis, anchor, noun_span)
    return found


def _modifier_owner(
    analysis: Analysis, category: str, people: bool, modifier_span: Span | None, noun_span: Span | None
) -> str | None:
    """ "1,200 Nigerien troops", "Palestinian civilians": the actor the words before the noun name."""
    if modifier_span is None or category == "money":
        return None
    group = category if category in rules().modifier_owner_types else (PEOPLE_GROUP if people else "troops")
    actor = analysis.extraction.get(analysis.resolve_actor(modifier_span) or "")
    if not isinstance(actor, Actor) or actor.type not in rules().modifier_owner_types[group]:
        return None
    if actor.type == "population" and not analysis.text[modifier_span[0] : modifier_span[1]].strip()[:1].isupper():
        return None  # "civilian volunteers" describes them; "Palestinian civilians" names whose
    if actor.type == "state" and category in rules().owned_categories:
        return _forces_of(analysis, actor, noun_span)
    return actor.id


def _holder(analysis: Analysis, anchor: Token, noun_span: Span | None) -> str | None:
    """The subject of a verb of having or sending whose object the figure is."""
    parse, r = analysis.parse, rules()
    token = _out_of_units(parse, anchor)
    subject = None
    head = parse.tokens[token.head]
    if token.dep in ("dobj", "obj") and head.lemma.lower() in r.holding_verbs:
        subject = _subject(parse, head)
    elif token.dep == "nsubjpass" and head.lemma.lower() in r.holding_verbs:
        subject = _agent(parse, head)
    if subject is None:
        subject = _relative_holder(parse, token) or (_relative_holder(parse, anchor) if anchor is not token else None)
    if subject is None:
        return None
    return _owner_actor(analysis, parse, subject, noun_span)


def _out_of_units(parse: Parse, token: Token) -> Token:
    """ "a battalion of about 600 soldiers", "the first of 1,200 troops": the unit noun holds the count."""
    for _ in range(2):
        prep = parse.tokens[token.head]
        if token.dep != "pobj" or prep.lower != "of":
            break
        unit = parse.tokens[prep.head]
        if unit.lemma.lower() not in rules().unit_nouns and unit.lower not in rules().unit_nouns:
            break
        token = unit
    return token


def _subject(parse: Parse, verb: Token) -> Token | None:
    """The verb's subject, through "plans to send" (xcomp) and "recruit and arm" (conj)."""
    for _ in range(SUBJECT_HOPS):
        for child in parse.children(verb.i):
            if child.dep == "nsubj":
                return _antecedent(parse, child, verb)
        if verb.dep not in ("xcomp", "conj") or verb.head == verb.i:
            return None
        verb = parse.tokens[verb.head]
    return None


def _agent(parse: Parse, verb: Token) -> Token | None:
    """ "1,200 troops were sent by Niger": the object of the passive's "by"."""
    for child in parse.children(verb.i):
        if child.dep == "agent":
            return next((g for g in parse.children(child.i) if g.dep == "pobj"), None)
    return None


def _antecedent(parse: Parse, subject: Token, verb: Token) -> Token:
    """ "the X, which has 5,000 fighters": a relative pronoun stands for the noun its clause hangs on."""
    if subject.lower in rules().relative_pronouns:
        clause = verb
        while clause.dep in ("xcomp", "conj") and clause.head != clause.i:
            clause = parse.tokens[clause.head]
        if clause.dep == "relcl":
            return parse.tokens[clause.head]
    return subject


def _relative_holder(parse: Parse, noun: Token) -> Token | None:
    """ "1,200 troops that Niger has pledged to send": the subject of a relative clause on the noun."""
    for clause in parse.children(noun.i):
        if clause.dep != "relcl":
            continue
        verbs = [clause] + [c for c in parse.children(clause.i) if c.dep == "xcomp"]
        if not any(v.lemma.lower() in rules().holding_verbs for v in verbs):
            continue
        subject = next((c for c in parse.children(clause.i) if c.dep == "nsubj"), None)
        if subject is not None and subject.lower not in rules().relative_pronouns:
            return subject
    return None


def _owner_actor(analysis: Analysis, parse: Parse, subject: Token, noun_span: Span | None) -> str | None:
    """The actor a subject noun phrase refers to, if it is one that can own troops or arms."""
    first = subject
    for child in parse.children(subject.i):
        if child.i < subject.i and child.dep in ("det", "compound", "amod", "poss", "nmod"):
            first = parse.tokens[min(first.i, parse.subtree(child.i)[0])]
    actor = analysis.extraction.get(analysis.resolve_actor((first.start, subject.end)) or "")
    if not isinstance(actor, Actor):
        return None
    if actor.type in ("organization", "other") and subject.pos != "PRON":
        return _organization_owner(analysis, actor, noun_span)
    if actor.type not in rules().owner_types:
        return None
    if actor.type == "state":
        return _forces_of(analysis, actor, noun_span)
    return actor.id


def _organization_owner(analysis: Analysis, actor: Actor, noun_span: Span | None) -> str | None:
    """A named organisation (or unclassified actor) that has or sends troops: a state body stands for the state's forces.

    An unaffiliated one ("the Front has 8,000 fighters", "the UN has 12,000 peacekeepers") owns them.
    """
    parent = analysis.extraction.get(actor.affiliation or "")
    if isinstance(parent, Actor) and parent.type == "state":
        return _forces_of(analysis, parent, noun_span)
    if actor.country is not None:
        return None  # a national body of unknown standing (a ministry, a party): no guess
    return actor.id


def _forces_of(analysis: Analysis, state: Actor, noun_span: Span | None) -> str:
    """The armed forces of a state: the document's actor for them, else a new one named after the state."""
    extraction = analysis.extraction
    for actor in extraction.actors:
        if actor.type == "armed_forces" and state.country and actor.country == state.country:
            return actor.id
    forces = Actor(
        id=extraction.next_id("actors"),
        name=f"{state.name} armed forces",
        type="armed_forces",
        country=state.country,
        affiliation=state.id,
        mentions=[noun_span] if noun_span else [],
    )
    extraction.actors.append(forces)
    return forces.id


# --------------------------------------------------------------------------- time and place


def clause_chain(parse: Parse, i: int, strict: bool = False) -> list[int]:
    """The heads of the clauses that contain token ``i``, innermost first, up to the sentence root."""
    chain: list[int] = []
    k = _clause_head(parse, i, strict)
    for _ in range(CLAUSE_LIMIT):
        if k in chain:
            break
        chain.append(k)
        token = parse.tokens[k]
        if token.head == token.i:
            break
        k = _clause_head(parse, token.head, strict)
    return chain


def _clause_head(parse: Parse, i: int, strict: bool = False) -> int:
    """The head of the clause token ``i`` is in; adverbial and infinitive clauses belong to their head's
    unless ``strict``, where every verb heads its own."""
    token = parse.tokens[i]
    for _ in range(CLAUSE_LIMIT):
        if token.head == token.i or (
            token.pos in ("VERB", "AUX")
            and (token.dep in CLAUSE_DEPS or (strict and token.dep not in ("aux", "auxpass", "amod", "compound")))
        ):
            return token.i
        token = parse.tokens[token.head]
    return token.i


def _in_outer_subject(parse: Parse, i: int, chain: list[int], figure: Token) -> bool:
    """Whether token ``i`` lies in the subject phrase of an outer clause of the chain, away from the figure.

    "A researcher in Oslo who has tracked the group since 2024 estimates that ..." : Oslo and
    2024 describe the speaker, not the count.
    """
    for clause in chain[1:]:
        for child in parse.children(clause):
            if child.dep in SUBJECT_DEPS:
                first, last = parse.subtree(child.i)
                if first <= i < last and not first <= figure.i < last:
                    return True
    return False


def span_root(parse: Parse, span: Span) -> Token | None:
    """The token of a span whose head lies outside it."""
    tokens = [t for t in parse.tokens_in(span[0], span[1]) if t.pos != "SPACE"]
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head not in inside or t.head == t.i), tokens[0] if tokens else None)


def in_dateline(analysis: Analysis, span: Span) -> bool:
    """Whether ``span`` lies in the wire dateline opening the article ("DORI, Burkina Faso, March 5 (Wire) -")."""
    dateline = analysis.dateline
    return dateline is not None and dateline.span[0] <= span[0] and span[1] <= dateline.span[1]


def clause_item(
    analysis: Analysis,
    anchor: Token,
    figure: Span,
    items: list[tuple[str, Span]],
    figures: list[Span],
    is_place: bool = False,
) -> str | None:
    """The item (time or place) of a clause dominating the figure: innermost clause first, then nearest;
    never one that another figure stands between ("11,000, up from about 6,000 on Saturday")."""
    parse = analysis.parse
    chain = clause_chain(parse, anchor.i)
    strict_chain = clause_chain(parse, anchor.i, strict=True)
    sentence = parse.sentence_of(anchor.start)
    if sentence is None:
        return None
    best: tuple[bool, int, int, str] | None = None
    for item_id, span in items:
        if not (sentence.start <= span[0] and span[1] <= sentence.end) or overlaps(span, figure):
            continue
        if any(_between(other, figure, span) for other in figures):
            continue
        if in_dateline(analysis, span) or (is_place and _not_a_location(analysis, span)):
            continue
        root = span_root(parse, span)
        if root is None:
            continue
        clause = _clause_head(parse, root.i)
        if clause not in chain and not _on_the_figure(parse, clause, anchor):
            continue
        if _in_outer_subject(parse, root.i, chain, anchor):
            continue
        clause = clause if clause in chain else chain[0]
        indirect = _clause_head(parse, root.i, strict=True) not in strict_chain  # in an adverbial clause
        rank = (indirect, chain.index(clause), min(abs(span[0] - figure[1]), abs(figure[0] - span[1])), item_id)
        if best is None or rank < best:
            best = rank
    return best[3] if best else None


def _between(middle: Span, a: Span, b: Span) -> bool:
    """Whether ``middle`` lies wholly between spans ``a`` and ``b`` (in either order)."""
    left, right = (a, b) if a[0] < b[0] else (b, a)
    return left[1] <= middle[0] and middle[1] <= right[0]


def _on_the_figure(parse: Parse, clause: int, anchor: Token) -> bool:
    """A clause hanging on the figure's own noun ("12 people who were killed on Thursday")."""
    token = parse.tokens[clause]
    return token.head == anchor.i and token.dep in ("relcl", "acl")


def _not_a_location(analysis: Analysis, span: Span) -> bool:
    """A place mention inside a longer name, or standing as an actor (subject, possessor)."""
    root = span_root(analysis.parse, span)
    if root is not None and root.dep in PLACE_ROLE_DEPS:
        return True
    for entity in analysis.parse.entities:
        if (
            entity.start <= span[0]
            and span[1] <= entity.end
            and (entity.end - entity.start) > (span[1] - span[0])
            and entity.label not in ("GPE", "LOC")
        ):
            return True
    for actor in analysis.extraction.actors:
        for mention in actor.mentions:
            if mention[0] <= span[0] and span[1] <= mention[1] and (mention[1] - mention[0]) > (span[1] - span[0]):
                return True
    return False
