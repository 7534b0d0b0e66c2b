"""Places from datelines, small towns in locative use, and names that are outlets or organisations."""

from sitrep.analysis import Analysis
from sitrep.layers.places import stage as places
from sitrep.layers.places.stage import find_places
from sitrep.model import Document, Extraction
from sitrep.nlp import parse


def places_of(text, source=None):
    _, findings = find_places(parse(text), source)
    return {f.name: f for f in findings}


def test_dateline_town_is_the_place_with_its_country_as_context():
    found = places_of("BELEDWEYNE, Somalia — Militants stormed an army base on Tuesday, officials said.")
    assert found["Beledweyne"].feature == "city" and found["Beledweyne"].country == "SOM"
    assert "Somalia" in found


def test_dateline_place_is_noted_on_the_analysis():
    text = "MENAKA, Mali — Gunmen fired on a convoy near the town on Tuesday."
    document = Document(text=text)
    analysis = Analysis(document=document, parse=parse(text), extraction=Extraction(document=document))
    places.run(analysis)
    place = analysis.extraction.get(analysis.dateline_place)
    assert place.name == "Ménaka" and place.country == "MLI"
    assert analysis.dateline.place == (0, 6)


def test_small_town_after_a_locative_preposition_in_a_named_country():
    found = places_of("Fighting broke out in Somalia on Monday. Militants attacked an army post near Beledweyne.")
    assert found["Beledweyne"].country == "SOM"


def test_small_town_mentions_follow_its_locative_use():
    text = (
        "Mozambique sent troops north. The road from Macomia was cut. "
        "Macomia, a town of 20,000 people, has been attacked twice."
    )
    assert len(places_of(text)["Macomia"].mentions) == 2


def test_small_town_name_without_a_locative_use_is_not_a_place():
    found = places_of("Mozambique sent troops north. Macomia said the talks had failed.")
    assert "Macomia" not in found


def test_small_town_of_one_country_is_taken_when_the_text_names_no_country():
    assert places_of("The envoy flew to Beledweyne on Friday.")["Beledweyne"].country == "SOM"


def test_small_town_in_a_country_the_text_does_not_name_is_not_taken():
    assert "Beledweyne" not in places_of("The Kenyan envoy flew from Nairobi to Beledweyne on Friday.")


def test_outlet_names_are_not_places():
    text = "Hospital records seen by West Africa Monitor list 23 dead, a nurse told the Niger Delta Post."
    found = places_of(text)
    assert "West Africa" not in found and "Niger" not in found


def test_the_document_source_is_not_a_place():
    text = "Residents told Volta Voice that the bridge had been closed."
    assert "Volta" not in places_of(text, source="Volta Voice")


def test_place_words_inside_an_organisation_name_are_not_places():
    text = "Lena Holm, a researcher at the Centre for Sahel Security Studies in Oslo, said so."
    found = places_of(text)
    assert "Oslo" in found and "Sahel" not in found


def test_a_division_the_gazetteer_lacks_is_not_a_town_abroad():
    found = places_of("Burkina Faso sent a battalion to Soum province on Monday.")
    assert all(f.country == "BFA" for f in found.values())


def test_an_organisation_and_its_description_stay_one_actor():
    from sitrep.model import Document
    from sitrep.pipeline import extract

    text = (
        "The Tana Valley Front, an armed group, attacked a police post. "
        "The Council of Garissa Elders, a civil society group, called on the government to act."
    )
    x = extract(Document(text=text))
    front = next(a for a in x.actors if a.name == "Tana Valley Front")
    assert not any(text[s:e].startswith("The Council") for s, e in front.mentions)


def test_a_river_the_gazetteer_lacks_is_a_place_without_a_point():
    text = "The group first appeared along the Lagdera River in Kenya. Fighters are regrouping along the Lagdera."
    river = places_of(text)["Lagdera River"]
    assert river.feature == "water" and river.lat is None and len(river.mentions) == 2


def test_a_name_after_told_is_an_outlet_not_a_place():
    found = places_of("A nurse told Sahel Today that 12 people had died in Diffa, Niger.")
    assert "Sahel" not in found and "Diffa" in found


def test_a_country_after_told_stays_a_country():
    from sitrep.geo.lexicon import not_an_outlet
    from sitrep.nlp.outlets import find_outlets

    text = "Burkina Faso told Niger it would act, and a driver told Moussa Kane the road was shut."
    assert find_outlets(parse(text), None, not_an_outlet) == []
