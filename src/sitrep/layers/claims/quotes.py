"""Direct quotations: pairs of quotation marks, straight or curly, across paragraphs.

Newswriting opens a quotation that runs over several paragraphs anew at the start of
each paragraph and closes it only at its end; :func:`find_quotes` joins such paragraphs
into one :class:`Quote`. Single quotation marks (‘…’, '…') are headline and nested
quotes; :func:`has_quoted_words` spots them when deciding whether a claim is mixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.model import Span

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
DOUBLED_APOSTROPHE = "''"
DOUBLE_MARKS = OPENING + CLOSING + STRAIGHT
MARK = re.compile("''|[" + re.escape(DOUBLE_MARKS) + "]")
SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'](?=\w)[^‘’'\n]{1,200}?(?<=[\w.,!?])[’'](?!\w)")
TRIM = " \t\r\n,;:—–-'"


@dataclass(frozen=True)
class Quote:
    """A quotation: from its opening mark to its closing mark (``end`` is past the mark).

    ``inner`` is the quoted text without marks, surrounding spaces or a trailing comma;
    ``closed`` is False when the quotation was never closed before its paragraph ended.
    """

    start: int
    end: int
    inner: Span
    closed: bool = True
    paragraphs: int = 1

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def find_quotes(text: str) -> list[Quote]:
    """Every double-mark quotation of ``text``, in order, multi-paragraph ones joined."""
    quotes: list[Quote] = []
    open_at: int | None = None
    paragraphs = 1
    previous_end = 0
    for start, end in _paragraphs(text):
        marks = _marks(text, start, end)
        if open_at is not None:
            first = _first_visible(text, start, end)
            if marks and marks[0][0] == first and _opens(text, first, marks[0][1]):
                paragraphs += 1
                marks = marks[1:]  # the mark that reopens the same quotation
            else:
                quotes.append(_make(text, open_at, previous_end, 1, closed=False, paragraphs=paragraphs))
                open_at = None
        for pos, width in marks:
            if open_at is None:
                if _opens(text, pos, width):
                    open_at, paragraphs = pos, 1
            elif _closes(text, pos):
                quotes.append(_make(text, open_at, pos + width, width, closed=True, paragraphs=paragraphs))
                open_at = None
        previous_end = end
    if open_at is not None:
        quotes.append(_make(text, open_at, previous_end, 1, closed=False, paragraphs=paragraphs))
    return [q for q in quotes if q.inner[1] > q.inner[0]]


def _marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Double quotation marks of a paragraph as (offset, width); two apostrophes count as one mark."""
    return [(m.start(), m.end() - m.start()) for m in MARK.finditer(text, start, end)]


def has_quoted_words(text: str) -> bool:
    """True when ``text`` holds a quotation in double or single marks."""
    if any(mark in text for mark in DOUBLE_MARKS):
        return True
    return SINGLE_QUOTED.search(text) is not None


def quote_at(quotes: list[Quote], char: int) -> Quote | None:
    """The quotation whose marks enclose character ``char``."""
    for quote in quotes:
        if quote.start <= char < quote.end:
            return quote
    return None


def _paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _first_visible(text: str, start: int, end: int) -> int | None:
    for pos in range(start, end):
        if not text[pos].isspace():
            return pos
    return None


def _opens(text: str, pos: int, width: int = 1) -> bool:
    """Whether the mark at ``pos`` opens a quotation (judged by its shape and neighbours)."""
    char = text[pos]
    if char in OPENING:
        return True
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + width] if pos + width < len(text) else " "
    if char in CLOSING:  # a closing shape used to open: only after a space, before a word
        return (before.isspace() or before in "([—–-") and not after.isspace() and after not in ",.;:"
    return (not after.isspace() and (before.isspace() or before in "([—–-:")) or pos == 0


def _closes(text: str, pos: int) -> bool:
    """Whether the mark at ``pos`` closes the open quotation."""
    char = text[pos]
    if char in OPENING:  # an opening shape inside a quotation: a typo for a closing mark
        before = text[pos - 1] if pos > 0 else " "
        return not before.isspace()
    return True


def _make(text: str, start: int, end: int, width: int, *, closed: bool, paragraphs: int) -> Quote:
    inner_end = end - width if closed else end
    a, b = start + (2 if text.startswith(DOUBLED_APOSTROPHE, start) else 1), inner_end
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return Quote(start=start, end=end, inner=(a, b), closed=closed, paragraphs=paragraphs)
