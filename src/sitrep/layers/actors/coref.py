"""Document-level coreference: which actor a name, title, description or pronoun means.

``prepare(analysis, ...)`` runs once in the actors stage: it walks the text in order,
keeps each actor's salience (recent mentions count most, subjects more than other
roles) and records the antecedent of every third-person pronoun. ``resolve(analysis,
span)`` is then cheap; the actors stage installs it as ``analysis.resolver`` and the
claims and events layers reach it through ``analysis.resolve_actor``.

``resolve`` answers, in this order: an actor mention the span overlaps; a pronoun's
recorded antecedent; a name ("Rutte") or alias of a known actor; a title or description
("the Secretary General", "the minister", "the ministry", "the agency") matched against
the actors' roles and names, the most recent one first. A resolved name, title or
description that is new becomes a mention of its actor; pronouns do not (the
contract's mentions hold names and titles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.analysis import Analysis, overlaps
from sitrep.geo.lexicon import load_lexicon
from sitrep.model import Actor, Span
from sitrep.nlp import Parse

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
PERSON = {"person"}
SINGULAR_THING = {"organization", "state", "media", "armed_forces", "armed_group", "other"}
PLURAL_THING = {"organization", "armed_forces", "armed_group", "population", "state", "media"}
ARTICLES = ("the ", "a ", "an ", "this ", "that ", "these ", "those ")


@dataclass
class CorefState:
    """What ``prepare`` leaves for ``resolve``."""

    pronouns: dict[int, str] = field(default_factory=dict)  # pronoun start char -> actor id
    pleonastic: set[int] = field(default_factory=set)  # start chars of "it" that refers to nothing
    genders: dict[str, str] = field(default_factory=dict)  # actor id -> "m" | "f"
    titles: dict[str, set[str]] = field(default_factory=dict)  # actor id -> lower-case offices


def _patterns():
    from sitrep.layers.actors.stage import load_patterns

    return load_patterns()


def prepare(
    analysis: Analysis, genders: dict[str, str] | None = None, titles: dict[str, set[str]] | None = None
) -> CorefState:
    """Record every pronoun's antecedent and keep what ``resolve`` needs in ``analysis.coref``."""
    state = CorefState(genders=dict(genders or {}), titles={k: set(v) for k, v in (titles or {}).items()})
    state.pronouns = pronoun_chains(analysis.parse, analysis.extraction.actors, state.genders)
    state.pleonastic = {t.start for t in analysis.parse.tokens if is_pleonastic(analysis.parse, t.i)}
    analysis.coref = state
    return state


def _mention_events(parse: Parse, actors: list[Actor]) -> list[tuple[int, str, bool]]:
    """(start char, actor id, is subject) for every actor mention, in text order."""
    events = []
    for actor in actors:
        for start, end in actor.mentions:
            tokens = parse.tokens_in(start, end)
            subject = any(t.dep in SUBJECT_DEPS for t in tokens)
            events.append((start, actor.id, subject))
    return sorted(events)


def _compatible(actor: Actor, pronoun_class: str, genders: dict[str, str]) -> bool:
    if pronoun_class in {"m", "f"}:
        return actor.type in PERSON and genders.get(actor.id, pronoun_class) == pronoun_class
    if pronoun_class == "n":
        return actor.type in SINGULAR_THING
    return actor.type in PLURAL_THING


def pronoun_chains(parse: Parse, actors: list[Actor], genders: dict[str, str]) -> dict[int, str]:
    """Pronoun start char -> actor id, choosing the most salient compatible actor before it.

    Salience: each mention adds 1 (2 for a subject) and decays by half per sentence.
    A he/she resolved to a person of unknown gender fixes that person's gender.
    """
    pronoun_classes = _patterns().pronouns
    by_id = {a.id: a for a in actors}
    events = _mention_events(parse, actors)
    salience: dict[str, float] = {}  # from earlier sentences, decayed
    current: dict[str, float] = {}  # this sentence: the strongest mention of each actor
    last_seen: dict[str, int] = {}
    sentence = 0
    out: dict[int, str] = {}
    e = 0
    for token in parse.tokens:
        if token.sent != sentence:
            for key, value in current.items():
                salience[key] = salience.get(key, 0.0) + value
            for key in salience:
                salience[key] *= 0.5 ** (token.sent - sentence)
            current, sentence = {}, token.sent
        while e < len(events) and events[e][0] <= token.start:
            start, actor_id, subject = events[e]
            current[actor_id] = max(current.get(actor_id, 0.0), 2.0 if subject else 1.0)
            last_seen[actor_id] = start
            e += 1
        pronoun_class = pronoun_classes.get(token.lower)
        if pronoun_class is None or token.ent_type or is_pleonastic(parse, token.i):
            continue
        scores = {k: salience.get(k, 0.0) + current.get(k, 0.0) for k in set(salience) | set(current)}
        best = _reporting_subject(parse, token.i, actors, pronoun_class, genders) or _best_antecedent(
            pronoun_class, scores, last_seen, by_id, genders
        )
        if best is not None:
            out[token.start] = best
            if pronoun_class in {"m", "f"}:
                genders.setdefault(best, pronoun_class)
            current[best] = max(current.get(best, 0.0), 1.0 if token.dep in SUBJECT_DEPS else 0.5)
    return out


