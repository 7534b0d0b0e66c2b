"""Events issue 11: the happenings news reports most are found, with who did what to whom.

Every sentence was written for these tests (other conflicts, other outlets' styles); the
upstream layers are hand-built (see test_events.World) so only the events stage is tested.
"""

from __future__ import annotations

import pytest

from test_events import World, found, name

MILITANTS = [
    ("Islamic State", "armed_group", None, None, ["Islamic State"]),
    ("al-Shabaab", "armed_group", "SOM", None, ["al-Shabaab"]),
    ("Rapid Support Forces", "armed_group", "SDN", None, ["Rapid Support Forces", "RSF"]),
]


def types(sentence: str, world: World | None = None) -> list[str]:
    findings, _ = found(sentence, world or World(actors=MILITANTS))
    return [f.type for f in findings]


@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        ("A bomb exploded outside a police station in Quetta on Tuesday.", "ASSAULT"),
        ("Two roadside bombs went off near a school in Mogadishu, witnesses said.", "ASSAULT"),
        ("Militants blew up a bridge on the highway to Kandahar overnight.", "ASSAULT"),
        ("The bomber detonated his vest at the gates of the ministry.", "ASSAULT"),
        ("Dagestan has seen frequent attacks on police officers this year.", "ASSAULT"),
        ("Three soldiers were killed in the northern province of Tillaberi, the army said.", "ASSAULT"),
        ("A wounded fighter died of his injuries after the ambush.", "ASSAULT"),
        ("Police arrested two men suspected of planning the attack in Hamburg.", "COERCE"),
        ("Arrests of opposition journalists have risen sharply since March.", "COERCE"),
        ("A military court sentenced four rebels to life in prison on Monday.", "SANCTION"),
        ("Thousands of teachers marched through Nairobi to demand higher pay.", "PROTEST"),
        ("The jailed activist began a hunger strike in protest at her treatment.", "PROTEST"),
        ("Hundreds of farmers rallied outside parliament in Warsaw on Friday.", "PROTEST"),
        ("Envoys from both sides held talks in Jeddah on Saturday.", "CONSULT"),
        ("The foreign minister met with his Turkish counterpart in Ankara.", "CONSULT"),
        ("Police were investigating a failed assassination attempt on the mayor.", "ASSAULT"),
    ],
)
def test_common_happenings_are_found(sentence: str, type_: str) -> None:
    assert type_ in types(sentence), types(sentence)


def test_a_definite_mention_joins_the_event_it_names() -> None:
    text = "A car bomb exploded in a market in Baidoa on Friday. The bombing was the deadliest this year."
    findings, _ = found(text, World(actors=MILITANTS))
    assert [f.type for f in findings] == ["ASSAULT"]


def test_a_new_happening_named_by_a_noun_is_an_event() -> None:
    text = "A car bomb exploded in Baidoa on Friday. On Sunday a shooting at a checkpoint in Kismayo killed two guards."
    findings, _ = found(text, World(actors=MILITANTS))
    assert [f.type for f in findings] == ["ASSAULT", "ASSAULT"]


# --- roles -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("A Russian drone strike hit a bus in Kherson on Monday.", "Russian armed forces"),
        ("An Israeli air strike killed five people in Rafah.", "Israeli armed forces"),
        ("Turkish artillery shelled villages near the border overnight.", "Turkish armed forces"),
    ],
)
def test_the_perpetrator_comes_from_a_nationality_modifier(sentence: str, source: str) -> None:
    findings, analysis = found(sentence)
    event = next(f for f in findings if f.type == "ASSAULT")
    assert name(analysis, event.source) == source


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Gunmen abducted three engineers near Zamfara on Sunday.", "Gunmen", "engineers"),
        ("Police detained 30 protesters outside the courthouse.", "Police", "protesters"),
        ("Riot police fired tear gas at students in Dhaka.", "Riot police", "students"),
    ],
)
def test_parties_named_only_by_what_they_are_fill_the_roles(sentence: str, source: str, target: str) -> None:
    findings, analysis = found(sentence)
    event = findings[0]
    assert (name(analysis, event.source), name(analysis, event.target)) == (source, target)


def test_victims_of_a_death_are_targets_not_perpetrators() -> None:
    findings, analysis = found("During an hour of shelling, at least nine villagers died.")
    event = next(f for f in findings if f.type == "ASSAULT")
    assert event.source is None and name(analysis, event.target) == "villagers"


def test_the_agent_of_a_passive_is_the_source() -> None:
    findings, analysis = found("Two students were shot dead by police in Lagos.")
    event = next(f for f in findings if f.type == "ASSAULT")
    assert name(analysis, event.source) == "police"


def test_the_other_party_of_a_clash() -> None:
    findings, analysis = found(
        "Clashes between Rapid Support Forces and Sudan's army killed 12 people.",
        World(actors=MILITANTS + [("Sudanese armed forces", "armed_forces", "SDN", "Sudan", ["Sudan's army"])]),
    )
    event = next(f for f in findings if f.type == "ASSAULT")
    assert name(analysis, event.source) == "Rapid Support Forces"
    assert name(analysis, event.target) == "Sudanese armed forces"


def test_a_spokesman_acts_for_the_body_named_in_his_phrase() -> None:
    text = "Omar Haidari, the Defence Ministry spokesman, met with Pakistani officials."
    world = World(
        actors=[
            ("Omar Haidari", "person", None, None, ["Omar Haidari"]),
            ("Defence Ministry", "organization", "AFG", "Afghanistan", ["Defence Ministry"]),
            ("Afghanistan", "state", "AFG", None, ["Kabul"]),
            ("Pakistani officials", "person", "PAK", None, ["Pakistani officials"]),
        ]
    )
    findings, analysis = found(text, world)
    event = next(f for f in findings if f.type == "CONSULT")
    assert name(analysis, event.source) == "Afghanistan"


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("The killing of three journalists in Mosul drew wide condemnation.", "journalists"),
        ("Arrests of opposition activists have risen sharply since March.", "opposition activists"),
    ],
)
def test_the_victim_of_an_act_noun_is_its_target(sentence: str, target: str) -> None:
    findings, analysis = found(sentence)
    assert findings and name(analysis, findings[0].target) == target


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Thousands of nurses marched through Harare on Monday.", "nurses", None),
        ("A judge ordered his release on bail.", "judge", None),
    ],
)
def test_crowds_and_possessives_in_their_roles(sentence: str, source: str | None, target: str | None) -> None:
    findings, analysis = found(sentence)
    assert findings and name(analysis, findings[0].source) == source


@pytest.mark.parametrize(
    ("sentence", "type_", "source", "target"),
    [
        ("A federal judge sentenced him to death on Monday.", "SANCTION", "federal judge", None),
        ("Activists staged a 24-hour hunger strike outside the embassy on Monday.", "PROTEST", "Activists", None),
        ("The suspect died after a shootout with police on Monday.", "ASSAULT", "police", "suspect"),
        ("A gunman was killed in a firefight with soldiers near the border.", "ASSAULT", "soldiers", "gunman"),
    ],
)
def test_issue_examples_in_other_words(sentence: str, type_: str, source: str | None, target: str | None) -> None:
    findings, analysis = found(sentence)
    event = next(f for f in findings if f.type == type_)
    assert name(analysis, event.source) == source
    if target is not None:
        assert name(analysis, event.target) == target


def test_rebels_from_a_country_are_not_its_forces() -> None:
    findings, analysis = found("Sudanese rebels shelled Juba on Monday.")
    assert name(analysis, findings[0].source) == "Sudanese rebels"
