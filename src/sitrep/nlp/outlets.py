"""News outlets named in a text: the document's own source and names shaped like newspapers.

"West Africa Monitor", "The Kyiv Post" or "Niger River Post" hold place names but are not
places; the places layer skips them and the actors layer makes them media actors. An
outlet is the document's ``source`` wherever the text repeats it, or a run of capitalised
words ending in a newspaper word (resources/actors_outlet_heads.tsv).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from sitrep import resources
from sitrep.nlp.parse import Parse

Span = tuple[int, int]
OUTLET_HEADS = "actors_outlet_heads.tsv"
MAX_NAME_WORDS = 4
JOINERS = {"of", "the", "de", "la", "le", "al"}


@lru_cache(maxsize=1)
def outlet_heads() -> frozenset[str]:
    """Words that end outlet names ("Times", "Post", "Wire")."""
    return frozenset(row.expect(1)[0] for row in resources.rows(OUTLET_HEADS))


def _source_spans(text: str, source: str | None) -> list[Span]:
    if not source or len(source) < 3:
        return []
    pattern = re.compile(rf"(?<!\w){re.escape(source)}(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _shaped_spans(parse: Parse, heads: frozenset[str]) -> list[Span]:
    """Capitalised names of two words or more whose last word is a newspaper word."""
    tokens = parse.tokens
    found = []
    for i, token in enumerate(tokens):
        if token.text not in heads or i == 0:
            continue
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].text[:1].isupper()
            and tokens[i + 1].sent == token.sent
            and tokens[i + 1].pos == "PROPN"
        ):
            continue  # "Times Square", "Post Office": the name goes on
        first = i
        while first > 0 and i - first < MAX_NAME_WORDS and tokens[first - 1].sent == token.sent:
            before = tokens[first - 1]
            if before.text[:1].isupper() and before.text[:1].isalpha():
                first -= 1
            else:
                break
        if first == i:
            continue
        if tokens[first].lower == "the" and first + 1 < i:
            first += 1
        found.append((tokens[first].start, token.end))
    return found


def _credited_spans(parse: Parse, excluded: Callable[[str], bool] | None) -> list[Span]:
    """ "told Sahel Today", "seen by the Lake Chad Voice": a name of two capitalised words or more after
    a reporter's verb, unless it is a person or a place."""
    tokens = parse.tokens
    found = []
    for i, token in enumerate(tokens):
        if token.lower == "told" or (token.lower == "by" and i > 0 and tokens[i - 1].lower == "seen"):
            first = i + 1 + (i + 1 < len(tokens) and tokens[i + 1].lower == "the")
            last = first
            while (
                last < len(tokens)
                and last - first < MAX_NAME_WORDS
                and tokens[last].sent == token.sent
                and tokens[last].pos == "PROPN"
                and tokens[last].text[:1].isupper()
                and tokens[last].ent_type != "PERSON"
            ):
                last += 1
            if last - first < 2:
                continue
            span = (tokens[first].start, tokens[last - 1].end)
            if excluded is None or not excluded(parse.text[span[0] : span[1]]):
                found.append(span)
    return found


def find_outlets(parse: Parse, source: str | None = None, excluded: Callable[[str], bool] | None = None) -> list[Span]:
    """Character spans of the outlet names in the text, in order, without overlaps.

    ``excluded`` (names that are places or start with a first name) keeps "told Burkina
    Faso" and "told Moussa Kane" out; without it only the source and newspaper-shaped
    names count.
    """
    credited = _credited_spans(parse, excluded) if excluded is not None else []
    spans = sorted(set(_source_spans(parse.text, source)) | set(_shaped_spans(parse, outlet_heads())) | set(credited))
    kept: list[Span] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            if span[1] - span[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = span
            continue
        kept.append(span)
    return kept


def inside_outlet(span: Span, outlets: list[Span]) -> bool:
    """Whether a span overlaps an outlet name."""
    return any(span[0] < end and start < span[1] for start, end in outlets)
