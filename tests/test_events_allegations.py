"""Events issue 11: allegations and denials are claims linked to the event they are about, not new events.

Sentences written for these tests; claims and actors are hand-built (test_events.World) as
the claims and actors layers would give them.
"""

from __future__ import annotations

from test_events import World, found, name

PARTIES = [
    ("Rapid Support Forces", "armed_group", "SDN", None, ["Rapid Support Forces", "RSF"]),
    ("Sudanese armed forces", "armed_forces", "SDN", "Sudan", ["The army", "the army"]),
    ("Islamic State", "armed_group", None, None, ["Islamic State"]),
    ("Taliban", "armed_group", "AFG", None, ["The Taliban", "Taliban"]),
]


def test_an_allegation_of_who_did_it_joins_the_event() -> None:
    text = (
        "A drone strike hit a market in Omdurman on Sunday, killing 14 people. "
        "The army said the RSF launched the attack."
    )
    world = World(actors=PARTIES, claims=[("the RSF launched the attack", "Sudanese armed forces", "allege", "fact")])
    findings, analysis = found(text, world)
    assault = [f for f in findings if f.type == "ASSAULT"]
    assert len(assault) == 1
    event = assault[0]
    assert event.claims == ["C1"] and event.status == "occurred"
    assert name(analysis, event.source) == "Rapid Support Forces"


def test_blaming_an_actor_links_the_claim_and_names_the_blamed_actor() -> None:
    text = (
        "A bomb exploded at a bus stop in Kabul on Monday, killing six people. "
        "The Taliban blamed Islamic State for the bombing."
    )
    world = World(actors=PARTIES, claims=[("the bombing", "Taliban", "allege", "fact")])
    findings, analysis = found(text, world)
    assault = [f for f in findings if f.type == "ASSAULT"]
    assert len(assault) == 1
    assert assault[0].claims == ["C1"]
    assert name(analysis, assault[0].source) == "Islamic State"


def test_an_allegation_does_not_overwrite_a_reported_perpetrator() -> None:
    text = "RSF fighters shelled a camp near El Fasher on Tuesday. The RSF said the army launched the attack."
    world = World(actors=PARTIES, claims=[("the army launched the attack", "Rapid Support Forces", "allege", "fact")])
    findings, analysis = found(text, world)
    event = next(f for f in findings if f.type == "ASSAULT")
    assert name(analysis, event.source) == "Rapid Support Forces"
    assert event.claims == ["C1"]


def test_a_denial_of_involvement_is_linked_to_the_event() -> None:
    text = (
        "Gunmen attacked a checkpoint in Kordofan on Friday, killing four soldiers. "
        "The army blamed the RSF. The RSF denied any involvement."
    )
    world = World(actors=PARTIES, claims=[("any involvement", "Rapid Support Forces", "deny", "counterfact")])
    findings, _ = found(text, world)
    event = next(f for f in findings if f.type == "ASSAULT")
    assert "C1" in event.claims and event.status == "occurred"


def test_a_denial_about_something_else_is_not_linked() -> None:
    text = "Gunmen attacked a checkpoint in Kordofan on Friday. The RSF denied reports of a new recruitment drive."
    world = World(
        actors=PARTIES, claims=[("reports of a new recruitment drive", "Rapid Support Forces", "deny", "counterfact")]
    )
    findings, _ = found(text, world)
    assert all("C1" not in f.claims for f in findings)
