"""Speakers named by a body's words: the named body itself, the state, or nobody; never a junk actor."""

from __future__ import annotations

import pytest

from sitrep.model import Document, Extraction
from sitrep.pipeline import extract


def run(text: str) -> Extraction:
    return extract(Document(text=text, published="2024-05-02"))


def speaker_of(extraction: Extraction, index: int = 0) -> str | None:
    speaker = extraction.get(extraction.claims[index].speaker) if extraction.claims[index].speaker else None
    return speaker.name if speaker else None


@pytest.mark.parametrize(
    "text, name",
    [
        ("The Viv Ansanm gang coalition said in a statement that it would not lay down its arms.", "Viv Ansanm"),
        (
            "The United Kingdom Maritime Trade Operations (UKMTO) agency said the crew was safe.",
            "United Kingdom Maritime Trade Operations",
        ),
        (
            "The Allied Democratic Forces rebel group said its fighters had withdrawn from the town.",
            "Allied Democratic Forces",
        ),
    ],
)
def test_a_name_followed_by_its_kind_is_that_body(text: str, name: str) -> None:
    extraction = run(text)
    assert speaker_of(extraction) == name
    assert not any(a.name != name and a.name in text and name in a.name for a in extraction.actors)


@pytest.mark.parametrize(
    "text, state",
    [
        ("Yemen's internationally recognised government said the rebels had fired on the port.", "Yemen"),
        ("Mali's transitional government said the convoy had reached the border.", "Mali"),
    ],
)
def test_a_states_government_is_the_state(text: str, state: str) -> None:
    assert speaker_of(run(text)) == state


def test_a_states_ministry_is_still_a_body_of_its_own() -> None:
    extraction = run("Japan's defence ministry said the missile fell outside its waters.")
    assert speaker_of(extraction) == "defence ministry"


@pytest.mark.parametrize(
    "text",
    [
        "Russian state media said the drone was shot down over the sea.",
        "Iranian media reported that the tanker had been seized.",
        "The rocket landed near the port, state media reported.",
    ],
)
def test_media_of_a_nationality_speak_for_nobody(text: str) -> None:
    extraction = run(text)
    assert extraction.claims[0].speaker is None and extraction.claims[0].speaker_text
    assert extraction.actors == [] or all(
        a.name not in ("Russian", "Iranian", "state media") for a in extraction.actors
    )


@pytest.mark.parametrize(
    "text, name",
    [
        ("Marie-Claude Joseph, a shopkeeper in the capital, said the gunmen burned her shop.", "Marie-Claude Joseph"),
        ("Jean-Baptiste Mbala told reporters that the road to the camp had been cut.", "Jean-Baptiste Mbala"),
    ],
)
def test_a_hyphenated_name_is_one_person(text: str, name: str) -> None:
    extraction = run(text)
    people = [a for a in extraction.actors if a.type == "person" and "shopkeeper" not in a.name]
    assert [a.name for a in people] == [name] and speaker_of(extraction) == name


@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "Russia's Defence Ministry said it had shot down two drones. The Turkish foreign ministry said the ship had "
            "left port.",
            "RUS",
            "TUR",
        ),
        (
            "Ukraine's defence ministry said the strike hit a depot. The Russian ministry said the depot was empty.",
            "UKR",
            "RUS",
        ),
        (
            "The Kenyan interior ministry said the camp would close. The Somali foreign ministry said the refugees "
            "would stay.",
            "KEN",
            "SOM",
        ),
    ],
)
def test_a_ministry_of_another_country_is_another_actor(text: str, first: str, second: str) -> None:
    extraction = run(text)
    speakers = [extraction.get(c.speaker) for c in extraction.claims[:2]]
    assert speakers[0] is not None and speakers[1] is not None and speakers[0].id != speakers[1].id
    assert [s.country for s in speakers] == [first, second]
    span = extraction.claims[1].speaker_span
    assert not any(span[0] <= m[0] and m[1] <= span[1] for m in speakers[0].mentions)
