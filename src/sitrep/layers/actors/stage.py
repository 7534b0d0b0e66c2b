"""The actors layer: states, organisations, armed forces, media, people and populations.

:func:`find_actors` builds actor drafts by running finders in order, each claiming the
tokens it uses: the actor dictionary (names, aliases and "South Korea's intelligence
agency"-style descriptions), acronyms the NER missed, the armed-forces pattern ("North
Korean troops"), states (country names, capitals used for their government, "the
Kremlin"), people (:mod:`.people`, with titles from :mod:`.titles`), offices named
without a person, populations, organisations and outlets (:mod:`.organisations`), the
aliases the text defines (:mod:`.aliases`), unnamed officials, sources and militants
(:mod:`.collectives`), and finally the types of forces and armed groups.

``run`` writes the actors (names cleaned by :mod:`.names`), links affiliations, then
installs the document's coreference resolver (:mod:`.coref`) as ``analysis.resolver``.
"""

from __future__ import annotations

from sitrep.analysis import Analysis
from sitrep.geo.lexicon import DictionaryEntry, Lexicon, load_lexicon, not_an_outlet
from sitrep.layers.actors import coref
from sitrep.layers.actors.aliases import apply_aliases
from sitrep.layers.actors.collectives import find_collectives
from sitrep.layers.actors.drafts import (
    POSSESSIVES,
    Draft,
    Drafts,
    Patterns,
    _phrase_at,
    _span,
    _state,
    _text,
    _with_possessive,
    load_patterns,
    state_name,
)
from sitrep.layers.actors.names import clean_name
from sitrep.layers.actors.organisations import (
    _org_draft,
    find_acronym_names,
    find_headed_names,
    find_joined_organisations,
    find_organisation_shapes,
    find_organisations,
    type_armed_groups,
    type_forces,
)
from sitrep.layers.actors.people import (
    find_described_people,
    find_offices,
    find_people,
    find_surnames,
    link_titles,
)
from sitrep.layers.actors.titles import _title_at
from sitrep.layers.places.stage import (
    Toponym,
    find_toponyms,
    is_locative,
    is_metonymic,
    resolve_toponyms,
)
from sitrep.model import Actor, Span
from sitrep.nlp import Parse
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
    """ "West Africa Monitor", "the Niger River Post": media, whatever place names they hold."""
    for start, end in outlets:
        inside = parse.tokens_in(start, end)
        if not inside or not drafts.free(inside[0].i, inside[-1].i + 1):
            continue
        name = parse.text[start:end]
        entry = lexicon.entry_names.get(name)
        draft = _entry_draft(drafts, lexicon, entry) if entry is not None else _org_draft(drafts, name, "media", None)
        draft.add((start, end))
        drafts.claim(inside[0].i, inside[-1].i + 1)


def find_home_forces(
    parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns, toponyms: list[Toponym]
) -> None:
    """ "the army said" under a "DJIBO, Burkina Faso —" dateline: the armed forces of the dateline's country, unless
    the text has named other forces before it."""
    home = next((t.entry.country for t in toponyms if t.dateline and t.entry is not None and t.entry.country), None)
    if home is None:
        return
    nouns = dict.fromkeys(patterns.home_force_nouns, True)
    tokens = parse.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.lower != "the" or not drafts.free(i + 1, i + 2):
            continue
        found = _phrase_at(parse, i + 1, nouns, max_len=2, lower=True)
        if found is None or not drafts.free(i + 1, found[0]):
            continue
        last = found[0]
        if last < len(tokens) and (
            tokens[last].lower == "of" or tokens[last].text[:1].isupper() or tokens[last].pos in {"NOUN", "PROPN"}
        ):
            continue  # "the army of Mali", "the army chief", "the military junta"
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


