"""The lede sentence re-read without its wire dateline ("DORI, Burkina Faso, March 5 (Agency) - ").

Even split off as a sentence of its own (``sitrep.nlp.dateline`` finds it), a dateline
can mislead a small parser about the words that follow it ("Militants" read as a
name). :func:`without_dateline` re-parses the sentence after it and returns a parse
with the same tokens (same indices and offsets) whose lede sentence is read as if the
dateline were not there, and whose dateline tokens hang on nothing (dep ``dateline``).
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.model import Span
from sitrep.nlp import Parse, Token, load_pipeline
from sitrep.nlp.engine import to_parse

DATELINE_DEP = "dateline"
UNNEEDED_PIPES = ("entity_ruler", "ner", "sitrep_dateline_entities")


def without_dateline(parsed: Parse, dateline: Span | None) -> Parse:
    """``parsed`` with the lede sentence re-read without its dateline (unchanged when it cannot be aligned)."""
    if dateline is None:
        return parsed
    sentence = parsed.sentence_of(dateline[1])
    if sentence is None:
        return parsed
    tokens = list(parsed.tokens)
    if _misread(parsed, sentence.start, sentence.end, dateline[1]):
        fragment = syntax_only(parsed.text[dateline[1] : sentence.end])
        aligned = _align(parsed, fragment, dateline[1])
        if aligned is None:
            return parsed
        for frag_token in fragment.tokens:
            k = aligned.get(frag_token.i)
            if k is None:
                continue
            tokens[k] = replace(
                tokens[k],
                lemma=frag_token.lemma,
                pos=frag_token.pos,
                tag=frag_token.tag,
                dep=frag_token.dep,
                head=aligned[frag_token.head],
            )
    for token in parsed.tokens:
        if dateline[0] <= token.start and token.end <= dateline[1]:
            tokens[token.i] = replace(token, dep=DATELINE_DEP, head=token.i)
    return Parse(text=parsed.text, tokens=tokens, sentences=parsed.sentences, entities=parsed.entities)


def syntax_only(text: str) -> Parse:
    """``text`` tagged, lemmatised and parsed, without the entity components (the re-read needs none of them)."""
    nlp = load_pipeline()
    return to_parse(nlp(text, disable=[p for p in UNNEEDED_PIPES if p in nlp.pipe_names]), dateline=False)


def _misread(parsed: Parse, start: int, end: int, after: int) -> bool:
    """Whether the lede looks misread (worth the second parse): a word of it hangs on the dateline, its first
    word is taken for a name no entity covers ("Militants"), or no verb heads the sentence."""
    words = [t for t in parsed.tokens_in(after, end) if t.pos not in ("SPACE", "PUNCT")]
    if not words:
        return False
    if any(parsed.tokens[t.head].start < after for t in words):
        return True
    if words[0].pos == "PROPN" and not words[0].ent_type:
        return True
    roots = [t for t in parsed.tokens_in(start, end) if t.head == t.i and t.pos != "SPACE"]
    return not any(t.pos in ("VERB", "AUX") for t in roots)


def _align(parsed: Parse, fragment: Parse, offset: int) -> dict[int, int] | None:
    """Fragment token index → original token index, or None when the two tokenisations differ."""
    out: dict[int, int] = {}
    for token in fragment.tokens:
        original: Token | None = parsed.token_at(token.start + offset)
        if original is not None and original.start == token.start + offset and original.end == token.end + offset:
            out[token.i] = original.i
        elif token.pos != "SPACE":
            return None
    if any(t.i in out and t.head not in out for t in fragment.tokens):
        return None
    return out


__all__ = ["DATELINE_DEP", "without_dateline"]
