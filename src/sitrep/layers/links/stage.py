"""Cross-layer links made once every layer exists: what each claim contains, which event counts which figure.

Claims: figures and places stated inside a claim's content link to that claim.

Events: the events stage cites the figures inside its clause. This stage adds a figure
whose governing word lies in an event's span ("23 people | killed in Thursday's attack
on the depot": the event's trigger is the verb the count depends on), and, when a
casualty count stands in a sentence with no event right after an event that already
counts that category ("... 23 people killed in Thursday's attack. The ministry maintained
that 12 people had died."), that event. A figure is only linked to an event whose type counts its category
(``figure_categories`` in ``resources/plover_roles.json``).

Aggregate tolls ("40,000 killed in the war", "the conflict has killed 5,000", see ``tolls.py``)
count no single happening: this stage never links them and takes them off any event that cites them.
Nor does an event keep a casualty count whose clause is about another happening named outside
the event's own words ("residents marched on Friday, a day after an attack on the depot left 20
people dead": the 20 are the attack's, not the march's).
"""

from __future__ import annotations

from sitrep.analysis import Analysis, contains
from sitrep.layers.events.lexicon import load_lexicon
from sitrep.layers.figures.context import clause_chain
from sitrep.layers.links.tolls import is_aggregate_toll
from sitrep.model import Event, Figure
from sitrep.nlp import Parse, Token

RUNNING_TOTALS = frozenset({"killed", "wounded", "casualties", "captured", "missing"})
ASSAULT = "ASSAULT"
GOVERNOR_DEPS = frozenset({"acl", "relcl"})
FOLLOW_SENTENCES = 2  # sentences a follow-up count may stand after its event


def run(analysis: Analysis) -> None:
    """Link figures and places to the claims that state them, and figures to the events that count them."""
    link_claims(analysis)
    unlink_aggregate_tolls(analysis)
    unlink_other_happenings(analysis)
    link_event_figures(analysis)


def link_claims(analysis: Analysis) -> None:
    """Figures and places stated inside a claim's content belong to that claim."""
    extraction = analysis.extraction
    for claim in extraction.claims:
        inside = claim.content_span
        for figure in extraction.figures:
            if contains(inside, figure.span):
                if figure.claim is None:
                    figure.claim = claim.id
                if figure.id not in claim.figures:
                    claim.figures.append(figure.id)
        for place in extraction.places:
            if any(contains(inside, m) for m in place.mentions) and place.id not in claim.places:
                claim.places.append(place.id)


def aggregate_tolls(analysis: Analysis) -> set[str]:
    """Ids of the casualty figures that sum a war, a conflict or a period."""
    text = analysis.text
    return {
        f.id for f in analysis.extraction.figures if f.category in RUNNING_TOTALS and is_aggregate_toll(text, f.span)
    }


def unlink_aggregate_tolls(analysis: Analysis) -> None:
    """Take aggregate tolls off the events that cite them: they are no happening's fatalities."""
    tolls = aggregate_tolls(analysis)
    if tolls:
        for event in analysis.extraction.events:
            event.figures = [fid for fid in event.figures if fid not in tolls]


def unlink_other_happenings(analysis: Analysis) -> None:
    """Take off each event the casualty counts whose clause another happening, named outside it, is the subject of."""
    extraction, parse = analysis.extraction, analysis.parse
    for event in extraction.events:
        kept = []
        for fid in event.figures:
            figure = extraction.get(fid)
            if figure is not None and figure.category in RUNNING_TOTALS:
                found = _happening_subject(parse, figure)
                if found is not None and not any(_inside(event.span, token) for token in found):
                    continue
                if event.type != ASSAULT and _attack_between(parse, event, figure):
                    continue
            kept.append(fid)
        event.figures = kept


def _is_attack_word(token: Token) -> bool:
    lexicon = load_lexicon()
    return token.pos in ("NOUN", "VERB") and any(
        r.type == ASSAULT for r in lexicon.rules_for(token.lemma.lower(), token.pos)
    )


def _attack_between(parse: Parse, event: Event, figure: Figure) -> bool:
    """A count after a non-violent event with an attack named between them, in its sentence ("residents
    marched …, a day after an attack on the depot left … 20 people dead"): the count is the attack's."""
    if figure.span[0] < event.span[1]:
        return False
    sentence = parse.sentence_of(figure.span[0])
    if sentence is None or event.span[1] < sentence.start:
        return False
    return any(_is_attack_word(t) for t in parse.tokens_in(event.span[1], figure.span[0]))


