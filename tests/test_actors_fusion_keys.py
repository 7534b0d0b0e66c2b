"""Actors that fusion keys on: no dateline or outlet actors, forces by demonym, armed groups, offices."""

from sitrep.layers.actors.stage import find_actors
from sitrep.model import Document
from sitrep.nlp import parse
from sitrep.pipeline import extract


def actors_of(text, source=None):
    return {d.name: d for d in find_actors(parse(text), source=source)}


def test_dateline_town_is_no_actor():
    found = actors_of("BELEDWEYNE, Somalia — Militants stormed an army base on Tuesday, officials said.")
    assert not any("BELEDWEYNE" in name or "Beledweyne" in name for name in found)


def test_dateline_agency_is_an_outlet():
    found = actors_of("BAIDOA, Somalia, May 9 (Horn Courier) - Fighting resumed in the town, residents said.")
    assert found["Horn Courier"].type == "media"
    assert "BAIDOA" not in found


def test_town_in_locative_use_is_not_a_person():
    text = "Somalia sent reinforcements. The convoy left Beledweyne at dawn, and Beledweyne was quiet by noon."
    assert "Beledweyne" not in actors_of(text)


def test_outlet_named_after_a_place_is_media_not_a_state():
    found = actors_of("A nurse told the Niger Delta Post that 23 people had died.")
    assert found["Niger Delta Post"].type == "media"
    assert "Niger" not in found


def test_coordinated_demonyms_give_each_state_its_forces():
    found = actors_of("Kenyan and Somali warplanes bombed camps along the border.")
    assert found["Kenyan armed forces"].country == "KEN" and found["Kenyan armed forces"].type == "armed_forces"
    assert found["Somali armed forces"].country == "SOM"


def test_described_armed_group_is_typed_armed_group():
    found = actors_of("The Tana Valley Front, an armed group formed in 2021, claimed the attack.")
    assert found["Tana Valley Front"].type == "armed_group"


def test_organisation_name_stops_before_in_and_a_place():
    text = "The government will recruit more Volunteers for the Defence of the Homeland in the Sahel region."
    names = [d.name for d in find_actors(parse(text))]
    assert not any(name.endswith((" in", " in the")) for name in names)


def test_office_then_rank_then_name():
    found = actors_of("Defence Minister Brigadier General Amadou Kone said the attackers would be found.")
    assert found["Amadou Kone"].role == "Minister of Defence"


def test_country_office_with_a_named_general_after_a_comma():
    found = actors_of("Talks opened with Kenya's defence minister, General Moses Otieno, on Friday.")
    person = found["Moses Otieno"]
    assert person.country == "KEN" and person.affiliation == "state:KEN"
    assert not any(name.endswith("Defence Minister") for name in found)


def test_the_militants_refer_back_to_the_armed_group():
    text = (
        "The Tana Valley Front, an armed group, attacked a police post on Monday. "
        "The militants said in a statement that they had seized weapons."
    )
    x = extract(Document(text=text))
    group = next(a for a in x.actors if a.name == "Tana Valley Front")
    start = text.index("The militants")
    assert x.actors and any(c.speaker == group.id for c in x.claims if c.speaker_span[0] == start)


def test_person_of_a_country():
    found = actors_of("General Moses Otieno of Kenya and Colonel Abdi Farah of Somalia met in Nairobi.")
    otieno = next(d for name, d in found.items() if name.endswith("Otieno"))
    assert otieno.country == "KEN" and found["Abdi Farah"].country == "SOM"


def test_a_shorter_form_of_a_name_is_the_same_person():
    text = "General Moses Kip Otieno arrived on Friday. Kip Otieno said the talks went well."
    people = [d for d in find_actors(parse(text)) if d.type == "person"]
    assert len(people) == 1


def test_the_army_under_a_dateline_is_that_country_army():
    found = actors_of("BELEDWEYNE, Somalia — Militants attacked a base, killing four soldiers, the army said.")
    assert found["Somali armed forces"].mentions


def test_the_army_without_a_dateline_stays_unkeyed():
    found = actors_of("Militants attacked a base, killing four soldiers, the army said.")
    assert not any(d.type == "armed_forces" for d in found.values())


def test_envoy_with_a_remit_then_name_is_one_person():
    text = (
        "The United Nations special envoy for the Horn of Africa, Ingrid Halvorsen, called for calm. "
        "The UN envoy said the fighting must stop."
    )
    people = [d for d in find_actors(parse(text)) if d.type == "person"]
    assert [d.name for d in people] == ["Ingrid Halvorsen"]
    assert people[0].affiliation == "entry:United Nations"


def test_hyphenated_small_town_read_as_a_person_is_a_place():
    text = "Burkina Faso closed the road to Gorom-Gorom on Monday."
    assert "Gorom-Gorom" not in actors_of(text)


def test_a_national_contingent_is_that_state_armed_forces():
    found = actors_of("The group threatened to attack the Kenyan contingent near the border.")
    assert found["Kenyan armed forces"].country == "KEN"
