"""Finding quotations: straight and curly marks, doubled apostrophes, several paragraphs."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from sitrep.layers.claims.quotes import find_quotes, has_quoted_words, quote_at


def inner_texts(text: str) -> list[str]:
    return [text[q.inner[0] : q.inner[1]] for q in find_quotes(text)]


def test_straight_quotes() -> None:
    text = 'The mayor said: "The water is safe to drink." Residents were not convinced.'
    assert inner_texts(text) == ["The water is safe to drink."]


def test_curly_quotes_drop_the_trailing_comma() -> None:
    text = "“We will rebuild the school,” the governor said."
    assert inner_texts(text) == ["We will rebuild the school"]


def test_two_quotes_in_one_sentence() -> None:
    text = '"The dam held," she said, "but the road is gone."'
    assert inner_texts(text) == ["The dam held", "but the road is gone."]


def test_doubled_apostrophes_are_quotation_marks() -> None:
    text = "''It was a long night,'' the pilot said."
    assert inner_texts(text) == ["It was a long night"]


def test_quotation_reopened_in_the_next_paragraph_is_one_quotation() -> None:
    text = (
        'The coach told reporters: "We trained all winter for this.\n\n'
        '"Nobody expected the final to be so close."\n\nThe team flies home on Sunday.'
    )
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].paragraphs == 2 and quotes[0].closed
    assert text[quotes[0].inner[0] : quotes[0].inner[1]].endswith("so close.")


def test_unclosed_quotation_ends_with_its_paragraph() -> None:
    text = 'He shouted "run to the shelter\nThe sirens stopped at noon.'
    quotes = find_quotes(text)
    assert len(quotes) == 1 and not quotes[0].closed
    assert text[quotes[0].inner[0] : quotes[0].inner[1]] == "run to the shelter"


def test_apostrophes_are_not_quotes() -> None:
    assert find_quotes("The army’s convoy reached the country's border.") == []
    assert not has_quoted_words("The army’s convoy reached the country's border.")


def test_single_quoted_words_count_as_quoted() -> None:
    assert has_quoted_words("Minister calls the deal ‘a betrayal’")
    assert has_quoted_words("She certainly wasn't 'forced' to stay.")


def test_quote_at() -> None:
    text = 'Before "inside" after'
    quotes = find_quotes(text)
    assert quote_at(quotes, text.index("inside")) is quotes[0]
    assert quote_at(quotes, 0) is None


@given(st.text(alphabet=st.sampled_from(list("ab \"“”\n,.'")), max_size=80))
def test_quotes_lie_inside_the_text_and_in_order(text: str) -> None:
    quotes = find_quotes(text)
    for quote in quotes:
        assert 0 <= quote.start < quote.inner[0] <= quote.inner[1] <= quote.end <= len(text)
    assert all(a.end <= b.start for a, b in pairwise(quotes))