def _inside(span: tuple[int, int], token: Token) -> bool:
    return span[0] <= token.start and token.end <= span[1]


def _happening_subject(parse: Parse, figure: Figure) -> tuple[Token, Token] | None:
    """The violent happening a count is the toll of by its clause, with the verb the count depends on:
    the verb's subject when it is an attack word ("an attack … left 20 people dead", "a bombing that killed
    14"). An event holding either is that happening."""

    def attack_word(token: Token) -> bool:
        return token.pos == "NOUN" and _is_attack_word(token)

    for governor in _governors(parse, figure):
        if governor.pos not in ("VERB", "AUX"):
            continue
        subjects = [c for c in parse.children(governor.i) if c.dep in ("nsubj", "nsubjpass")]
        if governor.dep == "relcl":
            subjects.append(parse.tokens[governor.head])  # "a bombing that killed 14": the noun the clause hangs on
        if not subjects:  # a subject the parser hung elsewhere ("a day after an attack on the depot left 20 dead")
            subjects = [
                parse.tokens[k]
                for c in parse.children(governor.i)
                if c.i < governor.i and c.dep not in ("punct", "aux")
                for k in range(*parse.subtree(c.i))
            ]
        found = [t for t in subjects if attack_word(t)]
        if found:
            return max(found, key=lambda t: t.i), governor
    return None


def link_event_figures(analysis: Analysis) -> None:
    """Add to each event's ``figures`` the figures it counts that the events stage left out."""
    extraction = analysis.extraction
    categories = load_lexicon().roles.get("figure_categories", {})
    cited = {fid for event in extraction.events for fid in event.figures} | aggregate_tolls(analysis)
    for figure in extraction.figures:
        if figure.id in cited:
            continue
        suited = [e for e in extraction.events if figure.category in categories.get(e.type, [])]
        event = _governing_event(analysis.parse, figure, suited) or _preceding_counter(analysis, figure, suited)
        if event is not None:
            event.figures.append(figure.id)
            cited.add(figure.id)


def _governing_event(parse: Parse, figure: Figure, events: list[Event]) -> Event | None:
    """The smallest event whose span holds a word the figure depends on (its verb, or a clause on its noun)."""
    governors = _governors(parse, figure)
    holding = [e for e in events if any(e.span[0] <= t.start and t.end <= e.span[1] for t in governors)]
    return min(holding, key=lambda e: e.span[1] - e.span[0]) if holding else None


def _governors(parse: Parse, figure: Figure) -> list[Token]:
    anchor = _anchor(parse, figure)
    if anchor is None:
        return []
    token = anchor
    while token.dep in ("pobj", "prep") and token.head != token.i:  # "dozens of civilians"
        token = parse.tokens[token.head]
    out = [parse.tokens[token.head]] if token.head != token.i else []
    out += [c for c in parse.children(anchor.i) if c.dep in GOVERNOR_DEPS]
    chain = clause_chain(parse, anchor.i, strict=True)
    if chain:
        out.append(parse.tokens[chain[0]])
    return [t for t in out if t.pos in ("VERB", "NOUN", "AUX")]


def _anchor(parse: Parse, figure: Figure) -> Token | None:
    tokens = [t for t in parse.tokens_in(figure.span[0], figure.span[1]) if t.pos != "SPACE"]
    candidates = [t for t in tokens if t.pos in ("NOUN", "PROPN")] or tokens
    return candidates[-1] if candidates else None


def _preceding_counter(analysis: Analysis, figure: Figure, events: list[Event]) -> Event | None:
    """A casualty count in a sentence without events right after the event that counts that category.

    "Records list 23 people killed in Thursday's attack. The ministry maintained that 12 people
    had died.": the nearest event before the sentence, at most ``FOLLOW_SENTENCES`` sentences
    back, must already count the category; any other event in between breaks the link.
    """
    parse, extraction = analysis.parse, analysis.extraction
    if figure.category not in RUNNING_TOTALS:
        return None
    sentence = parse.sentence_of(figure.span[0])
    if sentence is None or any(e.span[0] < sentence.end and sentence.start < e.span[1] for e in extraction.events):
        return None
    before = [e for e in extraction.events if e.span[1] <= sentence.start]
    if not before:
        return None
    nearest = max(before, key=lambda e: e.span[1])
    categories = {f.id: f.category for f in extraction.figures}
    if nearest not in events or not any(categories.get(fid) == figure.category for fid in nearest.figures):
        return None
    between = [s for s in parse.sentences if nearest.span[1] <= s.start and s.end <= sentence.start]
    return nearest if len(between) < FOLLOW_SENTENCES else None
