"""ACLED-style export: the ACLED fields of one report (sitrep.export.acled, acled_report).

The extractions here are single sitrep/1 objects written by hand; each fuses into a picture of its
own events (tests/test_export_acled_corpus.py checks fusion across articles through the store).
"""

from __future__ import annotations

import csv
import hashlib
import io
from typing import Any

import pytest

from sitrep.errors import InputError
from sitrep.export import ACLED_COLUMNS, acled_rows, write_acled_csv
from sitrep.export.acled import COLUMNS, rows, write_csv

TEXT = "Wire copy for the export tests."


def actor(actor_id: str, name: str, type_: str, country: str | None = None) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": name,
        "type": type_,
        "country": country,
        "role": None,
        "affiliation": None,
        "mentions": [],
    }


def place(place_id: str, name: str, feature: str, country: str, lat: float | None, lon: float | None) -> dict[str, Any]:
    return {
        "id": place_id,
        "name": name,
        "feature": feature,
        "country": country,
        "lat": lat,
        "lon": lon,
        "geonames_id": None,
        "mentions": [],
    }


def time(time_id: str, start: str, end: str, granularity: str = "day") -> dict[str, Any]:
    return {
        "id": time_id,
        "text": start,
        "span": [0, 4],
        "start": start,
        "end": end,
        "granularity": granularity,
        "relative": False,
    }


def figure(figure_id: str, value: float, category: str = "killed", start: int = 0) -> dict[str, Any]:
    return {
        "id": figure_id,
        "text": str(value),
        "span": [start, start + 2],
        "value": value,
        "low": None,
        "high": None,
        "qualifier": "exact",
        "unit": "person",
        "noun": "people",
        "category": category,
        "actor": None,
        "place": None,
        "time": None,
        "claim": None,
    }


def event(type_: str, text: str, **fields: Any) -> dict[str, Any]:
    base = {
        "id": "E1",
        "type": type_,
        "mode": None,
        "source": None,
        "target": None,
        "place": None,
        "time": None,
        "status": "occurred",
        "figures": [],
        "claims": [],
        "text": text,
        "span": [0, len(text)],
    }
    base.update(fields)
    return base


def extraction(
    events: list[dict[str, Any]],
    *,
    text: str = TEXT,
    published: str | None = "2024-05-06",
    source: str | None = "Example Wire",
    **layers: list[dict[str, Any]],
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": "sitrep/1",
        "document": {
            "id": hashlib.sha256(text.encode()).hexdigest(),
            "title": None,
            "source": source,
            "url": None,
            "published": published,
            "language": "en",
            "text": text,
        },
        "actors": [],
        "places": [],
        "times": [],
        "figures": [],
        "claims": [],
        "events": events,
    }
    out.update(layers)
    return out


def only_row(doc: dict[str, Any]) -> dict[str, Any]:
    produced = rows([doc], unlocated=True)
    assert len(produced) == 1, produced
    return produced[0]


# --- event types --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "text", "event_type", "sub_event_type"),
    [
        ("aerial", "a drone strike hit a fuel depot", "Explosions/Remote violence", "Air/drone strike"),
        (
            "aerial",
            "a missile strike hit the rail station",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "heavy-weapons",
            "troops shelled the village",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "explosives",
            "a roadside bomb exploded under a bus",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        ("explosives", "a grenade was thrown into the market", "Explosions/Remote violence", "Grenade"),
        ("suicide-attack", "a suicide bomber blew himself up", "Explosions/Remote violence", "Suicide bomb"),
        ("abduct", "gunmen kidnapped twelve pupils", "Violence against civilians", "Abduction/forced disappearance"),
        ("destroy", "militias burned the houses", "Strategic developments", "Looting/property destruction"),
    ],
)
def test_assault_modes_map_to_acled_types(mode: str, text: str, event_type: str, sub_event_type: str) -> None:
    row = only_row(extraction([event("ASSAULT", text, mode=mode)]))
    assert (row["event_type"], row["sub_event_type"]) == (event_type, sub_event_type)


