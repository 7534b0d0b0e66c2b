"""Figures in context: whose count, its category from the clause, its time and place, and the event citing it."""

from __future__ import annotations

import pytest

from sitrep.model import Document, Extraction
from sitrep.pipeline import extract


def extracted(text: str) -> Extraction:
    return extract(Document(text=text, title=None, source=None, url=None, published="2025-06-14"))


def figure(extraction: Extraction, phrase: str):
    found = [f for f in extraction.figures if phrase in f.text or f.text in phrase]
    assert found, [f.text for f in extraction.figures]
    return found[0]


def owner(extraction: Extraction, phrase: str):
    fig = figure(extraction, phrase)
    return extraction.get(fig.actor) if fig.actor else None


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [
        ("Chad sent 900 troops to the border region on Tuesday, officials said.", "900 troops", "TCD"),
        ("Under the deal, Kenya plans to send 1,000 police officers to the island.", "1,000 police officers", "KEN"),
        ("About 400 Chadian soldiers arrived in the town on Tuesday.", "400 Chadian soldiers", "TCD"),
    ],
)
def test_troops_a_state_sends_are_its_armed_forces(text: str, phrase: str, country: str) -> None:
    actor = owner(extracted(text), phrase)
    assert actor is not None and actor.type == "armed_forces" and actor.country == country


def test_troops_of_a_relative_clause_belong_to_its_subject() -> None:
    text = "The first soldiers crossed on Monday, the vanguard of 2,500 troops that Chad has pledged to send."
    actor = owner(extracted(text), "2,500 troops")
    assert actor is not None and actor.type == "armed_forces" and actor.country == "TCD"


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        (
            "The police said the Valley Defence Movement has about 900 fighters.",
            "about 900 fighters",
            "Valley Defence Movement",
        ),
        (
            "The Eastern Liberation Front, which has up to 4,000 fighters, denied the report.",
            "up to 4,000 fighters",
            "Eastern Liberation Front",
        ),
    ],
)
def test_fighters_a_named_group_has_are_the_groups(text: str, phrase: str, name: str) -> None:
    actor = owner(extracted(text), phrase)
    assert actor is not None and name in actor.name


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The governor said 40 civilian volunteers had joined the guard.", "40 civilian volunteers"),
        ("Gunmen killed eleven soldiers near the dam, the army said on Monday.", "eleven soldiers"),
        ("The defence ministry said 200 recruits had completed training.", "200 recruits"),
    ],
)
def test_no_owner_without_one_in_the_text(text: str, phrase: str) -> None:
    assert owner(extracted(text), phrase) is None


@pytest.mark.parametrize(
    ("text", "phrase", "category"),
    [
        ("Doctors said about 70 people were treated for burns and gunshot wounds.", "about 70 people", "wounded"),
        (
            "The agency said about 9,000 people had registered as displaced in the province.",
            "about 9,000 people",
            "displaced",
        ),
        (
            "Officials said some 300 families had crossed into the district since the raid.",
            "some 300 families",
            "displaced",
        ),
        ("Police said they had detained 22 suspected smugglers overnight.", "22 suspected smugglers", "captured"),
        ("The cabinet said it would recruit and arm 5,000 more reservists.", "5,000 more reservists", "troops"),
        ("Officials said 3,000 soldiers had crossed into the district.", "3,000 soldiers", "troops"),
        ("The mill paid 20,000 CFA francs a tonne.", "20,000 CFA francs", "money"),
        (
            "The council said between 4,000 and 5,000 people had been displaced in the valley.",
            "between 4,000 and 5,000 people",
            "displaced",
        ),
    ],
)
def test_category_follows_the_clause(text: str, phrase: str, category: str) -> None:
    assert figure(extracted(text), phrase).category == category


def test_cfa_francs_are_west_african_francs() -> None:
    assert figure(extracted("The mill paid 20,000 CFA francs a tonne."), "20,000 CFA francs").unit == "XOF"


def test_time_of_another_clause_is_not_the_counts() -> None:
    text = (
        "Maria Olsen, an analyst in Bergen who has studied the movement since 2019, "
        "estimates that it has up to 2,000 fighters."
    )
    extraction = extracted(text)
    fig = figure(extraction, "up to 2,000 fighters")
    assert fig.time is None
    assert fig.place is None


def test_time_of_the_reporting_clause_is_the_counts() -> None:
    text = "The ministry said on Saturday that 15 people had died in the flooding."
    extraction = extracted(text)
    fig = figure(extraction, "15 people")
    time = extraction.get(fig.time) if fig.time else None
    assert time is not None and time.start == "2025-06-14"


def test_an_outlet_is_no_place_of_a_count() -> None:
    text = "Records seen by the Baltic Courier list 31 people killed in the town."
    extraction = extracted(text)
    fig = figure(extraction, "31 people")
    place = extraction.get(fig.place) if fig.place else None
    assert place is None or "Baltic" not in place.name


def test_a_time_after_another_figure_belongs_to_that_figure() -> None:
    text = "The council said more than 11,000 people had fled the town since the raid, up from about 6,000 on Saturday."
    extraction = extract(Document(text=text, published="2026-03-09")).to_dict()
    times = {t["id"]: t["text"] for t in extraction["times"]}
    dated = {f["text"]: times.get(f["time"]) for f in extraction["figures"]}
    assert dated == {"more than 11,000 people": None, "about 6,000": "Saturday"}
