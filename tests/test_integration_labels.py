"""A wire dateline with a colon is a place, never a line label's speaker."""

from __future__ import annotations

import pytest

from sitrep.model import Document
from sitrep.pipeline import extract


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Rockets hit the north\n\nBEIRUT: Hezbollah fired dozens of rockets at northern Israel on Tuesday, the group said.",
            "BEIRUT",
        ),
        ("NAIROBI: Police fired tear gas at hundreds of protesters in the city centre on Monday.", "NAIROBI"),
        (
            "Floods in the south\n\nKARACHI: Heavy rain flooded large parts of the city on Sunday, officials said.",
            "KARACHI",
        ),
    ],
)
def test_a_dateline_is_no_speaker(text: str, place: str) -> None:
    extraction = extract(Document(text=text, published="2024-05-02"))
    assert not any(a.name == place for a in extraction.actors)
    assert all(c.speaker_text != place for c in extraction.claims)


def test_a_transcript_label_still_names_its_speaker() -> None:
    text = (
        "Interview\n\nWALLACE: Governor, the bridge has been closed for a year and nobody has fixed it.\n\n"
        "SMITH: We have a plan, and the money for it arrives in the spring."
    )
    extraction = extract(Document(text=text, published="2024-05-02"))
    assert [c.speaker_text for c in extraction.claims] == ["WALLACE", "SMITH"]