def test_shooting_at_civilians_is_violence_against_civilians_and_at_soldiers_is_a_battle() -> None:
    civilians = extraction(
        [event("ASSAULT", "gunmen shot the villagers", mode="firearms", target="A1")],
        actors=[actor("A1", "villagers", "population")],
    )
    soldiers = extraction(
        [event("ASSAULT", "rebels ambushed the patrol", mode="firearms", target="A1")],
        actors=[actor("A1", "Malian armed forces", "armed_forces", "MLI")],
    )
    assert only_row(civilians)["event_type"] == "Violence against civilians"
    assert (only_row(soldiers)["event_type"], only_row(soldiers)["sub_event_type"]) == ("Battles", "Armed clash")


def test_territory_changes_hands() -> None:
    retaken = extraction(
        [event("ASSAULT", "the army recaptured the town", source="A1")],
        actors=[actor("A1", "Malian armed forces", "armed_forces", "MLI")],
    )
    seized = extraction(
        [event("ASSAULT", "the rebels seized the town", source="A1")], actors=[actor("A1", "JNIM", "armed_group")]
    )
    assert only_row(retaken)["sub_event_type"] == "Government regains territory"
    assert only_row(seized)["sub_event_type"] == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    ("mode", "text", "event_type", "sub_event_type"),
    [
        ("demo", "thousands marched through the capital", "Protests", "Peaceful protest"),
        ("demo", "police fired tear gas at the marchers", "Protests", "Protest with intervention"),
        ("demo", "security forces opened fire on the crowd", "Protests", "Excessive force against protesters"),
        ("riot", "rioters torched cars", "Riots", "Violent demonstration"),
        ("riot", "a mob attacked the suspect", "Riots", "Mob violence"),
    ],
)
def test_protests_and_riots(mode: str, text: str, event_type: str, sub_event_type: str) -> None:
    row = only_row(extraction([event("PROTEST", text, mode=mode)]))
    assert (row["event_type"], row["sub_event_type"]) == (event_type, sub_event_type)


def test_only_violent_and_demonstration_events_that_happened_are_exported() -> None:
    doc = extraction(
        [
            event("AID", "sent troops", mode="military"),
            event("ASSAULT", "may strike the port", status="possible"),
            event("ASSAULT", "threatened to strike", status="threatened"),
            event("PROTEST", "students are protesting", status="ongoing"),
        ]
    )
    assert [r["event_type"] for r in rows([doc], unlocated=True)] == ["Protests"]


# --- actors -----------------------------------------------------------------------------------------------------------


def test_actors_are_named_and_unknown_perpetrators_get_acled_generic_names() -> None:
    doc = extraction(
        [event("ASSAULT", "gunmen shot three villagers", mode="firearms", place="P1")],
        places=[place("P1", "Kano", "city", "NGA", 12.0, 8.52)],
    )
    row = only_row(doc)
    assert row["actor1"] == "Unidentified Armed Group (Nigeria)"
    assert row["actor2"] == "Civilians (Nigeria)"
    named = extraction(
        [event("ASSAULT", "the army shelled rebel positions", mode="heavy-weapons", source="A1", target="A2")],
        actors=[
            actor("A1", "Sudanese armed forces", "armed_forces", "SDN"),
            actor("A2", "Rapid Support Forces", "armed_group", "SDN"),
        ],
    )
    assert (only_row(named)["actor1"], only_row(named)["actor2"]) == ("Sudanese armed forces", "Rapid Support Forces")


