"""Entity resolution across documents: canonical keys, loose matching, the registry."""

from __future__ import annotations

import pytest

from sitrep.fuse import build_picture
from sitrep.fuse.entities import (
    actor_key,
    actor_ref,
    actor_relation,
    actors_match,
    place_key,
    place_ref,
    place_relation,
)
from sitrep.fuse.rules import load_rules
from test_fuse_support import Doc

RULES = load_rules().entities


def actor(name: str, type: str = "person", country: str | None = None) -> dict:
    return {"id": "A1", "name": name, "type": type, "country": country, "affiliation": None}


@pytest.mark.parametrize(
    "item, key",
    [
        (actor("North Korea", "state", "PRK"), "state:PRK"),
        (actor("DPRK", "state", "PRK"), "state:PRK"),
        (actor("North Korean troops", "armed_forces", "PRK"), "forces:PRK"),
        (actor("President Volodymyr Zelenskyy", "person", "UKR"), "actor:volodymyr zelensky"),
        (actor("Volodymyr Zelensky", "person", "UKR"), "actor:volodymyr zelensky"),
        (actor("Volodymyr Zelenskiy", "person", "UKR"), "actor:volodymyr zelensky"),
        (actor("The United Nations", "organization"), "actor:un"),
        (actor("Hamas", "armed_group"), "actor:hamas"),
        (actor("Hamas", "organization"), "actor:hamas"),
    ],
)
def test_actor_keys(item: dict, key: str) -> None:
    assert actor_key(item, RULES) == key


def test_place_keys_fold_names_and_generic_words() -> None:
    kursk = {"name": "Kursk Oblast", "feature": "admin1", "country": "RUS"}
    assert place_key(kursk, RULES) == place_key({**kursk, "name": "Kursk region"}, RULES) == "admin1:RUS:kursk"
    assert place_key({"name": "Russia", "feature": "country", "country": "RUS"}, RULES) == "country:RUS"
    assert place_key({"name": "Kursk", "feature": "city", "country": "RUS"}, RULES) != "admin1:RUS:kursk"


def test_surname_matches_full_name_of_same_country_only() -> None:
    rutte = actor_ref(actor("Mark Rutte", "person", "NLD"), None, RULES)
    assert actors_match(rutte, actor_ref(actor("Rutte", "person", "NLD"), None, RULES))
    assert actors_match(rutte, actor_ref(actor("Rutte", "person", None), None, RULES))
    assert not actors_match(rutte, actor_ref(actor("Rutte", "person", "BEL"), None, RULES))
    assert not actors_match(rutte, actor_ref(actor("Anna Rutte", "person", "NLD"), None, RULES))


def test_state_forces_and_official_relate() -> None:
    state = {"id": "A1", "name": "Ukraine", "type": "state", "country": "UKR", "affiliation": None}
    forces = actor_ref(actor("Ukrainian forces", "armed_forces", "UKR"), None, RULES)
    president = actor_ref(actor("Volodymyr Zelenskyy", "person", "UKR"), state, RULES)
    ukraine = actor_ref(state, None, RULES)
    minister = actor_ref(actor("Rustem Umerov", "person", "UKR"), state, RULES)
    assert actors_match(ukraine, forces)
    assert actors_match(president, ukraine) and actors_match(president, forces)  # acting for the state
    assert not actors_match(president, minister)  # two officials of one state are two actors
    assert not actors_match(ukraine, actor_ref(actor("Russia", "state", "RUS"), None, RULES))


def test_a_person_beside_a_state_acts_for_it_when_of_that_country_and_may_when_unknown() -> None:
    niger = actor_ref(actor("Niger", "state", "NER"), None, RULES)
    general = actor_ref(actor("Ousmane Kassoum", "person", "NER"), None, RULES)
    foreigner = actor_ref(actor("Lassane Bationo", "person", "BFA"), None, RULES)
    unknown = actor_ref(actor("Lassane Bationo", "person", None), None, RULES)
    assert actor_relation(general, niger) == "match"
    assert actor_relation(foreigner, niger) == "conflict"
    assert actor_relation(unknown, niger) == "unknown"
    assert actor_relation(unknown, general) == "conflict"  # two people are still two people


def test_place_relation_by_distance_and_country() -> None:
    radius = load_rules().events.place_radius_km
    kharkiv = place_ref({"name": "Kharkiv", "feature": "city", "country": "UKR", "lat": 49.99, "lon": 36.23}, RULES)
    chuhuiv = place_ref({"name": "Chuhuiv", "feature": "city", "country": "UKR", "lat": 49.83, "lon": 36.68}, RULES)
    kyiv = place_ref({"name": "Kyiv", "feature": "city", "country": "UKR", "lat": 50.45, "lon": 30.52}, RULES)
    ukraine = place_ref({"name": "Ukraine", "feature": "country", "country": "UKR", "lat": 49.0, "lon": 32.0}, RULES)
    belgorod = place_ref({"name": "Belgorod", "feature": "city", "country": "RUS", "lat": 50.6, "lon": 36.6}, RULES)
    assert place_relation(kharkiv, kharkiv, radius) == "same"
    assert place_relation(kharkiv, chuhuiv, radius) == "near"
    assert place_relation(kharkiv, kyiv, radius) == "far"
    assert place_relation(kharkiv, ukraine, radius) == "coarse"
    assert place_relation(kharkiv, belgorod, radius) == "far"
    assert place_relation(kharkiv, None, radius) == "unknown"


def test_registry_keeps_aliases_and_mentions_per_document() -> None:
    first, second = Doc(source="A"), Doc(source="B")
    first.actor("Mark Rutte", "person", "NLD", mentions=[[0, 4], [10, 15]])
    second.actor("Rutte", "person", "NLD", mentions=[[3, 8]])
    second.place("Kursk Oblast", "admin1", "RUS", 51.5, 36.0)
    entities = {e["key"]: e for e in build_picture([first.to_dict(), second.to_dict()]).to_dict()["entities"]}
    rutte = entities["actor:mark rutte"]
    assert rutte["aliases"] == ["Mark Rutte", "Rutte"]
    assert rutte["name"] == "Mark Rutte" or rutte["name"] == "Rutte"
    assert {(m["document"], tuple(map(tuple, m["spans"]))) for m in rutte["mentions"]} == {
        (first.id, ((0, 4), (10, 15))),
        (second.id, ((3, 8),)),
    }
    assert entities["admin1:RUS:kursk"]["kind"] == "place"


def test_lone_surname_with_two_possible_owners_stays_apart() -> None:
    docs = [Doc(source=s) for s in "ABC"]
    docs[0].actor("John Smith", "person", "GBR")
    docs[1].actor("Jane Smith", "person", "GBR")
    docs[2].actor("Smith", "person", "GBR")
    keys = {e["key"] for e in build_picture(d.to_dict() for d in docs).to_dict()["entities"]}
    assert keys == {"actor:john smith", "actor:jane smith", "actor:smith"}
