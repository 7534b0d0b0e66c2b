"""Places resolved in context: homonyms, exonyms, datelines, counties, stoplist words (sentences written for these tests)."""

import pytest

from sitrep.geo.gazetteer import load_gazetteer
from sitrep.layers.places.stage import find_places
from sitrep.model import Document
from sitrep.nlp import parse
from sitrep.pipeline import extract


def places_of(text):
    _, findings = find_places(parse(text))
    return {text[m[0] : m[1]]: f for f in findings for m in f.mentions}


@pytest.mark.parametrize(
    "text, name, country, admin1",
    [
        ("Israeli troops entered Gaza on Tuesday and moved toward Khan Yunis, residents said.", "Gaza", "PSE", None),
        ("ALEXANDRIA, Va. -- Alexandria police said a suspect fled toward Woodbridge.", "Alexandria", "USA", "US.VA"),
        ("PARIS, Texas (AP) -- A tornado hit Paris on Sunday, the Lamar County sheriff said.", "Paris", "USA", "US.TX"),
        ("Flooding closed roads near Paris, Texas, and in Sherman on Monday.", "Paris", "USA", "US.TX"),
        ("TRIPOLI, Lebanon (Levant Wire) - Gunmen clashed in Tripoli, north of Beirut.", "Tripoli", "LBN", None),
        ("Militia convoys left Misrata and reached Tripoli, Libya, at dusk.", "Tripoli", "LBY", None),
        ("Schools in Atlanta, Savannah and Macon closed as rain swept across Georgia.", "Georgia", "USA", "US.GA"),
        ("Russian troops crossed into Georgia and moved closer to Tbilisi, officials said.", "Georgia", "GEO", None),
    ],
)
def test_homonyms_in_context(text, name, country, admin1):
    found = {f.name: f for f in places_of(text).values()}
    place = found[name]
    assert place.country == country
    if admin1:
        entry = load_gazetteer().entry(place.key)
        assert entry.admin1 == admin1 or entry.feature == "admin1"


@pytest.mark.parametrize(
    "text, mention, name",
    [
        ("Families fled from Khan Younis to Rafah overnight.", "Khan Younis", "Khan Yunis"),
        ("Air-raid sirens sounded in Kiev before dawn.", "Kiev", "Kyiv"),
        ("Aid lorries waited at Rafah for a second day.", "Rafah", "Rafah"),
    ],
)
def test_exonyms_and_transliterations_get_the_english_name(text, mention, name):
    assert places_of(text)[mention].name == name


@pytest.mark.parametrize(
    "text, mention, state",
    [
        ("Deputies in Laurel County, Ky., arrested two men on Friday.", "Laurel County", "US.KY"),
        ("Officers from Fairfax County and Arlington, Va., joined the search.", "Fairfax County", "US.VA"),
        ("The plant in Bowling Green, Ky., will hire workers from Warren County.", "Warren County", "US.KY"),
    ],
)
def test_counties_are_second_order_divisions(text, mention, state):
    place = places_of(text)[mention]
    assert place.feature == "admin2" and load_gazetteer().entry(place.key).admin1 == state


@pytest.mark.parametrize(
    "text, word",
    [
        ("North and South met for talks on the border, officials said.", "North"),
        ("The South has long opposed the plan, a spokesman said.", "South"),
        ("He said Satan had no place in the debate.", "Satan"),
        ("Western leaders welcomed the ceasefire.", "Western"),
        ("Maria Flores said Flores would appeal the ruling.", "Flores"),
        ("Hurricane Irma weakened as it moved north, forecasters said.", "Irma"),
        ("The vote is set for March, the spokesman said.", "March"),
        ("Nelson told reporters the deal was close.", "Nelson"),
    ],
)
def test_stoplist_words_are_not_places(text, word):
    assert word not in places_of(text)


def test_a_person_name_that_is_a_town_counts_after_a_locative_cue():
    assert "Lincoln" in places_of("The storm knocked out power in Lincoln, Nebraska, on Friday.")


@pytest.mark.parametrize(
    "text",
    [
        "LOUISVILLE, KY--(Marketwire - December 23, 2010) - A company announced today.",
        "AUSTIN, TX--(PRNewswire)--Shares rose after the company named a new chief.",
    ],
)
def test_a_wire_dateline_never_fails_the_document(text):
    places = extract(Document(text=text)).places
    assert places and places[0].country == "USA"


def test_the_dateline_state_places_the_dateline_town():
    found = places_of("LOUISVILLE, KY--(Marketwire - December 23, 2010) - A company announced today.")
    assert load_gazetteer().entry(found["LOUISVILLE"].key).admin1 == "US.KY"


