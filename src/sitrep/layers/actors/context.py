"""Names the NER mistakes, read from the words around them.

- :func:`described_people`: "Lena Paris, a Canadian nurse, ..." or "Amina Diallo, 34,":
  a capitalised name described as a person, whatever the NER called it (a town, a
  country). Its surname is then no capital standing for a state ("Paris claims ...").
- :func:`joined_organisations`: "she joined the Sea Org": the capitalised object of a
  membership verb (join, quit, found, lead, ban) is an organisation.
- :func:`is_vehicle_name`: "the cruise ship, Freewinds", "the tanker Sounion": a ship,
  aircraft or satellite, not an actor.
"""

from __future__ import annotations

from sitrep.layers.actors.drafts import ARTICLES, Patterns
from sitrep.nlp import Parse

NAME_POS = {"PROPN"}


def _name_before_comma(parse: Parse, comma: int) -> tuple[int, int] | None:
    """The two to four capitalised proper nouns that end right before token ``comma``."""
    tokens = parse.tokens
    first = comma
    while (
        first - 1 >= 0
        and comma - first < 4
        and tokens[first - 1].pos in NAME_POS
        and tokens[first - 1].text[:1].isupper()
        and tokens[first - 1].sent == tokens[comma].sent
    ):
        first -= 1
    return (first, comma) if comma - first >= 2 else None


def described_people(parse: Parse, patterns: Patterns) -> list[tuple[int, int]]:
    """Token ranges of names followed by a person description: ", a/an [words] <person noun>" or ", <age>,"."""
    tokens = parse.tokens
    found = []
    for k, token in enumerate(tokens[:-2]):
        if token.text != ",":
            continue
        name = _name_before_comma(parse, k)
        if name is None:
            continue
        after = tokens[k + 1]
        if after.text.isdigit() and 0 < int(after.text) < 120 and tokens[k + 2].text == ",":
            found.append(name)
            continue
        if after.lower not in ARTICLES - {"the"}:
            continue
        for j in range(k + 2, min(len(tokens), k + 6)):
            if tokens[j].lower in patterns.person_nouns and tokens[j].pos in {"NOUN", "ADJ"}:
                found.append(name)
                break
            if tokens[j].text in {",", ".", ";"}:
                break
    return found


def joined_organisations(parse: Parse, patterns: Patterns) -> list[tuple[int, int]]:
    """Token ranges of capitalised objects of membership verbs ("joined the Sea Org")."""
    tokens = parse.tokens
    found = []
    for verb in tokens:
        if verb.pos != "VERB" or verb.lemma not in patterns.membership_verbs:
            continue
        for child in parse.children(verb.i):
            if child.dep != "dobj" or child.pos != "PROPN" or not child.text[:1].isupper():
                continue
            first, last = parse.subtree(child.i)[0], child.i + 1  # "the Sea Org" of "the Sea Org aged 14"
            while first < last and tokens[first].lower in ARTICLES:
                first += 1
            if last - first >= 1 and all(t.text[:1].isupper() for t in tokens[first:last]):
                found.append((first, last))
    return found


def is_vehicle_name(parse: Parse, first: int, last: int, patterns: Patterns) -> bool:
    """Whether the name follows a vehicle noun ("cruise ship, Freewinds", "the tanker Sounion")."""
    tokens = parse.tokens
    k = first - 1
    if k >= 0 and tokens[k].text == ",":
        k -= 1
    return k >= 0 and tokens[k].lower in patterns.vehicle_nouns
