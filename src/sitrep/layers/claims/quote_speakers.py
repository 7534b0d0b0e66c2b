"""Tying direct quotations to their speakers.

A quotation is reached by a reporting verb's frame (its content becomes the quotation),
or has a cue right after it (`"…," he said`, `"…," said the minister`), right before it
(`He said: "…"`), or a dash and a name that sign it (`"…" ― Jane Doe`).
:func:`attribute_quotes` settles which, and returns claims for the quotations that only
adjacency reaches. It reads the parse and writes nothing.
"""

from __future__ import annotations

import re

from sitrep.layers.claims.cues import CueLexicon
from sitrep.layers.claims.parts import AUX_DEPS, Found, cue_span_of, is_verb, mention_span, speaker_head, subject_of
from sitrep.layers.claims.quotes import Quote
from sitrep.nlp import Parse, Token

SENTENCE_END = frozenset({".", "!", "?"})
QUOTE_TOKENS = frozenset({"“", '"', "”", "''", "``", "«", "»"})
QUOTE_TAIL_TOKENS = 25
FREE_CUE_WINDOW = 6
DASH_SIGNATURE = re.compile(r"[ \t]*([―—–]|--)[ \t]*([A-Z][^\n,.;:]{1,60}?)[ \t.]*(?=\n|$)")


def is_speech(parse: Parse, quote: Quote) -> bool:
    """A quotation of what someone said (a clause or more), not a quoted term or title."""
    tokens = [t for t in parse.tokens_in(*quote.inner) if t.pos not in ("PUNCT", "SPACE")]
    if len(tokens) < 3:
        return False
    has_verb = any(t.pos in ("VERB", "AUX") for t in tokens)
    sentence = parse.sentence_of(quote.start)
    starts_sentence = sentence is not None and parse.text[sentence.start : quote.start].strip() == ""
    return has_verb and (starts_sentence or len(tokens) >= 4)


def attribute_quotes(parse: Parse, quotes: list[Quote], found: list[Found], lexicon: CueLexicon) -> list[Found]:
    """Turn claims whose content is a quotation into direct ones and attribute the other quotations.

    Returns the new claims made for quotations no cue frame reached; updates ``found`` in place.
    """
    made: list[Found] = []
    for quote in quotes:
        if not is_speech(parse, quote):
            continue
        owner = _claim_over(found, quote)
        if owner is not None:
            _adopt(parse, owner, quote)
            continue
        claim = _adjacent_attribution(parse, quote, found + made, lexicon)
        if claim is not None:
            made.append(claim)
    return made


def _claim_over(found: list[Found], quote: Quote) -> Found | None:
    """A claim whose content overlaps the quotation and whose cue lies outside it."""
    best = None
    for claim in found:
        if claim.cue_token is None or claim.quote is not None or claim.frame in ("noun", "phrase", "adverb"):
            continue
        if claim.frame == "label" and not (claim.content[0] <= quote.start <= claim.content[0] + 2):
            continue
        if claim.cue_span and quote.start <= claim.cue_span[0] < quote.end:
            continue
        a, b = claim.content
        closer = best is None or abs(a - quote.inner[0]) < abs(best.content[0] - quote.inner[0])
        if a < quote.inner[1] and quote.inner[0] < b and closer:
            best = claim
    return best


def _adopt(parse: Parse, claim: Found, quote: Quote) -> None:
    """Make a claim's content the quotation it overlaps (direct), or mark it mixed."""
    a, b = claim.content
    outside = max(0, quote.start - a) + max(0, b - quote.end)
    text = parse.text
    leftover = (text[a : quote.start] + " " + text[quote.end : b]).strip(" ,.;:\"'“”")
    if outside == 0 or len(leftover.split()) <= 1:
        claim.content, claim.kind, claim.quote = quote.inner, "direct", quote
    else:
        claim.kind = "mixed"