def _reporting_subject(
    parse: Parse, i: int, actors: list[Actor], pronoun_class: str, genders: dict[str, str]
) -> str | None:
    """ "The government announced that it would recruit...": the subject of a clause that completes a
    verb is, when it is a compatible pronoun, that verb's own subject."""
    token = parse.tokens[i]
    if token.dep not in ("nsubj", "nsubjpass"):
        return None
    clause = parse.tokens[token.head]
    if clause.dep != "ccomp" or clause.head == clause.i:
        return None
    subject = next((t for t in parse.children(clause.head) if t.dep in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i == i:
        return None
    named = [a for a in actors if any(start <= subject.start < end for start, end in a.mentions)] or [
        a for a in actors if a.name.split() and a.name.split()[-1].casefold() == subject.text.casefold()
    ]
    for actor in named:
        if _compatible(actor, pronoun_class, genders):
            return actor.id
    return None


def is_pleonastic(parse: Parse, i: int) -> bool:
    """An "it" that stands for no one: "it is unclear whether", "it seems that", "it is believed that".

    "it said in a statement" and "it is an armed group" are not pleonastic.
    """
    token = parse.tokens[i]
    if token.lower != "it":
        return False
    if token.dep == "expl":
        return True
    if token.dep not in {"nsubj", "nsubjpass"} or token.head == token.i:
        return False
    patterns = _patterns()
    verb = parse.tokens[token.head]
    kids = parse.children(verb.i)
    clause = any(k.dep in {"ccomp", "xcomp", "csubj", "advcl"} and k.i > verb.i for k in kids)
    if token.dep == "nsubjpass" or any(k.dep == "auxpass" for k in kids):
        return verb.lemma in patterns.pleonastic_passives and clause
    if verb.lemma not in patterns.pleonastic_verbs:
        return False
    if verb.lemma in {"rain", "snow"}:
        return True
    complement = [k for k in kids if k.dep in {"acomp", "attr"}]
    if verb.lemma in {"seem", "appear", "happen", "emerge", "matter"}:
        return clause or not complement
    if verb.lemma == "remain" and any(k.dep == "xcomp" and k.lemma == "see" for k in kids):
        return True  # "it remains to be seen"
    if complement and complement[0].lemma in patterns.raising_adjectives:
        return False  # "it is likely to attack again": the group is likely to
    if (
        complement
        and complement[0].dep == "attr"
        and complement[0].pos in {"NOUN", "PROPN"}
        and not any(parse.tokens[k].dep in {"ccomp", "acl", "relcl"} for k in parse._children[complement[0].i])
    ):
        return False  # "it is an armed group"
    return bool(complement) and (
        clause or any(k.dep in {"ccomp", "xcomp"} for c in complement for k in parse.children(c.i))
    )


def _best_antecedent(
    pronoun_class: str,
    scores: dict[str, float],
    last_seen: dict[str, int],
    by_id: dict[str, Actor],
    genders: dict[str, str],
) -> str | None:
    """The compatible actor with the highest salience; the latest mentioned wins a tie."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], -last_seen.get(kv[0], 0)))
    for actor_id, score in ranked:
        if score < 0.05:
            break
        if _compatible(by_id[actor_id], pronoun_class, genders):
            return actor_id
    return None


# ---------------------------------------------------------------- resolving


def resolve(analysis: Analysis, span: Span) -> str | None:
    """The actor id a mention refers to, or None; adds a new name or title mention to its actor."""
    actors = analysis.extraction.actors
    found = _overlapping(actors, span)
    if found is not None:
        return found
    state = analysis.coref
    if state is None:
        state = prepare(analysis)
    text = analysis.text[span[0] : span[1]].strip()
    lowered = text.lower()
    pronoun_class = _patterns().pronouns.get(lowered)
    if pronoun_class is not None:
        start = span[0] + (len(analysis.text[span[0] : span[1]]) - len(analysis.text[span[0] : span[1]].lstrip()))
        if start in state.pleonastic:
            return None
        token = analysis.parse.token_at(start)
        reporter = (
            None if token is None else _reporting_subject(analysis.parse, token.i, actors, pronoun_class, state.genders)
        )  # actors later stages added count
        return reporter or state.pronouns.get(start) or _late_pronoun(analysis, state, start, pronoun_class)
    bare = _strip_article(text)
    definite = (bare != text and not re.match(r"(?i)an?\s", text)) or _determiner_before(analysis.text, span[0])
    actor = _by_name(actors, bare) or _by_description(analysis, state, bare, span, definite)
    if actor is None:
        return None
    if span not in actor.mentions:
        actor.mentions.append(span)
    return actor.id


def _overlapping(actors: list[Actor], span: Span) -> str | None:
    """The actor with the mention that best overlaps ``span`` (the tightest one)."""
    best = None
    for actor in actors:
        for mention in actor.mentions:
            if overlaps(mention, span):
                shared = min(mention[1], span[1]) - max(mention[0], span[0])
                size = mention[1] - mention[0]
                rank = (shared, -size)
                if best is None or rank > best[0]:
                    best = (rank, actor.id)
    return best[1] if best else None


def _late_pronoun(analysis: Analysis, state: CorefState, start: int, pronoun_class: str) -> str | None:
    """A pronoun ``prepare`` did not see (e.g. in text added later): the nearest compatible actor before it."""
    best = None
    for actor in analysis.extraction.actors:
        if not _compatible(actor, pronoun_class, state.genders):
            continue
        before = [m[0] for m in actor.mentions if m[0] < start]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), actor.id)
    return best[1] if best else None


def _nominal_head(analysis: Analysis, span: Span) -> bool:
    """Whether the span ends in a noun (a description has a head noun)."""
    tokens = [t for t in analysis.parse.tokens_in(span[0], span[1]) if t.pos not in {"PUNCT", "SPACE"}]
    return bool(tokens) and tokens[-1].pos in {"NOUN", "PROPN"}


def _determiner_before(text: str, start: int) -> bool:
    """Whether "the", "this", "that", "these" or "those" comes right before ``start``."""
    return bool(re.search(r"(?i)\b(?:the|this|that|these|those)\s+$", text[max(0, start - 8) : start]))


def _strip_article(text: str) -> str:
    lowered = text.lower()
    for article in ARTICLES:
        if lowered.startswith(article):
            return text[len(article) :].strip()
    return text


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _by_name(actors: list[Actor], text: str) -> Actor | None:
    """An actor whose name contains these words as its last words ("Rutte"), or a dictionary alias."""
    words = _words(text)
    if not words or not text[:1].isupper():
        return None
    for actor in actors:
        name = _words(actor.name)
        if name == words or (actor.type == "person" and name[-len(words) :] == words):
            return actor
    lexicon = load_lexicon()
    entry = lexicon.entry_names.get(text)
    if entry is not None:
        return next((a for a in actors if a.name == entry.name), None)
    iso3 = lexicon.state_names.get(text) or lexicon.metonyms.get(text) or lexicon.demonyms.get(text)
    if iso3:
        return next((a for a in actors if a.type == "state" and a.country == iso3), None)
    return None


def _by_description(
    analysis: Analysis, state: CorefState, text: str, span: Span, definite: bool = True
) -> Actor | None:
    """ "the Secretary General", "the minister", "the ministry", "the militants": the latest actor whose role or
    name fits. Group nouns ("militants", "group") refer back only with a determiner: bare "militants" are anyone."""
    words = _words(text)
    if not words:
        return None
    phrase = " ".join(words)
    head = words[-1]
    if not definite and head in _patterns().definite_only_heads:
        return None
    if not _nominal_head(analysis, span):
        return None  # "the", "for": no description at all
    heads = _patterns().description_heads
    # "Collective of Soum Associations, a civil society group" is a name, not a description of another actor
    named = "," in text or bool(re.match(r"[A-Z]\w* (?:of|for) [A-Z]", text))
    candidates: list[tuple[int, Actor]] = []  # (minus the rank of the fitting type, actor)
    for actor in analysis.extraction.actors:
        rank: int | None = 0
        titles = state.titles.get(actor.id, set())
        role = (actor.role or "").lower()
        fits = False
        if actor.type == "person":
            fits = (
                phrase in titles
                or any(head == t.split()[-1] for t in titles)
                or bool(role and re.search(rf"\b{re.escape(phrase)}\b", role))
            )
            fits = fits or (head in {"spokesperson", "spokesman", "spokeswoman"} and "spokes" in role)
        elif not named:
            targets = heads.get(head, [])
            rank = next((n for n, t in enumerate(targets) if t == actor.type or t.lower() in actor.name.lower()), None)
            if rank is None and head in _words(actor.name):
                rank = len(targets)
            fits = rank is not None
        if fits:
            candidates.append((-(rank or 0), actor))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], _recency(c[1], span)))[1]


def _recency(actor: Actor, span: Span) -> tuple[int, int]:
    """Prefer the actor mentioned last before the span; failing that, the first after it."""
    before = [m[0] for m in actor.mentions if m[0] < span[0]]
    if before:
        return 1, max(before)
    after = [m[0] for m in actor.mentions]
    return 0, -min(after) if after else 0
