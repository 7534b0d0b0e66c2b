"""The events layer: PLOVER events an analyst can count and map, each with its evidence.

Runs after places, actors, times, claims and figures. For every trigger
(:mod:`sitrep.layers.events.triggers`) it reads the roles (:mod:`~.event_roles`), the
status (:mod:`~.event_status`), the mode (:mod:`~.event_modes`) and the place, time,
figures and carrying claims (:mod:`~.event_context`). :func:`find_events` computes;
:func:`run` writes the events into the extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sitrep.analysis import Analysis, contains, overlaps
from sitrep.layers.events.allegations import antecedent, join_mention, link_denials
from sitrep.layers.events.context import (
    best_place,
    carrying_claims,
    dateline_place,
    dateline_time,
    event_figures,
    time_for,
)
from sitrep.layers.events.dateline import without_dateline
from sitrep.layers.events.lexicon import PloverLexicon, load_lexicon
from sitrep.layers.events.modes import infer_mode
from sitrep.layers.events.roles import national_forces, resolve_roles, resolve_token, role_tokens
from sitrep.layers.events.status import event_status
from sitrep.layers.events.syntax import clause_span, kids, np_span, preposition_objects, reduced_relative, word
from sitrep.layers.events.triggers import ActorKind, Trigger, control_chain, find_triggers
from sitrep.model import Actor, Event, Place, Span, Time
from sitrep.nlp import Parse, Token

SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":")
HEADLINE_MAX_CHARS = 200
HEADLINE_LINES = 6
NOUN_PHRASE_RELATIONS = ("planned", "mention")
DEFINITE_LOOKBACK = 3
SPECIFIC_PREPS = ("on", "against", "near", "in", "at", "of")


def run(analysis: Analysis) -> None:
    """Append the document's PLOVER events to ``analysis.extraction``."""
    extraction = analysis.extraction
    for event in find_events(analysis):
        event.id = extraction.next_id("events")
        extraction.events.append(event)


def find_events(analysis: Analysis, lexicon: PloverLexicon | None = None) -> list[Event]:
    """Every event the document states, in text order, one per trigger (ids still empty)."""
    lexicon = lexicon or load_lexicon()
    dateline = analysis.dateline.span if analysis.dateline else None
    analysis = replace(analysis, parse=without_dateline(analysis.parse, dateline))
    triggers = find_triggers(analysis.parse, lexicon, _actor_kind(analysis, lexicon), headline_sentences(analysis))
    context = Datelines(dateline, dateline_place(analysis, lexicon, dateline), dateline_time(analysis))
    findings: list[Event] = []
    seen: set[tuple[str, Span]] = set()
    trigger_words: dict[int, str] = {}
    scopes = {t.token: _scope(analysis.parse, t) for t in triggers}
    for trigger in sorted(triggers, key=lambda t: t.token):
        noun = analysis.parse.tokens[trigger.token]
        named = [f for f in findings if trigger_words.get(id(f)) == word(noun)]  # "the strike": the strike told
        earlier = named[-1] if named else antecedent(findings, trigger.type, noun.start)
        if earlier is not None and joins(analysis, lexicon, trigger, earlier):
            join_mention(analysis, lexicon, trigger, earlier)
            continue
        own = scopes[trigger.token]
        folded = [_scope(analysis.parse, part) for other in triggers if other is not trigger for part in other.merged]
        nested = [s for s in [*scopes.values(), *folded] if s != own and contains(own, s)]
        finding = describe(analysis, lexicon, trigger, context, lede=not findings, nested=nested)
        key = (finding.type, finding.span)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
            trigger_words[id(finding)] = word(noun)
    link_denials(analysis, lexicon, findings)
    return findings


@dataclass(frozen=True)
class Datelines:
    """What the article's opening says about where and when: the wire dateline's span and place, a date line."""

    span: Span | None = None
    place: str | None = None
    time: str | None = None

    def opens(self, sentence: Span) -> bool:
        """True when the dateline sits in (or just before) ``sentence``: the article's lede."""
        return self.span is not None and sentence[0] <= self.span[1] <= sentence[1]


