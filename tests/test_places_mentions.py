"""Repeated names, demonyms of a placed country, counties named together, "X County" before an organisation."""

from __future__ import annotations

import pytest

from sitrep.layers.places.stage import find_places
from sitrep.nlp import parse


def _places(text: str) -> dict[str, tuple[str, list[str]]]:
    """Place name -> (feature, mention texts)."""
    _, findings = find_places(parse(text))
    return {f.name: (f.feature, [text[a:b] for a, b in f.mentions]) for f in findings}


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        (
            "Rockets hit northern Israel overnight. Israeli officials said Israel would respond.",
            "Israel",
            ["Israeli", "Israel"],
        ),
        ("Aid lorries crossed into Lebanon on Sunday. Lebanese soldiers escorted them.", "Lebanon", ["Lebanese"]),
        ("The delegation flew to Kenya on Monday, and Kenyan ministers met it in the capital.", "Kenya", ["Kenyan"]),
    ],
)
def test_demonyms_join_a_country_the_text_places(text: str, country: str, expected: list[str]) -> None:
    places = _places(text)
    assert country in places
    for form in expected:
        assert form in places[country][1]


@pytest.mark.parametrize(
    "text",
    [
        "North Korean troops are fighting alongside Russian units, officials said.",
        "Chilean and Peruvian negotiators met on Tuesday and agreed to talk again.",
    ],
)
def test_demonyms_alone_make_no_place(text: str) -> None:
    _, findings = find_places(parse(text))
    assert not [f for f in findings if f.feature == "country"]


@pytest.mark.parametrize(
    ("text", "town", "count"),
    [
        (
            "The fire started in Gainesville, Fla., on Monday. Gainesville Fire Rescue said nobody was hurt.",
            "Gainesville",
            2,
        ),
        (
            "Flooding closed roads in Roanoke, Va. A Roanoke attorney said the Roanoke City Council would meet.",
            "Roanoke",
            3,
        ),
    ],
)
def test_a_placed_town_takes_its_other_occurrences(text: str, town: str, count: int) -> None:
    places = _places(text)
    assert places[town][1].count(town) == count


@pytest.mark.parametrize(
    ("text", "counties"),
    [
        (
            "Volunteers from Camden and Charlton counties in Georgia joined the cleanup.",
            ["Camden County", "Charlton County"],
        ),
        (
            "Flooding closed roads in Polk, Story and Boone counties, Iowa officials said.",
            ["Polk County", "Story County", "Boone County"],
        ),
        ("Storms damaged barns from Ellsworth to Riley counties in Kansas.", ["Ellsworth County", "Riley County"]),
    ],
)
def test_names_before_counties_are_counties(text: str, counties: list[str]) -> None:
    places = _places(text)
    for county in counties:
        assert places[county][0] == "admin2"


@pytest.mark.parametrize(
    "text",
    [
        "The Butler County Transportation Improvement District met in Hamilton, Ohio.",
        "BUTLER COUNTY — Butler County Community health centers in Ohio expect new funds.",
    ],
)
def test_county_before_organisation_words_is_the_county(text: str) -> None:
    places = _places(text)
    assert "Butler County" in places
    assert "Butler" not in places  # not the town of Butler


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("Harbour Director Florence Adebayo said anglers were fined in Marquette.", "Florence"),
        ("Purdue hosts Ohio State tonight in West Lafayette, Indiana.", "Ohio State"),
        ("Fans of Mexico's Club America gathered in Dallas on Sunday.", "America"),
    ],
)
def test_names_that_are_not_places_here(text: str, not_a_place: str) -> None:
    _, findings = find_places(parse(text))
    mentions = [text[a:b] for f in findings for a, b in f.mentions]
    assert not_a_place not in mentions


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        ("It will be built at GM’s Bowling Green, Kentucky facility.", "Bowling Green", "US.KY"),
        ("The Cooper Tire plant in Findlay, Ohio, will close.", "Findlay", "US.OH"),
    ],
)
def test_a_town_before_its_state_is_a_place_inside_any_name(text: str, town: str, state: str) -> None:
    toponyms, _ = find_places(parse(text))
    entries = {t.name: t.entry for t in toponyms if t.entry is not None}
    assert entries[town].admin1 == state


@pytest.mark.parametrize(
    ("text", "abbreviation", "state"),
    [
        ("The S.C. Highway Patrol is looking for the driver.", "S.C.", "South Carolina"),
        ("Tenn. lawmakers voted on Tuesday.", "Tenn.", "Tennessee"),
    ],
)
def test_state_abbreviations_inside_names_are_the_state(text: str, abbreviation: str, state: str) -> None:
    places = _places(text)
    assert abbreviation in places[state][1]
