"""Further mentions of places the document already has: repeated names and demonyms.

Once the text has placed a name ("in Columbus", "to Israel"), its other occurrences name
the same place even where the finder would not take them alone: inside an organisation's
name ("the Columbus Council", "U.S. Attorney's office"), as a modifier ("a Columbus
attorney"), or as the subject of a verb ("Israel said"). A country's demonyms ("Israeli
troops", "Lebanese villages") are mentions of that country once the country is a place;
a demonym alone never makes one, so a text that only speaks of "North Korean troops"
gets no place for North Korea.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.geo.lexicon import Lexicon
from sitrep.layers.places.toponym import Toponym
from sitrep.model import Span
from sitrep.nlp import Parse

MAX_FORM_TOKENS = 4
REPEATED_FEATURES = {"city", "admin1", "admin2", "country", "region", "water"}


def _covered(span: Span, taken: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _country_forms(lexicon: Lexicon, iso3: str) -> set[str]:
    """Every name and demonym of a country: "Israel", "Israeli", "Israelis"; "U.S.", "American"."""
    forms = {name for name, code in lexicon.state_names.items() if code == iso3}
    forms |= {form for form, code in lexicon.demonyms.items() if code == iso3}
    return {form for form in forms if len(form) > 1 and form[:1].isupper()}


def _occurrences(parse: Parse, forms: set[str]) -> list[tuple[Span, int, int]]:
    """Where a form stands as whole tokens: (span, first token, last token + 1)."""
    tokens = parse.tokens
    by_first: dict[str, list[str]] = {}
    for form in forms:
        by_first.setdefault(form.split()[0].split(".")[0], []).append(form)
    found = []
    for i, token in enumerate(tokens):
        candidates = [f for key, fs in by_first.items() if token.text.startswith(key) for f in fs]
        for form in sorted(candidates, key=len, reverse=True):
            end = token.start + len(form)
            if parse.text[token.start : end] != form:
                continue
            last = i
            while last < len(tokens) and tokens[last].end < end:
                last += 1
            if last < len(tokens) and tokens[last].end == end:
                found.append(((token.start, end), i, last + 1))
                break
    return found


def _stands_alone(parse: Parse, first: int, last: int, person_words: set[str]) -> bool:
    """Not part of a longer capitalised name before it ("North Platte", "East Cambridgeshire") nor a person."""
    tokens = parse.tokens
    if any(tokens[k].ent_type == "PERSON" for k in range(first, last)):
        return False
    if first > 0:
        before = tokens[first - 1]
        sentence_start = parse.sentences[tokens[first].sent].first == first
        if not sentence_start and before.sent == tokens[first].sent and before.text[:1].isupper():
            return False
        if before.text in person_words:
            return False
    if last < len(tokens) and tokens[last].sent == tokens[first].sent:
        after = tokens[last]
        if after.ent_type == "PERSON" and after.text[:1].isupper():
            return False  # "Florence Adebayo"
        if after.text == "State" and not (last + 1 < len(tokens) and tokens[last + 1].text[:1].isupper()):
            return False  # "Michigan State" the team; not "Ohio State Fire Marshal"
    return True


def repeated_mentions(
    parse: Parse,
    places: list,
    toponyms: list[Toponym],
    skipped: list[Span],
    lexicon: Lexicon,
) -> None:
    """Add to each place the other occurrences of the names it was found by (and a country's demonyms).

    ``places``: the findings (with ``key``, ``feature``, ``country``, ``mentions``);
    ``skipped``: outlet and organisation spans that are never places.
    """
    taken: list[Span] = [t.span for t in toponyms] + list(skipped)
    for place in places:
        taken += place.mentions
    person_words = {
        t.text for e in parse.entities if e.label == "PERSON" for t in parse.tokens[e.first : e.last]
    } | set(lexicon.first_names)
    forms_of: dict[int, set[str]] = {}
    for toponym in toponyms:
        if toponym.entry is not None and not toponym.admin and not toponym.direction:
            forms_of.setdefault(toponym.entry.key, set()).add(toponym.name)
    for place in places:
        if place.key is None or place.feature not in REPEATED_FEATURES or not place.mentions:
            continue
        forms = {f for f in forms_of.get(place.key, set()) if f[:1].isupper() and len(f) > 2}
        if place.feature == "country" and place.country:
            forms |= _country_forms(lexicon, place.country)
        if not forms:
            continue
        added = []
        for span, first, last in _occurrences(parse, forms):
            if _covered(span, taken) or not _stands_alone(parse, first, last, person_words):
                continue
            added.append(span)
            taken.append(span)
        if added:
            place.mentions = sorted(set(place.mentions) | set(added))