def find_force_words(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns, home: str | None) -> None:
    """ "Army spokesman X", "Junta spokesman X", "Police spokesman X": the forces the text has named (or, under a
    dateline, the home country's), so that the title's holder is tied to them."""
    tokens = parse.tokens
    for i, token in enumerate(tokens[:-1]):
        kind = patterns.home_force_names.get(token.lower)
        if kind is None or not token.text[:1].isupper() or not drafts.free(i, i + 1):
            continue
        if _title_at(parse, i + 1, lexicon) is None:
            continue
        forces = [
            d
            for d in drafts.by_key.values()
            if d.type == "armed_forces" and d.key.startswith("forces:") and any(m[0] < token.start for m in d.mentions)
        ] or [d for d in drafts.by_key.values() if d.type == "armed_forces" and d.key.startswith("forces:")]
        if kind == "state":  # "Government spokesman X" under a dateline
            if home is None:
                continue
            draft = _state(drafts, lexicon, home)
        elif kind == "police":
            if home is None:
                continue
            draft = drafts.get(
                f"police:{home}",
                name=f"{lexicon.adjectives.get(home, state_name(lexicon, home))} police",
                type="armed_forces",
                country=home,
                affiliation=f"state:{home}",
            )
        elif len(forces) == 1:
            draft = forces[0]
        elif home is not None:
            draft = _forces_draft(drafts, lexicon, home, lexicon.adjectives.get(home, ""))
        else:
            continue
        draft.add((token.start, token.end))
        drafts.claim(i, i + 1)


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
    """ "South Korea's intelligence agency", "the Ukrainian military intelligence"."""
    tokens = parse.tokens
    if not tokens[i].text[:1].isupper():
        return None
    for country_last in range(min(len(tokens), i + 4), i, -1):
        iso3 = lexicon.country_of_adjective(_text(parse, i, country_last))
        if not iso3:
            continue
        k = (
            country_last + 1
            if country_last < len(tokens) and tokens[country_last].text in POSSESSIVES
            else country_last
        )
        for last in range(min(len(tokens), k + 4), k, -1):
            entry = lexicon.descriptions.get((iso3, _text(parse, k, last).lower()))
            if entry is not None:
                return last, entry
        return None
    return None


def _entry_draft(drafts: Drafts, lexicon: Lexicon, entry: DictionaryEntry) -> Draft:
    affiliation = f"state:{entry.country}" if entry.country and entry.type in {"organization", "armed_forces"} else None
    if entry.type == "armed_forces" and entry.country:
        draft = drafts.get(
            f"forces:{entry.country}",
            name=entry.name,
            type="armed_forces",
            country=entry.country,
            affiliation=affiliation,
        )
        draft.name = entry.name
        return draft
    return drafts.get(
        f"entry:{entry.name}", name=entry.name, type=entry.type, country=entry.country, affiliation=affiliation
    )


