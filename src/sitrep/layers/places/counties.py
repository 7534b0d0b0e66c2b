"""Divisions named together before a plural admin word: "Camden and Charlton counties", "Polk, Story and Boone counties".

Each name before "counties" (or "parishes") is the division "X County": the names are
looked up with the singular word added, so "Lancaster" here is Lancaster County, never
the city, and a name the gazetteer lacks as a division is left alone.
"""

from __future__ import annotations

from sitrep.geo.gazetteer import Gazetteer
from sitrep.layers.places.toponym import Toponym
from sitrep.nlp import Parse

PLURAL_DIVISION_WORDS = {"counties": "County", "parishes": "Parish", "boroughs": "Borough"}
SEPARATORS = {",", "and", "or", "&", "to"}
MAX_NAME_TOKENS = 3


def _name_run(parse: Parse, end: int) -> int:
    """First token of the run of capitalised words that ends at token ``end`` (inclusive)."""
    tokens = parse.tokens
    start = end
    while (
        start - 1 >= 0
        and end - start + 1 < MAX_NAME_TOKENS
        and tokens[start - 1].sent == tokens[end].sent
        and tokens[start - 1].text[:1].isupper()
    ):
        start -= 1
    return start


def _division(parse: Parse, first: int, last: int, word: str, gazetteer: Gazetteer) -> Toponym | None:
    """The division "X County" for tokens [first, last], trying shorter names from the left ("Little Polk")."""
    tokens = parse.tokens
    for start in range(first, last + 1):
        name = parse.text[tokens[start].start : tokens[last].end]
        entries = [e for e in gazetteer.lookup(f"{name} {word}") if e.feature == "admin2"]
        if entries:
            return Toponym(
                span=(tokens[start].start, tokens[last].end),
                name=f"{name} {word}",
                first=start,
                last=last + 1,
                label="GPE",
                candidates=entries,
            )
    return None


def coordinated_divisions(parse: Parse, gazetteer: Gazetteer) -> dict[int, Toponym]:
    """Toponyms for the names listed before "counties"/"parishes", keyed by their first token."""
    tokens = parse.tokens
    found: dict[int, Toponym] = {}
    for token in tokens:
        word = PLURAL_DIVISION_WORDS.get(token.lower)
        if word is None:
            continue
        end = token.i - 1
        while end >= 0 and tokens[end].sent == token.sent and tokens[end].text[:1].isupper():
            start = _name_run(parse, end)
            toponym = _division(parse, start, end, word, gazetteer)
            if toponym is not None:
                found[toponym.first] = toponym
            end = start - 1
            while end >= 0 and tokens[end].sent == token.sent and tokens[end].lower in SEPARATORS:
                end -= 1
            if end >= 0 and tokens[end + 1].lower not in SEPARATORS:
                break
    return found
