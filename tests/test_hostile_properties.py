"""Property tests over the whole pipeline: any text gives a valid extraction, spans that
index the text, no exception; fusion does not depend on input order and is idempotent."""

from __future__ import annotations

import itertools
import json
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.fuse import build_picture
from sitrep.model import Document
from sitrep.pipeline import extract
from sitrep.schema import problems

FRAGMENTS = [
    "Rebels attacked the town of Kessa on Monday",
    "the army said",
    "\u201cWe will not retreat,\u201d the mayor said.",
    "About 3,000 people fled",
    "1\u00a0200 soldiers",
    "3\u202f000 residents",
    "on 5 March 2026",
    "last week",
    "BAMAKO, Mali (AFP) \u2014",
    "Police arrested 40 protesters in Nairobi.",
    "according to the UN",
    "Ukraine",
    "two dozen",
    "tens of thousands",
    "the Ministry of Defence",
    "Reuters",
    ".",
    ",",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u200d",
    "\u200b",
    "\u0301",
    "\ufeff",
    "\U0001f1fa\U0001f1e6",
    "\U0001d54f",
    "\U0001f600 Kyiv",
    "e\u0301",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\t",
    "\u00ad",
    "\u2028",
    "(",
    ")",
    "\u2014",
    "-",
    '"',
    "'",
    "...",
    "%",
    "$5m",
    "1e999",
    "0x7f",
]
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30).map(" ".join) | st.text(max_size=200)


def spans_of(value: Any) -> list[tuple[list[int], str]]:
    """Every (span, text) pair in an extraction, wherever it sits."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("span") and isinstance(item, list) and len(item) == 2:
                text_key = (
                    "text" if key == "span" else key.removesuffix("_span") + ("_text" if key == "speaker_span" else "")
                )
                if isinstance(value.get(text_key), str):
                    found.append((item, value[text_key]))
            found.extend(spans_of(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(spans_of(item))
    return found


def check_extraction(text: str) -> None:
    if not text.strip():
        return
    result = extract(Document(text=text)).to_dict()
    assert problems(result) == []
    for (start, end), phrase in spans_of(result):
        assert text[start:end] == phrase


@given(texts)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_gives_a_valid_extraction(text: str) -> None:
    check_extraction(text)


@pytest.mark.slow
@given(texts)
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_gives_a_valid_extraction_long_run(text: str) -> None:
    check_extraction(text)


@lru_cache(maxsize=1)
def extractions() -> tuple[str, ...]:
    articles = [
        "Rebels attacked the town of Kessa on Monday, killing 12 soldiers, the army said.",
        "Rebels attacked Kessa on Monday and killed 12 soldiers, the army said on Tuesday.",
        "Police arrested 40 protesters in Nairobi on Wednesday, witnesses said.",
        "About 3,000 people fled Kessa after the attack, the UN refugee agency said.",
    ]
    return tuple(json.dumps(extract(Document(text=text, published="2026-03-05")).to_dict()) for text in articles)


def picture_of(order: list[int]) -> dict[str, Any]:
    return build_picture(json.loads(extractions()[k]) for k in order).to_dict()


@given(st.permutations(range(4)))
@settings(max_examples=12, deadline=None)
def test_fusion_does_not_depend_on_input_order(order: list[int]) -> None:
    assert picture_of(order) == picture_of([0, 1, 2, 3])


def test_fusion_is_idempotent() -> None:
    once = picture_of([0, 1, 2, 3])
    assert picture_of([0, 1, 2, 3, 0, 1, 2, 3]) == once
    assert picture_of(list(itertools.chain.from_iterable([k, k] for k in range(4)))) == once
