"""Acronyms, nicknames and aliases the text defines: one actor per entity, on sentences written for these tests."""

import pytest

from sitrep.layers.actors.aliases import alias_links, is_acronym
from sitrep.layers.actors.drafts import load_patterns
from sitrep.layers.actors.stage import find_actors
from sitrep.nlp import parse


def actors_of(text):
    return {d.name: d for d in find_actors(parse(text))}


def mentions(draft, text):
    return [text[s:e] for s, e in sorted(draft.mentions)]


@pytest.mark.parametrize(
    "text, long, short",
    [
        (
            (
                "The Rapid Support Forces (RSF) attacked the city on Monday. Later the RSF said it had withdrawn. "
                "RSF fighters were seen near the market."
            ),
            "Rapid Support Forces",
            "RSF",
        ),
        ("The Kivu Defence Front (KDF) took the hill. The KDF denied killing civilians.", "Kivu Defence Front", "KDF"),
        (
            "The Haitian National Police (PNH) said officers had returned fire. The PNH later arrested two men.",
            "Haitian National Police",
            "PNH",
        ),
        (
            "The Alliance of Sahel States (AES) met in Niamey. AES leaders signed a charter.",
            "Alliance of Sahel States",
            "AES",
        ),
    ],
)
def test_an_acronym_in_brackets_joins_its_long_form(text, long, short):
    found = actors_of(text)
    assert short not in found
    said = mentions(found[long], text)
    assert said.count(short) == text.count(short)


def test_an_acronym_the_ner_missed_later_on_joins_too():
    text = (
        "The Armed Forces of the Democratic Republic of the Congo (FARDC) said they had retaken the town. "
        "A FARDC officer said the Congolese army lost three men."
    )
    found = actors_of(text)
    army = next(d for d in found.values() if "FARDC" in mentions(d, text))
    assert army.type == "armed_forces" and army.country == "COD"
    assert "Congolese army" in mentions(army, text)  # the state's army and its named forces are one actor


@pytest.mark.parametrize(
    "text, name, alias",
    [
        (
            "Mohamed Hamdan Dagalo, widely known as Hemedti, denied the charge. Hemedti spoke from Khartoum.",
            "Mohamed Hamdan Dagalo",
            "Hemedti",
        ),
        (
            "The gang is led by Jimmy Cherizier, known as Barbecue, a former police officer.",
            "Jimmy Cherizier",
            "Barbecue",
        ),
        (
            "Doctors Without Borders, known by its French initials MSF, said a clinic was hit. MSF staff fled.",
            "Doctors Without Borders",
            "MSF",
        ),
        ("The Houthis, who call themselves Ansar Allah, fired a missile.", "Houthis", "Ansar Allah"),
    ],
)
def test_known_as_gives_the_same_actor(text, name, alias):
    found = actors_of(text)
    assert alias in mentions(found[name], text)
    assert alias not in found


def test_a_dateline_agency_is_no_alias_of_the_date():
    text = "GAZA, Aug 10 (AP) — An airstrike hit a school, the AP reported."
    links = alias_links(parse(text), load_patterns())
    assert all(link.kind != "acronym" for link in links)


@pytest.mark.parametrize(
    "text, expected",
    [("RSF", True), ("FARDC", True), ("U.N.", True), ("M23", True), ("Reuters", False), ("A", False), ("Hamas", False)],
)
def test_what_counts_as_an_acronym(text, expected):
    assert is_acronym(text) is expected
