"""Titles and offices before or around a name: "NATO Secretary General", "Ukrainian President",
"Defence Minister Brigadier General X", and the role, country and body they give a person."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.geo.lexicon import Lexicon
from sitrep.layers.actors.drafts import (
    Draft,
    Drafts,
    _country_before,
    _span,
    _text,
    state_name,
)
from sitrep.model import Span
from sitrep.nlp import Parse


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
    title: str  # title key
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
                return TitleParse(
                    first=start, last=first, title=found[1], title_span=_span(parse, start, found[0]), country=iso3
                )
    return None


def _office_before_rank(parse: Parse, rank: TitleParse, lexicon: Lexicon) -> TitleParse | None:
    """ "Defence Minister Brigadier General X": the office before a rank (and a capitalised word or two) wins."""
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
            if draft.type in {"organization", "media", "armed_forces", "armed_group", "state"} and any(
                m[1] == parse.tokens[k].end for m in draft.mentions
            ):
                title.org_key, title.org_name = draft.key, None if draft.type == "state" else draft.name
                title.country = title.country or draft.country
                owner = parse.token_at(next(m[0] for m in draft.mentions if m[1] == parse.tokens[k].end))
                if owner is not None:  # a mention always starts on a token; keep the title's start otherwise
                    title.first = owner.i
                return


def _role_text(title: TitleParse, lexicon: Lexicon) -> str:
    office = lexicon.titles[title.title]
    if title.org_name:
        return f"{title.org_name} {office}"
    if title.country:
        return f"{office} of {state_name(lexicon, title.country)}"
    return office


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
