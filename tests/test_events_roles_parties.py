"""Events roles: who did it to whom, for each construction issue 11 names. Every sentence was written for these
tests (other conflicts, other names than the benchmark stories); the whole pipeline runs, as on real news."""

from __future__ import annotations

import pytest

from sitrep.model import Actor, Document, Extraction
from sitrep.pipeline import extract


def extraction_of(text: str) -> Extraction:
    return extract(Document(text=text, published="2026-02-01", language="en"))


def roles(text: str, type_: str, nth: int = 0) -> tuple[str | None, str | None]:
    """The source and target names of the ``nth`` event of ``type_``."""
    extraction = extraction_of(text)
    events = [e for e in extraction.events if e.type == type_]
    assert len(events) > nth, [(e.type, e.text) for e in extraction.events]
    event = events[nth]
    return _name(extraction, event.source), _name(extraction, event.target)


def _name(extraction: Extraction, actor_id: str | None) -> str | None:
    actor = extraction.get(actor_id)
    return actor.name if isinstance(actor, Actor) else None


def actor(extraction: Extraction, actor_id: str | None) -> Actor:
    found = extraction.get(actor_id)
    assert isinstance(found, Actor)
    return found


# --- the perpetrator from modifiers and compounds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("An Ethiopian drone strike killed six people at a market in Tigray on Monday.", "Ethiopian armed forces"),
        ("Azerbaijani artillery shelled two villages near the border overnight.", "Azerbaijani armed forces"),
        (
            "Ethiopia denied the report. An Ethiopian drone strike killed six people in Tigray on Monday.",
            "Ethiopian armed forces",
        ),  # the state is already an actor: the nationality still names its forces
    ],
)
def test_a_nationality_names_the_states_forces(text: str, source: str) -> None:
    assert roles(text, "ASSAULT")[0] == source


def test_rebels_from_a_country_are_not_its_forces() -> None:
    source, _ = roles("Congolese rebels shelled the town of Sake on Tuesday.", "ASSAULT")
    assert source is not None and "rebels" in source.lower()


# --- agents of passives, other parties of reciprocal events -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        ("Two protesters were shot dead by police in Nairobi on Tuesday.", "ASSAULT", "police", "protesters"),
        ("Five fishermen were detained by coast guards off Palawan.", "COERCE", "coast guards", "fishermen"),
        ("A gunman died in a shootout with police in Marseille on Sunday.", "ASSAULT", "police", "gunman"),
    ],
)
def test_passive_agents_and_shootouts(text: str, type_: str, source: str, target: str) -> None:
    assert roles(text, type_) == (source, target)


def test_clashes_between_two_sides() -> None:
    text = "Clashes between Kurdish fighters and Turkish soldiers broke out near Afrin on Friday."
    source, target = roles(text, "ASSAULT")
    assert source is not None and "Kurdish" in source
    assert target is not None and "Turkish" in target


def test_two_sides_holding_talks() -> None:
    text = "Armenia and Azerbaijan held talks in Geneva on Thursday."
    assert roles(text, "CONSULT") == ("Armenia", "Azerbaijan")


# --- targets: who or what was hit --------------------------------------------------------------------------------------


def test_the_side_an_attack_is_aimed_at() -> None:
    text = "The province has seen repeated bombings targeted at the Nigerian army."
    _, target = roles(text, "ASSAULT")
    assert target is not None and "Nigeria" in target


def test_a_states_soil_stands_for_the_state() -> None:
    text = "Officials fear that militants could launch attacks on French soil."
    assert roles(text, "ASSAULT")[1] == "France"


def test_the_town_attacked_is_a_place_not_a_party() -> None:
    text = "Insurgents attacked the town of Mueda on Monday, residents said."
    source, target = roles(text, "ASSAULT")
    assert source is not None and "insurgents" in source.lower()
    assert target is None


def test_plain_soldiers_hit_are_a_party_of_their_own() -> None:
    text = "Gunmen killed four soldiers at a checkpoint in the north on Sunday."
    source, target = roles(text, "ASSAULT")
    assert (source or "").lower() == "gunmen" and target == "soldiers"


def test_state_property_named_by_nationality() -> None:
    text = "Azerbaijan's defence ministry said its forces had destroyed an Armenian ammunition depot."
    assert roles(text, "ASSAULT") == ("Azerbaijani armed forces", "Armenia")


# --- people acting for a state ------------------------------------------------------------------------------------------


def test_officials_act_for_the_state_their_title_names() -> None:
    text = "Ghanaian President John Mensah met Togolese Prime Minister Kofi Adjo in Accra on Friday."
    extraction = extraction_of(text)
    event = next(e for e in extraction.events if e.type == "CONSULT")
    assert actor(extraction, event.source).name == "Ghana"
    assert actor(extraction, event.target).name == "Togo"
    ruler = next(a for a in extraction.actors if a.name == "John Mensah")
    assert ruler.affiliation == event.source  # the tie is kept in the picture


def test_officials_named_by_nationality() -> None:
    text = "The army said it had met with Egyptian officials in Cairo to discuss a truce."
    assert roles(text, "CONSULT")[1] == "Egypt"


def test_an_activist_does_not_act_for_a_state() -> None:
    text = "Kenyan activist Mary Wanjiru met French lawyer Paul Morel in Paris."
    source, target = roles(text, "CONSULT")
    assert source in ("Mary Wanjiru", None) and target in ("Paul Morel", None)


def test_the_government_of_the_dateline_country() -> None:
    text = "HARARE (Wire) - The government accused the opposition of planning violence."
    assert roles(text, "ACCUSE")[0] == "Zimbabwe"


# --- victims, detainees, the accused ------------------------------------------------------------------------------------


