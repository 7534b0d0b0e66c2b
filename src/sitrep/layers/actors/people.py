"""People: NER persons and the names it misses, with their titles, appositions and offices; namesakes
kept apart; offices held by no named person ("the South Korean Defense Minister")."""

from __future__ import annotations

from sitrep.geo.lexicon import Lexicon
from sitrep.layers.actors.context import described_people
from sitrep.layers.actors.drafts import (
    ARTICLES,
    POSSESSIVES,
    Draft,
    Drafts,
    Patterns,
    _span,
    _text,
    state_name,
)
from sitrep.layers.actors.names import not_a_name, title_only
from sitrep.layers.actors.organisations import _org_draft
from sitrep.layers.actors.titles import TitleParse, _apply_title, _qualify, _title_at, _title_before
from sitrep.nlp import Entity, Parse


def link_titles(parse: Parse, drafts: Drafts) -> None:
    """ "Unification Ministry spokesman Koo": a titled person with no body yet belongs to the organisation named
    right before the title."""
    for draft in drafts.by_key.values():
        if draft.type != "person" or draft.affiliation or draft.title_first is None or draft.title_first == 0:
            continue
        before = parse.tokens[draft.title_first - 1]
        for other in drafts.by_key.values():
            if other.type in {"organization", "armed_forces", "armed_group", "media"} and any(
                m[1] == before.end for m in other.mentions
            ):
                draft.affiliation = other.key
                draft.country = draft.country or other.country
                if draft.role and other.name not in draft.role:
                    draft.role = f"{other.name} {draft.role}"
                break


def find_described_people(parse: Parse, drafts: Drafts, lexicon: Lexicon, patterns: Patterns) -> None:
    """ "Lena Paris, a Canadian nurse, ...": a person, whatever the NER made of the name."""
    for first, last in described_people(parse, patterns):
        name = _text(parse, first, last)
        if not drafts.free(first, last) or name in lexicon.state_names or not_a_name(name) or title_only(name, lexicon):
            continue
        draft = _person_draft(drafts, name)
        draft.add(_span(parse, first, last))
        drafts.claim(first, last)
        _gender_from_name(draft, parse, first, lexicon, patterns)
        for k in range(last + 1, min(len(parse.tokens), last + 5)):  # ", an Australian woman"
            iso3 = lexicon.demonyms.get(parse.tokens[k].text)
            if iso3:
                draft.country = draft.country or iso3
                break


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
                title = TitleParse(
                    first=entity.first, last=found[0], title=found[1], title_span=_span(parse, entity.first, found[0])
                )
                _qualify(parse, title, drafts, lexicon)
        if title is not None:
            _apply_title(draft, title, lexicon)
            draft.add(title.title_span)
        else:
            _apposition(parse, draft, last, drafts, lexicon)
        _of_country(parse, draft, last, lexicon)


def _place_or_facility(parse: Parse, first: int, last: int, patterns: Patterns) -> bool:
    """ "the village of Houla", "al-Ahli hospital": a place or building, not a person."""
    tokens = parse.tokens
    if first >= 2 and tokens[first - 1].lower == "of" and tokens[first - 2].lower in patterns.place_nouns:
        return True
    return last < len(tokens) and tokens[last].lower in patterns.facility_heads and tokens[last].pos == "NOUN"


def _organisation_noun_around(parse: Parse, first: int, last: int, patterns: Patterns) -> str | None:
    """ "the Viv Ansanm gang coalition", "the security firm Ambrey": the type of an organisation read as a person."""
    tokens = parse.tokens
    nouns = patterns.organisation_nouns
    k = last
    while k < len(tokens) and k - last < 3 and tokens[k].text[:1].islower() and tokens[k].pos == "NOUN":
        k += 1
    after = [tokens[j].lower for j in range(last, k)]
    if after and after[-1] in nouns:
        kinds = [nouns[w] for w in after if w in nouns]
        return next((kind for kind in kinds if kind != "organization"), "organization")  # "gang coalition": armed
    if (
        first >= 1
        and tokens[first - 1].lower in nouns
        and tokens[first - 1].pos == "NOUN"
        and (first < 2 or tokens[first - 2].lower in ARTICLES or tokens[first - 2].pos in {"ADJ", "NOUN", "PROPN"})
    ):
        return nouns[tokens[first - 1].lower]
    return None