def joins(analysis: Analysis, lexicon: PloverLexicon, trigger: Trigger, earlier: Event) -> bool:
    """ "The attack began at 3 a.m.", "the strikes hit depots", "Saturday's attack": a definite noun telling
    more about ``earlier``, not a new happening. One that says which happening it is ("the attack on the
    depot", "the Kisumu attack") joins only when those words are the earlier event's."""
    if not anaphoric(analysis.parse, lexicon, trigger):
        return victims_told_before(analysis, lexicon, trigger, earlier)
    return not _specific(analysis.parse, trigger.token) or same_happening(analysis, trigger, earlier)


def victims_told_before(analysis: Analysis, lexicon: PloverLexicon, trigger: Trigger, earlier: Event) -> bool:
    """ "Jihadists ambushed a convoy, killing 12 soldiers. *The soldiers* died in a shootout…": casualties
    named by a definite noun the earlier event already counted are that event's, told again (not when the
    sentence says the happening is another one: "a *separate* strike")."""
    parse = analysis.parse
    if trigger.type != "ASSAULT" or trigger.relation not in ("verb", "casualty"):
        return False
    verb = parse.tokens[trigger.predicate]
    if word(verb) not in lexicon.word_class("casualty_verbs"):
        return False
    sentence = parse.sentence_tokens(parse.sentences[verb.sent])
    if any(word(t) in lexicon.word_class("another_words") for t in sentence):
        return False
    told = parse.sentence_of(earlier.span[0])
    earlier_text = analysis.text[told.start : told.end] if told is not None else earlier.text
    if any(t.ent_type == "DATE" and t.text not in earlier_text for t in sentence):
        return False  # "on Tuesday, the soldiers were killed…" after Monday's attack
    definite = lexicon.word_class("definite")
    earlier_words = {w.strip(".,;:").lower() for w in earlier_text.split()}
    for victim in kids(parse, verb.i, "nsubj", "nsubjpass"):
        named_before = victim.text.lower() in earlier_words and victim.pos == "NOUN"
        if named_before and any(d.lower in definite and d.dep == "det" for d in parse.children(victim.i)):
            return True
    return False


