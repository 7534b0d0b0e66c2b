"""The figures layer: counts of people, weapons and money with bounds, category and links.

``find_figures(parse, times)`` turns every number phrase of the text (see
:mod:`sitrep.layers.figures.numbers`) that counts something into a :class:`FigureMention`:
value or bounds, the hedge around it ("more than", "up to", "or more"), the head noun
("infantrymen"), a category read from the noun and the verb ("20 soldiers were killed" is
``killed``) and a unit. Years, dates, times of day, ages, ordinals, unit designators,
durations and distances are not figures; percentages and money are, with their unit.
Word lists live in ``resources/figures_*.tsv``.

``run(analysis)`` writes them into the extraction and links each to whose it is (the
actor its noun phrase names), where and when (the nearest place and time in its clause)
and the claim that states it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sitrep.analysis import Analysis, contains
from sitrep.layers.figures.context import civilians_on_the_move, clause_item, figure_owner
from sitrep.layers.figures.numbers import Quantity, find_numbers, resource_rows
from sitrep.model import Figure, Span
from sitrep.nlp import Parse, Token

NOUNS_FILE = "figures_nouns.tsv"
VERBS_FILE = "figures_verbs.tsv"
QUALIFIERS_FILE = "figures_qualifiers.tsv"
CURRENCIES_FILE = "figures_currencies.tsv"

PEOPLE_CATEGORIES = frozenset({"troops", "killed", "wounded", "casualties", "captured", "missing", "displaced"})
NOUN_WINDOW = 6  # tokens between a number and its head noun at most
SKIP = "-"  # the category of nouns that make a number no figure (durations, distances)
SMALL_SPELLED = 10  # "two countries": small spelled-out counts of things are no figures
GENERIC_NOUNS = frozenset({"people", "person", "persons", "individuals", "more", "others", "those", "them"})
_RANGE_JOIN = re.compile(r"\s*(?:-|\u2013|\u2014)\s*|\s+(?:to|or)\s+")
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged?|at\s+age|age\s+of|ages)\s+$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^(?:[\s-]+years?[\s-]+old|-year-old|-month-old|\s+months?\s+old)", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"^(?::\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hours?\s+GMT|GMT|UTC))", re.IGNORECASE)
_DESIGNATOR_BEFORE = re.compile(r"(?:\b[A-Z][\w.]*[-\s]?|No\.\s*|#|\b(?:number|no)\s+)$")
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "appos", "npadvmod", "dep", "nmod", "conj"})
_ESTIMATE = re.compile(r"\bestimate[sd]?\b", re.IGNORECASE)


@dataclass(frozen=True)
class FigureMention:
    """A figure found in a text, before it is linked to other layers."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    noun: str | None
    category: str
    noun_span: Span | None = None
    modifier_span: Span | None = None


