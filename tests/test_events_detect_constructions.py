"""Events detection (issue 11, session 4): constructions that state a happening, and ones that do not.

Every sentence was written for these tests (other conflicts, other outlets' styles); the
upstream layers are hand-built (see test_events.World) so only the events stage is tested.
"""

from __future__ import annotations

import pytest

from test_events import World, found

GROUPS = [
    ("Islamic State", "armed_group", None, None, ["Islamic State"]),
    ("al-Shabaab", "armed_group", "SOM", None, ["al-Shabaab"]),
    ("Rapid Support Forces", "armed_group", "SDN", None, ["Rapid Support Forces", "RSF"]),
]


def events(text: str) -> list[tuple[str, str]]:
    findings, _ = found(text, World(actors=GROUPS))
    return [(f.type, f.status) for f in findings]


def types(text: str) -> list[str]:
    return [t for t, _ in events(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Militants ambushed a patrol, and a roadside bomb hit a second convoy an hour later.",
        "Gunmen stormed a checkpoint at dawn before a car bomb hit the police station nearby.",
        "Fighters shelled the camp on Monday, and a mortar round hit the clinic the next day.",
    ],
)
def test_a_weapon_hitting_something_is_a_second_attack(sentence: str) -> None:
    assert types(sentence) == ["ASSAULT", "ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A blast tore through a bus station in Quetta, killing six.",
        "An explosion ripped through a crowded market in Maiduguri, wounding dozens.",
    ],
)
def test_a_blast_tearing_through_a_place_and_its_casualties_are_one_event(sentence: str) -> None:
    assert types(sentence) == ["ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A policeman died of his wounds in hospital.",
        "Two guards later died of gunshot wounds, the hospital said.",
    ],
)
def test_dying_of_wounds_is_the_violence_it_reports(sentence: str) -> None:
    assert types(sentence) == ["ASSAULT"]


def test_mortar_fire_is_no_disaster() -> None:
    text = "A colonel was killed in Hama in 2019, reportedly by mortar fire from the rebels, the agency reported."
    assert types(text) == ["ASSAULT"]


@pytest.mark.parametrize(
    ("sentence", "mode"),
    [
        ("A suicide bomber crashed his car into a checkpoint in Mogadishu.", "suicide-attack"),
        ("Militants seized dozens of hostages at a hospital in Kizlyar.", "abduct"),
        ("The gunmen took 40 hostages at a gas plant in the desert.", "abduct"),
    ],
)
def test_ramming_and_hostage_taking_are_attacks(sentence: str, mode: str) -> None:
    findings, _ = found(sentence, World(actors=GROUPS))
    assert [(f.type, f.mode) for f in findings] == [("ASSAULT", mode)]


def test_instructing_officials_to_act_is_a_request() -> None:
    text = "The interior minister instructed regional governors to close the border crossings."
    assert types(text) == ["REQUEST"]


@pytest.mark.parametrize(
    "sentence",
    [
        "On Friday, the president called the bombing an act of terror.",
        "On Sunday the minister called the raid a crime.",
    ],
)
def test_calling_something_a_name_is_no_request(sentence: str) -> None:
    assert "REQUEST" not in types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "It was unclear who carried out the attack.",
        "It remains unclear who launched the drones.",
        "Officials could not say who staged the raid.",
    ],
)
def test_asking_who_did_it_is_no_event(sentence: str) -> None:
    assert types(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        '"They burn our markets too," said a trader in the town.',
        "Bandits often attack convoys on this road, residents say.",
        "Police arrest anyone who carries a flag, activists say.",
    ],
)
def test_a_habit_told_in_the_simple_present_is_no_event(sentence: str) -> None:
    assert types(sentence) == []


def test_a_killing_during_a_definite_counter_attack_joins_the_attack_reported() -> None:
    text = (
        "Gunmen ambushed an army convoy near Djibo on Monday, killing seven soldiers.\n"
        "The minister said the army had killed dozens of assailants during its counter-attack."
    )
    assert types(text) == ["ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "After midnight their posts near the river came under intense gunfire.",
        "Troops and rebels exchanged fire near the bridge on Monday.",
        "The navy claimed to have hit four armed smugglers.",
        "The police said they had shot two attackers.",
    ],
)
def test_gunfire_and_claimed_hits_are_attacks(sentence: str) -> None:
    assert types(sentence) == ["ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "One of the two suspects has since been released from custody.",
        "Kidnappers released the engineer on Friday.",
        "Two of the detainees were freed from prison on Tuesday.",
    ],
)
def test_releases_of_people_are_retreats(sentence: str) -> None:
    assert types(sentence) == ["RETREAT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "After the agency released photos of the suspected bombers, the men fled.",
        "The army released a statement on Monday.",
    ],
)
def test_releasing_a_thing_about_people_is_no_retreat(sentence: str) -> None:
    assert "RETREAT" not in types(sentence)