def test_detainees_are_the_target_of_an_arrest() -> None:
    assert roles("Police arrested three journalists in Harare on Monday.", "COERCE") == ("police", "journalists")


def test_the_accused_named_by_a_pronoun() -> None:
    text = "Police in Gulu arrested a teacher on Monday, and prosecutors charged him with treason."
    assert roles(text, "ACCUSE") == ("prosecutors", "teacher")


def test_the_accused_named_by_their_number() -> None:
    text = (
        "Five suspected militants were detained by police in Nampula on Tuesday.\n"
        "A court in Nampula charged the five with terrorism on Thursday."
    )
    assert roles(text, "ACCUSE") == ("court", "suspected militants")


def test_a_court_is_not_the_military_that_modifies_it() -> None:
    text = "A Congolese military court sentenced two officers to death on Wednesday."
    source, _ = roles(text, "SANCTION")
    assert source is not None and source.endswith("court")


def test_a_friend_is_convicted_not_the_man_named_after_him() -> None:
    text = "A court convicted a friend of bombing suspect Omar Haddad for lying to investigators."
    source, target = roles(text, "SANCTION")
    assert source == "court" and target == "friend"


def test_the_injured_counted_after_the_dead() -> None:
    text = "In ten minutes of gunfire, six people were dead and some 40 more were injured by the attackers."
    extraction = extraction_of(text)
    injured = [e for e in extraction.events if e.type == "ASSAULT" and e.target]
    assert injured and _name(extraction, injured[-1].target) == "people"


# --- parties across a clause -------------------------------------------------------------------------------------------


def test_relative_clause_and_coordinated_verbs_share_the_subject() -> None:
    text = "Militants who attacked a checkpoint near Arish on Monday killed four policemen and burned two trucks."
    extraction = extraction_of(text)
    sources = {(_name(extraction, e.source) or "").lower() for e in extraction.events if e.type == "ASSAULT"}
    assert sources == {"militants"}


def test_the_attackers_are_the_group_named_before() -> None:
    text = (
        "Bandits attacked a village in Zamfara state on Friday, killing nine people.\n"
        "Two of the attackers were shot dead by soldiers."
    )
    _, target = roles(text, "ASSAULT", nth=1)
    assert (target or "").lower() == "bandits"


def test_the_police_named_before_are_the_officers() -> None:
    text = (
        "Gang members attacked a police station in Jacmel on Friday, police said.\n"
        "Two of the gang members were shot dead by officers."
    )
    source, _ = roles(text, "ASSAULT", nth=1)
    assert source == "police"


# --- casualties and the fight they happened in -------------------------------------------------------------------------


def test_the_sides_of_a_battle_a_casualty_happened_in() -> None:
    text = "A man was killed and three others were wounded in a battle between soldiers and bandits near Gusau."
    assert roles(text, "ASSAULT") == ("soldiers", "bandits")


def test_the_attacker_named_in_a_when_clause() -> None:
    text = "Nine people were killed and dozens injured when Houthi fighters shelled a market in Taiz on Friday."
    source, target = roles(text, "ASSAULT")
    assert source is not None and source.lower().startswith("houthi")
    assert target == "people"


def test_a_bare_count_of_detainees_stands_for_the_people_named_before() -> None:
    text = "Students clashed with riot police in Dhaka on Monday. Hundreds were detained."
    assert roles(text, "COERCE")[1] == "students"


def test_a_relative_clause_does_not_tie_people_to_a_state() -> None:
    text = "Police said two brothers who had lived in France for years detonated the bombs near the station."
    source, _ = roles(text, "ASSAULT")
    assert source != "France"


def test_one_of_them_named_in_apposition() -> None:
    text = (
        "Two opposition leaders spoke. One of them, Amina Yusuf, a former minister, called for new protests on Monday."
    )
    assert roles(text, "REQUEST")[0] == "Amina Yusuf"


# --- the object of "charged X with", "accused X of" does what the gerund says ------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Prosecutors charged a retired army colonel with ordering the murder of a union leader in 2019.", "colonel"),
        ("Police charged a local militia commander with organising the attack on the market in Bunia.", "commander"),
        (
            "A court in Lahore convicted two members of Lashkar-e-Jhangvi of planning the bombing of a police station.",
            "Lashkar-e-Jhangvi",
        ),
    ],
)
def test_an_accused_object_is_the_doer_of_the_gerund(text: str, source: str) -> None:
    extraction = extraction_of(text)
    nested = [e for e in extraction.events if e.type == "ASSAULT"]
    assert nested, [(e.type, e.text) for e in extraction.events]
    assert source in (_name(extraction, nested[0].source) or "")


def test_a_murder_named_by_its_victim_is_not_an_earlier_shooting() -> None:
    """ "the murder of a union leader" names another happening than the shooting of two officers told before."""
    extraction = extraction_of(
        "Two police officers were shot dead at a checkpoint on Friday, officials said. "
        "Prosecutors charged a retired army colonel with ordering the murder of a union leader in 2019."
    )
    shooting = next(e for e in extraction.events if e.type == "ASSAULT")
    assert _name(extraction, shooting.source) != "prosecutors"
    assert len([e for e in extraction.events if e.type == "ASSAULT"]) == 2


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        (
            "NATO met in Brussels on Monday. Kyiv has since requested air-defence data from alliance members.",
            "REQUEST",
            None,
            "NATO",
        ),
        ("Hamas fighters attacked an army post near Rafah on Tuesday.", "ASSAULT", "Hamas", None),
    ],
)
def test_members_named_by_their_group_are_that_group(
    text: str, type_: str, source: str | None, target: str | None
) -> None:
    """ "alliance members", "Hamas fighters": the group, not a new population of members."""
    found_source, found_target = roles(text, type_)
    if source:
        assert found_source == source
    if target:
        assert found_target == target
