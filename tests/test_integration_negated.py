"""A negated cue or a negative speaker makes no claim, and no actor for the happening."""

from __future__ import annotations

import pytest

from sitrep.model import Document
from sitrep.pipeline import extract


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah did not claim the rocket fire on the town.",
        "The rebels never admitted the killing of the villagers.",
        "The militia has not acknowledged the attack on the convoy.",
    ],
)
def test_a_negated_cue_makes_no_claim(text: str) -> None:
    assert extract(Document(text=text, published="2024-05-02")).claims == []


@pytest.mark.parametrize(
    "text, word",
    [
        ("A car bomb exploded near the market on Friday. No group has claimed the bombing.", "No group"),
        ("Gunmen shot two guards at the mine. Nobody claimed responsibility for the shooting.", "Nobody"),
    ],
)
def test_a_negative_speaker_is_nobody(text: str, word: str) -> None:
    extraction = extract(Document(text=text, published="2024-05-02"))
    assert extraction.claims == []
    assert all(a.name != word for a in extraction.actors)
    assert all(e.source is None or extraction.get(e.source).name != word for e in extraction.events)


def test_a_negation_inside_the_content_keeps_the_claim() -> None:
    extraction = extract(
        Document(text="The ministry said it could not verify the reports of shelling.", published="2024-05-02")
    )
    assert len(extraction.claims) == 1 and extraction.claims[0].factuality == "unknown"
