"""Figure series and the contradiction rules (qualifiers, dates, events, increments)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.fuse import build_picture
from test_fuse_support import Doc


def troops_report(
    source: str,
    published: str,
    value: float,
    qualifier: str = "exact",
    day: str | None = None,
    speaker: str = "Volodymyr Zelenskyy",
    low: float | None = None,
    high: float | None = None,
    category: str = "troops",
    text: str | None = None,
) -> Doc:
    """One outlet's report of a count of North Korean troops, stated by a speaker."""
    doc = Doc(source=source, published=published)
    state = doc.actor("North Korea", "state", "PRK")
    forces = doc.actor("North Korean troops", "armed_forces", "PRK", affiliation=state)
    said_by = doc.actor(speaker, "person", None)
    time = doc.time(day) if day else None
    claim = doc.claim(said_by, f"{value} North Korean soldiers are in Russia", time=time)
    doc.figure(value, category, qualifier, actor=forces, claim=claim, low=low, high=high, text=text)
    return doc


def series_of(*docs: Doc) -> list[dict[str, Any]]:
    return build_picture(d.to_dict() for d in docs).to_dict()["figures"]


def clashes(*docs: Doc) -> list[tuple[str, Any, Any]]:
    """Every contradiction as (kind, side-a value, side-b value)."""
    return [
        (c["kind"], c["sides"][0]["value"], c["sides"][1]["value"])
        for s in series_of(*docs)
        for c in s["contradictions"]
    ]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((10_000, "exact"), (20_000, "exact"), True),  # the brief's clear case
        ((10_000, "up_to"), (11_000, "exact"), False),  # "up to 10,000" vs 11,000: not necessarily
        ((10_000, "exact"), (11_000, "exact"), False),  # within the ±5% allowance on each side
        ((10_000, "exact"), (12_000, "exact"), True),
        ((10_000, "approx"), (12_000, "exact"), False),  # "about" allows ±20%
        ((5_000, "up_to"), (8_000, "approx"), True),
        ((5_000, "exact"), (5_000, "up_to"), False),
        ((600, "more_than"), (500, "exact"), True),
        ((600, "more_than"), (900, "exact"), False),
        ((40, "more_than"), (50, "approx"), False),
    ],
)
def test_same_date_qualifier_logic(a: tuple[float, str], b: tuple[float, str], expected: bool) -> None:
    first = troops_report("Kyiv Post", "2024-10-17", a[0], a[1], day="2024-10-17")
    second = troops_report("Yonhap", "2024-10-17", b[0], b[1], day="2024-10-17", speaker="Kyrylo Budanov")
    assert bool(clashes(first, second)) is expected


def test_ranges_compare_by_their_bounds() -> None:
    inside = troops_report("A", "2024-10-17", None, "range", day="2024-10-17", low=9_000, high=12_000)
    other = troops_report("B", "2024-10-17", 11_000, "exact", day="2024-10-17", speaker="Kyrylo Budanov")
    outside = troops_report("C", "2024-10-17", 20_000, "exact", day="2024-10-17", speaker="Someone Else")
    assert clashes(inside, other) == []
    assert clashes(inside, outside) == [("disagree", None, 20_000)]


def test_stock_figures_a_month_apart_are_a_series_not_a_contradiction() -> None:
    early = troops_report("Kyiv Post", "2024-10-01", 3_000, day="2024-10-01")
    late = troops_report("Yonhap", "2024-11-20", 11_000, day="2024-11-20", speaker="Kyrylo Budanov")
    series = series_of(early, late)
    assert len(series) == 1 and series[0]["contradictions"] == []
    assert [e["value"] for e in series[0]["entries"]] == [3_000, 11_000]
    assert series[0]["current_range"]["low"] == 11_000


def test_stock_figures_days_apart_are_compared() -> None:
    one = troops_report("Ministry Wire", "2026-03-07", 5_000)
    two = troops_report("Harmattan", "2026-03-09", 8_000, "approx", speaker="Hadiza Laouali")
    assert clashes(one, two) == [("disagree", 5_000, 8_000)]