def _adjacent_attribution(parse: Parse, quote: Quote, found: list[Found], lexicon: CueLexicon) -> Found | None:
    """A cue right after the quotation (`"…," he said`) or right before it (`He said: "…"`)."""
    verb = _cue_after(parse, quote, lexicon) or _cue_before(parse, quote, lexicon)
    if verb is None:
        return _dash_signature(parse, quote)
    cue = lexicon.verb_cue(parse, verb)
    subject = subject_of(parse, verb.i)
    claim = Found(
        content=quote.inner,
        kind="direct",
        cue=cue,
        cue_span=cue_span_of(parse, verb, cue),
        cue_token=verb.i,
        frame="quote",
        quote=quote,
    )
    if subject is not None and not (quote.start <= subject.start < quote.end):
        subject = speaker_head(parse, subject)
        claim.speaker, claim.speaker_token = mention_span(parse, subject.i), subject.i
    for other in found:  # an interrupted quotation shares its cue with the other half
        if other.cue_token == verb.i and other.speaker is not None and claim.speaker is None:
            claim.speaker, claim.speaker_token = other.speaker, other.speaker_token
    return claim


def _dash_signature(parse: Parse, quote: Quote) -> Found | None:
    """`"…" ― Jane Doe`: a quotation signed with a dash and a name that ends the paragraph."""
    text = parse.text
    match = DASH_SIGNATURE.match(text, quote.end)
    if match is None:
        return None
    tokens = [t for t in parse.tokens_in(match.start(2), match.end(2)) if t.pos not in ("PUNCT", "SPACE")]
    if not tokens or not any(t.pos == "PROPN" or t.ent_type == "PERSON" for t in tokens):
        return None
    head = tokens[-1]
    return Found(
        content=quote.inner,
        kind="direct",
        cue_span=(match.start(1), match.end(1)),
        frame="quote",
        quote=quote,
        speaker=(tokens[0].start, tokens[-1].end),
        speaker_token=head.i,
    )


def _cue_after(parse: Parse, quote: Quote, lexicon: CueLexicon) -> Token | None:
    tail = _tail_tokens(parse, quote)
    if not tail:
        return None
    for k, token in enumerate(tail):
        if not is_verb(token) or token.dep in AUX_DEPS:
            continue
        cue = lexicon.verb_cue(parse, token)
        known = cue is not None and cue.allows("quote")
        if not known and k >= FREE_CUE_WINDOW:
            continue
        subject = subject_of(parse, token.i)
        if subject is None or not (tail[0].i <= subject.i <= tail[-1].i):
            continue
        if known or subject.pos in ("PRON", "PROPN") or subject.ent_type == "PERSON":
            return token
    return None


def _tail_tokens(parse: Parse, quote: Quote) -> list[Token]:
    """The words right after a quotation, up to the end of its sentence or the next quotation."""
    text = parse.text
    gap = quote.end
    while gap < len(text) and text[gap] in " ,—–-":
        gap += 1
    if gap >= len(text) or text[gap] == "\n":
        return []
    if text[gap] in '“"' or text.startswith("''", gap):
        return []
    tokens = []
    first = parse.token_at(gap)
    if first is None:
        return []
    for token in parse.tokens[first.i : first.i + QUOTE_TAIL_TOKENS]:
        if token.text in SENTENCE_END or "\n" in token.text or token.text in QUOTE_TOKENS:
            break
        tokens.append(token)
    return tokens


def _cue_before(parse: Parse, quote: Quote, lexicon: CueLexicon) -> Token | None:
    text = parse.text
    k = quote.start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] in ".!?" or ("\n" in text[k : quote.start] and text[k] != ":"):
        return None
    sentence = parse.sentence_of(k)
    if sentence is None:
        return None
    head = [t for t in parse.tokens_in(sentence.start, k + 1) if t.pos != "SPACE"]
    previous_quote_end = max((t.i for t in head if t.text in QUOTE_TOKENS), default=-1)
    head = [t for t in head if t.i > previous_quote_end]
    if not head:
        return None
    ends_with_mark = text[k] in ":,"
    for token in reversed(head):
        if not is_verb(token) or token.dep in AUX_DEPS:
            continue
        cue = lexicon.verb_cue(parse, token)
        if cue is None or not cue.allows("quote"):
            continue
        if ends_with_mark or token.i >= head[-1].i - 1:
            return token
    return None
