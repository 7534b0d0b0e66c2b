"""How: an event's PLOVER mode (ASSAULT/aerial, AID/military, PROTEST/riot...).

A trigger row may fix the mode ("shell" is always heavy-weapons). Otherwise the keyword
rules of ``plover_modes.json`` are tried on the words closest to the trigger first (its
compounds and modifiers, its instrument, who attacks or what it hands over) and on its
whole clause second, so "a missile strike" is aerial even when the clause also mentions an
army, and "jets destroyed rocket launchers" is aerial, not artillery.
"""

from __future__ import annotations

from sitrep.layers.events.lexicon import PloverLexicon
from sitrep.layers.events.syntax import (
    actor_of,
    clause_span,
    kids,
    np_words,
    preposition_objects,
    subtree_tokens,
    theme,
    word,
)
from sitrep.layers.events.triggers import Trigger, themes
from sitrep.nlp import Parse

NEAR_DEPS = ("compound", "amod", "nmod", "npadvmod", "prt")


def near_words(parse: Parse, lexicon: PloverLexicon, trigger: Trigger, type_: str) -> set[str]:
    """Lemmas closest to the trigger: itself, its modifiers and instruments, and for an attack who
    attacks ("jets", "gunmen") or what is fired; for other types what is handed over or acted on."""
    words: set[str] = set()
    projectile_verbs = lexicon.word_class("projectile_verbs")
    for i in {*trigger.tokens, *trigger.predicates}:
        token = parse.tokens[i]
        words.add(word(token))
        words |= {word(c) for c in kids(parse, i, *NEAR_DEPS)}
        for _, obj in preposition_objects(parse, i, lexicon.word_class("instrument_preps")):
            words |= np_words(parse, obj.i)
        if type_ == "ASSAULT":
            doer = actor_of(parse, i) if token.pos == "VERB" else None
            words |= np_words(parse, doer.i) if doer is not None else set()
            if word(token) not in projectile_verbs:
                continue
        acted_on = theme(parse, i)
        if acted_on is not None:
            words |= np_words(parse, acted_on.i)
    if trigger.relation == "verb" and type_ != "ASSAULT":
        for candidate in themes(parse, trigger.rule, trigger.predicate):
            words |= np_words(parse, candidate.i)
    return words


def clause_words(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> set[str]:
    """Lemmas of the event's own clause, without the side clauses hanging on it ("…, setting storage tanks ablaze")."""
    skip = lexicon.role_words("span_skip_deps")
    words: set[str] = set()
    for i in trigger.predicates:
        start, end = clause_span(parse, i, skip)
        words |= {word(t) for t in subtree_tokens(parse, i) if start <= t.start and t.end <= end}
    return words


def infer_mode(parse: Parse, lexicon: PloverLexicon, trigger: Trigger, type_: str) -> str | None:
    """The PLOVER mode of an event of ``type_`` stated by ``trigger``, or None when nothing says."""
    if trigger.rule.mode and type_ == trigger.rule.type:
        return trigger.rule.mode
    rules = lexicon.mode_rules.get(type_, ())
    near = near_words(parse, lexicon, trigger, type_)
    clause = clause_words(parse, lexicon, trigger) if trigger.relation != "mention" else set()
    for words in (near, clause):
        for mode, keywords in rules:
            if words & keywords:
                return mode
    return None