@pytest.mark.parametrize("victims", ["people", "residents", "displaced civilians"])
def test_a_target_that_only_names_a_class_of_civilians_is_acled_civilians(victims: str) -> None:
    doc = extraction(
        [event("ASSAULT", f"a drone struck {victims} at the market", mode="aerial", place="P1", target="A1")],
        actors=[actor("A1", victims, "population")],
        places=[place("P1", "Gao", "city", "MLI", 16.27, -0.04)],
    )
    assert only_row(doc)["actor2"] == "Civilians (Mali)"
    named = extraction(
        [event("ASSAULT", "a drone struck the Tuareg Council's office", mode="aerial", target="A1")],
        actors=[actor("A1", "Tuareg Council", "population")],
    )
    assert only_row(named)["actor2"] == "Tuareg Council"


# --- where and when -------------------------------------------------------------------------------------------------


def test_geo_precision_follows_the_place_feature() -> None:
    city = only_row(
        extraction([event("ASSAULT", "x", place="P1")], places=[place("P1", "Kharkiv", "city", "UKR", 49.98, 36.25)])
    )
    assert (city["country"], city["admin1"], city["location"], city["geo_precision"]) == (
        "Ukraine",
        "Kharkiv Oblast",
        "Kharkiv",
        1,
    )
    assert (city["latitude"], city["longitude"]) == (49.98, 36.25)
    province = only_row(
        extraction(
            [event("ASSAULT", "x", place="P1")], places=[place("P1", "Kursk Oblast", "admin1", "RUS", 51.5, 36.0)]
        )
    )
    assert (province["admin1"], province["geo_precision"]) == ("Kursk Oblast", 3)
    nowhere = only_row(extraction([event("ASSAULT", "x", target="A1")], actors=[actor("A1", "Chad", "state", "TCD")]))
    where = (nowhere["country"], nowhere["location"], nowhere["latitude"], nowhere["geo_precision"])
    assert where == ("Chad", "", "", 3)


@pytest.mark.parametrize(
    ("start", "end", "granularity", "date", "precision"),
    [
        ("2024-05-04", "2024-05-04", "day", "2024-05-04", 1),
        ("2024-05-03", "2024-05-05", "day", "2024-05-03", 2),
        ("2024-04-29", "2024-05-05", "week", "2024-04-29", 2),
        ("2024-04-01", "2024-04-30", "month", "2024-04-01", 3),
    ],
)
def test_time_precision_follows_the_time_granularity(
    start: str, end: str, granularity: str, date: str, precision: int
) -> None:
    row = only_row(extraction([event("ASSAULT", "x", time="T1")], times=[time("T1", start, end, granularity)]))
    assert (row["event_date"], row["time_precision"]) == (date, precision)


def test_an_undated_event_takes_the_publication_date_at_low_precision() -> None:
    row = only_row(extraction([event("ASSAULT", "x")], published="2024-05-06"))
    assert (row["event_date"], row["time_precision"]) == ("2024-05-06", 3)


# --- fatalities -----------------------------------------------------------------------------------------------------


def test_fatalities_take_the_lowest_of_conflicting_counts() -> None:
    doc = extraction(
        [event("ASSAULT", "x", figures=["F1", "F2", "F3"])],
        figures=[figure("F1", 15), figure("F2", 12, start=10), figure("F3", 40, "wounded", start=20)],
    )
    assert only_row(doc)["fatalities"] == 12


def test_fatalities_do_not_count_a_part_of_the_total() -> None:
    text = "20 soldiers were killed, including six officers."
    doc = extraction(
        [event("ASSAULT", text, figures=["F1", "F2"])],
        text=text,
        figures=[figure("F1", 20, start=0), figure("F2", 6, start=text.index("six"))],
    )
    assert only_row(doc)["fatalities"] == 20


def test_no_stated_deaths_is_zero() -> None:
    assert only_row(extraction([event("ASSAULT", "x")]))["fatalities"] == 0


# --- source, notes, CSV -----------------------------------------------------------------------------------------------


