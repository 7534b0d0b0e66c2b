"""The actors layer: states, organisations, armed forces, media, people and populations.

:func:`find_actors` builds actor drafts from, in order: the actor dictionary (names,
aliases and "South Korea's intelligence agency"-style descriptions), the armed-forces
pattern ("North Korean troops"), states (country names, capitals used for their
government, "the Kremlin"), people from the NER with their titles and appositions
("Ukrainian President Volodymyr Zelenskyy", "Kyrylo Budanov, head of ..."), offices
named without a person ("the South Korean Defense Minister"), other organisations and
outlets from the NER, and populations ("asylum seekers", "Rohingya").

``run`` writes the actors, links affiliations, then installs the document's
coreference resolver (:mod:`sitrep.layers.actors.coref`) as ``analysis.resolver``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.analysis import Analysis
from sitrep.geo.gazetteer import name_key
from sitrep.geo.lexicon import DictionaryEntry, Lexicon, load_lexicon, not_an_outlet
from sitrep.layers.actors import coref
from sitrep.layers.actors.aliases import apply_aliases, name_run_before
from sitrep.layers.actors.collectives import find_collectives
from sitrep.layers.actors.context import described_people, is_vehicle_name, joined_organisations
from sitrep.layers.actors.drafts import (
    ARTICLES,
    POSSESSIVES,
    Draft,
    Drafts,
    Patterns,
    _country_before,
    _phrase_at,
    _span,
    _state,
    _text,
    _with_possessive,
    load_patterns,
    state_name,
)
from sitrep.layers.actors.names import clean_name, not_a_name, title_only
from sitrep.layers.places.stage import (
    NOTES_KEY,
    Toponym,
    find_toponyms,
    is_locative,
    is_metonymic,
    organisation_names,
    resolve_toponyms,
)
from sitrep.model import Actor, Span
from sitrep.nlp import Entity, Parse
from sitrep.nlp.outlets import find_outlets

# ---------------------------------------------------------------- finders


def claim_dateline(parse: Parse, drafts: Drafts) -> None:
    """A dateline's town, country and date ("DJIBO, Burkina Faso, March 5 —") are nobody; its agency is an outlet."""
    dateline = parse.dateline
    if dateline is None:
        return
    for token in parse.tokens_in(dateline.span[0], dateline.span[1]):
        if dateline.agency is None or not dateline.agency[0] <= token.start < dateline.agency[1]:
            drafts.claim(token.i, token.i + 1)


def find_outlet_names(parse: Parse, drafts: Drafts, lexicon: Lexicon, outlets: list[Span]) -> None:
    """"West Africa Monitor", "the Niger River Post": media, whatever place names they hold."""
    for start, end in outlets:
        inside = parse.tokens_in(start, end)
        if not inside or not drafts.free(inside[0].i, inside[-1].i + 1):
            continue
        name = parse.text[start:end]
        entry = lexicon.entry_names.get(name)
        draft = _entry_draft(drafts, lexicon, entry) if entry is not None else _org_draft(drafts, name, "media", None)
        draft.add((start, end))
        drafts.claim(inside[0].i, inside[-1].i + 1)


def find_home_forces(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns,
                     toponyms: list[Toponym]) -> None:
    """"the army said" under a "DJIBO, Burkina Faso —" dateline: the armed forces of the dateline's country, unless
    the text has named other forces before it."""
    home = next((t.entry.country for t in toponyms if t.dateline and t.entry is not None and t.entry.country), None)
    if home is None:
        return
    nouns = {noun: True for noun in patterns.home_force_nouns}
    tokens = parse.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.lower != "the" or not drafts.free(i + 1, i + 2):
            continue
        found = _phrase_at(parse, i + 1, nouns, max_len=2, lower=True)
        if found is None or not drafts.free(i + 1, found[0]):
            continue
        last = found[0]
        if last < len(tokens) and (tokens[last].lower == "of" or tokens[last].text[:1].isupper()
                                   or tokens[last].pos in {"NOUN", "PROPN"}):
            continue    # "the army of Mali", "the army chief", "the military junta"
        named = _latest_forces_before(drafts, token.start)
        draft = named or _forces_draft(drafts, lexicon, home, lexicon.adjectives.get(home, ""))
        draft.add(_span(parse, i + 1, last))
        drafts.claim(i + 1, last)


def _latest_forces_before(drafts: Drafts, start: int) -> Draft | None:
    """The state forces the text named last before ``start`` ("Myanmar's military ... the military said" under a
    BANGKOK dateline is Myanmar's)."""
    best: tuple[int, Draft] | None = None
    for draft in drafts.by_key.values():
        if draft.type != "armed_forces" or not draft.key.startswith("forces:"):
            continue
        before = [m[0] for m in draft.mentions if m[0] < start]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), draft)
    return best[1] if best else None


def claim_places(parse: Parse, drafts: Drafts, lexicon: Lexicon, toponyms: list[Toponym]) -> None:
    """Towns and regions the places layer resolved are places, not people ("left Djibo at dawn")."""
    for toponym in toponyms:
        entry = toponym.entry
        if entry is None or entry.feature == "country" or not drafts.free(toponym.first, toponym.last):
            continue
        if lexicon.capitals.get(toponym.name) == entry.country and is_metonymic(parse, toponym):
            continue
        drafts.claim(toponym.first, toponym.last)


def type_armed_groups(parse: Parse, drafts: Drafts, patterns: Patterns) -> None:
    """Organisations named or described as armed groups ("X, an armed group that ...", "X Liberation Army")."""
    for draft in drafts.by_key.values():
        if draft.type != "organization" or draft.key.startswith(("entry:", "office:")):
            continue
        if set(draft.name.split()) & patterns.armed_group_name_words or \
                any(_described_as_armed_group(parse, m, patterns) for m in draft.mentions):
            draft.type = "armed_group"
            draft.affiliation = None


