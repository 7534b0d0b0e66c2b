"""Events: the patterns that let reports of one happening in different articles agree (datelines, reciprocal
meetings, troops crossing borders, happenings named in passing...). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sitrep.layers.events.dateline import without_dateline
from sitrep.model import Document
from sitrep.nlp import parse
from sitrep.nlp.dateline import find_dateline
from sitrep.pipeline import extract
from test_events import World, found, name, one

PLACES = [
    ("Kano", "city", "NGA", 12.0, 8.5, ["Kano"]),
    ("Nigeria", "country", "NGA", None, None, ["Nigeria"]),
    ("Mopti", "city", "MLI", 14.5, -4.2, ["MOPTI", "Mopti"]),
    ("Gao", "city", "MLI", 16.3, -0.04, ["Gao"]),
    ("Kidal", "city", "MLI", 18.4, 1.4, ["Kidal"]),
    ("Doha", "city", "QAT", 25.3, 51.5, ["Doha"]),
    ("Ankara", "city", "TUR", 39.9, 32.9, ["Ankara"]),
    ("Syria", "country", "SYR", None, None, ["Syria"]),
]
ACTORS = [
    ("Lakeside Brigade", "armed_group", None, None, ["Lakeside Brigade"]),
    ("Syria", "state", "SYR", None, ["Syria"]),
    ("Turkish armed forces", "armed_forces", "TUR", "Turkey", ["Turkish soldiers"]),
    ("Sudan", "state", "SDN", None, ["Sudan"]),
    ("United Nations", "organization", None, None, ["United Nations", "UN"]),
    ("European Union", "organization", None, None, ["European Union"]),
]


def world(**kwargs) -> World:
    return World(actors=list(ACTORS), places=list(PLACES), **kwargs)


def place_name(analysis, place_id):
    place = analysis.extraction.get(place_id)
    return place.name if place else None


# --- datelines -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("KANO, Nigeria (Wire) — Gunmen attacked a police station.", "Gunmen"),
        ("TÉRA — Hundreds of people lined the road.", "Hundreds"),
        ("MOPTI, Mali, May 5 (Sahel Wire) - Militants shelled the town.", "Militants"),
        ("Title\n\nKyiv, Ukraine (Reuters) -- Russia struck the city.", "Russia"),
    ],
)
def test_dateline_found(text: str, body: str) -> None:
    found = find_dateline(text, lambda place: place == "Téra")
    assert found is not None and text[found.body_start :].startswith(body)


@pytest.mark.parametrize(
    "text",
    [
        "Hamas - the group that runs Gaza - said it would talk.",
        "Russia struck the city on Monday.",
    ],
)
def test_no_dateline_in_ordinary_sentences(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_tokens_are_cut_off_the_lede() -> None:
    text = "KANO, Nigeria — Gunmen attacked a police station on Monday, the police said."
    parsed = parse(text)
    repaired = without_dateline(parsed, find_dateline(text).span)
    assert [t.i for t in repaired.tokens] == [t.i for t in parsed.tokens]
    kano = repaired.token_at(0)
    assert kano is not None and kano.dep == "dateline"
    attacked = repaired.token_at(text.index("attacked"))
    assert all(repaired.tokens[c.i].start > text.index("—") for c in repaired.children(attacked.i))


def test_datelined_lede_event_reads_its_own_clause() -> None:
    text = "KANO, Nigeria — Fighters from the Lakeside Brigade attacked a police station in Kano on Monday."
    findings, analysis = found(text, world(times=[("Monday", "2024-05-06", "2024-05-06", "day")]))
    event = next(f for f in findings if f.type == "ASSAULT")
    assert event.text.startswith("Fighters")
    assert name(analysis, event.source) == "Lakeside Brigade"
    assert place_name(analysis, event.place) == "Kano"


def test_dateline_place_only_for_the_lede() -> None:
    text = "MOPTI — Militants attacked an army post on Monday.\n\nLater, rebels shelled a village."
    findings, analysis = found(text, world())
    assert [f.type for f in findings] == ["ASSAULT", "ASSAULT"]
    assert place_name(analysis, findings[0].place) == "Mopti"
    assert findings[1].place is None


# --- triggers ---------------------------------------------------------------------------------------------------------


def test_two_parties_meeting_behind_closed_doors() -> None:
    event, analysis = one("Erdogan and Vladimir Putin met behind closed doors on Friday.")
    assert event.type == "CONSULT"
    assert {name(analysis, event.source), name(analysis, event.target)} == {"Turkey", "Russia"}


def test_dated_reduced_relative_is_an_event() -> None:
    findings, analysis = found(
        "The talks produced a ceasefire deal signed in Doha on Sunday.",
        world(times=[("Sunday", "2024-05-05", "2024-05-05", "day")]),
    )
    event = next(f for f in findings if f.type == "AGREE")
    assert event.text == "a ceasefire deal signed in Doha on Sunday"
    assert place_name(analysis, event.place) == "Doha"
    assert event.time is not None


def test_undated_reduced_relative_is_only_a_mention() -> None:
    findings, _ = found("The deal signed by both sides collapsed within a week.")
    assert not [f for f in findings if f.type == "AGREE"]


def test_troops_crossing_into_a_country_are_military_aid() -> None:
    findings, analysis = found("Several hundred Turkish soldiers crossed into Syria on Monday.", world())
    event = next(f for f in findings if f.type == "AID")
    assert event.mode == "military"
    assert (name(analysis, event.source), name(analysis, event.target)) == ("Turkey", "Syria")


def test_troops_sent_across_the_border_are_aid_not_mobilization() -> None:
    event, analysis = one("Poland sent 500 troops across the border.")
    assert (event.type, event.mode, name(analysis, event.source)) == ("AID", "military", "Poland")


def test_recruiting_and_arming_volunteers_is_one_planned_mobilization() -> None:
    event, _ = one("The government said it would recruit and arm 3,000 volunteers.")
    assert (event.type, event.status) == ("MOBILIZE", "planned")
    assert event.text.endswith("3,000 volunteers")


def test_travel_for_talks_is_a_planned_consultation() -> None:
    event, analysis = one("Erdogan will travel to Moscow next week for talks with Vladimir Putin.")
    assert (event.type, event.status) == ("CONSULT", "planned")
    assert (name(analysis, event.source), name(analysis, event.target)) == ("Turkey", "Russia")


def test_request_by_an_envoy_named_in_apposition() -> None:
    findings, analysis = found(
        "The UN special envoy for Yemen, Hans Grundberg, called on Tuesday for an immediate ceasefire.", world()
    )
    event = next(f for f in findings if f.type == "REQUEST")
    assert name(analysis, event.source) == "United Nations"


def test_money_in_humanitarian_aid() -> None:
    event, analysis = one("The European Union announced €20 million in humanitarian aid for Sudan.", world())
    assert (event.type, event.mode) == ("AID", "humanitarian")
    assert (name(analysis, event.source), name(analysis, event.target)) == ("European Union", "Sudan")


def test_happenings_named_in_passing() -> None:
    text = "The violence began with the Kidal ambush and included the attack on the airport in Gao."
    findings, analysis = found(text, world())
    assaults = [f for f in findings if f.type == "ASSAULT"]
    assert [f.text for f in assaults] == ["the Kidal ambush", "the attack on the airport in Gao"]
    assert [place_name(analysis, f.place) for f in assaults] == ["Kidal", "Gao"]


def test_claimed_responsibility_names_the_attacker() -> None:
    event, analysis = one("Hamas claimed responsibility for the bombing of a bus in Jerusalem.")
    assert event.type == "ASSAULT"
    assert name(analysis, event.source) == "Hamas"


def test_strikes_that_a_relative_clause_says_killed() -> None:
    findings, _ = found(
        "Israeli air strikes on the camps, which the army says killed dozens of fighters, drew criticism."
    )
    event = next(f for f in findings if f.type == "ASSAULT")
    assert event.text.startswith("Israeli air strikes on the camps")


def test_asking_not_to_be_named_is_no_request() -> None:
    findings, _ = found("An official, who asked not to be named, said the talks had failed.")
    assert not [f for f in findings if f.type == "REQUEST"]


def test_places_of_nested_events_stay_theirs() -> None:
    text = "Turkey sent 300 troops across the border under a pact signed in Ankara on Friday."
    findings, analysis = found(text, world(times=[("Friday", "2024-05-03", "2024-05-03", "day")]))
    aid = next(f for f in findings if f.type == "AID")
    agree = next(f for f in findings if f.type == "AGREE")
    assert aid.place is None and aid.time is None
    assert place_name(analysis, agree.place) == "Ankara"


# --- roles -------------------------------------------------------------------------------------------------------------


def test_place_before_a_noun_trigger_is_not_its_source() -> None:
    findings, _ = found(
        "The violence began with the Kidal ambush.", World(actors=[("Kidal", "organization", None, None, ["Kidal"])])
    )
    assert [f.source for f in findings if f.type == "ASSAULT"] == [None]


def test_armed_group_before_a_noun_trigger_is_its_source() -> None:
    findings, analysis = found("A Hamas attack killed three soldiers.")
    assert name(analysis, findings[0].source) == "Hamas"


def test_accused_party_is_not_replaced_by_the_victims() -> None:
    text = "The rebels accused the two armies of killing civilians."
    findings, _ = found(
        text,
        World(
            actors=[("civilians", "population", None, None, ["civilians"])],
            claims=[("killing civilians", None, "allege", "fact")],
        ),
    )
    event = next(f for f in findings if f.type == "ACCUSE")
    assert event.target is None


def test_casualties_before_the_attack_that_caused_them_are_one_event() -> None:
    text = "Seven soldiers were killed and two are missing after fighters attacked the convoy near Gao."
    findings, analysis = found(text, world())
    assert len([f for f in findings if f.type == "ASSAULT"]) == 1
    assert place_name(analysis, findings[0].place) == "Gao"


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Gunmen ambushed an army supply convoy near Gao on Monday.", "Mali"),
        ("Gunmen ambushed a police patrol near Kano on Monday.", "Nigeria"),
        ("Gunmen ambushed a convoy of Turkish soldiers near Gao on Monday.", "Turkey"),
        ("Gunmen killed five soldiers near Gao on Monday.", "soldiers"),  # whose is not said: a party of its own
    ],
)
def test_national_forces_as_targets_only_when_the_words_say_whose(sentence: str, target: str | None) -> None:
    states = [
        ("Mali", "state", "MLI", None, ["Malian government"]),
        ("Nigeria", "state", "NGA", None, ["Abuja"]),
        ("Turkey", "state", "TUR", None, ["Turkish soldiers"]),
    ]
    text = sentence + " The Malian government and Abuja condemned it."
    findings, analysis = found(text, World(actors=states, places=list(PLACES)))
    event = next(f for f in findings if f.type == "ASSAULT")
    assert name(analysis, event.target) == target


def test_the_group_and_its_possessions_point_to_the_armed_group_named_before() -> None:
    text = (
        "The Lakeside Brigade attacked a police post in Kano on Monday. Yesterday's air strikes by Nigerian "
        "aircraft on the group's camps, which the army says killed dozens of fighters, drew criticism."
    )
    findings, analysis = found(
        text, World(actors=list(ACTORS) + [("Nigeria", "state", "NGA", None, ["Nigerian"])], places=list(PLACES))
    )
    strikes = next(f for f in findings if f.text.startswith("Yesterday"))
    assert name(analysis, strikes.target) == "Lakeside Brigade"
    assert name(analysis, strikes.source) == "Nigeria"


def test_two_nationalities_make_no_single_source() -> None:
    text = "Turkish and Syrian jets bombed the camps of the Lakeside Brigade."
    findings, analysis = found(
        text,
        World(
            actors=list(ACTORS)
            + [("Turkey", "state", "TUR", None, ["Turkish"]), ("Syria", "state", "SYR", None, ["Syrian"])]
        ),
    )
    event = next(f for f in findings if f.type == "ASSAULT")
    assert event.source is None
    assert name(analysis, event.target) == "Lakeside Brigade"


def test_what_troops_are_sent_to_help_others_do_is_no_event() -> None:
    findings, _ = found(
        "Poland plans to send 500 soldiers across the border to help Ukrainian forces fight the invaders."
    )
    assert [f.type for f in findings] == ["AID"]


def test_what_witnesses_saw_happen_is_an_event() -> None:
    findings, _ = found("Witnesses saw soldiers shoot two protesters.")
    assert [f.type for f in findings] == ["ASSAULT"]


def test_two_happenings_claimed_in_one_breath() -> None:
    text = (
        "Hamas claimed responsibility for an attack on the airport in Gao on May 3 and for an ambush near Kidal "
        "three days earlier in which seven soldiers were killed."
    )
    findings, analysis = found(text, world())
    assert [f.text[:31] for f in findings] == ["an attack on the airport in Gao", "an ambush near Kidal"]
    assert [name(analysis, f.source) for f in findings] == ["Hamas", "Hamas"]


def test_whoever_claimed_an_attack_is_its_source() -> None:
    text = "Thursday's strike on the police post in Kano, which the Lakeside Brigade claimed, destroyed two trucks."
    findings, analysis = found(text, world())
    event = next(f for f in findings if f.type == "ASSAULT")
    assert name(analysis, event.source) == "Lakeside Brigade"


def test_a_relative_clause_counts_for_the_nearest_event_noun_before_it() -> None:
    text = (
        "It claimed responsibility for an attack on the fuel depot in Gao on March 5 and for an ambush near Kidal "
        "three days earlier in which seven soldiers were killed."
    )
    extraction = extract(Document(text=text, published="2026-03-09")).to_dict()
    counted = {
        e["text"]: [f["text"] for f in extraction["figures"] if f["id"] in e["figures"]] for e in extraction["events"]
    }
    assert counted["an ambush near Kidal"] == ["seven soldiers"]
    assert counted["an attack on the fuel depot in Gao"] == []