def test_source_lists_the_outlet_and_the_media_it_quotes() -> None:
    doc = extraction(
        [event("ASSAULT", "a strike hit the port", claims=["C1"], id="E4")],
        actors=[actor("A1", "Kyiv Independent", "media", "UKR")],
        claims=[{"id": "C1", "speaker": "A1", "via": [], "content": "a strike hit the port"}],
    )
    row = only_row(doc)
    assert row["source"] == "Example Wire; Kyiv Independent"
    assert row["notes"].startswith("On 2024-05-06: a strike hit the port. According to Kyiv Independent.")
    assert "sitrep ev_" in row["notes"]


def test_write_csv_writes_the_acled_columns() -> None:
    out = io.StringIO()
    count = write_csv(
        [
            extraction(
                [event("ASSAULT", "troops shelled the village", mode="heavy-weapons", target="A1")],
                text="One article.",
                actors=[actor("A1", "Mali", "state", "MLI")],
            ),
            extraction(
                [event("PROTEST", "students marched", mode="demo", target="A1")],
                text="Another.",
                actors=[actor("A1", "Mali", "state", "MLI")],
            ),
        ],
        out,
    )
    assert count == 2
    read = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(read[0].keys()) == COLUMNS == ACLED_COLUMNS
    assert sorted(r["event_type"] for r in read) == ["Explosions/Remote violence", "Protests"]
    assert write_acled_csv is write_csv and acled_rows is rows


def test_an_event_in_no_country_is_left_out_unless_asked_for() -> None:
    doc = extraction([event("ASSAULT", "gunmen attacked a village")])
    assert rows([doc]) == []
    assert len(rows([doc], unlocated=True)) == 1


def test_not_an_extraction_is_an_input_error() -> None:
    with pytest.raises(InputError, match="sitrep/1"):
        list(rows([{"events": []}]))


# --- fused fatalities -------------------------------------------------------------------------------------------------


def killed(
    figure_id: str,
    text: str,
    part: str,
    noun: str = "people",
    value: float | None = None,
    claim: str | None = None,
    low: float | None = None,
) -> dict[str, Any]:
    start = text.index(part)
    number = value if value is not None else (None if low is not None else float(part.split()[0].replace(",", "")))
    return {
        "id": figure_id,
        "text": part,
        "span": [start, start + len(part)],
        "value": number,
        "low": low,
        "high": None,
        "qualifier": "exact",
        "unit": "person",
        "noun": noun,
        "category": "killed",
        "actor": None,
        "place": None,
        "time": None,
        "claim": claim,
    }


def deaths(
    text: str, figures: list[dict[str, Any]], event_text: str | None = None, **layers: list[dict[str, Any]]
) -> int:
    doc = extraction(
        [event("ASSAULT", event_text or text, figures=[f["id"] for f in figures], place="P1")],
        text=text,
        figures=figures,
        places=[place("P1", "Kharkiv", "city", "UKR", 49.98, 36.25)],
        **layers,
    )
    return only_row(doc)["fatalities"]


def test_an_aggregate_toll_is_not_the_events_fatalities() -> None:
    text = "A missile strike killed 9 people in the city, where 1,200 people have died in the war."
    figures = [killed("F1", text, "9 people"), killed("F2", text, "1,200 people")]
    assert deaths(text, figures, event_text="A missile strike killed 9 people in the city") == 9


def test_victims_of_different_sides_add_up_but_alternatives_do_not() -> None:
    text = "The ambush killed 7 soldiers and the army said its counter-attack killed 12 fighters; rebels claimed 40 soldiers."
    figures = [
        killed("F1", text, "7 soldiers", "soldiers"),
        killed("F2", text, "12 fighters", "fighters"),
        killed("F3", text, "40 soldiers", "soldiers"),
    ]
    assert deaths(text, figures) == 19


def test_a_count_of_people_stands_when_larger_than_its_parts() -> None:
    text = "The blast killed 23 people. Officials said 4 soldiers were among the dead."
    assert deaths(text, [killed("F1", text, "23 people"), killed("F2", text, "4 soldiers", "soldiers")]) == 23