def _family_name_holder(parse: Parse, drafts: Drafts, name: str, first: int, lexicon: Lexicon) -> Draft | None:
    """A one-word name that opens fuller names ("Kim" after "Kim Yo Jong" and "Kim Jong Un"): the most salient
    of those people before it, the latest subject first."""
    if " " in name:
        return None
    start = parse.tokens[first].start
    holders = [
        d
        for d in drafts.by_key.values()
        if d.type == "person"
        and not d.key.startswith("office:")
        and len(d.name.split()) > 1
        and d.name.split()[0] == name
        and any(m[0] < start for m in d.mentions)
    ]
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
        if (
            tokens[i].text in lexicon.first_names
            and i not in covered
            and tokens[i + 1].text[:1].isupper()
            and tokens[i + 1].pos == "PROPN"
            and tokens[i + 1].sent == tokens[i].sent
        ):
            last = i + 2
            while (
                last < len(tokens)
                and last - i < 4
                and tokens[last].pos == "PROPN"
                and tokens[last].text[:1].isupper()
                and last not in covered
            ):
                last += 1
            spans.append(
                Entity(
                    label="PERSON",
                    first=i,
                    last=last,
                    start=tokens[i].start,
                    end=tokens[last - 1].end,
                    text=_text(parse, i, last),
                )
            )
            i = last
            continue
        i += 1
    return sorted(spans, key=lambda e: e.first)


def _names_after_titles(parse: Parse, lexicon: Lexicon, covered: set[int]) -> list[Entity]:
    """ "Lieutenant Colonel Guillaume Ndjike": proper nouns right after a capitalised title, when the NER saw
    nothing there."""
    tokens = parse.tokens
    found = []
    for i in range(len(tokens) - 1):
        title = _title_at(parse, i, lexicon) if tokens[i].text[:1].isupper() else None
        if title is None:
            continue
        k = title[0]
        while (nested := _title_at(parse, k, lexicon)) and tokens[k].text[:1].isupper():
            k = nested[0]  # "spokesman Lieutenant Colonel"
        last = k
        while (
            last < len(tokens)
            and last - k < 3
            and tokens[last].pos == "PROPN"
            and tokens[last].text[:1].isupper()
            and last not in covered
            and tokens[last].sent == tokens[i].sent
        ):
            last += 1
        if last - k >= 2 and (last >= len(tokens) or tokens[last].pos != "PROPN"):
            found.append(
                Entity(
                    label="PERSON",
                    first=k,
                    last=last,
                    start=tokens[k].start,
                    end=tokens[last - 1].end,
                    text=_text(parse, k, last),
                )
            )
    return found


def _join_split_names(entities: list[Entity], parse: Parse) -> list[Entity]:
    """ "Vyacheslav" and "Gladkov" split by a no-break space: one name."""
    out: list[Entity] = []
    for entity in entities:
        previous = out[-1] if out else None
        if (
            previous is not None
            and entity.first == previous.last + 1
            and parse.tokens[previous.last].pos == "SPACE"
            and "\n" not in parse.tokens[previous.last].text
        ):
            out[-1] = Entity(
                label="PERSON",
                first=previous.first,
                last=entity.last,
                start=previous.start,
                end=entity.end,
                text=parse.text[previous.start : entity.end],
            )
            continue
        out.append(entity)
    return out


def _of_country(parse: Parse, draft: Draft, last: int, lexicon: Lexicon) -> None:
    """ "General Ousmane Kane of Niger": the person's country and state."""
    tokens = parse.tokens
    if draft.country or last + 1 >= len(tokens) or tokens[last].lower != "of":
        return
    for end in range(min(len(tokens), last + 4), last + 1, -1):
        iso3 = lexicon.state_names.get(_text(parse, last + 1, end))
        if iso3 and (end >= len(tokens) or tokens[end].text in POSSESSIVES or not tokens[end].text[:1].isupper()):
            if end < len(tokens) and tokens[end].text in POSSESSIVES:
                return  # "Kane of Niger's army" belongs to the army
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
        if (
            all(t.text[:1].isupper() and t.text.isalpha() for t in tokens[1:])
            and "\n" in parse.text[max(0, tokens[0].start - 1) : tokens[0].start + 1] + "\n"
        ):
            found.append(
                Entity(
                    label="PERSON",
                    first=tokens[1].i,
                    last=tokens[-1].i + 1,
                    start=tokens[1].start,
                    end=tokens[-1].end,
                    text=_text(parse, tokens[1].i, tokens[-1].i + 1),
                )
            )
    return found