def unattributed_troops(source: str, value: float, noun: str) -> Doc:
    """A count of armed men in a country, with no owner: only the place and the noun say what it counts."""
    doc = Doc(source=source, published="2026-03-09")
    doc.figure(
        value,
        "troops",
        place=doc.place("Burkina Faso", "country", "BFA"),
        time=doc.time("2026-03-09"),
        noun=noun,
        text=f"{value} {noun}",
    )
    return doc


def test_unattributed_counts_of_different_kinds_of_men_are_not_compared() -> None:
    assert clashes(unattributed_troops("A", 5_000, "fighters"), unattributed_troops("B", 1_200, "troops")) == []
    assert clashes(unattributed_troops("A", 5_000, "fighters"), unattributed_troops("B", 9_000, "insurgents")) == [
        ("disagree", 5_000, 9_000)
    ]
    assert clashes(unattributed_troops("A", 1_200, "soldiers"), unattributed_troops("B", 3_000, "troops")) == [
        ("disagree", 1_200, 3_000)
    ]


def displaced(source: str, day: str, value: float, qualifier: str = "approx", text: str | None = None) -> Doc:
    doc = Doc(source=source, published=day)
    doc.figure(
        value,
        "displaced",
        qualifier,
        place=doc.place("Dori", "city", "BFA", 14.03, -0.03),
        time=doc.time(day),
        text=text,
    )
    return doc


def test_rising_running_totals_on_different_days_never_conflict() -> None:
    docs = [
        displaced("A", "2026-03-05", 3_500),
        displaced("B", "2026-03-07", 6_000),
        displaced("C", "2026-03-09", 11_000, "more_than"),
        displaced("D", "2026-03-13", 18_000),
    ]
    assert clashes(*docs) == []


def test_running_total_that_falls_is_a_decrease() -> None:
    assert clashes(displaced("A", "2026-03-05", 18_000), displaced("B", "2026-03-09", 6_000, "exact")) == [
        ("decrease", 18_000, 6_000)
    ]


def test_running_totals_on_one_day_must_agree() -> None:
    assert clashes(displaced("A", "2026-03-05", 3_500), displaced("B", "2026-03-05", 9_000, "exact")) == [
        ("disagree", 3_500, 9_000)
    ]


def test_increments_are_not_totals() -> None:
    total = displaced("A", "2026-03-14", 21_000, "exact")
    more = displaced("B", "2026-03-14", 3_000, "up_to", text="up to 3,000 more")
    series = series_of(total, more)
    assert series[0]["contradictions"] == []
    assert [e["increment"] for e in series[0]["entries"]] == [False, True] or [
        e["increment"] for e in series[0]["entries"]
    ] == [True, False]


def toll(
    source: str,
    published: str,
    value: float,
    qualifier: str = "exact",
    speaker: str = "defence ministry",
    town: str = "Dori",
) -> Doc:
    """A death toll of the attack on a town's depot, cited by the report of that attack."""
    doc = Doc(source=source, published=published)
    said = doc.actor(speaker, "organization", "BFA")
    claim = doc.claim(said, "people were killed in the attack")
    figure = doc.figure(value, "killed", qualifier, claim=claim)
    doc.event(
        "ASSAULT",
        doc.actor("Sirba Liberation Front", "armed_group"),
        doc.actor("depot", "other", "BFA"),
        doc.place(town, "city", "BFA", 14.03, -0.03),
        doc.time("2026-03-05"),
        figures=[figure],
        text="the attack on the fuel depot",
    )
    return doc


def test_counts_of_one_fused_event_are_compared_whatever_the_report_dates() -> None:
    docs = [
        toll("Harmattan", "2026-03-05", 12),
        toll("Sahel Dispatch", "2026-03-06", 20, "at_least", "the mayor"),
        toll("Monitor", "2026-03-08", 23, speaker="hospital records"),
        toll("Meridian", "2026-03-12", 12, "at_least", "officials"),
    ]
    found = sorted(clashes(*docs))
    assert found == [("disagree", 12, 20), ("disagree", 12, 23)]


