"""Organisations, outlets and groups the dictionary does not know: from the NER, from names ending in an
organisation word, from acronyms, and their types (armed forces, armed groups, media)."""

from __future__ import annotations

import re

from sitrep.geo.gazetteer import name_key
from sitrep.geo.lexicon import Lexicon
from sitrep.layers.actors.aliases import name_run_before
from sitrep.layers.actors.context import is_vehicle_name, joined_organisations
from sitrep.layers.actors.drafts import (
    ARTICLES,
    POSSESSIVES,
    Draft,
    Drafts,
    Patterns,
    _country_before,
    _span,
    _text,
)
from sitrep.layers.actors.names import not_a_name, title_only
from sitrep.layers.actors.titles import _title_at
from sitrep.layers.places.stage import organisation_names
from sitrep.model import Span
from sitrep.nlp import Parse


def type_armed_groups(parse: Parse, drafts: Drafts, patterns: Patterns) -> None:
    """Organisations named or described as armed groups ("X, an armed group that ...", "X Liberation Army")."""
    for draft in drafts.by_key.values():
        if draft.type != "organization" or draft.key.startswith(("entry:", "office:")):
            continue
        if set(draft.name.split()) & patterns.armed_group_name_words or any(
            _described_as_armed_group(parse, m, patterns) for m in draft.mentions
        ):
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
        if "Police" in words:  # "Police spokesman X" under the dateline, bare "police said": the named police
            for police in [
                d
                for d in drafts.by_key.values()
                if d.country == iso3 and d is not draft and (d.key == f"police:{iso3}" or d.key == "collective:police")
            ]:
                drafts.merge(police, draft)
        army = drafts.by_key.get(f"forces:{iso3}")
        if army is not None and not set(words) & {
            "Police",
            "National Guard",
            "Coast Guard",
            "Border Guard",
            "Central Command",
            "Gendarmerie",
        }:
            drafts.merge(army, draft)


def _country_in_name(name: str, lexicon: Lexicon) -> str | None:
    """ "Haitian National Police" -> HTI, "Armed Forces of the Democratic Republic of the Congo" -> COD."""
    words = name.split()
    for size in (3, 2, 1):
        iso3 = lexicon.country_of_adjective(" ".join(words[:size]))
        if iso3:
            return iso3
    found = re.search(r"\bof (?:the )?(.+)$", name)
    if found:
        rest = found.group(1)
        return (
            lexicon.state_names.get(rest)
            or lexicon.state_names.get("the " + rest)
            or lexicon.state_names.get(rest.replace("the ", ""))
        )
    return None


def _described_as_armed_group(parse: Parse, mention: Span, patterns: Patterns) -> bool:
    """ "X, an armed group", "X is a jihadist group", "the militant group X"."""
    after = re.sub(r"^\s*\([^)]{1,12}\)", "", parse.text[mention[1] : mention[1] + 72]).lower()  # "X (AA), an ..."
    before = parse.text[max(0, mention[0] - 40) : mention[0]].lower()
    for description in patterns.armed_group_descriptions:
        if re.match(rf"(?:,| is| was|’s|'s)?\s*(?:an?|the)\s+(?:\w+\s+){{0,2}}{description}\b", after):
            return True
        if re.search(rf"\b(?:the|an?)\s+(?:\w+\s+)?{description}\s*,?\s*$", before):
            return True
    return False


