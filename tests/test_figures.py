"""Figures: values, bounds, hedges, categories and links (sitrep.layers.figures.stage)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.analysis import Analysis
from sitrep.layers.figures import stage as figures
from sitrep.layers.figures.stage import FigureMention, find_figures
from sitrep.layers.times import stage as times
from sitrep.layers.times.stage import find_times
from sitrep.model import Actor, Claim, Document, Extraction, Place
from sitrep.nlp import parse

PUBLISHED = date(2024, 10, 28)


def figures_in(text: str) -> list[FigureMention]:
    parsed = parse(text)
    dates = find_times(text, PUBLISHED, [(s.start, s.end) for s in parsed.sentences])
    return find_figures(parsed, [(m.start, m.end) for m in dates])


def only(text: str) -> FigureMention:
    found = figures_in(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "phrase", "value", "low", "high", "qualifier", "category"),
    [
        # numerals, words, scales
        ("Officials said 11,000 soldiers arrived.", "11,000 soldiers", 11000, None, None, "exact", "troops"),
        ("Officials said six soldiers arrived.", "six soldiers", 6, None, None, "exact", "troops"),
        ("Officials said two dozen tanks arrived.", "two dozen tanks", 24, None, None, "exact", "weapons"),
        ("Officials said a thousand troops arrived.", "a thousand troops", 1000, None, None, "exact", "troops"),
        (
            "The war displaced 1.2 million refugees.",
            "1.2 million refugees",
            1_200_000,
            None,
            None,
            "exact",
            "displaced",
        ),
        ("They fired 10k shells at the town.", "10k shells", 10_000, None, None, "exact", "weapons"),
        # hedges
        ("There were about 500 casualties.", "about 500 casualties", 500, None, None, "approx", "casualties"),
        ("There were some 500 casualties.", "some 500 casualties", 500, None, None, "approx", "casualties"),
        ("There were nearly 500 casualties.", "nearly 500 casualties", 500, None, None, "approx", "casualties"),
        ("There were almost 500 casualties.", "almost 500 casualties", 500, None, None, "approx", "casualties"),
        (
            "There were over 600,000 casualties.",
            "over 600,000 casualties",
            600_000,
            None,
            None,
            "more_than",
            "casualties",
        ),
        (
            "There were more than 500 casualties.",
            "more than 500 casualties",
            500,
            None,
            None,
            "more_than",
            "casualties",
        ),
        ("At least 107 people were killed.", "At least 107 people", 107, None, None, "at_least", "killed"),
        ("The storm killed 107 or more.", "107 or more", 107, None, None, "at_least", "killed"),
        ("Seoul says it will send up to 10,000 troops.", "up to 10,000 troops", 10_000, None, None, "up_to", "troops"),
        ("As many as 300 prisoners were freed.", "As many as 300 prisoners", 300, None, None, "up_to", "captured"),
        ("Fewer than 50 hostages remain.", "Fewer than 50 hostages", 50, None, None, "less_than", "captured"),
        ("No more than 20 missiles were fired.", "No more than 20 missiles", 20, None, None, "at_most", "weapons"),
        # ranges
        (
            "Between 10,000 and 12,000 troops crossed.",
            "Between 10,000 and 12,000 troops",
            None,
            10_000,
            12_000,
            "range",
            "troops",
        ),
        ("Some 10,000-12,000 troops crossed.", "Some 10,000-12,000 troops", None, 10_000, 12_000, "range", "troops"),
        (
            "Reports said 10 to 12 thousand troops crossed.",
            "10 to 12 thousand troops",
            None,
            10_000,
            12_000,
            "range",
            "troops",
        ),
        ("Two or three soldiers were wounded.", "Two or three soldiers", None, 2, 3, "range", "wounded"),
        # vague amounts
        ("Dozens of civilians were killed.", "Dozens of civilians", None, 24, 99, "range", "killed"),
        ("Hundreds of people fled the town.", "Hundreds of people", None, 200, 999, "range", "displaced"),
        (
            "Tens of thousands of troops massed there.",
            "Tens of thousands of troops",
            None,
            20_000,
            99_999,
            "range",
            "troops",
        ),
        ("Several soldiers were captured.", "Several soldiers", None, 3, 9, "range", "captured"),
        # category from the verb
        ("Officials said 20 soldiers were killed in the strike.", "20 soldiers", 20, None, None, "exact", "killed"),
        ("The blast injured 40 civilians.", "40 civilians", 40, None, None, "exact", "wounded"),
        ("Rebels abducted 12 aid workers.", "12 aid workers", 12, None, None, "exact", "captured"),
        ("Rescuers said 15 people are missing.", "15 people", 15, None, None, "exact", "missing"),
        ("The fighting displaced 3,000 residents.", "3,000 residents", 3000, None, None, "exact", "displaced"),
        ("The crane fell, killing 107 and wounding 238.", "238", 238, None, None, "exact", "wounded"),
        # percentages and money
        ("Support fell to 35 percent.", "35 percent", 35, None, None, "exact", "other"),
        ("The army asked for $5 billion.", "$5 billion", 5_000_000_000, None, None, "exact", "money"),
        ("Kyiv will receive 2 billion euros.", "2 billion euros", 2_000_000_000, None, None, "exact", "money"),
    ],
)
def test_figure_table(
    sentence: str,
    phrase: str,
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: str,
    category: str,
) -> None:
    found = [f for f in figures_in(sentence) if f.text == phrase]
    assert found, [f.text for f in figures_in(sentence)]
    figure = found[0]
    assert sentence[figure.start : figure.end] == phrase
    assert (figure.value, figure.low, figure.high) == (value, low, high)
    assert figure.qualifier == qualifier
    assert figure.category == category


@pytest.mark.parametrize(
    ("sentence", "unit", "noun"),
    [
        ("Officials said 11,000 North Korean infantrymen arrived.", "person", "infantrymen"),
        ("The army fired 40 missiles.", "missile", "missiles"),
        ("Support fell to 35 percent.", "percent", None),
        ("The army asked for $5 billion.", "USD", None),
        ("Over 700 asylum seekers were rescued.", "person", "asylum seekers"),
    ],
)
def test_unit_and_noun(sentence: str, unit: str, noun: str | None) -> None:
    figure = only(sentence)
    assert (figure.unit, figure.noun) == (unit, noun)


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed in 1995.",  # a year
        "The strike came on October 4.",  # a date
        "They woke at 6:00am.",  # a time of day
        "She joined the group aged 14.",  # an age
        "He is 52 years old.",
        "The 155th brigade moved north.",  # an ordinal unit name
        "Unit 29155 ran the operation.",  # a designator
        "An F-16 flew over.",
        "The convoy travelled 20 km.",  # a distance
        "She was held for twelve years.",  # a duration
        "The first boat was turned away.",
        "The two countries signed a deal.",  # a trivial count of things
        "The office is at 2700 North Fourth Street.",  # an address
        "As one needs to say, the road was hard.",  # a pronoun
    ],
)
def test_not_figures(sentence: str) -> None:
    assert figures_in(sentence) == []


def test_part_of_a_figure_shares_its_category() -> None:
    text = (
        "Officials said 20 soldiers were killed in a missile strike on the town, including six North Korean "
        "military personnel advising the army."
    )
    found = {f.text: f.category for f in figures_in(text)}
    assert found == {"20 soldiers": "killed", "six North Korean military personnel": "killed"}


def test_elided_noun_takes_the_category_before_it() -> None:
    text = "Fishermen rescued over 700 asylum seekers, and the navy saved 200 more after they swam ashore."
    found = {f.text: (f.value, f.category) for f in figures_in(text)}
    assert found["200 more"] == (200, "displaced")


def test_generic_people_take_the_category_of_the_noun_before() -> None:
    text = "North Korea plans to send a second batch of its military personnel to Russia, totaling up to 10,000 people."
    assert only(text).category == "troops"


def test_numbers_far_apart_are_no_range() -> None:
    text = "The first unit of 2,600 soldiers is en route. Seoul says a second batch will total up to 10,000 troops."
    found = {f.text: (f.value, f.low, f.high) for f in figures_in(text)}
    assert found == {"2,600 soldiers": (2600, None, None), "up to 10,000 troops": (10000, None, None)}


def test_estimates_are_approximate() -> None:
    assert only("Estimates suggest 8000 migrants may be at sea.").qualifier == "approx"


def _analysis(text: str) -> Analysis:
    document = Document(text=text, published=PUBLISHED.isoformat())
    return Analysis(document=document, parse=parse(text), extraction=Extraction(document=document))


def test_run_links_actor_place_time_and_claim() -> None:
    text = (
        "On October 4, the Kyiv Post reported that 11,000 North Korean infantrymen are training in Kursk, "
        "preparing for deployment."
    )
    analysis = _analysis(text)
    extraction = analysis.extraction
    start = text.index("North Korean infantrymen")
    extraction.actors.append(
        Actor(
            id="A1",
            name="North Korean armed forces",
            type="armed_forces",
            mentions=[(start, start + len("North Korean infantrymen"))],
        )
    )
    kursk = text.index("Kursk")
    extraction.places.append(Place(id="P1", name="Kursk Oblast", feature="admin1", mentions=[(kursk, kursk + 5)]))
    content = (text.index("11,000"), len(text) - 1)
    extraction.claims.append(Claim(id="C1", content=text[content[0] : content[1]], content_span=content))
    times.run(analysis)
    figures.run(analysis)
    (figure,) = extraction.figures
    assert figure.text == "11,000 North Korean infantrymen"
    assert (figure.value, figure.category, figure.unit) == (11000, "troops", "person")
    assert figure.actor == "A1"
    assert figure.place == "P1"
    assert figure.time == extraction.times[0].id
    assert figure.claim == "C1"
    assert extraction.claims[0].figures == [figure.id]


def test_a_win_is_no_death() -> None:
    assert only("The driver claimed 14 wins with the team.").category == "other"


def test_run_on_text_without_numbers() -> None:
    analysis = _analysis("Nothing was counted here.")
    figures.run(analysis)
    assert analysis.extraction.figures == []


@pytest.mark.parametrize(
    ("text", "phrase", "category"),
    [
        ("A drone attack on the depot left 20 people dead on Friday.", "20 people", "killed"),
        ("The blast left 40 people injured and shattered windows.", "40 people", "wounded"),
        ("The shelling left at least nine civilians dead in Kharkiv.", "at least nine civilians", "killed"),
    ],
)
def test_an_objects_predicate_says_what_befell_them(text: str, phrase: str, category: str) -> None:
    found = {f.text: f.category for f in figures_in(text)}
    assert found.get(phrase) == category, found
