"""The parts of a claim as found in a parse, and the parse helpers every finder shares.

A finder (attribution.py for reporting verbs, sourcing.py for nouns, phrases and line
labels, quote_speakers.py for quotations) returns :class:`Found` records: character
spans of cue, speaker mention and content, plus how the claim relates to others. The
helpers here turn dependency subtrees into clean spans and find who a verb reports for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.layers.claims.cues import Cue
from sitrep.layers.claims.quotes import Quote
from sitrep.model import Span
from sitrep.nlp import Parse, Token

EDGE_POS = frozenset({"PUNCT", "SPACE", "CCONJ"})
SPEAKER_CUT_DEPS = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis"})
SPEAKER_EDGE_DEPS = frozenset({"cc", "advmod", "preconj", "punct"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp", "prep"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
CONTENT_MARKS = frozenset({"that"})
AUX_DEPS = frozenset({"aux", "auxpass", "neg"})
SOURCING_VERBS = frozenset({"cite", "quote"})


@dataclass(eq=False)
class Found:
    """A claim found in the text, before speaker resolution and writing.

    ``source`` points at another found claim whose speaker this one shares (a quotation
    continued without a cue, a coordinated cue); ``parent`` at the claim whose content
    this one is nested in; ``elaborates`` at the cue token of a claim this one merely
    extends ("..., calling it X").
    """

    content: Span
    kind: str = "indirect"
    cue: Cue | None = None
    cue_span: Span | None = None
    cue_token: int | None = None
    speaker: Span | None = None
    speaker_token: int | None = None
    frame: str = ""
    via: list[Span] = field(default_factory=list)
    relayed: list[Span] = field(default_factory=list)  # intermediaries by construction, outlets or not
    source: Found | None = None
    parent: Found | None = None
    elaborates: int | None = None
    quote: Quote | None = None
    hints: list[Cue] = field(default_factory=list)
    hint_spans: list[Span] = field(default_factory=list)


def is_verb(token: Token) -> bool:
    return token.pos == "VERB" or (token.pos == "AUX" and token.dep not in AUX_DEPS) or token.tag.startswith("VB")


def trimmed(parse: Parse, first: int, last: int, *, marks: frozenset[str] = frozenset()) -> Span | None:
    """Characters of tokens ``[first, last)`` without edge punctuation, spaces, conjunctions or marks."""
    tokens = parse.tokens
    while first < last and (tokens[first].pos in EDGE_POS or tokens[first].lower in marks):
        first += 1
    while last > first and tokens[last - 1].pos in EDGE_POS:
        last -= 1
    if first >= last:
        return None
    return tokens[first].start, tokens[last - 1].end


def subtree_span(parse: Parse, i: int, *, marks: frozenset[str] = CONTENT_MARKS) -> Span | None:
    first, last = parse.subtree(i)
    return trimmed(parse, first, last, marks=marks)


def child(parse: Parse, i: int, *deps: str) -> Token | None:
    for kid in parse.children(i):
        if kid.dep in deps:
            return kid
    return None


def mention_span(parse: Parse, head: int) -> Span | None:
    """The noun phrase headed by token ``head``, without appositions, relative clauses or commas."""
    low, high = parse.subtree(head)
    for kid in parse.children(head):
        if kid.dep in SPEAKER_CUT_DEPS:
            k_low, k_high = parse.subtree(kid.i)
            if kid.i > head:
                high = min(high, k_low)
            elif kid.dep != "punct" or kid.text in ",;(":
                low = max(low, k_high)
    tokens = parse.tokens
    while low < head and (tokens[low].dep in SPEAKER_EDGE_DEPS or tokens[low].pos in EDGE_POS):
        low += 1
    return trimmed(parse, low, high)


def speaker_head(parse: Parse, subject: Token) -> Token:
    """The token that names a speaker: "Najib Razak" in "Malaysia's Prime Minister, Najib Razak"."""
    if subject.ent_type in ("PERSON", "ORG"):
        return subject
    for kid in parse.children(subject.i):
        if kid.dep == "appos" and kid.ent_type in ("PERSON", "ORG") and kid.pos == "PROPN":
            return kid
        if kid.dep == "appos" and kid.pos == "PROPN" and subject.pos == "NOUN" and kid.i == subject.i + 1:
            return kid  # "the monitoring group NetBlocks": the name right after its description
    return subject


def subject_of(parse: Parse, i: int, *, hops: int = 4, speaking_nouns: frozenset[str] = frozenset()) -> Token | None:
    """The subject a verb reports for: its own, or that of the verb it depends on.

    ``speaking_nouns`` are documents and statements that may speak through a participle
    ("a statement saying ..."); any other noun passes the question to whoever governs it.
    """
    current = i
    for _ in range(hops):
        token = parse.tokens[current]
        subjects = [k for k in parse.children(current) if k.dep in ("nsubj", "csubj")]
        if subjects:  # two subjects are a misparsed apposition or fronted phrase: the one nearest the verb
            return min(subjects, key=lambda k: abs(k.i - current))
        passive_subject = child(parse, current, "nsubjpass")
        if passive_subject is not None and token.lemma in ("quote", "cite"):
            return passive_subject
        misread = _misread_predicate(parse, token)
        if misread is not None:
            return misread
        if token.dep == "acl" and parse.tokens[token.head].pos in ("NOUN", "PROPN"):
            noun = parse.tokens[token.head]
            governed = noun.dep in ("dobj", "pobj", "attr") and noun.head != noun.i
            if noun.lower in speaking_nouns and not governed:
                return noun  # "a statement saying that ...": the document speaks
            if governed:  # "X issued a statement saying ...", "she held a news conference announcing ...":
                current = noun.head if noun.dep != "pobj" else parse.tokens[noun.head].head
                continue  # whoever issued or held it
            return None
        if token.dep not in CLIMB_DEPS or token.head == current:
            return None
        current = token.head
    return None


def _misread_predicate(parse: Parse, verb: Token) -> Token | None:
    """ "Roy Cooper, the governor's opponent, called for ...": the small model reads the verb as a
    reduced relative on the apposition (acl, VBN) and leaves the sentence without a verb. When the
    sentence's root is the name itself, that name is the verb's subject."""
    if verb.dep != "acl" or verb.tag != "VBN" or verb.i == 0 or parse.tokens[verb.i - 1].text != ",":
        return None
    root = parse.tokens[verb.head]
    for _ in range(8):
        if root.head == root.i:
            break
        root = parse.tokens[root.head]
    if root.pos not in ("PROPN", "NOUN") or root.i >= verb.i:
        return None
    if any(t.pos in ("VERB", "AUX") and t.dep == "ROOT" for t in parse.tokens[root.i : verb.i]):
        return None
    appositions = [k for k in parse.children(root.i) if k.dep == "appos" and k.i < verb.i]
    return root if appositions or verb.head == root.i else None


def agent_of(parse: Parse, i: int) -> Token | None:
    """The "by X" of a passive verb."""
    agent = child(parse, i, "agent")
    if agent is None:
        return None
    return child(parse, agent.i, "pobj")


def cue_span_of(parse: Parse, verb: Token, cue: Cue | None) -> Span:
    """The verb with its auxiliaries and negation ("has not confirmed"), and the particle of a two-word cue."""
    first = verb.i
    while first - 1 >= 0 and parse.tokens[first - 1].dep in AUX_DEPS and parse.tokens[first - 1].head == verb.i:
        first -= 1
    last = verb.i
    particle = cue.preposition if cue else None
    if particle and verb.i + 1 < len(parse.tokens) and parse.tokens[verb.i + 1].lower == particle:
        last = verb.i + 1
    return parse.tokens[first].start, parse.tokens[last].end


def cited_source(parse: Parse, verb: Token) -> Token | None:
    """The object of a sourcing participle ("citing officials", "quoting a witness"), if ``verb`` is one."""
    if verb.lemma.lower() not in SOURCING_VERBS or verb.tag != "VBG" or verb.dep not in ("advcl", "acl", "xcomp"):
        return None
    obj = child(parse, verb.i, *OBJECT_DEPS)
    return obj if obj is not None and obj.pos in ("NOUN", "PROPN") else None
