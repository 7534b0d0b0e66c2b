"""Sources named without a reporting verb: nouns, source phrases, adverbs and line labels.

"the claim that ...", "according to X" (or "according to X, citing Y"), "as reported by
X" (an intermediary), "reportedly", and lines that name their speaker before a colon
("WALLACE: ...", "Poll: ..."). Each finder reads the parse and writes nothing.
"""

from __future__ import annotations

import re

from sitrep.layers.claims.cues import ClaimWords, Cue, CueLexicon
from sitrep.layers.claims.parts import Found, child, cited_source, mention_span, speaker_head, subtree_span, trimmed
from sitrep.model import Span
from sitrep.nlp import Parse, Token

MAX_LABEL_TOKENS = 5
LABEL_JOINERS = frozenset({"of", "the", "and", "de", "van", "von", "al", "bin", "da", "del", "la", "le"})
LABELLED_LINE = re.compile(r"^[\"“]?([^\n:\"“]{1,60}?):[ \t]+(\S[^\n]*)$", re.MULTILINE)
LABEL_SHAPE = re.compile(r"^[A-Z][\w.’'\- ]*$")


def find_nominal(parse: Parse, lexicon: CueLexicon) -> list[Found]:
    """ "the claim that ...", "Russia's denial that ...": a reporting noun with a that-clause."""
    found = []
    for token in parse.tokens:
        if token.pos != "NOUN":
            continue
        cue = lexicon.noun_cue(token)
        if cue is None:
            continue
        clause = next(
            (
                k
                for k in parse.children(token.i)
                if k.dep in ("acl", "ccomp", "appos")
                and k.i > token.i
                and any(m.dep == "mark" and m.lower == "that" for m in parse.children(k.i))
            ),
            None,
        )
        if clause is None:
            continue
        content = subtree_span(parse, clause.i)
        if content is None:
            continue
        claim = Found(content=content, cue=cue, cue_span=(token.start, token.end), cue_token=token.i, frame="noun")
        owner = child(parse, token.i, "poss")
        if owner is None:
            by = next((k for k in parse.children(token.i) if k.dep == "prep" and k.lower in ("by", "from")), None)
            owner = child(parse, by.i, "pobj") if by is not None else None
        if owner is None:
            owner = next((k for k in parse.children(token.i) if k.dep == "compound" and k.ent_type), None)
        if owner is not None:
            claim.speaker, claim.speaker_token = mention_span(parse, owner.i), owner.i
        found.append(claim)
    return found


def find_phrasal(parse: Parse, lexicon: CueLexicon) -> list[Found]:
    """ "according to X", "in the words of X", "as reported by X" (an intermediary), "reportedly"."""
    found = []
    i = 0
    tokens = parse.tokens
    while i < len(tokens):
        cue = lexicon.phrase_at(parse, i)
        if cue is None:
            i += 1
            continue
        last = i + len(cue.words) - 1
        claim = _adverb_claim(parse, i, cue) if cue.pos == "adv" else _source_phrase_claim(parse, i, last, cue)
        if claim is not None:
            found.append(claim)
        i = last + 1
    return found


def _source_phrase_claim(parse: Parse, first: int, last: int, cue: Cue) -> Found | None:
    """ "according to X" (X the source), "according to X, citing Y" (Y the source, X the intermediary)."""
    source = child(parse, last, "pobj")
    if source is None:
        source = next((t for t in parse.tokens[last + 1 : last + 8] if t.pos in ("PROPN", "NOUN")), None)
    sentence = parse.sentence_of(parse.tokens[first].start)
    if source is None or sentence is None:
        return None
    cue_span = parse.char_span(first, last + 1)
    source = speaker_head(parse, source)
    if cue.allows("via"):
        return Found(
            content=(sentence.start, sentence.end),
            cue=cue,
            cue_span=cue_span,
            cue_token=first,
            frame="phrase",
            speaker=mention_span(parse, source.i),
            speaker_token=source.i,
        )
    speaker, speaker_token, via = mention_span(parse, source.i), source.i, []
    phrase_end = parse.subtree(source.i)[1]
    citing = _citing_after(parse, phrase_end)
    if citing is not None:
        participle, cited = citing
        via = [speaker] if speaker else []
        speaker, speaker_token = mention_span(parse, cited.i), cited.i
        phrase_end = parse.subtree(participle.i)[1]
    host = _verb_ancestor(parse, first)
    lo, hi = parse.subtree(host) if host is not None else (sentence.first, sentence.last)
    left = trimmed(parse, min(lo, first), first)
    right = trimmed(parse, phrase_end, hi)
    content: Span | None
    if left is not None and right is not None and host is not None and host != first:
        content = left if host < first else right  # the side that holds the clause's verb
    else:
        content = _larger(left, right)
    if content is None:
        content = _clause_after_comma(parse, source.i, phrase_end)
    if content is None:
        return None
    return Found(
        content=content,
        cue=cue,
        cue_span=cue_span,
        cue_token=first,
        frame="phrase",
        speaker=speaker,
        speaker_token=speaker_token,
        via=via,
        relayed=list(via),
    )


