"""Entity-ruler patterns that correct the small English model's entity types.

The small spaCy model often types places wrongly ("Kursk" as PRODUCT) or misses them;
``sitrep.nlp.engine`` runs these phrase patterns before the NER, which keeps them. They
come from the gazetteer (countries, first-level divisions with their usual English
forms, cities of 300,000 and more, seas and regions) and from the actor dictionary
(organisations, outlets, demonyms). Names that are also people's names or common words
are left out so that the ruler never hides a person.

``scripts/build_gazetteer.py`` writes them to ``resources/entity_patterns.jsonl``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sitrep import resources
from sitrep.geo.gazetteer import Gazetteer, load_gazetteer
from sitrep.geo.lexicon import SHORT_COUNTRY_NAMES, Lexicon, load_lexicon

CONTEXT_FILE = "gazetteer_context.json"
RULER_CITY_POPULATION = 300_000
ADMIN_FORMS = ("region", "Region", "oblast", "Oblast", "province", "Province", "governorate", "Governorate")
RULER_EXCLUDE = {
    "Washington",
    "Paris",
    "Victoria",
    "Jackson",
    "Lincoln",
    "Hamilton",
    "Georgia",
    "Jordan",
    "Chad",
    "Florence",
    "Regina",
    "Eugene",
    "Austin",
    "Charlotte",
    "Mobile",
    "Reading",
    "Split",
    "Nice",
    "Bath",
    "Sale",
    "Of",
    "Male",
    "Lima",
    "Tripoli",
    "Santiago",
    "Medina",
    "Independence",
}


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    with resources.reading(CONTEXT_FILE):
        return frozenset(resources.json_object(CONTEXT_FILE)["generic_words"])


def _usable(name: str, lexicon: Lexicon) -> bool:
    """Not too short, not a person's name, not a common word written with a capital."""
    if len(name) <= 2 and name not in SHORT_COUNTRY_NAMES:
        return False
    if name in RULER_EXCLUDE or name in lexicon.first_names or name in _generic_words():
        return False
    return name[:1].isupper()


def place_patterns(gazetteer: Gazetteer, lexicon: Lexicon) -> Iterator[tuple[str, str]]:
    """(label, phrase) pairs for countries, divisions, big cities, seas and regions."""
    for name in lexicon.state_names:
        if _usable(name, lexicon):
            yield "GPE", name
    for division in gazetteer.divisions():
        if not _usable(division.name, lexicon):
            continue
        yield "GPE", division.name
        words = division.name.split()
        base = " ".join(words[:-1]) if len(words) > 1 and words[-1] in ADMIN_FORMS else division.name
        if base != division.name or division.country in {"RUS", "UKR", "BLR", "KAZ"}:
            for form in ADMIN_FORMS:
                yield "GPE", f"{base} {form}"
    for entry in _big_places(gazetteer):
        if _usable(entry[1], lexicon):
            yield entry


def _big_places(gazetteer: Gazetteer) -> Iterator[tuple[str, str]]:
    for k in range(len(gazetteer)):
        entry = gazetteer.entry(k)
        if entry.feature == "city" and entry.population >= RULER_CITY_POPULATION:
            yield "GPE", entry.name
        elif entry.feature in {"water", "region"}:
            yield "LOC", entry.name


def actor_patterns(lexicon: Lexicon) -> Iterator[tuple[str, str]]:
    """(label, phrase) pairs for the dictionary's organisations and the demonyms."""
    for name in lexicon.entry_names:
        if len(name) > 2 and not name.startswith("the "):
            yield "ORG", name
    for form in lexicon.demonyms:
        if len(form) > 3 and not form.isupper() and form not in lexicon.state_names:
            yield "NORP", form


def entity_patterns(gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> list[dict]:
    """Entity-ruler patterns, one per distinct phrase (the first label wins)."""
    gazetteer = gazetteer or load_gazetteer()
    lexicon = lexicon or load_lexicon()
    seen: dict[str, str] = {}
    for label, phrase in [*actor_patterns(lexicon), *place_patterns(gazetteer, lexicon)]:
        if phrase.isascii() or phrase.isalpha() or " " in phrase:
            seen.setdefault(phrase, label)
    return [{"label": label, "pattern": phrase} for phrase, label in sorted(seen.items())]


def write_entity_patterns(path: Path) -> int:
    """Write the patterns as JSON lines; returns how many."""
    patterns = entity_patterns()
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in patterns), encoding="utf-8")
    return len(patterns)
