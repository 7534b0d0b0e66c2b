"""Wire datelines: "DJIBO, Burkina Faso —" or "KYIV, Ukraine, March 5 (Reuters) - " opening a paragraph.

A dateline is an upper-case place, optionally followed by a country or state, a date and
an agency credit in brackets (a dash may come before the bracket: "LOUISVILLE, KY--(Marketwire -
December 23, 2010) -"), then a dash, or a colon after a known upper-case place ("BEIRUT:"); a place in title case counts only with a
country and a date or agency ("Kyiv, Ukraine (Reuters) --"). It is not part of the first sentence: the
sentence splitter starts a sentence after the dash, the places layer reads its place
(the town, with the country as context) and the actors layer leaves it alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Span = tuple[int, int]

SEARCH_LINES = 6
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_UPPER = "A-ZÀ-ÖØ-Þ"
_UPPER_WORD = rf"[{_UPPER}][{_UPPER}'’.\-]*[{_UPPER}.]"
_TITLE_WORD = rf"[{_UPPER}][a-zà-ÿ'’.\-]+"
_PLACE = rf"(?P<place>{_UPPER_WORD}(?:[ \-]{_UPPER_WORD}){{0,3}}|{_TITLE_WORD}(?:[ \-]{_TITLE_WORD}){{0,2}})"
_COUNTRY_WORD = r"[A-Z][\w.'’]*(?:-[A-Z][\w.'’]*)?"  # "Guinea-Bissau", "Ky." but not "KY--"
_DASH = r"(?:[—–]|-{1,2})"
DATELINE = re.compile(
    _PLACE + rf"(?:,\s*(?P<country>{_COUNTRY_WORD}(?:\s+(?:of\s+|the\s+)?{_COUNTRY_WORD}){{0,3}}))?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    rf"(?:\s*{_DASH}?\s*\((?P<agency>[^()\n]{{2,40}})\))?"  # "KY--(Marketwire - December 23, 2010)"
    rf"\s*(?:{_DASH}(?:\s+(?=\S)|(?=[A-Z]))|(?P<colon>:)\s+(?=[A-Z]))"  # a dash, or "BEIRUT: " before a capital
)


@dataclass(frozen=True)
class Dateline:
    """Where a dateline's parts are in the text; ``body_start`` is the first character after the dash."""

    span: Span
    place: Span
    country: Span | None
    date: Span | None
    agency: Span | None
    body_start: int

    @property
    def parts(self) -> list[Span]:
        return [s for s in (self.place, self.country, self.date, self.agency) if s is not None]


def _span(match: re.Match, name: str, offset: int) -> Span:
    """Where a group that always takes part in the match lies in the text."""
    return offset + match.start(name), offset + match.end(name)


def _group(match: re.Match, name: str, offset: int) -> Span | None:
    """Where an optional group lies in the text, or None when it did not take part."""
    if match.group(name) is None:
        return None
    return _span(match, name, offset)


def first_lines(text: str, limit: int = SEARCH_LINES) -> list[tuple[int, str]]:
    """The first ``limit`` non-empty lines with their offsets."""
    found, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append((offset, line))
            if len(found) >= limit:
                break
        offset += len(line) + 1
    return found


_SENTENCE_END = re.compile(r"[.!?][\"'’”]?\s+(?=[A-Z])")
HEADLINE_CHARS = 300
_UPPER_WITH_AGENCY = re.compile(  # an upper-case place before an agency bracket or a long dash, after a byline
    rf"(?<![\w.])(?={_UPPER_WORD}(?:[ \-]{_UPPER_WORD}){{0,3}}(?:,[^()\n]{{1,40}})?\s*(?:\(|--|—|–))"
)


def _starts_sentence(line: str, at: int) -> bool:
    """Whether the body after a dateline starts like a sentence (a capital, a digit or a quote)."""
    return line[at : at + 1].isupper() or line[at : at + 1].isdigit() or line[at : at + 1] in "\"'“‘"


def _after_headline(line: str, known_place: Callable[[str], bool] | None) -> re.Match | None:
    """A dateline right after a headline on the same line ("Suspect held. MANASSAS -- A man ...").

    Only a place the gazetteer knows, within the line's first 300 characters: upper case,
    or title case before a long dash ("Goose Creek — A man ...").
    """
    if known_place is None:
        return None
    for found in _UPPER_WITH_AGENCY.finditer(line, 0, HEADLINE_CHARS):  # "By Jo Roe, Gannett WASHINGTON (AP) —"
        match = DATELINE.match(line, found.start())
        if (
            match
            and match.group("place").isupper()
            and len(match.group("place")) > 3
            and _starts_sentence(line, match.end())
            and known_place(match.group("place").title())
        ):
            return match
    for end in _SENTENCE_END.finditer(line, 0, HEADLINE_CHARS):
        match = DATELINE.match(line, end.end())
        if match is None or not known_place(match.group("place").title()):
            continue
        long_dash = re.match(r"\s*(?:[—–]|--)", line[match.end("place") :])
        if not _starts_sentence(line, match.end()) or len(match.group("place")) < 4:
            continue
        if match.group("place").isupper() or (long_dash and not match.group("country")):
            return match
    return None


def find_dateline(text: str, known_place: Callable[[str], bool] | None = None) -> Dateline | None:
    """The dateline opening one of the text's first lines, or None.

    A bare upper-case word before a dash ("BREAKING —") counts only when ``known_place``
    accepts it or a country, date or agency follows it.
    """
    for offset, line in first_lines(text):
        stripped = len(line) - len(line.lstrip())
        for match in (DATELINE.match(line, stripped), _after_headline(line, known_place)):
            if match is not None and _acceptable(match, stripped, known_place):
                return Dateline(
                    span=(offset + match.start(), offset + match.end()),
                    place=_span(match, "place", offset),
                    country=_group(match, "country", offset),
                    date=_group(match, "date", offset),
                    agency=_group(match, "agency", offset),
                    body_start=offset + match.end(),
                )
    return None


def _acceptable(match: re.Match, stripped: int, known_place: Callable[[str], bool] | None) -> bool:
    """Whether a dateline-shaped match is one (see :func:`find_dateline`)."""
    if match.group("colon") and not (
        match.group("place").isupper() and known_place and known_place(match.group("place").title())
    ):
        return False  # "BEIRUT: ..." but not "UPDATE: ..." or "Police said: ..."
    has_parts = any(match.group(k) for k in ("country", "date", "agency"))
    if not has_parts and not (known_place and known_place(match.group("place").title())):
        return False
    headline = match.start() > stripped
    # "Kyiv, Ukraine (Reuters) --" but not "Hamas, the group - said"
    return (
        headline
        or match.group("place").isupper()
        or bool(match.group("country") and (match.group("date") or match.group("agency")))
    )
