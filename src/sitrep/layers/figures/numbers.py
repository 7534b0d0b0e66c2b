"""Numbers as news writes them: numerals, number words, scales and vague amounts.

``parse_number("1.2 million")`` gives 1200000.0; ``find_numbers(text)`` scans a text for
every quantity phrase ("11,000", "two dozen", "10k", "tens of thousands") with its
character span. Vague amounts carry bounds instead of a value (the convention is in
docs/figures-and-times.md). Words and scales come from ``resources/figures_numbers.json``
and ``resources/figures_vague.tsv``, loaded once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep import resources

NUMBERS_FILE = "figures_numbers.json"
GROUP_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin space between digit groups: "3 000"
_GROUPED_DIGITS = re.compile(rf"(?<=\d)[{GROUP_SPACES}](?=\d{{3}})")
VAGUE_FILE = "figures_vague.tsv"


def resource_json(name: str) -> Any:
    """A bundled JSON resource, parsed."""
    return resources.json_object(name)


def resource_rows(name: str) -> list[dict[str, str]]:
    """The rows of a bundled TSV resource with a header line; ``#`` lines are comments."""
    return resources.records(name)


@dataclass(frozen=True)
class Quantity:
    """A number phrase found in a text: ``value``, or ``low``/``high`` bounds for a vague amount."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    spelled: bool = False

    @property
    def vague(self) -> bool:
        return self.value is None


class _Lexicon:
    """Number words and compiled patterns built once from the resource files."""

    def __init__(self) -> None:
        data = resource_json(NUMBERS_FILE)
        self.units: dict[str, int] = data["units"]
        self.tens: dict[str, int] = data["tens"]
        self.hundred: dict[str, int] = data["hundred"]
        self.scales: dict[str, int] = data["scales"]
        self.multipliers: dict[str, int] = data["multipliers"]
        self.articles: list[str] = data["articles"]
        self.attached: dict[str, int] = data["attached_scales"]
        self.spaced: dict[str, int] = data["spaced_scales"]
        self.fractions: dict[str, float] = data["fractions"]
        self.ordinals: dict[str, int] = data["ordinals"]
        self.vague: dict[str, tuple[float, float]] = {
            row["phrase"]: (float(row["low"]), float(row["high"])) for row in resource_rows(VAGUE_FILE)
        }
        self.word_values = {**self.units, **self.tens}
        self.pattern = self._compile()

    def _compile(self) -> re.Pattern[str]:
        def alt(words: Any) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        vague = alt(self.vague)
        number_word = alt([*self.units, *self.tens, *self.hundred, *self.scales])
        word_number = (
            rf"(?:(?:{alt(self.articles)}|{number_word})[\s-]+)?(?:{number_word})"
            rf"(?:(?:[\s-]+|\s+and\s+)(?:{number_word}))*"
            rf"(?:\s+(?:{alt(self.multipliers)}))?"
        )
        article_multiple = rf"(?:{alt(self.articles)})\s+(?:{alt(self.multipliers)}|{alt(self.scales)}|hundred)"
        half = rf"half\s+an?\s+(?:{alt(self.scales)}|{alt(self.multipliers)})"
        numeral = (
            r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
            rf"|(?<![\w.,])\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?:\.\d+)?(?![\d{GROUP_SPACES}]\d)"
            r"|(?<![\w.,])\d+(?:\.\d+)?(?![\d])"
        )
        attached = rf"(?:{alt(self.attached)})(?![\w])"
        spaced = rf"\s+(?:{alt(self.spaced)})(?![\w])"
        digits = rf"(?:{numeral})(?:{attached}|(?:{spaced})+|(?![A-Za-z]))"
        return re.compile(
            rf"(?P<vague>\b(?:{vague})\b)"
            rf"|(?P<half>\b{half}\b)"
            rf"|(?P<digits>{digits})"
            rf"|(?P<words>\b{word_number}\b)"
            rf"|(?P<article>\b{article_multiple}\b)",
            re.IGNORECASE,
        )


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The number lexicon, loaded once."""
    return _Lexicon()


def words_value(words: list[str]) -> float | None:
    """The value of a sequence of lower-case number words ("two", "hundred", "and", "six")."""
    lex = lexicon()
    total, group, seen = 0.0, 0.0, False
    for k, word in enumerate(words):
        if word == "and":
            continue
        if word in lex.articles:
            if k + 1 < len(words) and words[k + 1] in lex.word_values:
                continue  # "a three percent drop": the article belongs to the noun phrase
            group += 1
        elif word in lex.word_values:
            group += lex.word_values[word]
        elif word in lex.hundred:
            group = (group or 1) * 100
        elif word in lex.multipliers:
            group = (group or 1) * lex.multipliers[word]
        elif word in lex.scales:
            total += (group or 1) * lex.scales[word]
            group = 0
        elif word in lex.fractions:
            group += lex.fractions[word]
        else:
            return None
        seen = True
    return total + group if seen else None


def _numeral_value(text: str) -> float | None:
    """The value of digits with an optional scale: "11,000", "1.2 million", "10k", "3.5bn"."""
    lex = lexicon()
    match = re.match(r"(\d[\d,]*(?:\.\d+)?)\s*(.*)", text.strip())
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    for word in match.group(2).split():
        scale = lex.attached.get(word) or lex.spaced.get(word.lower())
        if scale is None:
            return None
        value *= scale
    return value


def parse_number(text: str) -> float | None:
    """The value of one number phrase, or None when it is not one (or is vague)."""
    cleaned = " ".join(_GROUPED_DIGITS.sub("", text).replace("-", " ").split())
    if not cleaned:
        return None
    if cleaned[0].isdigit():
        spaced = re.sub(r"(?<=\d)([A-Za-z])", r" \1", cleaned, count=1)
        return _numeral_value(spaced)
    words = cleaned.lower().split()
    if words[0] == "half" and len(words) >= 3:
        rest = words_value(words[2:])
        return None if rest is None else rest / 2
    return words_value(words)


def vague_bounds(text: str) -> tuple[float, float] | None:
    """(low, high) for a vague amount such as "dozens" or "tens of thousands"."""
    return lexicon().vague.get(" ".join(text.lower().split()))


def ordinal_value(word: str) -> int | None:
    """1 for "first" or "1st", None when ``word`` is not an ordinal."""
    lowered = word.lower()
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", lowered)
    if match:
        return int(match.group(1))
    return lexicon().ordinals.get(lowered)


def find_numbers(text: str) -> list[Quantity]:
    """Every number phrase in ``text``, left to right, without overlaps."""
    found = []
    for match in lexicon().pattern.finditer(text):
        phrase = match.group(0)
        if match.lastgroup == "vague":
            low, high = vague_bounds(phrase) or (None, None)
            found.append(Quantity(match.start(), match.end(), phrase, None, low, high, spelled=True))
            continue
        start = match.start()
        article = re.match(r"(?:an?)\s+(?=(\w+))", phrase, re.IGNORECASE)
        if article and article.group(1).lower() in lexicon().word_values:
            start += article.end()
            phrase = text[start : match.end()]
        value = parse_number(phrase)
        if value is None:
            continue
        found.append(Quantity(start, match.end(), phrase, value, spelled=match.lastgroup != "digits"))
    return found