def anaphoric(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> bool:
    """A definite noun trigger ("the attack", "its counter-attack") told by a verb or phrase around it."""
    if trigger.relation not in ("occurrence", "impact", "casualty", "mention", "light"):
        return False
    return definite_noun(parse, lexicon, trigger.token)


def definite_noun(parse: Parse, lexicon: PloverLexicon, noun: int) -> bool:
    """ "The attack", "its counter-attack", "Saturday's raid": a noun phrase introduced by a determiner or a
    possessive (read from the words before the noun too, when the parser split a hyphenated compound)."""
    definite = lexicon.word_class("definite")
    if any(c.dep == "poss" or (c.dep == "det" and c.lower in definite) for c in parse.children(noun)):
        return True
    first = parse.sentences[parse.tokens[noun].sent].first
    i = noun - 1
    for _ in range(DEFINITE_LOOKBACK):
        if i < first:
            return False
        token = parse.tokens[i]
        if token.text == "-":
            i -= 2  # "counter - attack": the hyphen and the word before it
            continue
        if token.dep == "compound":
            i -= 1
            continue
        return token.lower in definite and token.dep in ("det", "poss")
    return False


def same_happening(analysis: Analysis, trigger: Trigger, earlier: Event) -> bool:
    """ "Saturday's attack" after an attack reported on Saturday, "the Zenith attack" after "the Zenith
    bombing", "the attack on the depot" after "drones struck a fuel depot": the words that say which happening
    a definite noun is (a date, a place, a name, what was hit) are the earlier event's."""
    parse = analysis.parse
    naming = _naming_words(parse, trigger.token)
    if any(len(t.text) > 2 and t.text in earlier.text for t in naming):
        return True
    earlier_time = analysis.extraction.get(earlier.time) if earlier.time else None
    if not isinstance(earlier_time, Time) or earlier_time.start is None:
        return False
    spans = [(t.start, t.end) for t in naming if t.ent_type == "DATE"]
    return any(
        time.start == earlier_time.start and any(overlaps(time.span, span) for span in spans)
        for time in analysis.extraction.times
    )


def _naming_words(parse: Parse, noun: int) -> list[Token]:
    """The words of a noun phrase that say which happening it is: dates, places, names, what was hit."""
    first, last = parse.subtree(noun)
    named = [
        t
        for t in parse.tokens[first:last]
        if t.i != noun and (t.ent_type in ("DATE", "GPE", "LOC", "FAC") or t.pos == "PROPN") and t.text.isalpha()
    ]
    objects = [
        o
        for c in parse.children(noun)
        if c.dep == "prep" and c.lower in SPECIFIC_PREPS
        for o in kids(parse, c.i, "pobj")
    ]
    return named + objects


def _specific(parse: Parse, noun: int) -> bool:
    """ "The Djibo ambush", "the attack on the depot", "the March 5 attack": a noun naming which happening."""
    first, last = parse.subtree(noun)
    if any(t.ent_type in ("DATE", "TIME", "GPE", "LOC", "FAC") for t in parse.tokens[first:last]):
        return True
    return any(c.dep == "prep" and c.lower in SPECIFIC_PREPS for c in parse.children(noun)) or any(
        c.dep == "compound" and c.pos == "PROPN" for c in parse.children(noun)
    )


def describe(
    analysis: Analysis,
    lexicon: PloverLexicon,
    trigger: Trigger,
    datelines: Datelines | None = None,
    lede: bool = False,
    nested: list[Span] | None = None,
) -> Event:
    """Everything about one trigger's event: type, roles, status, mode, span and context. Places and times
    inside ``nested`` (the clauses of other events within this one's) are theirs, not this event's."""
    parse = analysis.parse
    tokens = role_tokens(parse, lexicon, trigger)
    roles = resolve_roles(analysis, lexicon, trigger, tokens)
    for part in trigger.merged:
        if roles.source is not None and roles.target is not None:
            break
        more = resolve_roles(analysis, lexicon, part, role_tokens(parse, lexicon, part))
        if more.type == roles.type:
            swapped = roles.target is not None and more.source == roles.target
            roles.source = roles.source or (more.target if swapped else more.source)
            roles.target = roles.target or (more.target if more.target != roles.source else None)
    anchor = parse.tokens[trigger.token]
    claims = carrying_claims(analysis, (anchor.start, anchor.end))
    status = event_status(parse, lexicon, trigger, claims[0] if claims else None)
    span = event_span(parse, lexicon, trigger)
    scope = _scope(parse, trigger)
    datelines = datelines or Datelines()
    sentence = parse.sentences[anchor.sent]
    sentence_span = (sentence.start, sentence.end)
    if datelines.span is not None and sentence.start <= datelines.span[1] < sentence.end:
        sentence_span = (max(sentence.start, datelines.span[1]), sentence.end)
    nested = nested or []
    excluded = [s for s in (roles.source_span, roles.target_span) if s is not None] + nested
    place = best_place(analysis, lexicon, [scope], excluded, anchor.start)
    if place is None and lede and datelines.opens(sentence_span):
        place = datelines.place
    if roles.target is None and roles.type in lexicon.role_words("national_target_types"):
        roles.target = national_forces(analysis, lexicon, tokens.target, _country_of(analysis, place))
    if roles.target == roles.source:
        roles.target = None
    return Event(
        id="",
        type=roles.type,
        text=analysis.text[span[0] : span[1]],
        span=span,
        mode=infer_mode(parse, lexicon, trigger, roles.type),
        source=roles.source,
        target=roles.target,
        place=place,
        time=time_for(
            analysis,
            scope,
            scope if noun_phrase_event(parse, trigger) else sentence_span,
            anchor.start,
            status,
            lexicon,
            datelines.time,
            nested,
        ),
        status=status,
        figures=_figures(analysis, lexicon, roles.type, scope, [_scope(parse, p) for p in trigger.merged], nested),
        claims=[c.id for c in claims],
    )


def _figures(
    analysis: Analysis, lexicon: PloverLexicon, event_type: str, scope: Span, folded: list[Span], nested: list[Span]
) -> list[str]:
    """The figures an event counts: in its own scope but not in other events' clauses nested in it, and in
    the clauses folded into it ("an ambush near Gao in which seven soldiers were killed")."""
    own = [
        fid
        for fid in event_figures(analysis, lexicon, event_type, scope)
        if not any(contains(n, _span_of(analysis, fid)) for n in nested)
    ]
    found = own + [fid for part in folded for fid in event_figures(analysis, lexicon, event_type, part)]
    return list(dict.fromkeys(found))


def _span_of(analysis: Analysis, figure_id: str) -> Span:
    figure = analysis.extraction.get(figure_id)
    return figure.span if figure is not None else (0, 0)


def _country_of(analysis: Analysis, place_id: str | None) -> str | None:
    place = analysis.extraction.get(place_id)
    return place.country if isinstance(place, Place) else None


def _chain_root(parse: Parse, trigger: Trigger) -> int:
    chain = control_chain(parse, trigger.predicate)
    return chain[-1].i if chain else trigger.predicate


def _scope(parse: Parse, trigger: Trigger) -> Span:
    """Characters of the event's whole clause, modifiers included, within its sentence."""
    if noun_phrase_event(parse, trigger):
        return clause_span(parse, trigger.token, ("conj", "cc", "punct", "relcl", "appos"))
    root = _chain_root(parse, trigger)
    if parse.tokens[root].dep == "amod":
        root = parse.tokens[root].head
    first, last = parse.subtree(root)
    for extra in trigger.predicates[1:]:
        first, last = min(first, parse.subtree(extra)[0]), max(last, parse.subtree(extra)[1])
    return parse.char_span(first, last)


def event_span(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> Span:
    """The smallest clause stating the event (a noun phrase for "upcoming talks with X")."""
    skip = lexicon.role_words("span_skip_deps")
    asides = lexicon.role_words("span_skip_preps")
    if noun_phrase_event(parse, trigger):
        return _noun_phrase_span(parse, lexicon, trigger.token)
    root = _chain_root(parse, trigger)
    spans = [clause_span(parse, root, skip, asides)]
    if parse.tokens[root].dep == "amod":
        spans.append(clause_span(parse, parse.tokens[root].head, ("conj", "cc", "punct", "relcl", "acl")))
    elif reduced_relative(parse, root):
        spans.append(np_span(parse, parse.tokens[root].head))
    spans += [clause_span(parse, extra, skip, asides) for extra in trigger.predicates[1:]]
    return min(s[0] for s in spans), max(s[1] for s in spans)


def noun_phrase_event(parse: Parse, trigger: Trigger) -> bool:
    """True when the event is told by a noun phrase alone ("upcoming talks", "the attack on X", "strikes,
    which killed dozens"), not by a clause around it."""
    if trigger.relation in NOUN_PHRASE_RELATIONS:
        return True
    first, last = parse.subtree(trigger.token)
    return trigger.relation != "verb" and trigger.predicate != trigger.token and first <= trigger.predicate < last


def _noun_phrase_span(parse: Parse, lexicon: PloverLexicon, noun: int) -> Span:
    start, end = np_span(parse, noun)
    for _, obj in preposition_objects(parse, noun, lexicon.role_words("noun_span_preps")):
        first, last = parse.subtree(obj.i)
        while last - 1 > first and parse.tokens[last - 1].pos in ("PUNCT", "SPACE"):
            last -= 1
        end = max(end, parse.char_span(first, last)[1])
    return start, end


def headline_sentences(analysis: Analysis) -> set[int]:
    """Sentences of the headline (the first line when it is the title or reads like one): never events."""
    title = (analysis.document.title or "").strip()
    lines = []
    offset = 0
    for line in analysis.text.split("\n")[:HEADLINE_LINES]:
        lines.append((offset, offset + len(line), line.strip()))
        offset += len(line) + 1
    if title:
        headlines = [(start, end) for start, end, line in lines if line == title]
    else:
        first = next(((start, end, line) for start, end, line in lines if line), None)
        headlines = (
            [first[:2]] if first and len(first[2]) <= HEADLINE_MAX_CHARS and not first[2].endswith(SENTENCE_END) else []
        )
    return {s.index for s in analysis.parse.sentences if any(start <= s.start < end for start, end in headlines)}


def _actor_kind(analysis: Analysis, lexicon: PloverLexicon) -> ActorKind:
    """A cached "what kind of actor does this noun name" lookup for the trigger conditions."""
    cache: dict[int, str | None] = {}

    def kind(i: int) -> str | None:
        if i not in cache:
            actor_id, _ = resolve_token(analysis, lexicon, analysis.parse.tokens[i])
            actor = analysis.extraction.get(actor_id)
            cache[i] = actor.type if isinstance(actor, Actor) else None
        return cache[i]

    return kind


__all__ = ["describe", "event_span", "find_events", "headline_sentences", "run"]
