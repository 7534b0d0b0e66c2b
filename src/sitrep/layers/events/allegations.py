"""Allegations and denials: claims about who did a happening, linked to the happening's event.

"The army said the RSF launched the attack", "Kabul blamed Islamic State for the bombing" and
"The RSF denied involvement" are not new happenings: they are claims about one already
reported. :func:`join_mention` folds such a definite mention into the event it names (its
claims join the event's ``claims``; the blamed actor becomes the source when the event has
none; the status stays as reported), and :func:`link_denials` links a denial of involvement
to the event it answers. Which words blame or deny is data (``plover_words.json``).
"""

from __future__ import annotations

from sitrep.analysis import Analysis, contains
from sitrep.layers.events.context import carrying_claims
from sitrep.layers.events.lexicon import PloverLexicon
from sitrep.layers.events.roles import resolve_token, unnamed_party
from sitrep.layers.events.syntax import actor_of, direct_object, word
from sitrep.layers.events.triggers import Trigger
from sitrep.model import Claim, Event
from sitrep.nlp import Parse

DENIAL_WINDOW_SENTENCES = 4


def antecedent(findings: list[Event], event_type: str, before: int) -> Event | None:
    """The latest event of ``event_type`` stated before character ``before``: what "the attack" refers to."""
    earlier = [f for f in findings if f.type == event_type and f.span[0] < before]
    return max(earlier, key=lambda f: f.span[0], default=None)


def join_mention(analysis: Analysis, lexicon: PloverLexicon, trigger: Trigger, event: Event) -> None:
    """Fold a definite mention ("the attack") into ``event``: the claims it is said in, and who it blames."""
    parse = analysis.parse
    anchor = parse.tokens[trigger.token]
    for claim in carrying_claims(analysis, (anchor.start, anchor.end)):
        if claim.id not in event.claims:
            event.claims.append(claim.id)
    if event.source is None:
        event.source = blamed_actor(analysis, lexicon, trigger)


def blamed_actor(analysis: Analysis, lexicon: PloverLexicon, trigger: Trigger) -> str | None:
    """Who a mention says did it: the object of a blaming verb ("blamed *X* for the attack") or the doer of a
    light verb ("*the RSF* launched the attack")."""
    parse = analysis.parse
    verb = parse.tokens[trigger.predicate]
    if verb.i == trigger.token:
        return None
    if word(verb) in lexicon.word_class("blame_verbs"):
        doer = direct_object(parse, verb.i)
    elif trigger.relation == "light":
        doer = actor_of(parse, verb.i)
    else:
        return None
    found, _ = resolve_token(analysis, lexicon, doer)
    if found is None:
        found, _ = unnamed_party(analysis, lexicon, doer)
    return found


def link_denials(analysis: Analysis, lexicon: PloverLexicon, findings: list[Event]) -> None:
    """Link each denial of involvement ("X denied involvement", "rejected responsibility for the attack") to the
    latest event it can answer, stated in the few sentences before it."""
    parse = analysis.parse
    for claim in analysis.extraction.claims:
        if not _denies_involvement(parse, lexicon, claim):
            continue
        if any(claim.id in f.claims for f in findings):
            continue
        event = _answered_event(parse, lexicon, findings, claim)
        if event is not None:
            event.claims.append(claim.id)


def _denies_involvement(parse: Parse, lexicon: PloverLexicon, claim: Claim) -> bool:
    cue_words = {word(t) for t in parse.tokens_in(*claim.cue_span)} if claim.cue_span else set()
    if claim.stance != "deny" and not cue_words & lexicon.word_class("denial_verbs"):
        return False
    content = {word(t) for t in parse.tokens_in(*claim.content_span)}
    return bool(content & (lexicon.word_class("involvement_words") | lexicon.word_class("happening_nouns")))


def _answered_event(parse: Parse, lexicon: PloverLexicon, findings: list[Event], claim: Claim) -> Event | None:
    sentence = parse.sentence_of(claim.content_span[0])
    if sentence is None:
        return None
    types = lexicon.role_words("attributed_types")
    window_start = parse.sentences[max(0, sentence.index - DENIAL_WINDOW_SENTENCES)].start
    candidates = [
        f
        for f in findings
        if f.type in types
        and window_start <= f.span[0] < claim.content_span[1]
        and not contains(claim.content_span, f.span)
    ]
    return max(candidates, key=lambda f: f.span[0], default=None)


__all__ = ["antecedent", "blamed_actor", "join_mention", "link_denials"]
