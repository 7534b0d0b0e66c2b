"""Events issue 11: what is not an event (accidents, disasters, prayers, campaigning, tolls, questions, fears).

Sentences written for these tests; upstream layers hand-built (test_events.World).
"""

from __future__ import annotations

import pytest

from test_events import found


@pytest.mark.parametrize(
    "sentence",
    [
        "A gas explosion destroyed a block of flats in Lyon on Tuesday, injuring four people.",
        "The boiler blew up in the basement of the hotel overnight.",
        "Two miners died after a methane blast in a coal pit in Silesia.",
        "An elderly man died of a heart attack at the stadium.",
        "Five people died in a bus crash on the highway.",
        "I ask God to have mercy on the victims.",
        "The president addressed a campaign rally in Accra on Sunday.",
        "Was the raid ordered by the interior minister?",
        "Residents fear a new attack on the village.",
        "The new law is meant to prevent attacks on health workers.",
    ],
)
def test_no_event(sentence: str) -> None:
    findings, _ = found(sentence)
    assert findings == [], [(f.type, f.text) for f in findings]


def test_one_clause_gives_one_event() -> None:
    findings, _ = found("At least 14 people were killed in drone strikes on a market in Omdurman.")
    assert [f.type for f in findings] == ["ASSAULT"]


def test_an_attack_blamed_in_a_question_of_verification_is_not_a_second_event() -> None:
    text = "Drones hit a fuel depot in Port Sudan on Sunday. The army could not verify who launched the drones."
    findings, _ = found(text)
    assert [f.type for f in findings] == ["ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "At least 40,000 people have been killed in the war, according to the health ministry.",
        "More than 2,000 people have been arrested since the protests began in July.",
        "Some 300 soldiers have died since the insurgency began.",
    ],
)
def test_aggregate_tolls_are_no_events(sentence: str) -> None:
    findings, _ = found(sentence)
    assert [f.type for f in findings if f.type in ("ASSAULT", "COERCE")] == [], [(f.type, f.text) for f in findings]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two numbers are in dispute: how many fighters the militia has and how many people it has killed.",
        "Officials would not say how many soldiers were killed.",
        "Nobody knows how many villagers the gangs have abducted this year.",
    ],
)
def test_a_question_of_how_many_is_no_event(sentence: str) -> None:
    findings, _ = found(sentence)
    assert [f.type for f in findings if f.type in ("ASSAULT", "COERCE")] == [], [(f.type, f.text) for f in findings]


def test_a_definite_mention_joins_the_event_told_by_the_same_word() -> None:
    text = "Dock workers began a nationwide strike on Monday. The union said the strike would go on until Friday."
    findings, _ = found(text)
    assert [f.type for f in findings] == ["PROTEST"]


def test_the_crime_a_court_convicts_of_is_not_a_new_event() -> None:
    findings, _ = found("The court convicted the two men of murder and kidnapping on Tuesday.")
    assert [f.type for f in findings] == ["SANCTION"]


def test_an_attack_noun_in_the_clause_of_its_casualties_is_the_same_event() -> None:
    findings, _ = found("Eleven police officers were killed in rebel attacks in the north of the province.")
    assert [f.type for f in findings] == ["ASSAULT"]
