"""Events: PLOVER types, modes, roles, status and context (sitrep.layers.events.stage and its helpers).

Every sentence here was written for these tests. Upstream layers (actors, claims, places,
times, figures) are built by hand so the tests do not depend on the other stages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitrep.analysis import Analysis
from sitrep.errors import ResourceError
from sitrep.layers.events import stage as events
from sitrep.layers.events.lexicon import load_lexicon, parse_trigger_row
from sitrep.layers.events.roles import political_actor
from sitrep.layers.events.stage import find_events, headline_sentences
from sitrep.model import EVENT_TYPES, STATUSES, Actor, Claim, Document, Event, Extraction, Figure, Place, Time
from sitrep.nlp import parse

SHARED_EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kursk-deployment.gold.json"


@dataclass
class World:
    """Hand-built upstream layers: actors by surface form, plus claims, places, times and figures."""

    actors: list[tuple[str, str, str | None, str | None, list[str]]] = field(default_factory=list)
    claims: list[tuple[str, str | None, str, str]] = field(default_factory=list)
    places: list[tuple[str, str, str, float | None, float | None, list[str]]] = field(default_factory=list)
    times: list[tuple[str, str, str, str]] = field(default_factory=list)
    figures: list[tuple[str, float, str]] = field(default_factory=list)


STATES = [
    ("Russia", "state", "RUS", None, ["Russia", "Moscow"]),
    ("Ukraine", "state", "UKR", None, ["Ukraine", "Kyiv"]),
    ("Germany", "state", "DEU", None, ["Germany", "Berlin"]),
    ("Lithuania", "state", "LTU", None, ["Lithuania"]),
    ("Israel", "state", "ISR", None, ["Israel"]),
    ("Iran", "state", "IRN", None, ["Iran", "Tehran"]),
    ("Turkey", "state", "TUR", None, ["Turkey"]),
    ("Poland", "state", "POL", None, ["Poland"]),
    ("Belarus", "state", "BLR", None, ["Belarus"]),
    ("Estonia", "state", "EST", None, ["Estonia"]),
    ("Finland", "state", "FIN", None, ["Finland"]),
    ("Sudan", "state", "SDN", None, ["Sudan"]),
    ("Canada", "state", "CAN", None, ["Canada"]),
    ("European Union", "organization", None, None, ["European Union"]),
    ("United Nations", "organization", None, None, ["United Nations"]),
    ("Hamas", "armed_group", "PSE", None, ["Hamas"]),
    ("Russian armed forces", "armed_forces", "RUS", "Russia", ["Russian forces", "Russian troops"]),
    ("Recep Tayyip Erdogan", "person", "TUR", "Turkey", ["Erdogan"]),
    ("Vladimir Putin", "person", "RUS", "Russia", ["Vladimir Putin", "Putin"]),
]


def _mentions(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    found = []
    for surface in sorted(surfaces, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
            if not any(s < m.end() and m.start() < e for s, e in found):
                found.append((m.start(), m.end()))
    return found


def build(text: str, world: World | None = None, title: str | None = None, published: str = "2024-05-06") -> Analysis:
    """An Analysis of ``text`` whose earlier layers hold ``world`` (and the common states)."""
    world = world or World()
    document = Document(text=text, title=title, published=published)
    extraction = Extraction(document=document)
    specs = world.actors + [s for s in STATES if s[0] not in {a[0] for a in world.actors}]
    mentioned = {spec[0] for spec in specs if _mentions(text, spec[4])}
    wanted = mentioned | {spec[3] for spec in specs if spec[0] in mentioned and spec[3]}
    by_name: dict[str, str] = {}
    parents: dict[str, str | None] = {}
    for name, type_, country, parent, surfaces in specs:
        if name in wanted:
            actor = Actor(
                id=extraction.next_id("actors"),
                name=name,
                type=type_,
                country=country,
                mentions=_mentions(text, surfaces),
            )
            extraction.actors.append(actor)
            by_name[name], parents[actor.id] = actor.id, parent
    for actor in extraction.actors:
        parent = parents[actor.id]
        actor.affiliation = by_name.get(parent) if parent else None
    for content, speaker, stance, factuality in world.claims:
        start = text.index(content)
        extraction.claims.append(
            Claim(
                id=extraction.next_id("claims"),
                content=content,
                content_span=(start, start + len(content)),
                speaker=by_name.get(speaker) if speaker else None,
                stance=stance,
                factuality=factuality,
            )
        )
    for name, feature, country, lat, lon, surfaces in world.places:
        extraction.places.append(
            Place(
                id=extraction.next_id("places"),
                name=name,
                feature=feature,
                country=country,
                lat=lat,
                lon=lon,
                mentions=_mentions(text, surfaces),
            )
        )
    for phrase, start_date, end_date, granularity in world.times:
        start = text.index(phrase)
        extraction.times.append(
            Time(
                id=extraction.next_id("times"),
                text=phrase,
                span=(start, start + len(phrase)),
                start=start_date,
                end=end_date,
                granularity=granularity,
            )
        )
    for phrase, value, category in world.figures:
        start = text.index(phrase)
        span = (start, start + len(phrase))
        extraction.figures.append(
            Figure(id=extraction.next_id("figures"), text=phrase, span=span, value=value, category=category)
        )
    return Analysis(document=document, parse=parse(text), extraction=extraction)


def found(text: str, world: World | None = None, **kwargs) -> tuple[list[Event], Analysis]:
    analysis = build(text, world, **kwargs)
    return find_events(analysis), analysis


def name(analysis: Analysis, actor_id: str | None) -> str | None:
    actor = analysis.extraction.get(actor_id)
    return actor.name if actor else None


def one(text: str, world: World | None = None) -> tuple[Event, Analysis]:
    findings, analysis = found(text, world)
    assert len(findings) == 1, [(f.type, f.text) for f in findings]
    return findings[0], analysis


# --- one test per PLOVER type ---------------------------------------------------------------------------------------

TYPE_CASES = [
    ("Serbia and Kosovo signed an agreement on Thursday.", "AGREE", None, None, None),
    ("Erdogan met Vladimir Putin in Sochi on Friday.", "CONSULT", None, "Turkey", "Russia"),
    ("Germany welcomed the decision of the court.", "SUPPORT", None, "Germany", None),
    ("The government of Sri Lanka lifted the curfew in Colombo.", "CONCEDE", None, None, None),
    ("Estonia shared intelligence with Finland about the sabotage.", "COOPERATE", "intelligence", "Estonia", "Finland"),
    ("Germany provided Ukraine with air defence systems.", "AID", "military", "Germany", "Ukraine"),
    ("Hamas released three hostages on Monday.", "RETREAT", "release", "Hamas", "hostages"),
    ("The United Nations called on Israel to allow aid into Gaza.", "REQUEST", None, "United Nations", "Israel"),
    ("Poland accused Belarus of pushing migrants across the border.", "ACCUSE", None, "Poland", "Belarus"),
    ("Moscow rejected the proposal from Kyiv.", "REJECT", None, "Russia", "Ukraine"),
    ("Iran threatened Israel with a harsh response.", "THREATEN", "violence", "Iran", "Israel"),
    ("Thousands of farmers protested in Paris against the new tax.", "PROTEST", "demo", "farmers", None),
    ("The European Union imposed new sanctions on Iran.", "SANCTION", "sever", "European Union", "Iran"),
    ("Russia massed troops along the border with Ukraine.", "MOBILIZE", "troops", "Russia", None),
    ("Police in Minsk arrested 40 demonstrators.", "COERCE", "arrest", "Police", "demonstrators"),
    (
        "An Israeli airstrike killed five people in a Gaza refugee camp.",
        "ASSAULT",
        "aerial",
        "Israeli armed forces",
        "people",
    ),
]


@pytest.mark.parametrize(("sentence", "type_", "mode", "source", "target"), TYPE_CASES)
def test_each_plover_type(sentence: str, type_: str, mode: str | None, source: str | None, target: str | None) -> None:
    event, analysis = one(sentence)
    assert event.type == type_
    if mode is not None:
        assert event.mode == mode
    assert name(analysis, event.source) == source
    assert name(analysis, event.target) == target
    assert event.status == "occurred"
    assert analysis.text[event.span[0] : event.span[1]] == event.text


def test_every_plover_type_is_covered() -> None:
    assert {case[1] for case in TYPE_CASES} == set(EVENT_TYPES)


# --- status ---------------------------------------------------------------------------------------------------------

STATUS_CASES = [
    ("Russian forces shelled Kharkiv overnight.", "ASSAULT", "occurred"),
    ("Russia has been providing Syria with weapons since 2015.", "AID", "ongoing"),
    ("Rebels are besieging the city of El Fasher.", "COERCE", "ongoing"),
    ("Germany plans to send 5,000 troops to Lithuania.", "AID", "planned"),
    ("Germany will deploy a brigade to Lithuania.", "AID", "planned"),
    ("Russia threatened to strike Kyiv.", "ASSAULT", "threatened"),
    ("Iran may impose sanctions on Israel.", "SANCTION", "possible"),
    ("Germany was considering sending troops to Lithuania.", "AID", "possible"),
    ("Belarus did not send troops to Ukraine.", "AID", "denied"),
    ("The army never arrested the journalists.", "COERCE", "denied"),
    ("The government denied that its troops had burned villages in the north.", "ASSAULT", "denied"),
    ("A resolution that would have condemned the raids was blocked.", "ACCUSE", "denied"),
]


@pytest.mark.parametrize(("sentence", "type_", "status"), STATUS_CASES)
def test_status_from_the_verb_form(sentence: str, type_: str, status: str) -> None:
    event, _ = one(sentence)
    assert (event.type, event.status) == (type_, status)


def test_every_status_is_covered() -> None:
    assert {case[2] for case in STATUS_CASES} == set(STATUSES)


def test_status_from_the_carrying_claim() -> None:
    text = "The ministry denied reports that its soldiers had shelled the village of Ivanivka."
    world = World(claims=[("its soldiers had shelled the village of Ivanivka", None, "deny", "counterfact")])
    findings, analysis = found(text, world)
    event = next(f for f in findings if f.type == "ASSAULT")
    assert event.status == "denied"
    assert event.claims == [analysis.extraction.claims[0].id]


def test_possible_claim_makes_the_event_possible() -> None:
    text = "Officials believe that Russia moved troops to the border on Friday."
    world = World(claims=[("Russia moved troops to the border on Friday", None, "assert", "possible")])
    event, _ = one(text, world)
    assert event.status == "possible"


def test_a_request_in_the_progressive_occurred() -> None:
    event, _ = one("The United Nations is calling on Russia to release the sailors.")
    assert (event.type, event.status) == ("REQUEST", "occurred")


# --- roles ----------------------------------------------------------------------------------------------------------


def test_troops_sent_to_fight_for_another_state_are_military_aid_from_the_sender() -> None:
    world = World(
        actors=[
            ("North Korea", "state", "PRK", None, ["North Korea", "Pyongyang"]),
            ("North Korean armed forces", "armed_forces", "PRK", "North Korea", ["North Korean troops"]),
        ]
    )
    event, analysis = one("Officials say North Korean troops have been deployed to Russia.", world)
    assert (event.type, event.mode) == ("AID", "military")
    assert (name(analysis, event.source), name(analysis, event.target)) == ("North Korea", "Russia")


def test_in_support_of_names_the_receiver() -> None:
    world = World(actors=[("North Korea", "state", "PRK", None, ["North Korea"])])
    event, analysis = one("North Korea may deploy troops to Ukraine in support of Russia.", world)
    assert (event.type, event.status) == ("AID", "possible")
    assert (name(analysis, event.source), name(analysis, event.target)) == ("North Korea", "Russia")


def test_troops_moved_at_home_are_mobilisation() -> None:
    event, analysis = one("Russia moved 30,000 troops to the Kursk region.")
    assert (event.type, event.mode) == ("MOBILIZE", "troops")
    assert name(analysis, event.source) == "Russia"


def test_metonyms_resolve_through_the_actors_layer() -> None:
    world = World(actors=[("North Korea", "state", "PRK", None, ["Pyongyang"])])
    event, analysis = one("Pyongyang has supplied Moscow with shells and rockets.", world)
    assert (event.type, event.mode) == ("AID", "military")
    assert (name(analysis, event.source), name(analysis, event.target)) == ("North Korea", "Russia")


def test_people_are_lifted_to_the_state_they_act_for() -> None:
    event, analysis = one("Erdogan phoned Vladimir Putin on Tuesday.")
    assert (name(analysis, event.source), name(analysis, event.target)) == ("Turkey", "Russia")
    assert event.mode == "phone"


def test_first_person_source_is_the_quoted_speaker() -> None:
    text = '"We urge all parties to stop the fighting," the United Nations said.'
    world = World(claims=[("We urge all parties to stop the fighting", "United Nations", "call", "fact")])
    event, analysis = one(text, world)
    assert event.type == "REQUEST"
    assert name(analysis, event.source) == "United Nations"


def test_criticism_targets_whoever_the_criticised_content_is_about() -> None:
    text = "Israel has kept the crossing closed, a policy which the United Nations has criticised."
    analysis = build(text)
    cue = text.index("criticised")
    analysis.extraction.claims.append(
        Claim(
            id="C1",
            content="Israel has kept the crossing closed",
            content_span=(0, 35),
            cue="criticised",
            cue_span=(cue, cue + len("criticised")),
            speaker="A2",
            stance="allege",
        )
    )
    findings = [f for f in find_events(analysis) if f.type == "ACCUSE"]
    assert len(findings) == 1
    assert (name(analysis, findings[0].source), name(analysis, findings[0].target)) == ("United Nations", "Israel")


def test_political_actor_stops_at_armed_forces() -> None:
    analysis = build("Russian forces, Russia and Vladimir Putin.")
    forces = next(a for a in analysis.extraction.actors if a.type == "armed_forces")
    putin = next(a for a in analysis.extraction.actors if a.name == "Vladimir Putin")
    lexicon = load_lexicon()
    assert forces.affiliation is not None
    assert political_actor(analysis.extraction, lexicon, forces.id) == forces.id
    assert political_actor(analysis.extraction, lexicon, putin.id) == putin.affiliation


# --- modes ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "mode"),
    [
        ("Russian forces shelled Kharkiv overnight.", "heavy-weapons"),
        ("Gunmen opened fire on a market in Kano, killing 12 people.", "firearms"),
        ("A car bomb attack killed eight soldiers in Mogadishu.", "explosives"),
        ("A suicide bombing killed eight soldiers in Mogadishu.", "suicide-attack"),
        ("Militants kidnapped 20 students from a school.", "abduct"),
        ("A drone strike killed two commanders near Idlib.", "aerial"),
    ],
)
def test_assault_modes(sentence: str, mode: str) -> None:
    event, _ = one(sentence)
    assert (event.type, event.mode) == ("ASSAULT", mode)


def test_a_labour_strike_is_a_protest_not_an_assault() -> None:
    event, _ = one("Dock workers went on strike in Lagos on Monday.")
    assert (event.type, event.mode, event.status) == ("PROTEST", "strike-lim", "occurred")


# --- one event per statement; no event for mere mentions --------------------------------------------------------------


def test_a_consequence_clause_joins_its_event() -> None:
    text = "Russian forces shelled the town of Kupiansk on Monday, killing three civilians."
    world = World(
        figures=[("three civilians", 3, "killed")],
        times=[("Monday", "2024-05-06", "2024-05-06", "day")],
        places=[("Kupiansk", "city", "UKR", 49.71, 37.61, ["Kupiansk"])],
    )
    event, analysis = one(text, world)
    assert (event.type, event.mode) == ("ASSAULT", "heavy-weapons")
    assert name(analysis, event.source) == "Russian armed forces"
    assert event.figures == ["F1"] and event.time == "T1" and event.place == "P1"
    assert event.text.endswith("killing three civilians")


def test_killed_in_a_strike_is_one_event_with_its_figures() -> None:
    text = "Officials said 20 soldiers were killed in a missile strike on Donetsk, including six officers."
    world = World(
        figures=[("20 soldiers", 20, "killed"), ("six officers", 6, "killed")],
        places=[("Donetsk", "city", "UKR", 48.0, 37.8, ["Donetsk"])],
    )
    event, _ = one(text, world)
    assert (event.type, event.mode, event.status) == ("ASSAULT", "aerial", "occurred")
    assert event.figures == ["F1", "F2"]
    assert event.text == "20 soldiers were killed in a missile strike on Donetsk"


@pytest.mark.parametrize(
    "sentence",
    [
        "Five people died in the crash.",
        "A storm caused a crane to fall, killing 107 people.",
        "The navy arrived to rescue the crew.",
        "My neighbour attacked the newspaper in a blog post.",
        "He called the decision a serious escalation.",
        "They discussed the offensive against Ukraine.",
        "Sanctions have not stopped the flow of money.",
    ],
)
def test_no_event_for_mentions_accidents_and_figures_of_speech(sentence: str) -> None:
    findings, _ = found(sentence)
    assert findings == [], [(f.type, f.text) for f in findings]


@pytest.mark.parametrize(
    ("sentence", "type_", "mode"),
    [
        ("The junta imposed martial law in six townships.", "COERCE", "martial-law"),
        ("The president declared a state of emergency in the capital.", "COERCE", "martial-law"),
        ("Rebels launched a wave of attacks on army posts.", "ASSAULT", None),
        ("Ukraine and Russia exchanged 90 prisoners of war on Friday.", "RETREAT", "release"),
        ("North Korea fired two ballistic missiles into the sea on Thursday.", "MOBILIZE", "weapons"),
    ],
)
def test_nouns_asserted_by_their_verbs(sentence: str, type_: str, mode: str | None) -> None:
    event, _ = one(sentence)
    assert (event.type, event.mode) == (type_, mode)


def test_the_content_of_a_request_is_not_an_event() -> None:
    findings, _ = found("The United Nations urged Russia to withdraw its troops from the plant.")
    assert [f.type for f in findings] == ["REQUEST"]


def test_a_threat_to_act_is_the_act_threatened_not_a_second_event() -> None:
    findings, _ = found("Iran threatened to attack Israeli ships in the Gulf.")
    assert [(f.type, f.status) for f in findings] == [("ASSAULT", "threatened")]


def test_the_headline_is_not_an_event() -> None:
    text = "Russia shells Kharkiv\nRussian forces shelled Kharkiv on Sunday.\n"
    analysis = build(text, title="Russia shells Kharkiv")
    assert headline_sentences(analysis) == {0}
    assert [f.text for f in find_events(analysis)] == ["Russian forces shelled Kharkiv on Sunday"]


# --- context ----------------------------------------------------------------------------------------------------------


def test_place_prefers_the_most_specific_mention_and_skips_role_names() -> None:
    text = "Officials said troops from Belarus have been sent to Russia and stationed in Kursk Oblast."
    world = World(
        places=[
            ("Russia", "country", "RUS", 61.5, 105.3, ["Russia"]),
            ("Kursk Oblast", "admin1", "RUS", 51.5, 36.0, ["Kursk Oblast"]),
        ]
    )
    event, _ = one(text, world)
    assert event.type == "AID" and event.place == "P2"


def test_time_comes_from_the_sentence_but_not_for_an_unreal_event() -> None:
    world = World(times=[("On Monday", "2024-05-06", "2024-05-06", "day")])
    real, _ = one("On Monday, officials said Russian forces shelled Kharkiv.", world)
    assert real.time == "T1"
    unreal, _ = one("On Monday, officials said Russian forces may shell Kharkiv.", world)
    assert unreal.time is None


def test_dateline_time_is_the_fallback() -> None:
    text = "Clashes in the north\n\nMonday, May 6, 2024\n\nRussian forces shelled Kharkiv.\n"
    world = World(times=[("Monday, May 6, 2024", "2024-05-06", "2024-05-06", "day")])
    analysis = build(text, world, title="Clashes in the north")
    (event,) = find_events(analysis)
    assert event.time == "T1"


# --- the stage and its resources --------------------------------------------------------------------------------------


def test_run_appends_events_with_ids_and_valid_spans() -> None:
    analysis = build("Russia massed troops on the border. Hamas released three hostages.")
    events.run(analysis)
    produced = analysis.extraction.events
    assert [e.id for e in produced] == ["E1", "E2"]
    for event in produced:
        assert analysis.text[event.span[0] : event.span[1]] == event.text
        assert event.type in EVENT_TYPES and event.status in STATUSES


def test_lexicon_loads_and_rejects_malformed_rows() -> None:
    lexicon = load_lexicon()
    assert lexicon.rules_for("shell", "VERB")[0].type == "ASSAULT"
    assert "aerial" in lexicon.modes["ASSAULT"]
    with pytest.raises(ResourceError, match="8 tab-separated columns"):
        parse_trigger_row("attack\tVERB\tASSAULT", 3)
    with pytest.raises(ResourceError, match="unknown PLOVER type"):
        parse_trigger_row("attack\tVERB\tFIGHT\t-\t-\t-\tact\t-", 4)


# --- the worked example -----------------------------------------------------------------------------------------------


def _analysis_from_gold(path: Path) -> Analysis:
    """The example article with the gold layers before events (a stand-in for the earlier stages)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    extraction = Extraction.from_dict({**gold, "events": []})
    return Analysis(document=extraction.document, parse=parse(extraction.document.text), extraction=extraction)


def test_the_example_article_yields_its_key_events() -> None:
    if not SHARED_EXAMPLE.is_file():
        pytest.skip("../shared/examples is not beside this checkout")
    analysis = _analysis_from_gold(SHARED_EXAMPLE)
    findings = find_events(analysis)
    get = analysis.extraction.get
    deployment = next(f for f in findings if "have been deployed" in f.text)
    assert (deployment.type, deployment.mode, deployment.status) == ("AID", "military", "occurred")
    assert (get(deployment.source).name, get(deployment.target).name) == ("North Korea", "Russia")
    assert get(deployment.place).name == "Kursk Oblast"
    strike = next(f for f in findings if f.type == "ASSAULT")
    assert (strike.mode, strike.status, get(strike.place).name, get(strike.time).text) == (
        "aerial",
        "occurred",
        "Donetsk",
        "October 4",
    )
    assert sorted(get(f).value for f in strike.figures) == [6, 20]
    batch = next(f for f in findings if "second batch" in f.text)
    assert (batch.type, batch.mode, batch.status) == ("AID", "military", "planned")
    assert [get(f).value for f in batch.figures] == [10000]