@dataclass(frozen=True)
class _Lexicon:
    nouns: dict[str, tuple[str, str]]
    verbs: dict[str, str]
    before: dict[str, str]
    after: dict[str, str]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    before_pattern: re.Pattern[str]
    after_pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The figure word lists, loaded once."""
    nouns = {row["noun"]: (row["category"], row["unit"] or "") for row in resource_rows(NOUNS_FILE)}
    verbs = {row["word"]: row["category"] for row in resource_rows(VERBS_FILE) if row["category"]}
    qualifiers = resource_rows(QUALIFIERS_FILE)
    currencies = resource_rows(CURRENCIES_FILE)
    before = {r["phrase"]: r["qualifier"] for r in qualifiers if r["position"] == "before"}
    after = {r["phrase"]: r["qualifier"] for r in qualifiers if r["position"] == "after"}
    return _Lexicon(
        nouns=nouns,
        verbs=verbs,
        before=before,
        after=after,
        currency_before={r["form"]: r["code"] for r in currencies if r["position"] == "before"},
        currency_after={r["form"].lower(): r["code"] for r in currencies if r["position"] == "after"},
        before_pattern=re.compile(rf"(?:^|(?<=[^\w]))({_alternation(before)})\s*$", re.IGNORECASE),
        after_pattern=re.compile(rf"\s*({_alternation(after)})(?![\w])", re.IGNORECASE),
    )


def _alternation(phrases: dict[str, str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


# --------------------------------------------------------------------------- finding


def find_figures(parse: Parse, excluded: Sequence[Span] = ()) -> list[FigureMention]:
    """Every figure in the parsed text; ``excluded`` spans (the times) hold no figures."""
    text = parse.text
    found: list[FigureMention] = []
    for quantity, second in _quantities(text, excluded):
        mention = _read(parse, quantity, second, found)
        if mention is not None:
            found.append(mention)
    return found


def _quantities(text: str, excluded: Sequence[Span]) -> list[tuple[Quantity, Quantity | None]]:
    """Number phrases that may be figures, with the upper end of a range when there is one."""
    numbers = [q for q in find_numbers(text) if not _excluded(text, q, excluded)]
    out: list[tuple[Quantity, Quantity | None]] = []
    skip = False
    for k, quantity in enumerate(numbers):
        if skip:
            skip = False
            continue
        following = numbers[k + 1] if k + 1 < len(numbers) else None
        if following is not None and _joins_range(text, quantity, following):
            out.append((quantity, following))
            skip = True
        else:
            out.append((quantity, None))
    return out


def _joins_range(text: str, low: Quantity, high: Quantity) -> bool:
    """ "10,000-12,000", "10 to 12 thousand", "two or three", "between 10 and 12"; not "from 10 to 12" (a change)."""
    between = text[low.end : high.start]
    after_between = _BETWEEN.search(text[max(0, low.start - 9) : low.start])
    if re.fullmatch(r"\s+and\s+", between):
        return after_between is not None and after_between.group(0).lower().startswith("between")
    if low.vague or high.vague or not _RANGE_JOIN.fullmatch(between):
        return False
    return not (re.fullmatch(r"\s*to\s*", between) and after_between)


def _excluded(text: str, quantity: Quantity, excluded: Sequence[Span]) -> bool:
    """Numbers that are no figures: inside a date, a clock time, an age, a designator, an ordinal."""
    if any(quantity.start < end and start < quantity.end for start, end in excluded):
        return True
    before, after = text[max(0, quantity.start - 12) : quantity.start], text[quantity.end : quantity.end + 12]
    if _CLOCK_AFTER.search(after) or _AGE_BEFORE.search(before) or _AGE_AFTER.search(after):
        return True
    if before.endswith(("-", "/")) and re.search(r"[A-Za-z]-$", before):
        return True  # "F-16", "Su-34"
    if re.match(r"^(?:[,.]\d|\u2032)", after):
        return True  # "4,4'-…": chemistry or a list of numbers, not a count
    if re.match(r"^-[A-Za-z]", after) and not re.match(r"^-(?:odd|plus)\b", after, re.IGNORECASE):
        return True  # "three-day", "155-mm": a compound adjective
    if (
        not quantity.spelled
        and _DESIGNATOR_BEFORE.search(before)
        and not re.search(r"(?:^|\s)[A-Z][a-z]+\s$", before[-1:])
    ):
        return _designator(before)
    return False


def _designator(before: str) -> bool:
    """A number named by the capitalised word before it: "Unit 29155", "Resolution 2231", "No. 5".

    A capitalised word that opens the sentence ("Between 10 and 12", "Some 300") names nothing.
    """
    match = re.search(r"(^|.)(.)?(\S+)\s?$", before, re.DOTALL)
    if not match:
        return False
    word = match.group(3)
    if word in ("No.", "#") or word.lower() in ("number", "no"):
        return True
    opens_sentence = before.strip() == word or bool(re.search(r"(?:[.!?\n\"\u201c]\s*)\S+\s?$", before))
    return word[0].isupper() and not opens_sentence and word.rstrip(".,") not in ("US", "U.S.")


# --------------------------------------------------------------------------- reading one figure


def _read(
    parse: Parse, quantity: Quantity, second: Quantity | None, earlier: list[FigureMention]
) -> FigureMention | None:
    text = parse.text
    lex = lexicon()
    last = second or quantity
    value, low, high = quantity.value, quantity.low, quantity.high
    qualifier = "range" if quantity.vague else "exact"
    if second is not None:
        low_value = quantity.value if quantity.value is not None else quantity.low
        high_value = second.value if second.value is not None else second.high
        low_value = _scaled_like(low_value, high_value, second)
        if low_value is None or high_value is None or low_value >= high_value:
            return None
        value, low, high, qualifier = None, low_value, high_value, "range"
    start, end = quantity.start, last.end
    between = _BETWEEN.search(text[max(0, start - 9) : start]) if second is not None else None
    if between:
        start -= len(between.group(0))

    currency, start, end = _currency(text, start, end)
    hedge, start, end = _qualifier(text, start, end)
    if hedge and qualifier == "exact":
        qualifier = hedge
    unit: str | None = None
    if currency:
        unit, category = currency, "money"
        noun, noun_span, modifier_span = None, None, None
    elif re.match(r"\s*(?:%|percent\b|per\s+cent\b)", text[end:]):
        pct = re.match(r"\s*(?:%|percent|per\s+cent)", text[end:])
        end += pct.end()  # type: ignore[union-attr]
        unit, category, noun, noun_span, modifier_span = "percent", "other", None, None, None
    else:
        noun, noun_span, modifier_span = _head_noun(parse, end)
        if noun == SKIP:
            return None
        more = re.match(r"\s+(?:more|others)\b", text[end:]) if noun is None else None
        if more:
            end += more.end()
        if noun is not None and lex.nouns.get(_key(noun), ("", ""))[0] == "-":
            return None
        if noun_span is not None and _named_not_counted(parse, quantity, noun_span):
            return None
        category = _category(parse, quantity, noun, noun_span, earlier)
        unit = _unit(noun, category)
        if noun_span is not None:
            end = noun_span[1]
        if not _counts_something(noun, category, quantity):
            return None
    after_hedge, end = _after_qualifier(text, end)
    if after_hedge and qualifier == "exact":
        qualifier = after_hedge
    if qualifier == "exact" and not quantity.vague and _estimated(parse, start):
        qualifier = "approx"
    return FigureMention(
        start, end, text[start:end], value, low, high, qualifier, unit, noun, category, noun_span, modifier_span
    )


def _named_not_counted(parse: Parse, quantity: Quantity, noun_span: Span) -> bool:
    """ "2700 North Fourth Street", "Conference 2018 09/09": a number before a name, or a year, counts nothing."""
    head = parse.token_at(noun_span[1] - 1)
    if head is None:
        return False
    if head.pos == "PROPN" and head.ent_type != "NORP" and _key(head.text) not in lexicon().nouns:
        return True
    year_like = re.fullmatch(r"(?:1[6-9]|20)\d\d", quantity.text) is not None
    return year_like and head.tag != "NNS"


def _scaled_like(low: float | None, high: float | None, second: Quantity) -> float | None:
    """ "10 to 12 thousand": the scale written once applies to both ends."""
    if low is None or high is None:
        return low
    words = second.text.lower().split()
    scales = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9}
    scale = scales.get(words[-1]) if len(words) > 1 else None
    if scale and low * scale < high:
        return low * scale
    return low


def _currency(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    lex = lexicon()
    before = text[max(0, start - 4) : start]
    for form in sorted(lex.currency_before, key=len, reverse=True):
        if before.endswith((form, form + " ")):
            return lex.currency_before[form], start - (len(form) + (1 if before.endswith(form + " ") else 0)), end
    match = re.match(r"\s+([A-Za-z]+(?:\s+[A-Za-z]+)?)", text[end : end + 30])
    if match:
        for candidate in (match.group(1), match.group(1).split()[0]):
            code = lex.currency_after.get(candidate.lower())
            if code and not (candidate.lower() == "won" and not text[end:].startswith(" won ")):
                return code, start, end + match.start(1) + len(candidate)
    return None, start, end


def _qualifier(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """A hedge written before the number ("more than", "up to"), widening the span over it."""
    before = text[max(0, start - 24) : start]
    match = lexicon().before_pattern.search(before)
    if not match:
        return None, start, end
    return lexicon().before[match.group(1).lower()], start - (len(before) - match.start(1)), end


def _after_qualifier(text: str, end: int) -> tuple[str | None, int]:
    """A hedge written after the number ("or more", "-odd")."""
    match = lexicon().after_pattern.match(text, end, min(len(text), end + 12))
    if not match:
        return None, end
    return lexicon().after[match.group(1).lower()], match.end()


def _head_noun(parse: Parse, end: int) -> tuple[str | None, Span | None, Span | None]:
    """The counted noun after a number: "11,000 North Korean infantrymen" -> "infantrymen"."""
    tokens = _tokens_after(parse, end)
    if tokens and tokens[0].lower == "of":  # "dozens of soldiers", "2,000 of them"
        tokens = tokens[1:]
        if tokens and tokens[0].lower in ("the", "its", "their", "his", "her", "whom", "them", "these", "those"):
            return None, None, None
    head: Token | None = None
    modifiers_start: int | None = None
    for token in tokens[:NOUN_WINDOW]:
        if (token.pos in ("NOUN", "PROPN") and token.ent_type not in ("NORP", "GPE")) or token.lower in lexicon().nouns:
            if lexicon().nouns.get(_key(token.text), ("", ""))[0] == SKIP:
                return SKIP, None, None  # "a three hour meeting"
            head = token
            if modifiers_start is None:
                modifiers_start = token.start
            nxt = parse.tokens[token.i + 1] if token.i + 1 < len(parse.tokens) else None
            if nxt is None or not (
                (nxt.pos == "NOUN" and nxt.lower not in lexicon().verbs) or nxt.lower in ("seekers",)
            ):
                break
            continue
        if (
            token.pos in ("ADJ", "PROPN", "NUM")
            or token.ent_type in ("NORP", "GPE", "ORG")
            or token.text in ("-",)
            or (token.dep == "amod" and token.tag in ("VBN", "VBG"))
        ):  # "14 suspected fighters"
            if modifiers_start is None:
                modifiers_start = token.start
            continue
        break
    if head is None:
        return None, None, None
    first_noun = _compound_start(parse, head)
    noun_text = parse.text[first_noun.start : head.end]
    if _key(noun_text) not in lexicon().nouns:
        noun_text = head.text
        first_noun = head
    modifier_span = (
        (modifiers_start, first_noun.start)
        if modifiers_start is not None and modifiers_start < first_noun.start
        else None
    )
    return noun_text, (first_noun.start, head.end), modifier_span


def _compound_start(parse: Parse, head: Token) -> Token:
    first = head
    while first.i > 0 and parse.tokens[first.i - 1].pos == "NOUN" and parse.tokens[first.i - 1].dep == "compound":
        first = parse.tokens[first.i - 1]
    return first


def _tokens_after(parse: Parse, end: int) -> list[Token]:
    token = parse.token_at(end) or parse.token_at(end - 1)
    k = token.i + 1 if token is not None and token.end <= end else (token.i if token is not None else len(parse.tokens))
    if token is not None and token.start >= end:
        k = token.i
    sentence = parse.tokens[k - 1].sent if k > 0 else 0
    out = []
    for t in parse.tokens[k : k + NOUN_WINDOW + 2]:
        if t.pos == "SPACE" or t.sent != sentence:
            break
        out.append(t)
    return out


def _key(noun: str) -> str:
    lowered = " ".join(noun.lower().split())
    nouns = lexicon().nouns
    if lowered in nouns:
        return lowered
    for singular in (lowered.removesuffix("s"), re.sub(r"ies$", "y", lowered), re.sub(r"men$", "man", lowered)):
        if singular in nouns:
            return singular
    return lowered


def _category(
    parse: Parse, quantity: Quantity, noun: str | None, noun_span: Span | None, earlier: list[FigureMention]
) -> str:
    """Category from the governing verb, an including-list, the noun, or the figure before it."""
    lex = lexicon()
    noun_category = lex.nouns.get(_key(noun), ("other", ""))[0] if noun else "other"
    anchor = _anchor_token(parse, quantity, noun_span)
    verb_category = _verb_category(parse, anchor) if anchor is not None else None
    if noun_category == "weapons":
        return noun_category
    if verb_category and verb_category != "troops":
        return verb_category
    inherited = _included_in(parse, anchor, earlier) if anchor is not None else None
    if inherited:
        return inherited
    if noun_category != "other":
        return noun_category
    if verb_category:
        return verb_category
    if noun is not None and anchor is not None and civilians_on_the_move(parse, anchor, _key(noun)):
        return "displaced"
    if noun is None or noun.lower() in GENERIC_NOUNS:
        return _antecedent_category(parse, quantity, earlier)
    return "other"


def _anchor_token(parse: Parse, quantity: Quantity, noun_span: Span | None) -> Token | None:
    if noun_span is not None:
        return parse.token_at(noun_span[1] - 1)
    return parse.token_at(quantity.end - 1)


def _verb_category(parse: Parse, token: Token) -> str | None:
    """ "20 soldiers were killed", "killing 107", "238 injured", "are dead": what the clause says befell them."""
    verbs = lexicon().verbs
    for child in parse.children(token.i):
        if child.dep in ("acl", "amod", "relcl") and (child.lemma.lower() in verbs or child.lower in verbs):
            return verbs.get(child.lower) or verbs[child.lemma.lower()]
    while token.dep in ("pobj", "prep") and token.head != token.i and not _is_argument(token):
        token = parse.tokens[token.head]  # "dozens of civilians" -> "dozens"
    head = parse.tokens[token.head]
    for _ in range(2):
        if head.i == token.i:
            break
        lemma = head.lemma.lower()
        argument = _is_argument(token)
        if argument and (lemma in verbs or head.lower in verbs):
            return verbs.get(head.lower) or verbs[lemma]
        if argument and (head.pos == "AUX" or lemma == "be"):
            for child in parse.children(head.i):
                if child.dep in ("acomp", "attr") and (child.lower in verbs or child.lemma.lower() in verbs):
                    return verbs.get(child.lower) or verbs[child.lemma.lower()]
        if argument:
            found = _complement_category(parse, head)
            if found:
                return found
        if token.dep == "conj":
            token, head = head, parse.tokens[head.head]  # "killing 107 and wounding 238"
        elif _shares_object(parse, head):
            head = parse.tokens[head.head]  # "recruit and arm 10,000 volunteers"
        else:
            break
    return None


def _is_argument(token: Token) -> bool:
    """A subject or object of its head; a range parsed as "between ..." phrase stands where one would."""
    return token.dep in _ARGUMENT_DEPS or (token.dep == "prep" and token.lower == "between")


def _shares_object(parse: Parse, verb: Token) -> bool:
    """A verb joined to an earlier verb that has no object of its own: both take this verb's object."""
    if verb.dep != "conj" or verb.pos != "VERB" or verb.head == verb.i:
        return False
    first = parse.tokens[verb.head]
    return first.pos == "VERB" and not any(c.dep in ("dobj", "obj") for c in parse.children(first.i))