def find_acronym_names(parse: Parse, drafts: Drafts, lexicon: Lexicon) -> None:
    """ "The U.N. peacekeeping mission, MONUSCO, said": an upper-case acronym the NER missed, used as a noun
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
            continue  # a headline or dateline in capitals
        if not_a_name(text) or text in lexicon.state_names or lexicon.country_of_adjective(text):
            continue
        _org_draft(drafts, text, "organization", None).add((token.start, token.end))
        drafts.claim(i, i + 1)


def find_joined_organisations(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """ "She joined the Sea Org": the capitalised object of a membership verb is an organisation."""
    for first, last in joined_organisations(parse, patterns):
        name = _text(parse, first, last)
        if drafts.free(first, last) and not not_a_name(name) and name not in lexicon.state_names:
            _org_draft(drafts, name, "organization", None).add(_span(parse, first, last))
            drafts.claim(first, last)


def vehicle_names(parse: Parse, patterns: Patterns) -> set[str]:
    """Names the text gives a ship, aircraft or satellite ("the cruise ship, Freewinds"), wherever they recur."""
    return {e.text for e in parse.entities if is_vehicle_name(parse, e.first, e.last, patterns)}


def find_organisations(
    parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns, toponym_spans: set[Span]
) -> None:
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
        if (
            not any(c.isupper() for c in name)
            or name in patterns.not_actors
            or name in lexicon.demonyms
            or name_key(name) in toponym_names
            or not_a_name(name)
            or title_only(name, lexicon)
            or name.lower() in patterns.home_force_names
            or name in vehicles
            or is_vehicle_name(parse, first, last, patterns)
            or _inside_title(parse, first, last, lexicon)
            or _person_inside(parse, drafts, first, last)
        ):
            continue
        kind = "media" if _looks_like_media(parse, first, last, patterns) else "organization"
        draft = _org_draft(drafts, name, kind, iso3)
        span_last = last
        if kind == "media" and last < len(tokens) and tokens[last].lower in patterns.media_followers:
            span_last = last + 1
        draft.add(_span(parse, first, span_last))
        drafts.claim(entity.first, entity.last)


def _inside_title(parse: Parse, first: int, last: int, lexicon: Lexicon) -> bool:
    """ "State" in "Secretary of State Antony Blinken": a word of a title, not an organisation."""
    for start in range(max(0, first - 4), first + 1):
        found = _title_at(parse, start, lexicon)
        if found and start <= first and last <= found[0]:
            return True
    return False


def find_headed_names(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """ "The Palestinian Red Crescent said", "the Gaza Health Ministry": a capitalised name ending in an
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
        if (
            run is None
            or not _free_of_actors(parse, drafts, run)
            or parse.tokens[run[0]].ent_type in {"DATE", "PERSON"}
        ):
            continue
        first, last = run
        name = _text(parse, first, last)
        iso3 = _country_in_name(name, lexicon)
        _org_draft(drafts, name, kind, iso3).add(_span(parse, first, last))
        drafts.claim(first, last)


def _free_of_actors(parse: Parse, drafts: Drafts, run: tuple[int, int]) -> bool:
    """No actor mention lies in these tokens, nor the dateline (a place the places layer claimed may: "the Gaza
    Health Ministry")."""
    span = _span(parse, *run)
    dateline = parse.dateline.span if parse.dateline is not None else None
    if dateline is not None and span[0] < dateline[1] and dateline[0] < span[1]:
        return False
    return not any(m[0] < span[1] and span[0] < m[1] for d in drafts.by_key.values() for m in d.mentions)


def _named_by_a_noun_after(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns, i: int) -> bool:
    """ "the Viv Ansanm gang coalition": proper nouns before an organisation noun (token i) after an article."""
    tokens = parse.tokens
    kind = patterns.organisation_nouns.get(tokens[i].lower)
    if kind is None or tokens[i].pos != "NOUN" or not tokens[i].text[:1].islower():
        return False
    head = i
    while head + 1 < len(tokens) and tokens[head + 1].pos == "NOUN" and tokens[head + 1].text[:1].islower():
        head += 1
        kind = patterns.organisation_nouns.get(tokens[head].lower, kind) if kind == "organization" else kind
    first = i
    while (
        first - 1 >= 0 and tokens[first - 1].pos == "PROPN" and tokens[first - 1].text[:1].isupper() and i - first < 4
    ):
        first -= 1
    if first == i or first == 0 or tokens[first - 1].lower not in ARTICLES or not drafts.free(first, i):
        return False
    name = _text(parse, first, i)
    if (
        name in lexicon.state_names
        or lexicon.country_of_adjective(name)
        or not_a_name(name)
        or name in lexicon.first_names
        or title_only(name, lexicon)
    ):
        return False
    _org_draft(drafts, name, kind, None).add(_span(parse, first, i))
    drafts.claim(first, i)
    return True


def find_organisation_shapes(parse: Parse, drafts: Drafts) -> None:
    """ "Collective of Soum Associations", "Centre for Sahel Security Studies": names the NER missed."""
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
            rest = [t for t in tokens[k + 1 : min(len(tokens), k + 4)] if t.lower not in ARTICLES]
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
            if _text(parse, start, last).split() == words[-(last - start) :] and last - start <= len(words):
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
    return drafts.get(
        f"org:{name.lower()}",
        name=name,
        type=kind,
        country=iso3,
        affiliation=f"state:{iso3}" if iso3 and kind == "organization" else None,
    )


ACRONYM_DEPS = {"nsubj", "nsubjpass", "appos", "pobj", "dobj", "conj", "poss", "compound"}
