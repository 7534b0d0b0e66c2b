"""Wire datelines ("DORI, Burkina Faso, March 5 (Agency) - ") and the parse of the sentence they open.

A dateline glued to the first sentence misleads a small parser: "DJIBO" becomes the
subject of "ambushed" and "Gunmen" a proper noun. :func:`find_dateline` locates the
opener; :func:`without_dateline` re-parses the sentence after it and returns a parse
with the same tokens (same indices and offsets) whose lede sentence is read as if the
dateline were not there, and whose dateline tokens hang on nothing (dep ``dateline``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep.model import Span
from sitrep.nlp import Parse, Token, parse

DATELINE_LINES = 4
DATELINE_DEP = "dateline"
_WORD = r"[^\W\d_][^\W_]*"
DATELINE_OPENER = re.compile(  # "KYIV, Ukraine (Reuters) — ", "TÉRA — ", "DORI, Burkina Faso, March 5 (Wire) - "
    rf"^{_WORD}(?:[ .'-]+{_WORD}){{0,4}}\.?"
    r"(?:,\s*[\w.'-]+(?:[ .'-]+[\w.'-]+){0,4}){0,3}"
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:—|–|--?)\s+")


def first_lines(text: str, count: int = DATELINE_LINES) -> list[tuple[int, str]]:
    """The first ``count`` non-empty lines of ``text`` with their offsets."""
    lines, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line))
            if len(lines) >= count:
                break
        offset += len(line) + 1
    return lines


def find_dateline(text: str) -> Span | None:
    """Characters of the dateline opening one of the article's first paragraphs, if any."""
    for offset, line in first_lines(text):
        match = DATELINE_OPENER.match(line)
        if match and _looks_like_dateline(match.group(0)) and match.end() < len(line.rstrip()):
            return offset, offset + match.end()
    return None


def _looks_like_dateline(opener: str) -> bool:
    """A place name in capitals ("DJIBO") or a "Place, Country" pair: not a sentence's first words."""
    place = opener.split(",")[0].split("(")[0].strip(" —–-")
    letters = [c for c in place if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters) or "," in opener)


def without_dateline(parsed: Parse, dateline: Span | None) -> Parse:
    """``parsed`` with the lede sentence re-read without its dateline (unchanged when it cannot be aligned)."""
    if dateline is None:
        return parsed
    sentence = parsed.sentence_of(dateline[1])
    if sentence is None:
        return parsed
    fragment = parse(parsed.text[dateline[1]:sentence.end])
    aligned = _align(parsed, fragment, dateline[1])
    if aligned is None:
        return parsed
    tokens = list(parsed.tokens)
    for frag_token in fragment.tokens:
        k = aligned.get(frag_token.i)
        if k is None:
            continue
        tokens[k] = replace(tokens[k], lemma=frag_token.lemma, pos=frag_token.pos, tag=frag_token.tag,
                            dep=frag_token.dep, head=aligned[frag_token.head])
    for token in parsed.tokens:
        if dateline[0] <= token.start and token.end <= dateline[1]:
            tokens[token.i] = replace(token, dep=DATELINE_DEP, head=token.i)
    return Parse(text=parsed.text, tokens=tokens, sentences=parsed.sentences, entities=parsed.entities)


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


__all__ = ["DATELINE_DEP", "DATELINE_OPENER", "find_dateline", "first_lines", "without_dateline"]
