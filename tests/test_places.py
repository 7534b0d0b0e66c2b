"""The places layer on sentences written for these tests."""

import pytest

from sitrep.layers.places.stage import find_places
from sitrep.nlp import parse


def places_of(text):
    _, findings = find_places(parse(text))
    return {text[f.mentions[0][0] : f.mentions[0][1]]: f for f in findings}


def test_kursk_next_to_region_is_the_division():
    found = places_of("Heavy fighting continued in the Kursk region on Monday, officials said.")
    place = found["Kursk region"]
    assert place.feature == "admin1" and place.name == "Kursk Oblast" and place.country == "RUS"


def test_bare_kursk_is_the_city():
    found = places_of("The convoy reached Kursk late on Tuesday.")
    assert found["Kursk"].feature == "city"


def test_bare_name_follows_the_division_the_text_named():
    text = "Shelling hit villages in the Kursk region. Residents of Kursk fled west."
    _, findings = find_places(parse(text))
    divisions = [f for f in findings if f.feature == "admin1"]
    assert len(divisions) == 1 and len(divisions[0].mentions) == 2


def test_occupied_donetsk_is_the_city_and_the_oblast_is_the_division():
    city = places_of("A missile struck occupied Donetsk overnight.")["Donetsk"]
    assert city.feature == "city" and city.country == "UKR"
    division = places_of("Fighting raged across the Donetsk oblast this week.")["Donetsk oblast"]
    assert division.feature == "admin1"


def test_eastern_russia_is_a_region_without_a_point():
    found = places_of("Thousands of soldiers are training in eastern Russia.")
    region = found["eastern Russia"]
    assert region.feature == "region" and region.lat is None and region.country == "RUS"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The mayor of Lebanon, Pa., said the road would reopen.", "Lebanon", "USA"),
        ("He grew up in Paris, Texas, before moving away.", "Paris", "USA"),
        ("She flew to Paris for the climate summit.", "Paris", "FRA"),
    ],
)
def test_same_name_in_several_countries_is_decided_by_context(text, name, country):
    assert places_of(text)[name].country == country


def test_georgia_among_us_states_is_the_state():
    found = places_of("Storms hit Alabama, Florida and Georgia on Sunday, cutting power in Atlanta.")
    assert found["Georgia"].feature == "admin1" and found["Georgia"].country == "USA"


def test_exonym_resolves_to_the_city():
    found = places_of("Explosions were heard in Kiev and Kharkov overnight.")
    assert found["Kiev"].name == "Kyiv" and found["Kharkov"].name == "Kharkiv"


def test_seas_are_water():
    found = places_of("Ships in the Black Sea were told to stay in port.")
    assert found["Black Sea"].feature == "water"


def test_capital_standing_for_its_government_is_not_a_place():
    found = places_of("Pyongyang has supplied Moscow with missiles, officials in Seoul said.")
    assert "Pyongyang" not in found and "Moscow" not in found
    assert found["Seoul"].feature == "city"


def test_demonyms_are_not_places():
    assert places_of("North Korean troops were seen near the border.") == {}


def test_country_named_only_as_an_actor_is_not_a_place_but_a_locative_one_is():
    found = places_of("North Korea denied the report. The troops were moved to Russia.")
    assert "North Korea" not in found and found["Russia"].feature == "country"


@pytest.mark.parametrize(
    "text, mention, name",
    [
        ("Heavy rain flooded roads across eastern Kentucky on Sunday.", "Kentucky", "Kentucky"),
        ("Wildfires spread in southern Oregon overnight.", "Oregon", "Oregon"),
        ("Farmers in northwestern Ontario lost their crops to frost.", "Ontario", "Ontario"),
    ],
)
def test_a_direction_within_a_state_is_the_state(text, mention, name):
    _, findings = find_places(parse(text))
    assert [f.name for f in findings] == [name] and findings[0].feature == "admin1"