def _citing_after(parse: Parse, i: int) -> tuple[Token, Token] | None:
    """A sourcing participle right after token ``i`` ("according to X, citing Y")."""
    for token in parse.tokens[i : i + 3]:
        if token.pos == "PUNCT":
            continue
        cited = cited_source(parse, token)
        return (token, cited) if cited is not None else None
    return None


def _adverb_claim(parse: Parse, i: int, cue: Cue) -> Found | None:
    host = _verb_ancestor(parse, i)
    if host is None:
        return None
    content = subtree_span(parse, host)
    if content is None:
        return None
    token = parse.tokens[i]
    return Found(content=content, cue=cue, cue_span=(token.start, token.end), cue_token=i, frame="adverb")


def _verb_ancestor(parse: Parse, i: int) -> int | None:
    current = parse.tokens[i].head
    for _ in range(6):
        token = parse.tokens[current]
        if token.pos in ("VERB", "AUX") and token.i != i:
            return current
        if token.head == current:
            return current if token.pos in ("VERB", "AUX") else None
        current = token.head
    return None


def _clause_after_comma(parse: Parse, source: int, phrase_end: int) -> Span | None:
    """ "According to X, the decree reeks of panic" parsed as one phrase: the clause after the
    source's last comma, when the source's phrase swallowed it."""
    commas = [t.i for t in parse.tokens[source + 1 : phrase_end] if t.text == ","]
    if not commas:
        return None
    return trimmed(parse, commas[-1] + 1, phrase_end)


def _larger(a: Span | None, b: Span | None) -> Span | None:
    if a is None or b is None:
        return a or b
    return a if a[1] - a[0] >= b[1] - b[0] else b


def find_labelled(parse: Parse, words: ClaimWords) -> list[Found]:
    """ "Pence: Trump will win", "WALLACE: Governor, ...": a line that names its speaker before a colon."""
    found = []
    text = parse.text
    for match in LABELLED_LINE.finditer(text):
        label = match.group(1).strip()
        if label.lower() in words["label_exclusions"] or not LABEL_SHAPE.match(label):
            continue
        label_start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
        if _dateline_label(parse, label_start, match.end(), words):
            continue  # "BEIRUT: Hezbollah fired ...": a wire dateline, not a speaker
        tokens = [t for t in parse.tokens_in(label_start, match.end(1)) if t.pos not in ("SPACE", "PUNCT")]
        if not tokens or len(tokens) > MAX_LABEL_TOKENS or any(t.pos in ("VERB", "AUX") for t in tokens):
            continue
        named = all(t.text[:1].isupper() or t.lower in LABEL_JOINERS for t in tokens) or any(
            t.pos == "PROPN" or t.ent_type in ("PERSON", "ORG") for t in tokens
        )
        if not (named or tokens[-1].lower in words["document_heads"]):
            continue
        content = trimmed_text(text, match.start(2), match.end(2))
        if content is None or len(text[content[0] : content[1]].split()) < 3:
            continue
        colon = parse.token_at(match.end(1))
        headline = match.start() == 0
        found.append(
            Found(
                content=content,
                kind="indirect" if headline else "direct",
                cue_span=(match.end(1), match.end(1) + 1),
                cue_token=colon.i if colon is not None else None,
                frame="label",
                speaker=(tokens[0].start, tokens[-1].end),
                speaker_token=tokens[-1].i,
            )
        )
    return found


def _dateline_label(parse: Parse, label_start: int, end: int, words: ClaimWords) -> bool:
    """The label is the wire dateline: no other line of the text is labelled and the line speaks of no "we" or
    "you" (a transcript's speaker, "WALLACE:", "HARRIS:", may look like a town)."""
    dateline = parse.dateline
    if dateline is None or not dateline.span[0] <= label_start < dateline.span[1]:
        return False
    if sum(1 for _ in LABELLED_LINE.finditer(parse.text)) > 1:
        return False
    persons = words["first_person"] | words["second_person"]
    return not any(t.lower in persons for t in parse.tokens_in(label_start, end))


def trimmed_text(text: str, start: int, end: int) -> Span | None:
    """``[start, end)`` without surrounding spaces and trailing punctuation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return (start, end) if end > start else None
