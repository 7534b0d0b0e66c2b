"""The events layer's unnamed victims ("people", "villagers") are ACLED's generic civilians in the export."""

from __future__ import annotations

import pytest

from test_export_acled import actor, event, extraction, only_row


@pytest.mark.parametrize(
    "text, name",
    [
        ("a drone strike killed 14 people", "people"),
        ("gunmen shot the villagers", "villagers"),
        ("a shell hit displaced families", "displaced families"),
    ],
)
def test_an_unnamed_population_target_is_civilians(text: str, name: str) -> None:
    row = only_row(
        extraction([event("ASSAULT", text, mode="firearms", target="A1")], actors=[actor("A1", name, "population")])
    )
    assert row["actor2"].startswith("Civilians")


def test_a_named_population_keeps_its_name() -> None:
    row = only_row(
        extraction(
            [event("ASSAULT", "militias attacked the Rohingya", mode="firearms", target="A1")],
            actors=[actor("A1", "Rohingya", "population")],
        )
    )
    assert row["actor2"] == "Rohingya"