@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        ("The minister sent instructions for regional governors to tighten security.", "REQUEST"),
        ("Opposition leaders are begging voters to boycott the referendum.", "REQUEST"),
        ("Workers said they were given an ultimatum by their managers.", "THREATEN"),
    ],
)
def test_instructions_pleas_and_ultimatums(sentence: str, type_: str) -> None:
    assert types(sentence) == [type_]


@pytest.mark.parametrize(
    "sentence",
    [
        "The opposition on Thursday called for three days of nationwide protests.",
        "The country's main unions called a general strike for Monday.",
        "Student groups called for a boycott of the election.",
    ],
)
def test_a_protest_called_is_a_planned_protest(sentence: str) -> None:
    assert ("PROTEST", "planned") in events(sentence)


def test_a_strike_not_called_is_no_protest() -> None:
    assert "PROTEST" not in types("The union did not call a strike.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The alleged attacker, Omar Said – shot dead by police – had pledged allegiance to the group.",
        "The suspect, wounded by security guards, was taken to hospital.",
    ],
)
def test_an_aside_saying_who_shot_someone_is_an_event(sentence: str) -> None:
    assert types(sentence) == ["ASSAULT"]


def test_a_participle_naming_a_deal_is_no_event() -> None:
    assert types("The deal signed by both sides was hailed in Brussels.") == []


def test_a_death_after_a_bomb_went_off_is_one_event() -> None:
    text = "A colonel died after a roadside bomb detonated under his convoy near the city of Deir ez-Zor."
    assert types(text) == ["ASSAULT"]


def test_an_attack_noun_under_a_purpose_infinitive_is_no_event() -> None:
    assert "ASSAULT" not in types("Federal troops were deployed to repel incursions by militants.")


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a nightclub in Izmir on Saturday. Police arrested six men over Saturday's attack.",
        "A bomb exploded at the Zenith cafe on Friday. Police said the Zenith attack was planned for weeks.",
        "Drones struck a fuel depot in Dori on Thursday. The attack on the depot killed 12 people.",
    ],
)
def test_a_definite_mention_naming_the_same_date_place_or_name_joins(text: str) -> None:
    assert types(text).count("ASSAULT") == 1


def test_a_definite_mention_naming_another_place_is_a_new_event() -> None:
    text = "A bomb exploded in Baidoa on Friday. On Sunday, the Kismayo attack killed two guards."
    assert types(text) == ["ASSAULT", "ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hundreds of farmers staged a sit-in outside the governor's office to demand protection.",
        "Dock workers staged a walk-out at the port on Monday.",
    ],
)
def test_hyphenated_protest_nouns_are_found(sentence: str) -> None:
    assert types(sentence) == ["PROTEST"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Security forces used water cannon to disperse the marchers near the court.",
        "Riot police dispersed protesters with tear gas in Nairobi.",
    ],
)
def test_dispersing_protesters_is_coercion(sentence: str) -> None:
    assert types(sentence) == ["COERCE"]


@pytest.mark.parametrize(
    "sentence",
    ["The envoy met both generals, but no ceasefire was agreed.", "No prisoners were released on Sunday."],
)
def test_a_verb_whose_subject_is_no_thing_is_denied(sentence: str) -> None:
    assert ("denied" in [s for _, s in events(sentence)]) and all(
        s == "denied" for t, s in events(sentence) if t in ("AGREE", "RETREAT")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Jihadists ambushed an army convoy near Boni, killing 12 soldiers. The soldiers died in a shootout with the"
        " attackers that lasted hours.",
        "Rebels shelled the town on Monday, killing four civilians. The civilians were killed when a shell hit their"
        " home.",
    ],
)
def test_casualties_counted_before_and_told_again_are_the_same_event(text: str) -> None:
    assert types(text) == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Jihadists ambushed an army convoy near Boni, killing 12 soldiers. Three soldiers were killed in a separate"
        " attack near Douentza.",
        "Rebels shelled the town on Monday, killing four civilians. On Tuesday, the civilians were killed in an"
        " ambush near Gao.",
        "Rebels shelled the town on Monday, killing four civilians. The soldiers were killed in an ambush near Gao.",
    ],
)
def test_other_casualties_are_another_event(text: str) -> None:
    assert types(text) == ["ASSAULT", "ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "EU foreign ministers met in Brussels on Monday.",
        "The rebel leaders were meeting in emergency session in a house in the city.",
        "Tribal elders met in Kandahar to discuss the truce.",
    ],
)
def test_a_meeting_of_leaders_among_themselves_is_a_consultation(sentence: str) -> None:
    assert types(sentence) == ["CONSULT"]


def test_soldiers_meeting_somewhere_is_no_consultation() -> None:
    assert types("The soldiers met at the checkpoint before dawn.") == []
