"""Unnamed actors (officials, sources, militants, police) and spokesmen tied to their body."""

import pytest

from sitrep.analysis import Analysis
from sitrep.layers.actors import stage as actors
from sitrep.layers.actors.collectives import collective_actor, collective_at
from sitrep.layers.actors.stage import find_actors
from sitrep.model import Document, Extraction
from sitrep.nlp import parse


def actors_of(text):
    return {d.name: d for d in find_actors(parse(text))}


def mentions(draft, text):
    return [text[s:e] for s, e in sorted(draft.mentions)]


@pytest.mark.parametrize(
    "text, name, type_, country",
    [
        ("Russian officials said two people were killed in the strike.", "Russian officials", "person", "RUS"),
        ("Two security sources told reporters the convoy was ambushed.", "security sources", "person", None),
        ("According to Palestinian health officials, 20 people died.", "Palestinian health officials", "person", "PSE"),
        ("Militants attacked a checkpoint overnight, killing seven soldiers.", "militants", "armed_group", None),
        ("Gunmen on motorbikes stormed the village at dawn.", "gunmen", "armed_group", None),
    ],
)
def test_unnamed_agents_and_sources_are_actors(text, name, type_, country):
    found = actors_of(text)
    assert found[name].type == type_
    assert found[name].country == country


@pytest.mark.parametrize(
    "text, name, body",
    [
        ("A Hezbollah official said the commander had led operations.", "Hezbollah official", "Hezbollah"),
        (
            "A State Department spokesman said the package would arrive within weeks.",
            "State Department spokesman",
            "US State Department",
        ),
        (
            "A source in the SBU told Reuters the drones were theirs.",
            "source in Security Service of Ukraine",
            "Security Service of Ukraine",
        ),
    ],
)
def test_an_unnamed_official_belongs_to_the_body_the_text_names(text, name, body):
    found = actors_of(text)
    assert found[name].affiliation == found[body].key


def test_the_members_of_a_named_group_are_the_group():
    text = "The M23 took the town on Tuesday. M23 rebels then attacked a camp."
    found = actors_of(text)
    assert "M23 rebels" in mentions(found["M23"], text)
    assert "M23 rebels" not in found


def test_objects_and_modifiers_are_no_collective_actors():
    found = actors_of("The strike killed several officials. Security officials' cars were burned.")
    assert not any(d.key.startswith("collective:") for d in found.values())


def test_police_under_a_dateline_are_that_country_s_police():
    text = "PESHAWAR, Pakistan (Reuters) - Police said three officers were wounded in the attack."
    found = actors_of(text)
    assert found["police"].type == "armed_forces" and found["police"].country == "PAK"


@pytest.mark.parametrize(
    "text, person, body",
    [
        (
            "Army spokesman Nabil Abdallah said Sudan's army had pushed back the attack.",
            "Nabil Abdallah",
            "Sudanese armed forces",
        ),
        ("Hamas official Basem Naim rejected the account.", "Basem Naim", "Hamas"),
        ("Kremlin spokesman Dmitry Peskov told reporters the aid changed nothing.", "Dmitry Peskov", "Russia"),
        (
            "Unification Ministry spokesman Koo Byoung-sam urged activists to stop.",
            "Koo Byoung-sam",
            "Unification Ministry",
        ),
    ],
)
def test_a_spokesman_acts_for_the_body_named_before_the_title(text, person, body):
    found = actors_of(text)
    assert found[person].type == "person"
    assert found[person].affiliation == found[body].key


def test_collective_at_describes_the_noun_phrase():
    parsed = parse("Two senior Israeli officials told the newspaper the talks had stalled.")
    head = next(t.i for t in parsed.tokens if t.text == "officials")
    found = collective_at(parsed, head)
    assert found.name == "senior Israeli officials" and found.type == "person" and found.country == "ISR"


def test_collective_actor_for_the_later_stages():
    text = "Witnesses said the convoy was hit. Local officials said four people died."
    document = Document(text=text)
    analysis = Analysis(document=document, parse=parse(text), extraction=Extraction(document=document))
    actors.run(analysis)
    start = text.index("Local officials")
    actor_id = collective_actor(analysis, (start, start + len("Local officials")))
    actor = analysis.extraction.get(actor_id)
    assert actor.type == "person" and "officials" in actor.name
    assert collective_actor(analysis, (text.index("convoy"), text.index("convoy") + 6)) is None


def test_the_military_under_a_foreign_dateline_is_the_forces_the_text_named():
    text = (
        "BANGKOK (AFP) - Myanmar's military lost a border town on Tuesday. "
        "A junta spokesman said the military was working to restore order."
    )
    found = actors_of(text)
    assert "Thai armed forces" not in found
    assert "military" in mentions(found["Myanmar armed forces"], text)


@pytest.mark.parametrize(
    "text, person, state",
    [
        (
            "GOMA, Democratic Republic of Congo (Reuters) - Government spokesman Patrick Muyaya accused Rwanda of lying.",
            "Patrick Muyaya",
            "COD",
        ),
        ("BAMAKO, Mali (AFP) - Government spokesman Issa Maiga said the talks would resume.", "Issa Maiga", "MLI"),
    ],
)
def test_a_government_spokesman_under_a_dateline_acts_for_that_state(text, person, state):
    found = actors_of(text)
    assert found[person].affiliation == f"state:{state}"


@pytest.mark.parametrize(
    "text, person, body",
    [
        (
            "The U.N. mission, MONUSCO, said it was reinforcing Sake. Bintou Keita, head of MONUSCO, urged calm.",
            "Bintou Keita",
            "MONUSCO",
        ),
        (
            "The regional force, SAMIDRC, pulled back. Its commander, Monwabisi Dyakopu, head of SAMIDRC, left Goma.",
            "Monwabisi Dyakopu",
            "SAMIDRC",
        ),
    ],
)
def test_an_acronym_the_ner_missed_is_the_body_of_its_head(text, person, body):
    found = actors_of(text)
    assert found[body].type == "organization"
    assert found[person].affiliation == found[body].key


def test_security_forces_are_the_forces_the_text_named():
    text = "Pakistan's army said security forces killed six attackers in North Waziristan."
    found = actors_of(text)
    assert "security forces" in mentions(found["Pakistani armed forces"], text)
    assert "security forces" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Gangs opened fire on the airport on Thursday.",
        "Armed gangs burned houses in the Delmas district, residents said.",
    ],
)
def test_gangs_are_an_armed_group(text):
    found = actors_of(text)
    assert any(d.type == "armed_group" and "gangs" in d.name for d in found.values())
