"""The name lists the places and actors layers share, loaded once from resources/.

- states: every country of the gazetteer with its names, demonyms (demonyms.tsv) and
  metonyms (capital cities, "the Kremlin": actors.json "metonyms");
- the actor dictionary (actors.json "entities"): organisations, armed forces and groups,
  agencies, media outlets, with aliases and descriptions;
- titles (actors_titles.tsv), group nouns (actors_groups.tsv), first names with a usual
  gender (actors_first_names.tsv).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitrep import resources
from sitrep.errors import ResourceError
from sitrep.geo.gazetteer import load_gazetteer, name_key

SHORT_COUNTRY_NAMES = {"US", "UK", "U.S.", "U.K."}  # two-letter names that may stand alone


@dataclass(frozen=True)
class DictionaryEntry:
    """An organisation, armed force or group, agency or outlet the dictionary knows."""

    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()


@dataclass
class Lexicon:
    """Everything the two layers look names up in."""

    state_names: dict[str, str] = field(default_factory=dict)  # name -> ISO3 ("Russia", "DPRK")
    state_display: dict[str, str] = field(default_factory=dict)  # ISO3 -> "Russia"
    demonyms: dict[str, str] = field(default_factory=dict)  # "North Korean" -> PRK
    adjectives: dict[str, str] = field(default_factory=dict)  # PRK -> "North Korean"
    metonyms: dict[str, str] = field(default_factory=dict)  # "Moscow", "the Kremlin" -> RUS
    capitals: dict[str, str] = field(default_factory=dict)  # "Moscow" -> RUS (capitals only)
    entries: list[DictionaryEntry] = field(default_factory=list)
    entry_names: dict[str, DictionaryEntry] = field(default_factory=dict)  # name or alias -> entry
    descriptions: dict[tuple[str, str], DictionaryEntry] = field(default_factory=dict)  # (ISO3, desc) -> entry
    titles: dict[str, str] = field(default_factory=dict)  # "defense minister" -> "Minister of Defence"
    title_kinds: dict[str, str] = field(default_factory=dict)  # "general" -> "rank"
    groups: dict[str, str] = field(default_factory=dict)  # "asylum seekers"/"asylum seeker" -> plural
    first_names: dict[str, str] = field(default_factory=dict)  # "Mark" -> "m"

    def country_of_adjective(self, text: str) -> str | None:
        """ISO3 of a demonym or a country name used as a modifier."""
        return self.demonyms.get(text) or self.state_names.get(text)


def _read_tsv(name: str) -> list[list[str]]:
    return [row.cells for row in resources.rows(name)]


def _read_actor_file() -> dict[str, Any]:
    return resources.json_object("actors.json")


def _add_states(lexicon: Lexicon) -> None:
    gazetteer = load_gazetteer()
    for country in gazetteer.countries():
        if not country.country:
            continue
        lexicon.state_display[country.country] = country.name
        lexicon.state_names.setdefault(country.name, country.country)
    for row in _read_tsv("gazetteer_aliases.tsv"):
        if len(row) >= 3 and row[1] == "country":
            lexicon.state_names.setdefault(row[0], row[2])
    for row in _read_tsv("demonyms.tsv"):
        forms = row[1].split("|")
        lexicon.adjectives[row[0]] = forms[0]
        for form in forms:
            lexicon.demonyms.setdefault(form, row[0])


def _add_capitals(lexicon: Lexicon) -> None:
    """Capital cities stand for their state ("Pyongyang has supplied Moscow with missiles")."""
    for row in _read_tsv("demonyms.tsv"):
        if len(row) > 2 and row[2]:
            lexicon.capitals.setdefault(row[2], row[0])
            lexicon.metonyms.setdefault(row[2], row[0])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shared lexicon, loaded once per process."""
    lexicon = Lexicon()
    _add_states(lexicon)
    data = _read_actor_file()
    for name, iso3 in (data.get("metonyms") or {}).items():
        lexicon.metonyms[name] = iso3
    _add_capitals(lexicon)
    for raw in data.get("entities") or []:
        try:
            entry = DictionaryEntry(
                name=raw["name"],
                type=raw["type"],
                country=raw.get("country"),
                aliases=tuple(raw.get("aliases") or ()),
                descriptions=tuple(raw.get("descriptions") or ()),
            )
        except KeyError as exc:
            raise ResourceError(f"actors.json: an entity lacks {exc}") from exc
        lexicon.entries.append(entry)
        for name in (entry.name, *entry.aliases):
            lexicon.entry_names.setdefault(name, entry)
        for description in entry.descriptions:
            if entry.country:
                lexicon.descriptions.setdefault((entry.country, description.lower()), entry)
    for row in _read_tsv("actors_titles.tsv"):
        lexicon.titles[row[0]] = row[1]
        lexicon.title_kinds[row[0]] = row[2] if len(row) > 2 else "office"
    for row in _read_tsv("actors_groups.tsv"):
        lexicon.groups[row[0]] = row[1]
        lexicon.groups[row[1]] = row[1]
    for row in _read_tsv("actors_first_names.tsv"):
        lexicon.first_names[row[0]] = row[1]
    return lexicon


def not_an_outlet(text: str) -> bool:
    """A name after "told" that is a place or starts with a first name ("told Moussa Kane")."""
    words = text.split()
    return load_gazetteer().knows(text) or (bool(words) and words[0] in load_lexicon().first_names)


def key(text: str) -> str:
    """A case-insensitive key for comparing names."""
    return name_key(text)
