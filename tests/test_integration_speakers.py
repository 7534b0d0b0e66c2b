"""Claims and actors together: one actor per entity whichever layer meets it first."""

from __future__ import annotations

import pytest

from sitrep.model import Document, Extraction
from sitrep.pipeline import extract


def run(text: str) -> Extraction:
    return extract(Document(text=text, published="2024-05-02"))


def speaker_names(extraction: Extraction) -> list[str | None]:
    return [extraction.get(c.speaker).name if c.speaker else None for c in extraction.claims]


@pytest.mark.parametrize(
    "text, noun",
    [
        ("Officials said the bridge over the river would reopen on Monday.", "officials"),
        ("Residents said the shelling of the market lasted all night.", "residents"),
        ("Security sources told the agency that the convoy had been ambushed near the border.", "sources"),
    ],
)
def test_a_collective_speaker_is_the_actors_layers_actor(text: str, noun: str) -> None:
    extraction = run(text)
    same = [a for a in extraction.actors if noun in a.name.lower()]
    assert len(same) == 1
    assert extraction.claims[0].speaker == same[0].id


def test_coordinated_collective_speakers_create_no_actor_of_their_own() -> None:
    extraction = run("Local residents and security sources said the insurgents had taken the village.")
    assert not any(" and " in a.name for a in extraction.actors)
    assert extraction.claims[0].speaker is not None


def test_a_partitive_comes_back_to_the_same_collective() -> None:
    extraction = run("Two Kenyan officials said the talks had stalled. One of the officials said a deal was near.")
    officials = [a for a in extraction.actors if "officials" in a.name]
    assert len(officials) == 1
    assert {c.speaker for c in extraction.claims} == {officials[0].id}


@pytest.mark.parametrize(
    "text, noun",
    [
        (
            "Airstrike on school kills 14, hospital says\nThe director of the city hospital said 14 people had been "
            "killed.",
            "hospital",
        ),
        (
            "Rebel group to stay in the north, commander says\nColonel Ivan Petrov, the group's commander, said his unit "
            "would stay.",
            "commander",
        ),
        (
            "Dam at risk of collapse, engineers say\nThe regional water authority said the dam was being drained.",
            "engineers",
        ),
    ],
)
def test_a_headlines_bare_noun_speaker_is_no_actor(text: str, noun: str) -> None:
    extraction = run(text)
    assert extraction.claims[0].speaker_text == noun
    assert not any(a.name == noun for a in extraction.actors)