def _complement_category(parse: Parse, verb: Token) -> str | None:
    """ "registered as displaced", "listed as missing": the word after the verb's "as"; "left 20 people dead",
    "left 40 injured": the object's predicate."""
    verbs = lexicon().verbs
    for word in parse.children(verb.i):
        if (
            word.dep in ("oprd", "xcomp")
            and word.pos in ("ADJ", "VERB")
            and (word.lower in verbs or word.lemma.lower() in verbs)
        ):
            return verbs.get(word.lower) or verbs[word.lemma.lower()]
    for prep in parse.children(verb.i):
        if prep.dep != "prep" or prep.lower != "as":
            continue
        for word in parse.children(prep.i):
            if word.dep in ("pobj", "pcomp", "acomp", "amod") and (word.lower in verbs or word.lemma.lower() in verbs):
                return verbs.get(word.lower) or verbs[word.lemma.lower()]
    return None


def _included_in(parse: Parse, token: Token, earlier: list[FigureMention]) -> str | None:
    """ "20 soldiers were killed, including six officers": the part shares the whole's category.

    The parser often hangs "including" on the wrong noun, so the whole is the latest figure of
    people before it in the sentence.
    """
    head = parse.tokens[token.head]
    if head.lower not in ("including", "among", "incl.") or head.i == token.i:
        return None
    sentence = parse.sentence_of(token.start)
    for figure in reversed(earlier):
        if sentence is not None and figure.start >= sentence.start and figure.category in PEOPLE_CATEGORIES:
            return figure.category
    return None


