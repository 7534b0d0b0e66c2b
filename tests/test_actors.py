"""The actors layer on sentences written for these tests."""

from sitrep.layers.actors.stage import find_actors
from sitrep.nlp import parse


def actors_of(text):
    drafts = find_actors(parse(text))
    return {d.name: d for d in drafts}, text


def mentions(draft, text):
    return [text[s:e] for s, e in sorted(draft.mentions)]


def test_demonym_with_troops_is_the_state_armed_forces():
    found, text = actors_of("North Korean troops have arrived in Russia, and North Korea has not denied it.")
    forces = found["North Korean armed forces"]
    assert forces.type == "armed_forces" and forces.country == "PRK"
    assert forces.affiliation == "state:PRK"
    assert mentions(forces, text) == ["North Korean troops"]
    assert found["North Korea"].type == "state"


def test_capitals_and_the_kremlin_stand_for_states():
    found, text = actors_of("Pyongyang has supplied Moscow with shells, and the Kremlin welcomed the help.")
    assert "Pyongyang" in mentions(found["North Korea"], text)
    assert {"Moscow", "Kremlin"} <= set(mentions(found["Russia"], text))


def test_dictionary_organisations_and_descriptions():
    found, text = actors_of("On Friday, South Korea's intelligence agency briefed NATO and the UN Security Council.")
    nis = found["National Intelligence Service"]
    assert nis.type == "organization" and nis.country == "KOR"
    assert mentions(nis, text) == ["South Korea's intelligence agency"]
    assert found["NATO"].type == "organization"
    assert "UN Security Council" in found


def test_media_outlets():
    found, _ = actors_of("The Kyiv Post reported the strike, citing Reuters.")
    assert found["Kyiv Post"].type == "media" and found["Reuters"].type == "media"


def test_title_before_a_name_gives_role_and_affiliation():
    found, _ = actors_of("Ukrainian President Volodymyr Zelenskyy met NATO Secretary General Mark Rutte in Brussels.")
    zelenskyy = found["Volodymyr Zelenskyy"]
    assert zelenskyy.type == "person" and zelenskyy.country == "UKR"
    assert zelenskyy.role == "President of Ukraine"
    rutte = found["Mark Rutte"]
    assert rutte.role == "NATO Secretary General" and rutte.affiliation == "entry:NATO"


def test_apposition_gives_role_and_affiliation():
    text = "Kyrylo Budanov, head of Ukraine's Military Intelligence, said the unit had moved."
    found, _ = actors_of(text)
    budanov = found["Kyrylo Budanov"]
    assert budanov.role == "Head of Defence Intelligence of Ukraine"
    assert budanov.affiliation == "entry:Defence Intelligence of Ukraine"
    assert budanov.country == "UKR"


def test_office_without_a_name_is_a_person():
    found, _ = actors_of("The South Korean Defense Minister warned that more troops could follow.")
    minister = found["South Korean Defense Minister"]
    assert minister.type == "person" and minister.country == "KOR"


def test_surname_and_title_join_the_named_person():
    text = (
        "NATO Secretary General Mark Rutte spoke on Monday. Rutte said the alliance was ready. "
        "The Secretary General added that talks would go on."
    )
    found, _ = actors_of(text)
    assert mentions(found["Mark Rutte"], text).count("Rutte") == 1
    assert mentions(found["Mark Rutte"], text).count("Secretary General") == 2


def test_groups_of_people_are_populations():
    found, _ = actors_of("Hundreds of asylum seekers and Rohingya refugees landed on the coast.")
    assert found["asylum seekers"].type == "population"
    assert found["Rohingya"].type == "population"