@pytest.mark.parametrize(
    "text, mention, admin1",
    [
        (
            "Deputies from the Butler County Sheriff's Office searched the woods near Hamilton, Ohio, on Friday.",
            "Butler County",
            "US.OH",
        ),
        (
            "The Henderson County Commissioners Court in Athens, Texas, lifted the burn ban.",
            "Henderson County",
            "US.TX",
        ),
    ],
)
def test_a_county_naming_a_local_body_is_a_place(text, mention, admin1):
    place = places_of(text)[mention]
    assert place.feature == "admin2" and load_gazetteer().entry(place.key).admin1 == admin1


@pytest.mark.parametrize(
    "text, mention",
    [
        ("The Springfield council voted to raise parking fees.", "Springfield"),
        ("Flooding closed roads in Greenville on Sunday.", "Greenville"),
        ("Deputies from the Butler County Sheriff's Office searched the woods on Friday.", "Butler County"),
    ],
)
def test_a_town_the_text_does_not_place_among_namesakes_is_left_out(text, mention):
    assert mention not in places_of(text)


@pytest.mark.parametrize(
    "text, mention, admin1",
    [
        ("Officers in Springfield, Illinois, arrested two men.", "Springfield", "US.IL"),
        ("Flooding closed roads in Greenville and Spartanburg on Sunday.", "Greenville", "US.SC"),
        (
            "A fire closed a warehouse in Richmond. Crews from Henrico County and Chesterfield County helped.",
            "Richmond",
            "US.VA",
        ),
    ],
)
def test_a_namesake_placed_by_the_text_stays(text, mention, admin1):
    assert load_gazetteer().entry(places_of(text)[mention].key).admin1 == admin1


def test_a_national_capital_needs_no_context():
    assert places_of("Talks resumed in Kingston on Monday.")["Kingston"].country == "JAM"


def test_a_spelling_variant_near_the_other_places_is_the_town():
    found = places_of("Israeli tanks pushed into Khan Younes in southern Gaza on Monday.")
    assert found["Khan Younes"].name == "Khan Yunis" and found["Khan Younes"].country == "PSE"


def test_x_based_is_a_locative_cue():
    assert "Lincoln" in places_of("The Lincoln-based charity opened a shelter in Omaha, Nebraska.")


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Aid workers have served in many countries, including Chad, Mali and Niger.", "Mali"),
        ("The ministry warned travellers against nations like Yemen and Somalia.", "Somalia"),
        ("Exports rose to several neighbours including Kenya, Uganda and Tanzania.", "Uganda"),
    ],
)
def test_a_country_in_a_list_of_countries_is_a_place(text, mention):
    assert places_of(text)[mention].feature == "country"


@pytest.mark.parametrize(
    "text, mention",
    [
        ("The Ohio Highway Patrol closed the interstate after the crash.", "Ohio"),
        ("Members of the Texas Senate approved the budget on Tuesday.", "Texas"),
        ("The Nevada Legislature meets every other year.", "Nevada"),
    ],
)
def test_a_state_naming_its_body_is_a_place(text, mention):
    assert places_of(text)[mention].feature == "admin1"


@pytest.mark.parametrize(
    "text, mention, count",
    [
        ("Two men from Hounslow, west London, appeared in court. The Hounslow resident was robbed.", "Hounslow", 2),
        ("The school in Bicester, Oxfordshire, opened. Bicester students cheered.", "Bicester", 2),
        (
            "Visiting Greer, South Carolina. The highway passes just north of Greer. Downtown Greer has shops.",
            "Greer",
            3,
        ),
    ],
)
def test_a_town_used_as_a_place_takes_its_other_mentions(text, mention, count):
    assert len(places_of(text)[mention].mentions) == count


def test_a_person_named_like_a_town_is_no_place():
    text = "Noma (not her real name) said the police had failed her. Noma works as a cleaner in a hotel."
    assert "Noma" not in places_of(text)


@pytest.mark.parametrize(
    "text, mention, country",
    [
        ("Matthew, 15, from Bicester, was given a new bike by the charity.", "Bicester", "GBR"),
        ("A man from Tewkesbury was fined for speeding.", "Tewkesbury", "GBR"),
    ],
)
def test_a_small_town_of_one_country_needs_no_country_named(text, mention, country):
    assert places_of(text)[mention].country == country


@pytest.mark.parametrize(
    "text, mention",
    [
        ("A man from Greer was arrested in France.", "Greer"),
        ("The hearing moved to the Airport Courthouse on Monday.", "Airport"),
    ],
)
def test_a_small_town_needs_the_text_to_fit(text, mention):
    assert mention not in places_of(text)