def _antecedent_category(parse: Parse, quantity: Quantity, earlier: list[FigureMention]) -> str:
    """ "200 more", "up to 10,000 people": the category of the figure or people noun just before, same sentence."""
    sentence = parse.sentence_of(quantity.start)
    if sentence is None:
        return "other"
    for figure in reversed(earlier):
        if figure.start >= sentence.start and figure.category != "other":
            return figure.category
    nouns = lexicon().nouns
    for token in reversed(parse.tokens_in(sentence.start, quantity.start)):
        category = nouns.get(_key(token.text), ("", ""))[0] or nouns.get(token.lemma.lower(), ("", ""))[0]
        if category in PEOPLE_CATEGORIES:
            return category
    return "other"


def _unit(noun: str | None, category: str) -> str | None:
    if category in PEOPLE_CATEGORIES:
        return "person"
    if noun is None:
        return None
    category_unit = lexicon().nouns.get(_key(noun))
    if category_unit and category_unit[1]:
        return category_unit[1]
    return _key(noun)


def _counts_something(noun: str | None, category: str, quantity: Quantity) -> bool:
    """Whether a number is worth reporting: it counts a noun, or the clause says what befell it."""
    if quantity.vague:
        return category != "other"
    if noun is None:
        return category != "other"
    if quantity.spelled and quantity.value == 1 and quantity.text.lower() in ("one", "a", "an"):
        return noun is not None and category != "other"  # "one needs to…" is a pronoun
    if quantity.spelled and quantity.value is not None and quantity.value < SMALL_SPELLED and category == "other":
        return lexicon().nouns.get(_key(noun), ("", ""))[1] == "person"
    return True