def test_a_part_after_its_total_is_not_counted() -> None:
    text = "The shelling killed 12 people, 5 of them children."
    assert deaths(text, [killed("F1", text, "12 people"), killed("F2", text, "5", "children", value=5)]) == 12


def test_a_vague_count_takes_acleds_number_only_without_a_number() -> None:
    text = "Dozens of people died, the governor said; the hospital counted 17 people."
    vague = killed("F1", text, "Dozens of people", low=24)
    assert deaths(text, [vague]) == 12
    assert deaths(text, [vague, killed("F2", text, "17 people")]) == 17


def test_a_denied_figure_is_not_credible() -> None:
    text = "Police said 3 people died. The group denied that 30 people were killed."
    claims = [
        {"id": "C1", "speaker": None, "speaker_text": "The group", "stance": "deny", "content": "30 people were killed"}
    ]
    assert (
        deaths(text, [killed("F1", text, "3 people"), killed("F2", text, "30 people", claim="C1")], claims=claims) == 3
    )


# --- spreadsheet safety, contested --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x.example")', "+1 Brigade", "-SOLDIERS-", "@group", "\tTabbed"])
def test_cells_a_spreadsheet_would_run_are_escaped(name: str) -> None:
    doc = extraction(
        [event("ASSAULT", "gunmen attacked the village", source="A1", place="P1")],
        actors=[actor("A1", name, "armed_group", "MLI")],
        places=[place("P1", "Gao", "city", "MLI", 16.27, -0.04)],
    )
    out = io.StringIO()
    write_csv([doc], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["actor1"] == "'" + name
    assert row["longitude"] == "-0.04"  # numbers stay numbers


def test_a_contested_event_is_tagged_and_its_notes_say_who_claims_what() -> None:
    from test_fuse_contested import accusation, denial

    produced = rows([accusation(), denial()])
    assert len(produced) == 1
    row = produced[0]
    assert row["tags"] == "contested"
    assert "Contested: Coordination of Azawad Movements say" in row["notes"] and "deny it" in row["notes"]
    assert sorted(row["source"].split("; ")) == ["Bamako Daily", "Sahara Wire"]


@pytest.mark.parametrize(
    "text",
    [
        "The army said it killed 40 people in the raid, a figure that could not be verified.",
        "The army said it killed 40 people in the raid, which could not be independently confirmed.",
        "The army said it killed 40 people in the raid; the claim was not independently verified.",
        "The army said it killed 40 people in the raid, according to unconfirmed reports.",
    ],
)
def test_a_count_its_report_could_not_verify_is_not_credible(text: str) -> None:
    event_text = "The army said it killed 40 people in the raid"
    assert deaths(text, [killed("F1", text, "40 people")], event_text=event_text) == 0


def test_a_verified_count_stays() -> None:
    text = "The army said it killed 40 people in the raid, and hospital staff confirmed the toll."
    assert deaths(text, [killed("F1", text, "40 people")], event_text="The army said it killed 40 people") == 40


def test_an_event_a_report_denies_is_tagged_contested() -> None:
    text = "Ukraine said a missile strike hit the port of Odesa on Monday. Russia denied striking the port."
    place_ = place("P1", "Odesa", "city", "UKR", 46.48, 30.73)
    done = extraction(
        [event("ASSAULT", "a missile strike hit the port of Odesa on Monday", mode="aerial", place="P1", time="T1")],
        text=text,
        places=[place_],
        times=[time("T1", "2024-05-06", "2024-05-06")],
    )
    other = "Russia's defence ministry denied that its missiles struck the port of Odesa on Monday."
    denied = extraction(
        [
            event(
                "ASSAULT",
                "its missiles struck the port of Odesa on Monday",
                mode="aerial",
                place="P1",
                time="T1",
                status="denied",
            )
        ],
        text=other,
        places=[place_],
        times=[time("T1", "2024-05-06", "2024-05-06")],
        source="Other Wire",
    )
    produced = rows([done, denied])
    assert len(produced) == 1 and produced[0]["tags"] == "contested"