def _person_draft(drafts: Drafts, name: str) -> Draft:
    """The person draft this name belongs to: same full name, or the surname of a fuller name."""
    words = name.split()
    for draft in drafts.by_key.values():
        if draft.type != "person" or draft.key.startswith("office:"):
            continue
        known = draft.name.split()
        if (
            words == known
            or (len(words) < len(known) and words == known[-len(words) :])
            or (len(known) < len(words) and known == words[-len(known) :])
        ):
            if len(words) > len(known):
                draft.name = name
            return draft
    return drafts.get(f"person:{name}", name=name, type="person")


def _gender_from_name(draft: Draft, parse: Parse, first: int, lexicon: Lexicon, patterns: Patterns) -> None:
    if draft.gender:
        return
    before = parse.tokens[first - 1].text if first > 0 else ""
    draft.gender = patterns.honorifics.get(before) or lexicon.first_names.get(draft.name.split()[0])


def _apposition(parse: Parse, draft: Draft, last: int, drafts: Drafts, lexicon: Lexicon) -> None:
    """ "Kyrylo Budanov, head of Ukraine's Military Intelligence," gives a role and an affiliation."""
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
            draft.role = (
                draft.role or f"{office} of {org.name}"
                if tokens[end].lower == "of"
                else draft.role or f"{office}, {org.name}"
            )
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
            if window[0] <= mention[0] < window[1] and draft.type != "state" and (best is None or mention[0] < best[0]):
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
                    named.role = None  # "General" gives way to "Minister of Defence of Niger"
                _apply_title(named, title, lexicon)
        else:
            name = _office_name(parse, title, lexicon)
            draft = drafts.get(f"office:{name.lower()}", name=name, type="person", country=title.country)
            _apply_title(draft, title, lexicon)
            draft.add(_span(parse, title.first, last))
        drafts.claim(i, last)
        i = last


def _person_after_comma(parse: Parse, last: int, drafts: Drafts, lexicon: Lexicon) -> Draft | None:
    """ "Malaysia's Prime Minister, Najib Razak, said" (or ", General Najib Razak"): the person named after the title."""
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
            return None  # "the minister, a former general": no name follows
        k = rank[0]
    if k >= len(tokens) or tokens[k].ent_type != "PERSON":
        return None
    start = tokens[k].start
    for draft in drafts.by_key.values():
        if (
            draft.type == "person"
            and not draft.key.startswith("office:")
            and any(m[0] == start for m in draft.mentions)
        ):
            return draft
    return None


def _office_name(parse: Parse, title: TitleParse, lexicon: Lexicon) -> str:
    """ "South Korean Defense Minister"; "Thailand's foreign minister" becomes "Thai Foreign Minister"."""
    written = _text(parse, title.first, title.last)
    words = written.split()
    if words and words[0].lower() in ARTICLES:
        written = " ".join(words[1:])
    if title.country and not any(written.startswith(a) for a, c in lexicon.demonyms.items() if c == title.country):
        title_words = _text(parse, title.last - len(title.title.split()), title.last).title()
        return f"{lexicon.adjectives.get(title.country, state_name(lexicon, title.country))} {title_words}"
    return written


def _holder_of(
    drafts: Drafts, key: str, lexicon: Lexicon, country: str | None = None, org_key: str | None = None
) -> Draft | None:
    """The named person who holds this office (and country or organisation, when given)."""
    office = lexicon.titles[key].lower()
    for draft in reversed(list(drafts.by_key.values())):
        if (
            draft.type != "person"
            or draft.key.startswith("office:")
            or not any(t == office or t.endswith(" " + office) for t in draft.titles)
        ):
            continue  # "the envoy" is held by the "special envoy"
        if country and draft.country and draft.country != country:
            continue
        if org_key and draft.affiliation and draft.affiliation != org_key:
            continue
        return draft
    return None


def find_surnames(parse: Parse, drafts: Drafts) -> None:
    """Bare surnames of people already found ("Rutte"), which the NER may have missed or mis-typed."""
    surnames: dict[str, Draft] = {}
    for draft in drafts.by_key.values():
        if draft.type == "person" and not draft.key.startswith("office:") and len(draft.name.split()) > 1:
            surnames.setdefault(draft.name.split()[-1], draft)
    for i, token in enumerate(parse.tokens):
        holder = surnames.get(token.text)
        if holder is not None and drafts.free(i, i + 1):
            holder.add((token.start, token.end))
            drafts.claim(i, i + 1)