def test_counts_of_different_events_are_not_compared() -> None:
    one = toll("Harmattan", "2026-03-05", 12)
    other = toll("Harmattan", "2026-03-05", 40, town="Djibo")
    other.layers["places"][0].update(lat=14.1, lon=-1.63)  # Djibo lies 170 km west of Dori
    assert clashes(one, other) == []


def test_copies_and_carriers_of_one_statement_are_one_entry() -> None:
    a = troops_report("Kyiv Post", "2024-10-17", 10_000, day="2024-10-17")
    b = troops_report("Reuters", "2024-10-18", 10_000, day="2024-10-17")
    entries = series_of(a, b)[0]["entries"]
    assert len(entries) == 1
    assert entries[0]["independent_sources"] == 2 and len(entries[0]["reports"]) == 2


def test_contradiction_sides_name_speakers_and_sources() -> None:
    a = troops_report("Kyiv Post", "2024-10-17", 10_000, day="2024-10-17")
    b = troops_report("Yonhap", "2024-10-17", 20_000, day="2024-10-17", speaker="Kyrylo Budanov")
    c = troops_report("Reuters", "2024-10-17", 10_000, day="2024-10-17")
    series = series_of(a, b, c)[0]
    assert len(series["contradictions"]) == 1
    low, high = series["contradictions"][0]["sides"]
    assert low["value"] == 10_000 and low["sources"] == ["Kyiv Post", "Reuters"]
    assert [s["name"] for s in high["speakers"]] == ["Kyrylo Budanov"] and high["sources"] == ["Yonhap"]
    assert series["current_range"]["contested"] is True


def test_figures_without_subject_stay_in_their_story() -> None:
    a, b = Doc(source="A", published="2024-10-17"), Doc(source="B", published="2024-10-17")
    a.figure(5, "killed")
    b.figure(50, "killed")
    series = series_of(a, b)
    assert len(series) == 2 and all(s["contradictions"] == [] for s in series)


def niger_troops(source: str, day: str, text: str, speaker: str, *figures: tuple[str, Any, Any, Any, str]) -> Doc:
    """One report of Niger's troops: ``figures`` are (words, value, low, high, qualifier) found in ``text``."""
    doc = Doc(text=text, source=source, published=day)
    state = doc.actor("Niger", "state", "NER")
    forces = doc.actor("Nigerien armed forces", "armed_forces", "NER", affiliation=state)
    said = doc.claim(doc.actor(speaker, "person"), text, time=doc.time(day))
    for words, value, low, high, qualifier in figures:
        item = doc.figure(value, actor=forces, claim=said, low=low, high=high, qualifier=qualifier, text=words)
        doc.layers["figures"][int(item[1:]) - 1]["span"] = [text.index(words), text.index(words) + len(words)]
    return doc


def test_a_part_stated_beside_its_total_is_not_a_contradiction() -> None:
    wave = niger_troops(
        "Harmattan",
        "2026-03-09",
        "Several hundred soldiers crossed the border on Monday, the first of 1,200 troops.",
        "Col. Issa",
        ("Several hundred soldiers", None, 200, 900, "range"),
        ("1,200 troops", 1_200, None, None, "exact"),
    )
    pledge = niger_troops(
        "Niger River Post",
        "2026-03-08",
        "Niger will send 1,200 soldiers.",
        "Col. Issa",
        ("1,200 soldiers", 1_200, None, None, "exact"),
    )
    assert clashes(wave, pledge) == []
    claim = niger_troops(
        "Sahel Dispatch",
        "2026-03-10",
        "It said 3,000 soldiers had entered.",
        "rebel spokesman",
        ("3,000 soldiers", 3_000, None, None, "exact"),
    )
    assert ("disagree", 1_200, 3_000) in clashes(wave, claim)
