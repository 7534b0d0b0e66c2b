"""Aggregate tolls (sitrep.layers.links.tolls): a war's or a period's count is no event's fatalities."""

from __future__ import annotations

import pytest

from sitrep.layers.links.tolls import is_aggregate_toll, is_aggregate_wording


def toll(text: str, figure: str) -> bool:
    start = text.index(figure)
    return is_aggregate_toll(text, (start, start + len(figure)))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("At least 40,000 people have been killed in the war, the health ministry says.", "40,000 people"),
        ("The conflict has killed more than 150,000 people.", "150,000 people"),
        ("The insurgency, which has killed some 35,000 people, shows no sign of ending.", "35,000 people"),
        ("Some 120 civilians have died in attacks since January, the UN said.", "120 civilians"),
        ("More than 500 soldiers have died since the start of the offensive.", "500 soldiers"),
        ("Over 2,000 people have been killed so far this year in the region.", "2,000 people"),
        ("Three soldiers died on Friday, bringing the toll since the start of the offensive to 60.", "60"),
    ],
)
def test_aggregate_tolls(text: str, figure: str) -> None:
    assert toll(text, figure)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Twelve people were killed in the attack on the market in Gao.", "Twelve people"),
        ("Seven soldiers were killed in the fighting on Tuesday.", "Seven soldiers"),
        ("Three soldiers died on Friday, bringing the toll since the start of the offensive to 60.", "Three soldiers"),
        ("A car bomb killed 23 people in Mogadishu. The war has killed many more.", "23 people"),
    ],
)
def test_one_happenings_count_is_not_an_aggregate(text: str, figure: str) -> None:
    assert not toll(text, figure)


def test_event_wording_that_sums_a_period() -> None:
    assert is_aggregate_wording("the group had carried out at least 14 attacks in the province since January")
    assert is_aggregate_wording("attacks over the past two years")
    assert not is_aggregate_wording("gunmen attacked the convoy near Djibo on Monday")
