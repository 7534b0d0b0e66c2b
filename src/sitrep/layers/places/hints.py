"""Divisions named inside organisation names, as evidence for where a local story is.

"A Jackson police SWAT team and Tennessee Bureau of Investigation agents ..." places the
story in Georgia although "Georgia" is part of a name and no place of its own. Such a
division gives half a vote to the division context that resolves the document's towns
("Albany" is then Albany, Georgia); it never becomes a place itself.
"""

from __future__ import annotations

from collections import Counter

from sitrep.geo.gazetteer import Gazetteer
from sitrep.layers.places.toponym import Toponym
from sitrep.nlp import Parse

NAME_LABELS = {"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
MAX_TOKENS = 3
HINT_VOTE = 0.5


def embedded_divisions(parse: Parse, toponyms: list[Toponym], gazetteer: Gazetteer, countries: Counter) -> Counter:
    """Admin1 key -> votes from division names inside organisation and facility names.

    A name that is also a country ("Georgia") counts only when the document does not
    name that country.
    """
    taken = [t.span for t in toponyms]
    votes: Counter[str] = Counter()
    seen: set[str] = set()
    tokens = parse.tokens
    for entity in parse.entities:
        if entity.label not in NAME_LABELS:
            continue
        for first in range(entity.first, entity.last):
            for last in range(min(entity.last, first + MAX_TOKENS), first, -1):
                span = (tokens[first].start, tokens[last - 1].end)
                text = parse.text[span[0] : span[1]]
                if not text[:1].isupper() or any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                key = _division_key(gazetteer, text, countries)
                if key and key not in seen:
                    seen.add(key)
                    votes[key] += HINT_VOTE  # type: ignore[assignment]  # half votes: Counter adds floats too
                    break
    return votes


def _division_key(gazetteer: Gazetteer, text: str, countries: Counter) -> str | None:
    entries = gazetteer.lookup(text)
    divisions = {e.admin1 for e in entries if e.feature == "admin1" and gazetteer.is_main_name(e, text)}
    if len(divisions) != 1:
        return None
    if any(e.feature == "country" and countries.get(e.country) for e in entries):
        return None
    return next(iter(divisions))
