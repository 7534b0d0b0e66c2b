"""No junk actors, persons typed as persons, clean names, namesakes kept apart (sentences written for these tests)."""

import pytest

from sitrep.geo.lexicon import load_lexicon
from sitrep.layers.actors.names import clean_name, not_a_name, title_only
from sitrep.layers.actors.stage import find_actors
from sitrep.nlp import parse


def actors_of(text):
    return {d.name: d for d in find_actors(parse(text))}


def mentions(draft, text):
    return [text[s:e] for s, e in sorted(draft.mentions)]


@pytest.mark.parametrize(
    "text, junk",
    [
        ("Pilgrims arrived in Mecca for the Hajj on Sunday.", "Hajj"),
        ("The statue of Zeus was damaged in the fire.", "Zeus"),
        ("The governor said on Telegram that a fire broke out.", "Telegram"),
        ("Kyiv needs more Patriot systems, the minister said.", "Patriot"),
        ("On Thursday Buddhists will mark Makha Bucha in Thailand.", "Makha Bucha"),
        ("Rear Admiral Daniel Hagari told reporters the strike was precise.", "Rear Admiral"),
        ("Caretaker Prime Minister Najib Mikati said Lebanon did not want war.", "Caretaker"),
        ("U.S. Secretary of State Antony Blinken is expected in the region.", "State"),
    ],
)
def test_capitalised_words_that_name_no_actor(text, junk):
    assert junk not in actors_of(text)


@pytest.mark.parametrize(
    "text, junk",
    [
        ("Three people were killed in strikes on the village of Houla.", "Houla"),
        ("Ambulances took the wounded to al-Ahli hospital.", "al-Ahli"),
        (
            "The Church's cruise ship, Freewinds, docked in Bonaire. On board the Freewinds, she worked long hours.",
            "Freewinds",
        ),
    ],
)
def test_places_buildings_and_ships_are_no_actors(text, junk):
    assert junk not in actors_of(text)


@pytest.mark.parametrize(
    "text, name, type_",
    [
        ("The Viv Ansanm gang coalition vowed to fight the foreign force.", "Viv Ansanm", "armed_group"),
        ("The British maritime security firm Ambrey said the tanker was hit.", "Ambrey", "organization"),
        ("The Arakan Army (AA), an ethnic armed group, said it had seized the town.", "Arakan Army", "armed_group"),
        (
            "Kenya sent officers to join the Haitian National Police on patrol.",
            "Haitian National Police",
            "armed_forces",
        ),
    ],
)
def test_organisations_read_as_people_get_their_type(text, name, type_):
    assert actors_of(text)[name].type == type_


@pytest.mark.parametrize(
    "text, name, country",
    [
        (
            "Lena Paris, a Canadian nurse, said she was held at the border post. Paris says she was made to sign.",
            "Lena Paris",
            "CAN",
        ),
        ("Amara Konte, 34, said the soldiers had burned her shop.", "Amara Konte", None),
    ],
)
def test_people_described_as_people_are_persons(text, name, country):
    found = actors_of(text)
    assert found[name].type == "person" and found[name].country == country
    assert "France" not in found


def test_names_after_a_rank_are_people():
    text = "Army spokesman Lieutenant Colonel Guillaume Ndjike said the town would be retaken."
    assert actors_of(text)["Guillaume Ndjike"].type == "person"


def test_two_kims_are_two_people_and_a_bare_kim_is_the_speaker():
    text = (
        "Kim Yo Jong, the sister of leader Kim Jong Un, warned the South on Tuesday. "
        "In a statement, Kim said balloons would follow."
    )
    found = actors_of(text)
    assert {"Kim Yo Jong", "Kim Jong Un"} <= set(found)
    assert "Kim" not in found
    assert text.rindex("Kim") in [s for s, _ in found["Kim Yo Jong"].mentions]


def test_two_bidens_stay_apart():
    text = (
        "President Joe Biden approved the package. His son Hunter Biden went on trial in Delaware. "
        "First lady Jill Biden attended the hearing."
    )
    found = actors_of(text)
    assert {"Joe Biden", "Hunter Biden", "Jill Biden"} <= set(found)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Vyacheslav\u00a0Gladkov", "Vyacheslav Gladkov"),
        ("Zelen\u00adskyy", "Zelenskyy"),
        ("Andriy\u200b Yermak", "Andriy Yermak"),
        ("\ufeffHamas", "Hamas"),
    ],
)
def test_clean_name_drops_invisible_characters(raw, clean):
    assert clean_name(raw) == clean


def test_a_name_split_by_a_no_break_space_is_one_person():
    text = "Belgorod Governor Vyacheslav\u00a0Gladkov said two people were killed. Gladkov said crews were at the site."
    found = actors_of(text)
    assert "Vyacheslav" not in found
    person = next(d for d in found.values() if d.type == "person")
    assert "Gladkov" in person.name


def test_written_names_never_hold_invisible_characters():
    from sitrep.model import Document
    from sitrep.pipeline import extract

    text = "President Volodymyr Zelen\u00adskyy thanked Andriy\u200b Yermak and Vyacheslav\u00a0Gladkov."
    names = [a.name for a in extract(Document(text=text)).actors]
    assert names and not any(c in name for name in names for c in "\u00ad\u200b\u00a0")


@pytest.mark.parametrize(
    "text, expected", [("Hajj", True), ("the Hajj", True), ("Hamas", False), ("Monday", True), ("Telegram", True)]
)
def test_not_a_name(text, expected):
    assert not_a_name(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rear Admiral", True),
        ("Caretaker Prime Minister", True),
        ("Army", False),
        ("Secretary General", True),
        ("Rutte", False),
    ],
)
def test_title_only(text, expected):
    assert title_only(text, load_lexicon()) is expected


def test_a_country_described_is_no_acting_state():
    found = actors_of("The Rohingya are a minority from Myanmar. Myanmar is mainly Buddhist.")
    assert "Myanmar" not in found


@pytest.mark.parametrize(
    "text, state",
    [
        ("The United Kingdom Maritime Trade Operations (UKMTO) agency said the crew was safe.", "United Kingdom"),
        ("The U.N. Integrated Office in Haiti (BINUH) said 580,000 people had fled.", "Haiti"),
    ],
)
def test_a_country_inside_an_organisation_s_name_is_no_state(text, state):
    assert state not in actors_of(text)


def test_a_country_opening_a_name_as_a_possessive_is_a_state():
    found = actors_of("Saudi Arabia's Civil Defense Authority said the crane fell.")
    assert "Saudi Arabia" in found


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("The Gaza Health Ministry said 20 people were killed.", "Gaza Health Ministry", None),
        ("The Palestinian Red Crescent said its ambulances took the wounded.", "Palestinian Red Crescent", "PSE"),
    ],
)
def test_names_ending_in_an_organisation_word(text, name, country):
    found = actors_of(text)
    assert found[name].type == "organization" and found[name].country in {country, "PSE"}


def test_a_military_ruler_is_a_title_not_the_forces():
    found = actors_of("Niger's military ruler General Abdourahamane Tiani said the decision was final.")
    assert "Nigerien armed forces" not in found
    assert found["Abdourahamane Tiani"].country == "NER"