def type_forces(drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """Organisations named as forces: "Haitian National Police", "Armed Forces of the Democratic Republic of the
    Congo" are a state's armed forces (the army one takes over "Congolese army"); an "Army" of no state
    ("Arakan Army") is an armed group."""
    for draft in list(drafts.by_key.values()):
        if draft.type != "organization" or not draft.key.startswith("org:"):
            continue
        words = [w for w in patterns.force_name_words if re.search(rf"\b{re.escape(w)}\b", draft.name)]
        if not words:
            continue
        iso3 = _country_in_name(draft.name, lexicon)
        if iso3 is None:
            if "Army" in words:
                draft.type, draft.affiliation = "armed_group", None
            elif "Police" in words:
                draft.type = "armed_forces"
            continue
        draft.type, draft.country, draft.affiliation = "armed_forces", iso3, f"state:{iso3}"
        if "Police" in words:   # "Police spokesman X" under the dateline, bare "police said": the named police
            for police in [d for d in drafts.by_key.values() if d.country == iso3 and d is not draft
                           and (d.key == f"police:{iso3}" or d.key == "collective:police")]:
                drafts.merge(police, draft)
        army = drafts.by_key.get(f"forces:{iso3}")
        if army is not None and not set(words) & {"Police", "National Guard", "Coast Guard", "Border Guard",
                                                 "Central Command", "Gendarmerie"}:
            drafts.merge(army, draft)


def _country_in_name(name: str, lexicon: Lexicon) -> str | None:
    """"Haitian National Police" -> HTI, "Armed Forces of the Democratic Republic of the Congo" -> COD."""
    words = name.split()
    for size in (3, 2, 1):
        iso3 = lexicon.country_of_adjective(" ".join(words[:size]))
        if iso3:
            return iso3
    found = re.search(r"\bof (?:the )?(.+)$", name)
    if found:
        rest = found.group(1)
        return lexicon.state_names.get(rest) or lexicon.state_names.get("the " + rest) or \
            lexicon.state_names.get(rest.replace("the ", ""))
    return None


def _described_as_armed_group(parse: Parse, mention: Span, patterns: Patterns) -> bool:
    """"X, an armed group", "X is a jihadist group", "the militant group X"."""
    after = re.sub(r"^\s*\([^)]{1,12}\)", "", parse.text[mention[1]:mention[1] + 72]).lower()   # "X (AA), an ..."
    before = parse.text[max(0, mention[0] - 40):mention[0]].lower()
    for description in patterns.armed_group_descriptions:
        if re.match(rf"(?:,| is| was|’s|'s)?\s*(?:an?|the)\s+(?:\w+\s+){{0,2}}{description}\b", after):
            return True
        if re.search(rf"\b(?:the|an?)\s+(?:\w+\s+)?{description}\s*,?\s*$", before):
            return True
    return False


def find_acronym_names(parse: Parse, drafts: Drafts, lexicon: Lexicon) -> None:
    """"The U.N. peacekeeping mission, MONUSCO, said": an upper-case acronym the NER missed, used as a noun
    phrase, is an organisation (not in an all-capitals line, not a place or a known name)."""
    tokens = parse.tokens
    for i, token in enumerate(tokens):
        text = token.text
        if len(text) < 3 or not text.isalpha() or not text.isupper() or not drafts.free(i, i + 1):
            continue
        if token.ent_type in {"GPE", "LOC", "PERSON", "NORP", "DATE"} or token.dep not in ACRONYM_DEPS:
            continue
        sentence = [t for t in tokens if t.sent == token.sent and t.text.isalpha()]
        if sum(t.text.isupper() for t in sentence) * 2 > len(sentence):
            continue    # a headline or dateline in capitals
        if not_a_name(text) or text in lexicon.state_names or lexicon.country_of_adjective(text):
            continue
        _org_draft(drafts, text, "organization", None).add((token.start, token.end))
        drafts.claim(i, i + 1)


def find_force_words(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns, home: str | None) -> None:
    """"Army spokesman X", "Junta spokesman X", "Police spokesman X": the forces the text has named (or, under a
    dateline, the home country's), so that the title's holder is tied to them."""
    tokens = parse.tokens
    for i, token in enumerate(tokens[:-1]):
        kind = patterns.home_force_names.get(token.lower)
        if kind is None or not token.text[:1].isupper() or not drafts.free(i, i + 1):
            continue
        if _title_at(parse, i + 1, lexicon) is None:
            continue
        forces = [d for d in drafts.by_key.values() if d.type == "armed_forces" and d.key.startswith("forces:")
                  and any(m[0] < token.start for m in d.mentions)] or \
            [d for d in drafts.by_key.values() if d.type == "armed_forces" and d.key.startswith("forces:")]
        if kind == "state":      # "Government spokesman X" under a dateline
            if home is None:
                continue
            draft = _state(drafts, lexicon, home)
        elif kind == "police":
            if home is None:
                continue
            draft = drafts.get(f"police:{home}", name=f"{lexicon.adjectives.get(home, state_name(lexicon, home))} police",
                               type="armed_forces", country=home, affiliation=f"state:{home}")
        elif len(forces) == 1:
            draft = forces[0]
        elif home is not None:
            draft = _forces_draft(drafts, lexicon, home, lexicon.adjectives.get(home, ""))
        else:
            continue
        draft.add((token.start, token.end))
        drafts.claim(i, i + 1)


def link_titles(parse: Parse, drafts: Drafts) -> None:
    """"Unification Ministry spokesman Koo": a titled person with no body yet belongs to the organisation named
    right before the title."""
    for draft in drafts.by_key.values():
        if draft.type != "person" or draft.affiliation or draft.title_first is None or draft.title_first == 0:
            continue
        before = parse.tokens[draft.title_first - 1]
        for other in drafts.by_key.values():
            if other.type in {"organization", "armed_forces", "armed_group", "media"} and \
                    any(m[1] == before.end for m in other.mentions):
                draft.affiliation = other.key
                draft.country = draft.country or other.country
                if draft.role and other.name not in draft.role:
                    draft.role = f"{other.name} {draft.role}"
                break


def find_dictionary(parse: Parse, drafts: Drafts, lexicon: Lexicon) -> None:
    """Organisations, outlets, groups and agencies the dictionary names, and their descriptions."""
    tokens = parse.tokens
    i = 0
    while i < len(tokens):
        if not drafts.free(i, i + 1):
            i += 1
            continue
        found = _phrase_at(parse, i, lexicon.entry_names) if tokens[i].text[:1].isalnum() else None
        if found is None:
            found = _description_at(parse, i, lexicon)
        if found is None:
            i += 1
            continue
        last, entry = found
        start = i
        if tokens[i].lower == "the" and i + 1 < last:
            start = i + 1
        _entry_draft(drafts, lexicon, entry).add(_span(parse, start, last))
        drafts.claim(i, last)
        i = last


def _description_at(parse: Parse, i: int, lexicon: Lexicon) -> tuple[int, DictionaryEntry] | None:
    """"South Korea's intelligence agency", "the Ukrainian military intelligence"."""
    tokens = parse.tokens
    if not tokens[i].text[:1].isupper():
        return None
    for country_last in range(min(len(tokens), i + 4), i, -1):
        iso3 = lexicon.country_of_adjective(_text(parse, i, country_last))
        if not iso3:
            continue
        k = country_last + 1 if country_last < len(tokens) and tokens[country_last].text in POSSESSIVES else country_last
        for last in range(min(len(tokens), k + 4), k, -1):
            entry = lexicon.descriptions.get((iso3, _text(parse, k, last).lower()))
            if entry is not None:
                return last, entry
        return None
    return None


def _entry_draft(drafts: Drafts, lexicon: Lexicon, entry: DictionaryEntry) -> Draft:
    affiliation = f"state:{entry.country}" if entry.country and entry.type in {"organization", "armed_forces"} else None
    if entry.type == "armed_forces" and entry.country:
        draft = drafts.get(f"forces:{entry.country}", name=entry.name, type="armed_forces", country=entry.country,
                           affiliation=affiliation)
        draft.name = entry.name
        return draft
    return drafts.get(f"entry:{entry.name}", name=entry.name, type=entry.type, country=entry.country,
                      affiliation=affiliation)


def find_forces(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """"North Korean troops", "Russia's army", "the Russian military": a state's armed forces."""
    tokens = parse.tokens
    nouns = {noun: True for noun in patterns.force_nouns}
    for i, token in enumerate(tokens):
        if not token.text[:1].isupper():
            continue
        for country_last in range(min(len(tokens), i + 4), i, -1):
            iso3 = lexicon.country_of_adjective(_text(parse, i, country_last))
            if iso3:
                break
        else:
            continue
        k = _with_possessive(parse, i, country_last)
        partner = _coordinated_country(parse, k, lexicon)
        if partner is not None:
            k = partner[1]
        found = _phrase_at(parse, k, nouns, max_len=3, lower=True)
        if found is None and k < len(tokens) and tokens[k].lower in patterns.force_lead_words:
            found = _phrase_at(parse, k + 1, nouns, max_len=3, lower=True)
        if found is None or not drafts.free(i, found[0]):
            continue
        last = found[0]
        if partner is None:
            _forces_draft(drafts, lexicon, iso3, _text(parse, i, country_last)).add(_span(parse, i, last))
        else:
            # "Nigerien and Burkinabe warplanes": each state's forces, the first named by its adjective
            _forces_draft(drafts, lexicon, iso3, _text(parse, i, country_last)).add(_span(parse, i, country_last))
            second_first, _, second_iso3, second_text = partner[2], partner[1], partner[0], partner[3]
            _forces_draft(drafts, lexicon, second_iso3, second_text).add(_span(parse, second_first, last))
        drafts.claim(i, last)


def _coordinated_country(parse: Parse, k: int, lexicon: Lexicon) -> tuple[str, int, int, str] | None:
    """"and Burkinabe" after a country adjective: (ISO3, token after it, its first token, its text)."""
    tokens = parse.tokens
    if k >= len(tokens) - 1 or tokens[k].lower not in {"and", "or", "/"}:
        return None
    start = k + 1
    for last in range(min(len(tokens), start + 3), start, -1):
        text = _text(parse, start, last)
        iso3 = lexicon.demonyms.get(text)
        if iso3:
            return iso3, last, start, text
    return None


def _forces_draft(drafts: Drafts, lexicon: Lexicon, iso3: str, written: str) -> Draft:
    adjective = written if written in lexicon.demonyms else lexicon.adjectives.get(iso3)
    return drafts.get(f"forces:{iso3}", name=f"{adjective or state_name(lexicon, iso3)} armed forces",
                      type="armed_forces", country=iso3, affiliation=f"state:{iso3}")


def find_states(parse: Parse, drafts: Drafts, lexicon: Lexicon, toponyms: list[Toponym]) -> None:
    """Country names, capitals standing for their government, and metonyms such as "the Kremlin".

    A country that the text only names as a location ("fled from Myanmar") is a place, not an actor.
    """
    acting = {t.entry.country for t in toponyms if t.entry is not None and t.entry.feature == "country"
              and not t.direction and not is_locative(parse, t) and not _described_only(parse, t)}
    surnames = {d.name.split()[-1] for d in drafts.by_key.values() if d.type == "person" and " " in d.name}
    for toponym in toponyms:
        entry = toponym.entry
        if entry is None or not entry.country:
            continue
        if entry.feature == "country":
            if toponym.direction or toponym.container or toponym.dateline or entry.country not in acting:
                continue
            last = _with_possessive(parse, toponym.first, toponym.last)
            _state(drafts, lexicon, entry.country).add(_span(parse, toponym.first, last))
        elif entry.feature == "city" and lexicon.capitals.get(toponym.name) == entry.country \
                and is_metonymic(parse, toponym) and parse.text[toponym.span[0]:toponym.span[1]] not in surnames:
            _state(drafts, lexicon, entry.country).add(toponym.span)
    tokens = parse.tokens
    for i, token in enumerate(tokens):
        if token.text[:1].isupper() or token.lower == "the":
            found = _phrase_at(parse, i, {k: v for k, v in lexicon.metonyms.items() if k not in lexicon.capitals},
                               max_len=3)
            if found:
                start = i + 1 if token.lower == "the" else i
                if drafts.free(i, found[0]):
                    _state(drafts, lexicon, found[1]).add(_span(parse, start, found[0]))
                    drafts.claim(i, found[0])


def _described_only(parse: Parse, toponym: Toponym) -> bool:
    """"Myanmar is mainly Buddhist", "Chad is a landlocked country": the subject of a plain "be" describes the
    country, it does not act ("Iran is behind the attack" still acts)."""
    token = parse.tokens[toponym.last - 1]
    if token.dep != "nsubj" or token.head == token.i:
        return False
    verb = parse.tokens[token.head]
    return verb.lemma == "be" and not any(k.dep in {"prep", "xcomp", "ccomp"} for k in parse.children(verb.i))


def find_described_people(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """"Valeska Paris, an Australian woman, ...": a person, whatever the NER made of the name."""
    for first, last in described_people(parse, patterns):
        name = _text(parse, first, last)
        if not drafts.free(first, last) or name in lexicon.state_names or not_a_name(name) or \
                title_only(name, lexicon):
            continue
        draft = _person_draft(drafts, name)
        draft.add(_span(parse, first, last))
        drafts.claim(first, last)
        _gender_from_name(draft, parse, first, lexicon, patterns)
        for k in range(last + 1, min(len(parse.tokens), last + 5)):     # ", an Australian woman"
            iso3 = lexicon.demonyms.get(parse.tokens[k].text)
            if iso3:
                draft.country = draft.country or iso3
                break


def find_joined_organisations(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """"She joined the Sea Org": the capitalised object of a membership verb is an organisation."""
    for first, last in joined_organisations(parse, patterns):
        name = _text(parse, first, last)
        if drafts.free(first, last) and not not_a_name(name) and name not in lexicon.state_names:
            _org_draft(drafts, name, "organization", None).add(_span(parse, first, last))
            drafts.claim(first, last)


def vehicle_names(parse: Parse, patterns: Patterns) -> set[str]:
    """Names the text gives a ship, aircraft or satellite ("the cruise ship, Freewinds"), wherever they recur."""
    return {e.text for e in parse.entities if is_vehicle_name(parse, e.first, e.last, patterns)}


def _title_at(parse: Parse, i: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """A title starting at token i ("Secretary General", "Defense Minister"): (end, title key)."""
    tokens = parse.tokens
    for last in range(min(len(tokens), i + 4), i, -1):
        key = _text(parse, i, last).lower()
        if key in lexicon.titles:
            return last, key
    return None


@dataclass
class TitleParse:
    """What stands before a name or alone: "NATO Secretary General", "Ukrainian President"."""

    first: int
    last: int
    title: str                 # title key
    title_span: Span
    country: str | None = None
    org_key: str | None = None
    org_name: str | None = None


def _title_before(parse: Parse, first: int, drafts: Drafts, lexicon: Lexicon) -> TitleParse | None:
    """The title phrase that ends right before token ``first`` (a name)."""
    tokens = parse.tokens
    for start in range(max(0, first - 4), first):
        if tokens[start].sent != tokens[first].sent:
            continue
        key = _text(parse, start, first).lower()
        if key in lexicon.titles:
            title = TitleParse(first=start, last=first, title=key, title_span=_span(parse, start, first))
            if lexicon.title_kinds.get(key) != "office":
                title = _office_before_rank(parse, title, lexicon) or title
            _qualify(parse, title, drafts, lexicon)
            return title
    # "President of Ukraine Volodymyr Zelenskyy"
    for start in range(max(0, first - 6), first - 2):
        found = _title_at(parse, start, lexicon)
        if found and found[0] < first and tokens[found[0]].lower == "of":
            iso3 = lexicon.country_of_adjective(_text(parse, found[0] + 1, first))
            if iso3:
                return TitleParse(first=start, last=first, title=found[1], title_span=_span(parse, start, found[0]),
                                  country=iso3)
    return None


def _office_before_rank(parse: Parse, rank: TitleParse, lexicon: Lexicon) -> TitleParse | None:
    """"Defence Minister Brigadier General X": the office before a rank (and a capitalised word or two) wins."""
    tokens = parse.tokens
    for end in range(rank.first, max(0, rank.first - 2) - 1, -1):
        if any(not tokens[k].text[:1].isupper() for k in range(end, rank.first)):
            break
        for start in range(max(0, end - 4), end):
            key = _text(parse, start, end).lower()
            if tokens[start].sent == tokens[rank.first].sent and lexicon.title_kinds.get(key) in {"office", "job"}:
                return TitleParse(first=start, last=rank.last, title=key, title_span=_span(parse, start, rank.last))
    return None


def _qualify(parse: Parse, title: TitleParse, drafts: Drafts, lexicon: Lexicon) -> None:
    """The country or organisation right before a title ("Ukrainian", "NATO", "South Korea's")."""
    iso3, start = _country_before(parse, title.first, lexicon)
    if iso3:
        title.country, title.first = iso3, start
        return
    k = title.first - 1
    if k >= 0:
        for draft in drafts.by_key.values():
            if draft.type in {"organization", "media", "armed_forces", "armed_group", "state"} and \
                    any(m[1] == parse.tokens[k].end for m in draft.mentions):
                title.org_key, title.org_name = draft.key, None if draft.type == "state" else draft.name
                title.country = title.country or draft.country
                title.first = parse.token_at(next(m[0] for m in draft.mentions if m[1] == parse.tokens[k].end)).i
                return


def _role_text(title: TitleParse, lexicon: Lexicon) -> str:
    office = lexicon.titles[title.title]
    if title.org_name:
        return f"{title.org_name} {office}"
    if title.country:
        return f"{office} of {state_name(lexicon, title.country)}"
    return office


def _clean_person(parse: Parse, first: int, last: int, lexicon: Lexicon, patterns: Patterns) -> tuple[int, int]:
    """Drop titles, honorifics and a possessive from a PERSON entity's edges."""
    tokens = parse.tokens
    while last > first and tokens[last - 1].text in POSSESSIVES:
        last -= 1
    while first < last:
        title = _title_at(parse, first, lexicon)
        if title and title[0] < last:
            first = title[0]
        elif tokens[first].text in patterns.honorifics or tokens[first].lower in ARTICLES:
            first += 1
        else:
            break
    return first, last


def find_people(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """People the NER finds, with titles before the name and appositions after it."""
    for entity in _person_spans(parse, lexicon, patterns):
        if not drafts.free(entity.first, entity.last):
            continue
        first, last = _clean_person(parse, entity.first, entity.last, lexicon, patterns)
        if first >= last or not any(t.text[:1].isupper() for t in parse.tokens[first:last]):
            continue
        name = _text(parse, first, last)
        if not_a_name(name) or title_only(name, lexicon) or _place_or_facility(parse, first, last, patterns):
            drafts.claim(first, last)
            continue
        kind = _organisation_noun_around(parse, first, last, patterns)
        if kind is not None:
            _org_draft(drafts, name, kind, None).add(_span(parse, first, last))
            drafts.claim(first, last)
            continue
        draft = _family_name_holder(parse, drafts, name, first, lexicon) or _person_draft(drafts, name)
        draft.add(_span(parse, first, last))
        drafts.claim(first, last)
        _gender_from_name(draft, parse, first, lexicon, patterns)
        title = _title_before(parse, first, drafts, lexicon)
        if title is None and entity.first < first:
            found = _title_at(parse, entity.first, lexicon)
            if found:
                title = TitleParse(first=entity.first, last=found[0], title=found[1],
                                   title_span=_span(parse, entity.first, found[0]))
                _qualify(parse, title, drafts, lexicon)
        if title is not None:
            _apply_title(draft, title, lexicon)
            draft.add(title.title_span)
        else:
            _apposition(parse, draft, last, drafts, lexicon)
        _of_country(parse, draft, last, lexicon)


def _place_or_facility(parse: Parse, first: int, last: int, patterns: Patterns) -> bool:
    """"the village of Houla", "al-Ahli hospital": a place or building, not a person."""
    tokens = parse.tokens
    if first >= 2 and tokens[first - 1].lower == "of" and tokens[first - 2].lower in patterns.place_nouns:
        return True
    return last < len(tokens) and tokens[last].lower in patterns.facility_heads and tokens[last].pos == "NOUN"


def _organisation_noun_around(parse: Parse, first: int, last: int, patterns: Patterns) -> str | None:
    """"the Viv Ansanm gang coalition", "the security firm Ambrey": the type of an organisation read as a person."""
    tokens = parse.tokens
    nouns = patterns.organisation_nouns
    k = last
    while k < len(tokens) and k - last < 3 and tokens[k].text[:1].islower() and tokens[k].pos == "NOUN":
        k += 1
    after = [tokens[j].lower for j in range(last, k)]
    if after and after[-1] in nouns:
        kinds = [nouns[w] for w in after if w in nouns]
        return next((kind for kind in kinds if kind != "organization"), "organization")  # "gang coalition": armed
    if first >= 1 and tokens[first - 1].lower in nouns and tokens[first - 1].pos == "NOUN" and \
            (first < 2 or tokens[first - 2].lower in ARTICLES or tokens[first - 2].pos in {"ADJ", "NOUN", "PROPN"}):
        return nouns[tokens[first - 1].lower]
    return None


def _family_name_holder(parse: Parse, drafts: Drafts, name: str, first: int, lexicon: Lexicon) -> Draft | None:
    """A one-word name that opens fuller names ("Kim" after "Kim Yo Jong" and "Kim Jong Un"): the most salient
    of those people before it, the latest subject first."""
    if " " in name:
        return None
    start = parse.tokens[first].start
    holders = [d for d in drafts.by_key.values() if d.type == "person" and not d.key.startswith("office:")
               and len(d.name.split()) > 1 and d.name.split()[0] == name and any(m[0] < start for m in d.mentions)]
    if not holders:
        return None

    def salience(draft: Draft) -> tuple[int, int]:
        before = [m for m in draft.mentions if m[0] < start]
        subjects = [m[0] for m in before if any(t.dep in {"nsubj", "nsubjpass"} for t in parse.tokens_in(*m))]
        return (max(subjects) if subjects else -1, max(m[0] for m in before))

    return max(holders, key=salience)


def _person_spans(parse: Parse, lexicon: Lexicon, patterns: Patterns) -> list:
    """PERSON entities, bylines ("By Jane Doe") and "<known first name> <Name>" sequences the NER missed."""
    spans = _join_split_names([e for e in parse.entities if e.label == "PERSON"], parse) + _bylines(parse, patterns)
    covered = {k for e in parse.entities for k in range(e.first, e.last)}
    tokens = parse.tokens
    spans += _names_after_titles(parse, lexicon, covered)
    i = 0
    while i < len(tokens) - 1:
        if tokens[i].text in lexicon.first_names and i not in covered and tokens[i + 1].text[:1].isupper() \
                and tokens[i + 1].pos == "PROPN" and tokens[i + 1].sent == tokens[i].sent:
            last = i + 2
            while last < len(tokens) and last - i < 4 and tokens[last].pos == "PROPN" and \
                    tokens[last].text[:1].isupper() and last not in covered:
                last += 1
            spans.append(Entity(label="PERSON", first=i, last=last, start=tokens[i].start, end=tokens[last - 1].end,
                                text=_text(parse, i, last)))
            i = last
            continue
        i += 1
    return sorted(spans, key=lambda e: e.first)


def _names_after_titles(parse: Parse, lexicon: Lexicon, covered: set[int]) -> list[Entity]:
    """"Lieutenant Colonel Guillaume Ndjike": proper nouns right after a capitalised title, when the NER saw
    nothing there."""
    tokens = parse.tokens
    found = []
    for i in range(len(tokens) - 1):
        title = _title_at(parse, i, lexicon) if tokens[i].text[:1].isupper() else None
        if title is None:
            continue
        k = title[0]
        while _title_at(parse, k, lexicon) and tokens[k].text[:1].isupper():
            k = _title_at(parse, k, lexicon)[0]     # "spokesman Lieutenant Colonel"
        last = k
        while last < len(tokens) and last - k < 3 and tokens[last].pos == "PROPN" and \
                tokens[last].text[:1].isupper() and last not in covered and tokens[last].sent == tokens[i].sent:
            last += 1
        if last - k >= 2 and (last >= len(tokens) or tokens[last].pos != "PROPN"):
            found.append(Entity(label="PERSON", first=k, last=last, start=tokens[k].start, end=tokens[last - 1].end,
                                text=_text(parse, k, last)))
    return found


def _join_split_names(entities: list[Entity], parse: Parse) -> list[Entity]:
    """"Vyacheslav" and "Gladkov" split by a no-break space: one name."""
    out: list[Entity] = []
    for entity in entities:
        previous = out[-1] if out else None
        if previous is not None and entity.first == previous.last + 1 and \
                parse.tokens[previous.last].pos == "SPACE" and "\n" not in parse.tokens[previous.last].text:
            out[-1] = Entity(label="PERSON", first=previous.first, last=entity.last, start=previous.start,
                             end=entity.end, text=parse.text[previous.start:entity.end])
            continue
        out.append(entity)
    return out


def _of_country(parse: Parse, draft: Draft, last: int, lexicon: Lexicon) -> None:
    """"General Ousmane Kane of Niger": the person's country and state."""
    tokens = parse.tokens
    if draft.country or last + 1 >= len(tokens) or tokens[last].lower != "of":
        return
    for end in range(min(len(tokens), last + 4), last + 1, -1):
        iso3 = lexicon.state_names.get(_text(parse, last + 1, end))
        if iso3 and (end >= len(tokens) or tokens[end].text in POSSESSIVES or not tokens[end].text[:1].isupper()):
            if end < len(tokens) and tokens[end].text in POSSESSIVES:
                return      # "Kane of Niger's army" belongs to the army
            draft.country = iso3
            draft.affiliation = draft.affiliation or f"state:{iso3}"
            return


def _bylines(parse: Parse, patterns: Patterns) -> list[Entity]:
    """A line that is only "By" and a capitalised name names the author."""
    found = []
    for sentence in parse.sentences:
        tokens = [t for t in parse.sentence_tokens(sentence) if t.pos != "SPACE"]
        if len(tokens) < 3 or len(tokens) > 5 or tokens[0].text not in patterns.byline_words:
            continue
        if all(t.text[:1].isupper() and t.text.isalpha() for t in tokens[1:]) and \
                "\n" in parse.text[max(0, tokens[0].start - 1):tokens[0].start + 1] + "\n":
            found.append(Entity(label="PERSON", first=tokens[1].i, last=tokens[-1].i + 1, start=tokens[1].start,
                                end=tokens[-1].end, text=_text(parse, tokens[1].i, tokens[-1].i + 1)))
    return found


def _person_draft(drafts: Drafts, name: str) -> Draft:
    """The person draft this name belongs to: same full name, or the surname of a fuller name."""
    words = name.split()
    for draft in drafts.by_key.values():
        if draft.type != "person" or draft.key.startswith("office:"):
            continue
        known = draft.name.split()
        if words == known or (len(words) < len(known) and words == known[-len(words):]) or \
                (len(known) < len(words) and known == words[-len(known):]):
            if len(words) > len(known):
                draft.name = name
            return draft
    return drafts.get(f"person:{name}", name=name, type="person")


def _gender_from_name(draft: Draft, parse: Parse, first: int, lexicon: Lexicon, patterns: Patterns) -> None:
    if draft.gender:
        return
    before = parse.tokens[first - 1].text if first > 0 else ""
    draft.gender = patterns.honorifics.get(before) or lexicon.first_names.get(draft.name.split()[0])


def _apply_title(draft: Draft, title: TitleParse, lexicon: Lexicon) -> None:
    draft.role = draft.role or _role_text(title, lexicon)
    if draft.title_first is None:
        draft.title_first = title.first
    draft.titles.add(title.title)
    draft.titles.add(lexicon.titles[title.title].lower())
    if title.country and not draft.country:
        draft.country = title.country
    if not draft.affiliation:
        draft.affiliation = title.org_key or (f"state:{title.country}" if title.country else None)


def _apposition(parse: Parse, draft: Draft, last: int, drafts: Drafts, lexicon: Lexicon) -> None:
    """"Kyrylo Budanov, head of Ukraine's Military Intelligence," gives a role and an affiliation."""
    tokens = parse.tokens
    if last >= len(tokens) or tokens[last].text != ",":
        return
    k = last + 1
    while k < len(tokens) and tokens[k].lower in ARTICLES:
        k += 1
    iso3 = None
    for country_last in range(min(len(tokens), k + 3), k, -1):
        iso3 = lexicon.demonyms.get(_text(parse, k, country_last))
        if iso3:
            k = country_last
            break
    found = _title_at(parse, k, lexicon) if k < len(tokens) else None
    if not found:
        return
    end, key = found
    draft.titles.update({key, lexicon.titles[key].lower()})
    office = lexicon.titles[key]
    if end < len(tokens) and tokens[end].lower in {"of", "at", "for"}:
        org = _draft_at(parse, end + 1, drafts)
        if org is not None:
            draft.role = draft.role or f"{office} of {org.name}" if tokens[end].lower == "of" else \
                draft.role or f"{office}, {org.name}"
            draft.affiliation = draft.affiliation or org.key
            draft.country = draft.country or org.country
            return
    if iso3:
        draft.country = draft.country or iso3
        draft.role = draft.role or f"{office} of {state_name(lexicon, iso3)}"
        draft.affiliation = draft.affiliation or f"state:{iso3}"
    else:
        draft.role = draft.role or office


def _draft_at(parse: Parse, i: int, drafts: Drafts) -> Draft | None:
    """The draft with a mention that starts within a few tokens of token i."""
    if i >= len(parse.tokens):
        return None
    window = (parse.tokens[i].start, parse.tokens[min(len(parse.tokens) - 1, i + 4)].end)
    best = None
    for draft in drafts.by_key.values():
        for mention in draft.mentions:
            if window[0] <= mention[0] < window[1] and draft.type != "state" and \
                    (best is None or mention[0] < best[0]):
                best = (mention[0], draft)
    if best is None:
        for draft in drafts.by_key.values():
            if draft.type == "state" and any(window[0] <= m[0] < window[1] for m in draft.mentions):
                return draft
    return best[1] if best else None


def find_offices(parse: Parse, drafts: Drafts, lexicon: Lexicon) -> None:
    """Titles with no name: "the South Korean Defense Minister", "the Secretary General"."""
    tokens = parse.tokens
    i = 0
    while i < len(tokens):
        found = _title_at(parse, i, lexicon) if tokens[i].text[:1].isalpha() else None
        if found is None or not drafts.free(i, found[0]):
            i += 1
            continue
        last, key = found
        if last < len(tokens) and tokens[last].ent_type == "PERSON":
            i = last
            continue
        title = TitleParse(first=i, last=last, title=key, title_span=_span(parse, i, last))
        _qualify(parse, title, drafts, lexicon)
        if title.country is None and title.org_key is None:
            holder = _holder_of(drafts, key, lexicon)
            if holder is not None and tokens[i].text[:1].isupper():
                holder.add(title.title_span)
            i = last
            continue
        if lexicon.title_kinds.get(key) != "office":
            i = last
            continue
        named = _person_after_comma(parse, last, drafts, lexicon)
        holder = named or _holder_of(drafts, key, lexicon, title.country, title.org_key)
        if holder is not None:
            holder.add(title.title_span if named else _span(parse, title.first, last))
            if named is not None:
                if named.role and lexicon.title_kinds.get(named.role.lower(), "office") != "office":
                    named.role = None       # "General" gives way to "Minister of Defence of Niger"
                _apply_title(named, title, lexicon)
        else:
            name = _office_name(parse, title, lexicon)
            draft = drafts.get(f"office:{name.lower()}", name=name, type="person", country=title.country)
            _apply_title(draft, title, lexicon)
            draft.add(_span(parse, title.first, last))
        drafts.claim(i, last)
        i = last


def _person_after_comma(parse: Parse, last: int, drafts: Drafts, lexicon: Lexicon) -> Draft | None:
    """"Malaysia's Prime Minister, Najib Razak, said" (or ", General Najib Razak"): the person named after the title."""
    tokens = parse.tokens
    if last < len(tokens) and tokens[last].lower in {"for", "to", "in", "on", "at"}:
        # "the special envoy for the Sahel, Ingrid Halvorsen,"
        comma = next((k for k in range(last + 1, min(len(tokens), last + 6)) if tokens[k].text == ","), None)
        if comma is None:
            return None
        last = comma
    if last + 1 >= len(tokens) or tokens[last].text != ",":
        return None
    k = last + 1
    while k < len(tokens) and k - last < 5 and tokens[k].ent_type != "PERSON":
        rank = _title_at(parse, k, lexicon)
        if rank is None or lexicon.title_kinds.get(rank[1]) == "office":
            return None     # "the minister, a former general": no name follows
        k = rank[0]
    if k >= len(tokens) or tokens[k].ent_type != "PERSON":
        return None
    start = tokens[k].start
    for draft in drafts.by_key.values():
        if draft.type == "person" and not draft.key.startswith("office:") and any(m[0] == start for m in draft.mentions):
            return draft
    return None


def _office_name(parse: Parse, title: TitleParse, lexicon: Lexicon) -> str:
    """"South Korean Defense Minister"; "Thailand's foreign minister" becomes "Thai Foreign Minister"."""
    written = _text(parse, title.first, title.last)
    words = written.split()
    if words and words[0].lower() in ARTICLES:
        written = " ".join(words[1:])
    if title.country and not any(written.startswith(a) for a, c in lexicon.demonyms.items() if c == title.country):
        title_words = _text(parse, title.last - len(title.title.split()), title.last).title()
        return f"{lexicon.adjectives.get(title.country, state_name(lexicon, title.country))} {title_words}"
    return written


def _holder_of(drafts: Drafts, key: str, lexicon: Lexicon, country: str | None = None,
               org_key: str | None = None) -> Draft | None:
    """The named person who holds this office (and country or organisation, when given)."""
    office = lexicon.titles[key].lower()
    for draft in reversed(list(drafts.by_key.values())):
        if draft.type != "person" or draft.key.startswith("office:") or \
                not any(t == office or t.endswith(" " + office) for t in draft.titles):
            continue    # "the envoy" is held by the "special envoy"
        if country and draft.country and draft.country != country:
            continue
        if org_key and draft.affiliation and draft.affiliation != org_key:
            continue
        return draft
    return None


def find_organisations(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns,
                       toponym_spans: set[Span]) -> None:
    """Organisations and outlets the NER finds that the dictionary does not know."""
    tokens = parse.tokens
    vehicles = vehicle_names(parse, patterns)
    toponym_names = {name_key(parse.text[s:e]) for s, e in toponym_spans}
    for entity in parse.entities:
        if entity.label != "ORG" or not drafts.free(entity.first, entity.last):
            continue
        if (entity.start, entity.end) in toponym_spans:
            continue
        first, last = entity.first, entity.last
        while first < last and (tokens[first].lower in ARTICLES):
            first += 1
        while last > first and tokens[last - 1].text in POSSESSIVES:
            last -= 1
        iso3, _ = _country_before(parse, first, lexicon)
        for cut in range(first + 1, min(last, first + 4)):
            inside = lexicon.country_of_adjective(_text(parse, first, cut))
            if inside and cut < last and tokens[cut].text in POSSESSIVES | {"-"}:
                iso3, first = inside, cut + 1
                break
        last = _trim_organisation(parse, first, last, toponym_spans)
        if first >= last:
            continue
        name = _text(parse, first, last)
        if not any(c.isupper() for c in name) or name in patterns.not_actors or name in lexicon.demonyms or \
                name_key(name) in toponym_names or not_a_name(name) or title_only(name, lexicon) or \
                name.lower() in patterns.home_force_names or \
                name in vehicles or is_vehicle_name(parse, first, last, patterns) or \
                _inside_title(parse, first, last, lexicon) or _person_inside(parse, drafts, first, last):
            continue
        kind = "media" if _looks_like_media(parse, first, last, patterns) else "organization"
        draft = _org_draft(drafts, name, kind, iso3)
        span_last = last
        if kind == "media" and last < len(tokens) and tokens[last].lower in patterns.media_followers:
            span_last = last + 1
        draft.add(_span(parse, first, span_last))
        drafts.claim(entity.first, entity.last)


def _inside_title(parse: Parse, first: int, last: int, lexicon: Lexicon) -> bool:
    """"State" in "Secretary of State Antony Blinken": a word of a title, not an organisation."""
    for start in range(max(0, first - 4), first + 1):
        found = _title_at(parse, start, lexicon)
        if found and start <= first and last <= found[0]:
            return True
    return False


def find_headed_names(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """"The Palestinian Red Crescent said", "the Gaza Health Ministry": a capitalised name ending in an
    organisation word (Ministry, Authority, Crescent, Front, ...) that the NER missed; a demonym or place
    before it gives the country."""
    tokens = parse.tokens
    for i, token in enumerate(tokens):
        if _named_by_a_noun_after(parse, drafts, lexicon, patterns, i):
            continue
        kind = patterns.organisation_name_heads.get(token.text)
        if kind is None or not drafts.free(i, i + 1) or (i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()):
            continue
        run = name_run_before(parse, i + 1)
        if run is None or not drafts.free(*run) or parse.tokens[run[0]].ent_type in {"DATE", "PERSON"}:
            continue
        first, last = run
        name = _text(parse, first, last)
        iso3 = _country_in_name(name, lexicon)
        _org_draft(drafts, name, kind, iso3).add(_span(parse, first, last))
        drafts.claim(first, last)


def _named_by_a_noun_after(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns, i: int) -> bool:
    """"the Viv Ansanm gang coalition": proper nouns before an organisation noun (token i) after an article."""
    tokens = parse.tokens
    kind = patterns.organisation_nouns.get(tokens[i].lower)
    if kind is None or tokens[i].pos != "NOUN" or not tokens[i].text[:1].islower():
        return False
    head = i
    while head + 1 < len(tokens) and tokens[head + 1].pos == "NOUN" and tokens[head + 1].text[:1].islower():
        head += 1
        kind = patterns.organisation_nouns.get(tokens[head].lower, kind) if kind == "organization" else kind
    first = i
    while first - 1 >= 0 and tokens[first - 1].pos == "PROPN" and tokens[first - 1].text[:1].isupper() and i - first < 4:
        first -= 1
    if first == i or first == 0 or tokens[first - 1].lower not in ARTICLES or not drafts.free(first, i):
        return False
    name = _text(parse, first, i)
    if name in lexicon.state_names or lexicon.country_of_adjective(name) or not_a_name(name) or \
            name in lexicon.first_names or title_only(name, lexicon):
        return False
    _org_draft(drafts, name, kind, None).add(_span(parse, first, i))
    drafts.claim(first, i)
    return True


def find_organisation_shapes(parse: Parse, drafts: Drafts) -> None:
    """"Collective of Soum Associations", "Centre for Sahel Security Studies": names the NER missed."""
    for start, end in organisation_names(parse):
        inside = parse.tokens_in(start, end)
        if inside and drafts.free(inside[0].i, inside[-1].i + 1):
            _org_draft(drafts, parse.text[start:end], "organization", None).add((start, end))
            drafts.claim(inside[0].i, inside[-1].i + 1)


def _trim_organisation(parse: Parse, first: int, last: int, toponym_spans: set[Span]) -> int:
    """End an organisation's name before a trailing preposition or article ("... Homeland in the")
    and before "in <place>" ("Volunteers for the Defence of the Homeland in the Sahel")."""
    tokens = parse.tokens
    starts = {span[0] for span in toponym_spans}
    for k in range(first + 1, last):
        if tokens[k].lower in {"in", "at", "near"}:
            rest = [t for t in tokens[k + 1:min(len(tokens), k + 4)] if t.lower not in ARTICLES]
            if k + 1 >= last or (rest and rest[0].start in starts):
                last = k
                break
    while last > first + 1 and tokens[last - 1].pos in {"ADP", "DET", "CCONJ", "PUNCT"}:
        last -= 1
    return last


def _person_inside(parse: Parse, drafts: Drafts, first: int, last: int) -> bool:
    """An ORG that ends with a known person's name ("Ukraine Volodymyr Zelenskyy"): add it to the person."""
    for draft in drafts.by_key.values():
        if draft.type != "person" or draft.key.startswith("office:"):
            continue
        words = draft.name.split()
        for start in range(first, last):
            if _text(parse, start, last).split() == words[-(last - start):] and last - start <= len(words):
                draft.add(_span(parse, start, last))
                return True
    return False


def _looks_like_media(parse: Parse, first: int, last: int, patterns: Patterns) -> bool:
    words = {t.text for t in parse.tokens[first:last]}
    follower = parse.tokens[last].lower if last < len(parse.tokens) else ""
    return bool(words & patterns.media_words) or follower in patterns.media_followers


def _org_draft(drafts: Drafts, name: str, kind: str, iso3: str | None) -> Draft:
    words = set(re.findall(r"\w+", name.lower()))
    for draft in drafts.by_key.values():
        if draft.type not in {"organization", "media"}:
            continue
        known = set(re.findall(r"\w+", draft.name.lower()))
        if words and (words <= known or known <= words):
            if len(words) > len(known) and draft.key.startswith("org:"):
                draft.name = name
            draft.country = draft.country or iso3
            return draft
    return drafts.get(f"org:{name.lower()}", name=name, type=kind, country=iso3,
                      affiliation=f"state:{iso3}" if iso3 and kind == "organization" else None)


def find_populations(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """Groups of people: "asylum seekers", "pilgrims", "Rohingya", "Bangladeshis"."""
    tokens = parse.tokens
    lowered = {k.lower(): v for k, v in lexicon.groups.items() if k[:1].islower()}
    named = {k: v for k, v in lexicon.groups.items() if k[:1].isupper()}
    for i, token in enumerate(tokens):
        if not drafts.free(i, i + 1):
            continue
        found = _phrase_at(parse, i, named, max_len=3) if token.text[:1].isupper() else None
        common = found is None
        if common and (token.text[:1].islower() or token.pos == "NOUN"):   # "Residents said"
            found = _phrase_at(parse, i, lowered, max_len=3, lower=True)
        if not found or not drafts.free(i, found[0]):
            continue
        last, plural = found
        if common and tokens[last - 1].dep in {"compound", "amod"} and tokens[last - 1].head >= last:
            continue    # "civilian casualties", "refugee camp"
        drafts.get(f"group:{plural}", name=plural, type="population",
                   country=lexicon.demonyms.get(plural)).add(_span(parse, i, last))
        drafts.claim(i, last)
    for entity in parse.entities:
        if entity.label != "NORP" or not drafts.free(entity.first, entity.last) or entity.text in patterns.not_actors:
            continue
        head = tokens[entity.last - 1]
        iso3 = lexicon.demonyms.get(entity.text)
        if (head.dep in {"amod", "compound"} and head.head >= entity.last) or not iso3 or not entity.text.endswith("s"):
            continue
        drafts.get(f"people:{entity.text.lower()}", name=entity.text, type="population", country=iso3).add(
            (entity.start, entity.end))


def find_surnames(parse: Parse, drafts: Drafts) -> None:
    """Bare surnames of people already found ("Rutte"), which the NER may have missed or mis-typed."""
    surnames = {}
    for draft in drafts.by_key.values():
        if draft.type == "person" and not draft.key.startswith("office:") and len(draft.name.split()) > 1:
            surnames.setdefault(draft.name.split()[-1], draft)
    for i, token in enumerate(parse.tokens):
        draft = surnames.get(token.text)
        if draft is not None and drafts.free(i, i + 1):
            draft.add((token.start, token.end))
            drafts.claim(i, i + 1)


# ---------------------------------------------------------------- assembling


ACRONYM_DEPS = {"nsubj", "nsubjpass", "appos", "pobj", "dobj", "conj", "poss", "compound"}


def _home_country(toponyms: list[Toponym]) -> str | None:
    """The country of the dateline's place, if the text opens with one."""
    return next((t.entry.country for t in toponyms if t.dateline and t.entry is not None and t.entry.country), None)


def find_actors(parse: Parse, toponyms: list[Toponym] | None = None, lexicon: Lexicon | None = None,
                source: str | None = None) -> list[Draft]:
    """Actor drafts for a parsed text, in order of first mention (``source``: the document's outlet)."""
    lexicon = lexicon or load_lexicon()
    patterns = load_patterns()
    outlets = find_outlets(parse, source, not_an_outlet)
    if toponyms is None:
        toponyms = resolve_toponyms(find_toponyms(parse, outlets=outlets), parse)
    drafts = Drafts(parse)
    claim_dateline(parse, drafts)
    find_outlet_names(parse, drafts, lexicon, outlets)
    find_described_people(parse, drafts, lexicon, patterns)
    find_dictionary(parse, drafts, lexicon)
    find_acronym_names(parse, drafts, lexicon)
    find_forces(parse, drafts, lexicon, patterns)
    find_states(parse, drafts, lexicon, toponyms)
    find_home_forces(parse, drafts, lexicon, patterns, toponyms)
    home = _home_country(toponyms)
    find_force_words(parse, drafts, lexicon, patterns, home)
    claim_places(parse, drafts, lexicon, toponyms)
    find_people(parse, drafts, lexicon, patterns)
    find_surnames(parse, drafts)
    find_offices(parse, drafts, lexicon)
    find_populations(parse, drafts, lexicon, patterns)
    toponym_spans = {t.span for t in toponyms if t.entry is not None}
    find_organisations(parse, drafts, lexicon, patterns, toponym_spans)
    find_organisation_shapes(parse, drafts)
    find_joined_organisations(parse, drafts, lexicon, patterns)
    find_headed_names(parse, drafts, lexicon, patterns)
    apply_aliases(parse, drafts, patterns, lambda span: _org_draft(
        drafts, _text(parse, *span), "organization", None))
    type_armed_groups(parse, drafts, patterns)
    find_collectives(parse, drafts, lexicon, home)
    type_forces(drafts, lexicon, patterns)
    link_titles(parse, drafts)
    kept = [d for d in drafts.by_key.values() if d.mentions]
    return sorted(kept, key=lambda d: min(d.mentions))


def write_actors(analysis: Analysis, drafts: list[Draft]) -> dict[str, str]:
    """Append actors for the drafts; returns draft key -> actor id."""
    ids: dict[str, str] = {}
    for draft in drafts:
        actor = Actor(id=analysis.extraction.next_id("actors"), name=clean_name(draft.name), type=draft.type,
                      country=draft.country, role=draft.role, mentions=sorted(set(draft.mentions)))
        analysis.extraction.actors.append(actor)
        ids[draft.key] = actor.id
    for draft in drafts:
        actor = analysis.extraction.get(ids[draft.key])
        actor.affiliation = ids.get(draft.affiliation) if draft.affiliation else None
    return ids


def run(analysis: Analysis) -> None:
    """Append the document's actors and install the coreference resolver."""
    toponyms = analysis.notes.get(NOTES_KEY)
    drafts = find_actors(analysis.parse, toponyms, source=analysis.document.source)
    ids = write_actors(analysis, drafts)
    genders = {ids[d.key]: d.gender for d in drafts if d.gender}
    titles = {ids[d.key]: d.titles for d in drafts if d.titles}
    coref.prepare(analysis, genders=genders, titles=titles)
    analysis.resolver = coref.resolve
