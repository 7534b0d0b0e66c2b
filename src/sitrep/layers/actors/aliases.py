"""Acronyms, nicknames and other names the text itself gives an actor.

News defines its short forms as it goes: "the Rapid Support Forces (RSF)", "Doctors
Without Borders, known by its French initials MSF", "Mohamed Hamdan Dagalo, widely known
as Hemedti", "the Houthis, who call themselves Ansar Allah". :func:`alias_links` finds
those pairs (pure: token spans only); :func:`apply_aliases` makes the short form a
mention of the long form's actor, folds in any actor the finders made of it, and adds
every later bare use of the short form ("RSF said ...") to the same actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.layers.actors.drafts import Draft, Drafts, Patterns, _span, _text
from sitrep.nlp import Parse

ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&.\-]{1,11}")
NAME_JOINERS = {"of", "for", "the", "and", "de", "du", "des", "la", "le", "al", "el", "on", "in"}
QUOTES = {'"', "“", "”", "'", "‘", "’"}


@dataclass(frozen=True)
class AliasLink:
    """A long form and the short form the text gives it: token ranges [first, last)."""

    long: tuple[int, int]
    short: tuple[int, int]
    kind: str  # "acronym" | "cue"


def is_acronym(text: str) -> bool:
    """ "RSF", "FARDC", "U.N.", "M23", "UNIFIL": two or more capitals, short, no spaces."""
    capitals, digits = sum(c.isupper() for c in text), sum(c.isdigit() for c in text)
    return bool(ACRONYM.fullmatch(text)) and capitals + digits >= 2 and sum(c.islower() for c in text) <= 2


def _capital_before_joiners(parse: Parse, k: int) -> bool:
    """Whether a capitalised word comes before the one or two joiners ending at token k ("Forces of the")."""
    tokens = parse.tokens
    j = k
    while j >= 0 and k - j < 2 and tokens[j].lower in NAME_JOINERS:
        j -= 1
    return j >= 0 and tokens[j].text[:1].isupper() and tokens[j].sent == tokens[k].sent


def _in_name(parse: Parse, k: int, end: int) -> bool:
    """Whether token k continues, leftwards, a name that runs to ``end``."""
    token = parse.tokens[k]
    glued = k + 1 < end and not parse.text[token.end : parse.tokens[k + 1].start]  # "Tehreek-e-Taliban"
    if token.text[:1].isupper() or token.text[:1].isdigit():
        return True
    if glued and (token.text.isalpha() or token.text == "-"):
        return True
    return token.lower in NAME_JOINERS and k + 1 < end and _capital_before_joiners(parse, k)


def name_run_before(parse: Parse, end: int) -> tuple[int, int] | None:
    """The capitalised name that ends at token ``end`` (exclusive): "Haitian National Police"."""
    tokens = parse.tokens
    first = end
    while first - 1 >= 0 and tokens[first - 1].sent == tokens[end - 1].sent and _in_name(parse, first - 1, end):
        first -= 1
    while first < end and (tokens[first].lower in NAME_JOINERS or tokens[first].text == "-"):
        first += 1
    if end - first < 2:
        return None
    if any(t.ent_type in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"} for t in tokens[first:end]):
        return None  # "KYIV, March 5 (Reuters)": a dateline's date
    return first, end


def _name_run_after(parse: Parse, start: int) -> tuple[int, int] | None:
    """A name right after an alias cue: a capitalised run, hyphen-joined parts kept ("Tehreek-e-Taliban")."""
    tokens = parse.tokens
    k = start
    if k < len(tokens) and tokens[k].text in QUOTES:
        k += 1
    first = k
    while k < len(tokens) and tokens[k].sent == tokens[first].sent and k - first < 6:
        token = tokens[k]
        glued = k > first and not parse.text[tokens[k - 1].end : token.start]
        if (
            token.text[:1].isupper()
            or token.text[:1].isdigit()
            or (glued and token.text[:1].isalpha())
            or (token.text == "-" and glued)
        ):
            k += 1
        else:
            break
    return (first, k) if k > first else None


def _cue_at(parse: Parse, i: int, patterns: Patterns) -> int | None:
    """The token after an alias cue starting at token i ("known as", "who call themselves"), if one does."""
    tokens = parse.tokens
    first_word = tokens[i].lower
    for cue in patterns.alias_cues:
        if not cue.startswith(first_word):
            continue
        words = cue.split()
        if i + len(words) <= len(tokens) and [t.lower for t in tokens[i : i + len(words)]] == words:
            return i + len(words)
    return None


def alias_links(parse: Parse, patterns: Patterns) -> list[AliasLink]:
    """Every "Long Name (ABC)" and "X, known as Y" pair in the text."""
    tokens = parse.tokens
    links = []
    for i in range(1, len(tokens) - 2):
        if tokens[i].text == "(" and tokens[i + 2].text == ")" and is_acronym(tokens[i + 1].text):
            long = name_run_before(parse, i)
            if long is not None:
                links.append(AliasLink(long=long, short=(i + 1, i + 2), kind="acronym"))
    for i in range(1, len(tokens) - 2):
        k = i + 1 if tokens[i].text == "," else i
        if k == i and tokens[i - 1].text[:1].islower():
            continue  # "the group known as": no name before the cue
        after = _cue_at(parse, k, patterns)
        if after is None:
            continue
        short = _name_run_after(parse, after)
        long = name_run_before(parse, i) or ((i - 1, i) if tokens[i - 1].text[:1].isupper() else None)
        if short is not None and long is not None:
            links.append(AliasLink(long=long, short=short, kind="cue"))
    return links


def _long_form_draft(parse: Parse, drafts: Drafts, link: AliasLink, new_draft) -> Draft | None:
    """The actor of the long form: the draft whose mention ends where it ends, or a new one."""
    end = parse.tokens[link.long[1] - 1].end
    start = parse.tokens[link.long[0]].start
    # a draft named by the whole long form (give or take an article before it)
    candidates = [d for d in drafts.by_key.values() for m in d.mentions if m[1] == end and abs(m[0] - start) <= 4]
    if candidates:
        return candidates[0]
    covered = [m for d in drafts.by_key.values() for m in d.mentions if m[0] <= start and end <= m[1]]
    if link.kind != "acronym" or covered:
        return None
    # "the U.N. Integrated Office in Haiti (BINUH)": a name no finder made whole, whatever names it holds
    draft = new_draft(link.long)
    draft.add((start, end))
    for k in range(*link.long):
        if drafts.free(k, k + 1):
            drafts.claim(k, k + 1)
    return draft


def apply_aliases(parse: Parse, drafts: Drafts, patterns: Patterns, new_draft) -> dict[str, Draft]:
    """Give each long form its short forms, in the text and later on; returns short form -> draft.

    ``new_draft((first, last))`` makes an organisation draft for a long form no finder named.
    """
    learned: dict[str, Draft] = {}
    for link in alias_links(parse, patterns):
        target = _long_form_draft(parse, drafts, link, new_draft)
        if target is None:
            continue
        short_span = _span(parse, *link.short)
        owner = drafts.owner(short_span)
        for inner in [
            d
            for d in drafts.by_key.values()
            if d is not owner
            and d is not target
            and d.type != "state"
            and d.mentions
            and all(short_span[0] <= m[0] and m[1] <= short_span[1] for m in d.mentions)
        ]:
            drafts.merge(inner, target)  # "Tehreek" of "Tehreek-e-Taliban Pakistan"
        if owner is not None and owner is not target:
            if owner.type == "state" or (
                link.kind == "acronym" and (owner.type == "person") != (target.type == "person")
            ):
                continue  # "General Ahmed (SAF)": a person is not named by an organisation's acronym
            if owner.key.startswith("entry:") and not target.key.startswith("entry:") and target.type != "person":
                owner, target = target, owner  # the dictionary's actor keeps its name
            drafts.merge(owner, target)
        target.add(short_span)
        drafts.claim(*link.short)
        learned[_text(parse, *link.short)] = target
    _later_uses(parse, drafts, learned)
    return learned


def _later_uses(parse: Parse, drafts: Drafts, learned: dict[str, Draft]) -> None:
    """Every bare use of a learned short form joins its actor; an actor the finders made of it is folded in."""
    for short, target in learned.items():
        if target.key not in drafts.by_key:
            continue
        for draft in list(drafts.by_key.values()):
            if draft is not target and draft.type != "state" and draft.name == short:
                drafts.merge(draft, target)
        size = len(short.split())
        tokens = parse.tokens
        for i in range(len(tokens)):
            if tokens[i].text != short.split()[0] or i + size > len(tokens):
                continue
            if _text(parse, i, i + size) == short and drafts.free(i, i + size):
                target.add(_span(parse, i, i + size))
                drafts.claim(i, i + size)
