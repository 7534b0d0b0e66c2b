"""Clean canonical names and tell names of actors from capitalised words that name none.

- :func:`clean_name` drops invisible characters (zero-width spaces and joiners, soft
  hyphens, byte-order marks) and turns unusual spaces (no-break, thin) into plain ones, so
  that "Vyacheslav\\u00a0Gladkov" and "Zelen\\u00adskyy" get their usual spelling.
- :func:`not_a_name` says whether a capitalised phrase is a platform, weapon, holiday,
  deity, month or day (``resources/actors_not_names.tsv``) rather than an actor.
- :func:`title_only` says whether an entity is nothing but office and rank words
  ("Rear Admiral", "Caretaker Prime Minister").
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep import resources
from sitrep.geo.lexicon import Lexicon

NOT_NAMES_FILE = "actors_not_names.tsv"
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
TITLE_FILLERS = {"caretaker", "interim", "acting", "former", "deputy", "then", "outgoing", "new", "top", "senior"}


def clean_name(text: str) -> str:
    """The name without invisible characters, with plain single spaces."""
    text = ODD_SPACES.sub(" ", INVISIBLE.sub("", text))
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def not_names() -> dict[str, str]:
    """Phrase -> kind ("platform", "weapon", "holiday", ...) from actors_not_names.tsv."""
    cells = [row.expect(1, 2) for row in resources.rows(NOT_NAMES_FILE)]
    return {row[0]: row[1] if len(row) > 1 else "other" for row in cells}


def not_a_name(text: str) -> bool:
    """Whether a capitalised phrase names no actor ("Telegram", "Hajj", "Zeus", "Patriot", "Monday")."""
    cleaned = clean_name(text)
    if cleaned.lower().startswith("the "):
        cleaned = cleaned[4:]
    return cleaned in not_names()


def title_only(text: str, lexicon: Lexicon) -> bool:
    """Whether every word is part of a title or rank ("Rear Admiral", "Caretaker", "Army Chief of Staff" is not)."""
    words = clean_name(text).lower().split()
    if not words:
        return False
    k = 0
    while k < len(words):
        if words[k] in TITLE_FILLERS:
            k += 1
            continue
        for end in range(min(len(words), k + 4), k, -1):
            if " ".join(words[k:end]) in lexicon.titles:
                k = end
                break
        else:
            return False
    return True