def _estimated(parse: Parse, start: int) -> bool:
    """ "Estimates suggest 8000 migrants…": an estimate word before the number in its sentence."""
    sentence = parse.sentence_of(start)
    if sentence is None:
        return False
    return bool(_ESTIMATE.search(parse.text[sentence.start : start]))


# --------------------------------------------------------------------------- the stage


def run(analysis: Analysis) -> None:
    """Find the document's figures, link them to owner, place, time and claim, and append them."""
    extraction = analysis.extraction
    excluded = [time.span for time in extraction.times]
    places = [(p.id, m) for p in extraction.places for m in p.mentions]
    times = [(t.id, t.span) for t in extraction.times]
    mentions = find_figures(analysis.parse, excluded)
    spans = [(m.start, m.end) for m in mentions]
    for mention in mentions:
        figure = Figure(
            id=extraction.next_id("figures"),
            text=mention.text,
            span=(mention.start, mention.end),
            value=mention.value,
            low=mention.low,
            high=mention.high,
            qualifier=mention.qualifier,
            unit=mention.unit,
            noun=mention.noun,
            category=mention.category,
        )
        anchor = figure_anchor(analysis.parse, mention)
        if anchor is not None:
            people = mention.category in PEOPLE_CATEGORIES or mention.unit == "person"
            figure.actor = figure_owner(
                analysis, anchor, mention.category, people, mention.modifier_span, mention.noun_span
            )
            figure.place = clause_item(analysis, anchor, figure.span, places, spans, is_place=True)
            figure.time = clause_item(analysis, anchor, figure.span, times, spans)
        figure.claim = _claim(analysis, figure.span)
        extraction.figures.append(figure)
        if figure.claim:
            claim = extraction.get(figure.claim)
            if claim is not None and figure.id not in claim.figures:
                claim.figures.append(figure.id)


def figure_anchor(parse: Parse, mention: FigureMention) -> Token | None:
    """The token that stands for the figure in the parse: its head noun, else its last number word."""
    if mention.noun_span is not None:
        token = parse.token_at(mention.noun_span[1] - 1)
        if token is not None:
            return token
    tokens = [t for t in parse.tokens_in(mention.start, mention.end) if t.pos != "SPACE"]
    candidates = [t for t in tokens if t.pos == "NUM"] or tokens
    return candidates[-1] if candidates else None


def _claim(analysis: Analysis, span: Span) -> str | None:
    """The claim whose content holds the figure (the narrowest one)."""
    holding = [c for c in analysis.extraction.claims if contains(c.content_span, span)]
    if not holding:
        return None
    return min(holding, key=lambda c: c.content_span[1] - c.content_span[0]).id