def find_forces(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """ "North Korean troops", "Russia's army", "the Russian military": a state's armed forces."""
    tokens = parse.tokens
    nouns = dict.fromkeys(patterns.force_nouns, True)
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
        title = _title_at(parse, last - 1, lexicon)
        if title is not None and title[0] > last:
            continue  # "Niger's military ruler General X": a title, the person's finder's
        if partner is None:
            _forces_draft(drafts, lexicon, iso3, _text(parse, i, country_last)).add(_span(parse, i, last))
        else:
            # "Nigerien and Burkinabe warplanes": each state's forces, the first named by its adjective
            _forces_draft(drafts, lexicon, iso3, _text(parse, i, country_last)).add(_span(parse, i, country_last))
            second_first, _, second_iso3, second_text = partner[2], partner[1], partner[0], partner[3]
            _forces_draft(drafts, lexicon, second_iso3, second_text).add(_span(parse, second_first, last))
        drafts.claim(i, last)


def _coordinated_country(parse: Parse, k: int, lexicon: Lexicon) -> tuple[str, int, int, str] | None:
    """ "and Burkinabe" after a country adjective: (ISO3, token after it, its first token, its text)."""
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
    return drafts.get(
        f"forces:{iso3}",
        name=f"{adjective or state_name(lexicon, iso3)} armed forces",
        type="armed_forces",
        country=iso3,
        affiliation=f"state:{iso3}",
    )


def find_states(parse: Parse, drafts: Drafts, lexicon: Lexicon, toponyms: list[Toponym]) -> None:
    """Country names, capitals standing for their government, and metonyms such as "the Kremlin".

    A country that the text only names as a location ("fled from Myanmar") is a place, not an actor.
    """
    acting = {
        t.entry.country
        for t in toponyms
        if t.entry is not None
        and t.entry.feature == "country"
        and not t.direction
        and not is_locative(parse, t)
        and not _described_only(parse, t)
    }
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
        elif (
            entry.feature == "city"
            and lexicon.capitals.get(toponym.name) == entry.country
            and is_metonymic(parse, toponym)
            and parse.text[toponym.span[0] : toponym.span[1]] not in surnames
        ):
            _state(drafts, lexicon, entry.country).add(toponym.span)
    tokens = parse.tokens
    metonyms = {k: v for k, v in lexicon.metonyms.items() if k not in lexicon.capitals}
    for i, token in enumerate(tokens):
        if token.text[:1].isupper() or token.lower == "the":
            found = _phrase_at(parse, i, metonyms, max_len=3)
            if found:
                start = i + 1 if token.lower == "the" else i
                if drafts.free(i, found[0]):
                    _state(drafts, lexicon, found[1]).add(_span(parse, start, found[0]))
                    drafts.claim(i, found[0])


def _described_only(parse: Parse, toponym: Toponym) -> bool:
    """ "Myanmar is mainly Buddhist", "Chad is a landlocked country": the subject of a plain "be" describes the
    country, it does not act ("Iran is behind the attack" still acts)."""
    token = parse.tokens[toponym.last - 1]
    if token.dep != "nsubj" or token.head == token.i:
        return False
    verb = parse.tokens[token.head]
    return verb.lemma == "be" and not any(k.dep in {"prep", "xcomp", "ccomp"} for k in parse.children(verb.i))


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
        if common and (token.text[:1].islower() or token.pos == "NOUN"):  # "Residents said"
            found = _phrase_at(parse, i, lowered, max_len=3, lower=True)
        if not found or not drafts.free(i, found[0]):
            continue
        last, plural = found
        if common and tokens[last - 1].dep in {"compound", "amod"} and tokens[last - 1].head >= last:
            continue  # "civilian casualties", "refugee camp"
        drafts.get(f"group:{plural}", name=plural, type="population", country=lexicon.demonyms.get(plural)).add(
            _span(parse, i, last)
        )
        drafts.claim(i, last)
    for entity in parse.entities:
        if entity.label != "NORP" or not drafts.free(entity.first, entity.last) or entity.text in patterns.not_actors:
            continue
        head = tokens[entity.last - 1]
        iso3 = lexicon.demonyms.get(entity.text)
        if (head.dep in {"amod", "compound"} and head.head >= entity.last) or not iso3 or not entity.text.endswith("s"):
            continue
        drafts.get(f"people:{entity.text.lower()}", name=entity.text, type="population", country=iso3).add(
            (entity.start, entity.end)
        )


def drop_states_inside_names(parse: Parse, drafts: Drafts) -> None:
    """ "United Kingdom" in "United Kingdom Maritime Trade Operations", "Haiti" in "the U.N. Integrated Office in
    Haiti": a country inside another actor's name is no mention of the state, unless it opens the name as a
    possessive ("Saudi Arabia's Civil Defense Authority")."""
    names = [m for d in drafts.by_key.values() if d.type != "state" for m in d.mentions]

    def inside_a_name(mention: Span) -> bool:
        for outer in names:
            if outer == mention or not (outer[0] <= mention[0] and mention[1] <= outer[1]):
                continue
            possessive = parse.text[mention[1] : mention[1] + 2] in {"'s", "’s"} or parse.text[
                mention[1] - 2 : mention[1]
            ] in {"'s", "’s"}
            if outer[0] < mention[0] or not possessive:
                return True
        return False

    for draft in drafts.by_key.values():
        if draft.type == "state":
            draft.mentions = [m for m in draft.mentions if not inside_a_name(m)]


def _home_country(toponyms: list[Toponym]) -> str | None:
    """The country of the dateline's place, if the text opens with one."""
    return next((t.entry.country for t in toponyms if t.dateline and t.entry is not None and t.entry.country), None)


def find_actors(
    parse: Parse, toponyms: list[Toponym] | None = None, lexicon: Lexicon | None = None, source: str | None = None
) -> list[Draft]:
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
    apply_aliases(parse, drafts, patterns, lambda span: _org_draft(drafts, _text(parse, *span), "organization", None))
    type_armed_groups(parse, drafts, patterns)
    find_collectives(parse, drafts, lexicon, home)
    type_forces(drafts, lexicon, patterns)
    drop_states_inside_names(parse, drafts)
    link_titles(parse, drafts)
    kept = [d for d in drafts.by_key.values() if d.mentions]
    return sorted(kept, key=lambda d: min(d.mentions))


def write_actors(analysis: Analysis, drafts: list[Draft]) -> dict[str, str]:
    """Append actors for the drafts; returns draft key -> actor id."""
    ids: dict[str, str] = {}
    for draft in drafts:
        actor = Actor(
            id=analysis.extraction.next_id("actors"),
            name=clean_name(draft.name),
            type=draft.type,
            country=draft.country,
            role=draft.role,
            mentions=sorted(set(draft.mentions)),
        )
        analysis.extraction.actors.append(actor)
        ids[draft.key] = actor.id
    for draft in drafts:
        actor = analysis.extraction.get(ids[draft.key])
        actor.affiliation = ids.get(draft.affiliation) if draft.affiliation else None
    return ids


def run(analysis: Analysis) -> None:
    """Append the document's actors and install the coreference resolver."""
    toponyms = analysis.toponyms
    drafts = find_actors(analysis.parse, toponyms, source=analysis.document.source)
    ids = write_actors(analysis, drafts)
    genders = {ids[d.key]: d.gender for d in drafts if d.gender}
    titles = {ids[d.key]: d.titles for d in drafts if d.titles}
    coref.prepare(analysis, genders=genders, titles=titles)
    analysis.resolver = coref.resolve
