"""Number phrases: numerals, words, scales and vague amounts (sitrep.layers.figures.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.layers.figures.numbers import find_numbers, ordinal_value, parse_number, vague_bounds

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("11,000", 11000),
        ("600,000", 600000),
        ("1,234.5", 1234.5),
        ("2.5", 2.5),
        ("1.2 million", 1_200_000),
        ("10 thousand", 10_000),
        ("10k", 10_000),
        ("3.5bn", 3_500_000_000),
        ("4 mln", 4_000_000),
        ("six", 6),
        ("twenty-six", 26),
        ("two hundred and fifty", 250),
        ("two hundred and fifty thousand", 250_000),
        ("a thousand", 1000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a million", 500_000),
        ("three million", 3_000_000),
    ],
)
def test_parse_number(phrase: str, value: float) -> None:
    assert parse_number(phrase) == value


@pytest.mark.parametrize("phrase", ["", "soldiers", "dozens", "the", "five apples"])
def test_not_a_single_number(phrase: str) -> None:
    assert parse_number(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("dozens", 24, 99),
        ("hundreds", 200, 999),
        ("thousands", 2000, 9999),
        ("tens of thousands", 20_000, 99_999),
        ("hundreds of thousands", 200_000, 999_999),
        ("several", 3, 9),
        ("a handful", 3, 6),
        ("a few", 2, 5),
    ],
)
def test_vague_amounts_have_bounds(phrase: str, low: float, high: float) -> None:
    assert vague_bounds(phrase) == (low, high)
    (found,) = find_numbers(f"We counted {phrase} here.")
    assert found.value is None and (found.low, found.high) == (low, high)


@pytest.mark.parametrize(("word", "value"), [("first", 1), ("155th", 155), ("2nd", 2), ("twelfth", 12), ("six", None)])
def test_ordinal_value(word: str, value: int | None) -> None:
    assert ordinal_value(word) == value


def test_find_numbers_spans_match_text() -> None:
    text = "Over 900 people, two dozen tanks, 1.2 million dollars and tens of thousands of troops."
    found = find_numbers(text)
    assert [q.text for q in found] == ["900", "two dozen", "1.2 million", "tens of thousands"]
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text


def test_ordinals_and_designators_are_not_numbers() -> None:
    assert find_numbers("the 155th brigade and the 1st battalion") == []


def test_article_before_a_number_word_is_not_one() -> None:
    (found,) = find_numbers("a three percent drop")
    assert found.text == "three" and found.value == 3


def _spell(n: int) -> str:
    """English words for 0 <= n < 1,000,000."""

    def below_thousand(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(f"{ONES[k // 100]} hundred")
            k %= 100
            if k:
                parts.append("and")
        if k >= 20:
            parts.append(TENS[k // 10] + (f"-{ONES[k % 10]}" if k % 10 else ""))
        elif k or not parts:
            parts.append(ONES[k])
        return " ".join(parts)

    if n >= 1000:
        rest = n % 1000
        head = f"{below_thousand(n // 1000)} thousand"
        return head if not rest else f"{head} {below_thousand(rest)}"
    return below_thousand(n)


@given(st.integers(min_value=1, max_value=999_999))
def test_numeral_with_separators_round_trips(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=1, max_value=999_999))
def test_number_words_round_trip(n: int) -> None:
    assert parse_number(_spell(n)) == n


@given(
    st.integers(min_value=1, max_value=999), st.sampled_from([("thousand", 1e3), ("million", 1e6), ("billion", 1e9)])
)
def test_scaled_numbers_round_trip(n: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    assert parse_number(f"{n} {word}") == n * factor
    (found,) = find_numbers(f"about {n} {word} people")
    assert found.value == n * factor


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3\u202f000 residents", 3000.0),  # narrow no-break space (French and SI style)
        ("1\u00a0200 soldiers", 1200.0),  # no-break space
        ("12\u2009500\u2009000 people", 12_500_000.0),  # thin space
        ("4\u202f500.5 tonnes", 4500.5),
    ],
)
def test_digit_groups_split_by_no_break_spaces(text: str, value: float) -> None:
    [found] = find_numbers(text)
    assert found.value == value
    assert text[found.start : found.end] == found.text


def test_ordinary_spaces_still_separate_numbers() -> None:
    assert [q.value for q in find_numbers("in 2024 3 000 people")] == [2024.0, 3.0, 0.0]
