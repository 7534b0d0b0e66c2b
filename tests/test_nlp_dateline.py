"""Wire datelines: recognised, split from the first sentence, and exposed on the parse."""

import pytest

from sitrep.nlp import parse
from sitrep.nlp.dateline import find_dateline


def part(text, span):
    return text[span[0] : span[1]] if span else None


def test_town_and_country_before_an_em_dash():
    text = "Convoy hit in the north\n\nMENAKA, Mali — Gunmen fired on a convoy on Tuesday."
    dateline = find_dateline(text)
    assert part(text, dateline.place) == "MENAKA" and part(text, dateline.country) == "Mali"
    assert text[dateline.body_start :].startswith("Gunmen")


def test_town_date_and_agency_before_a_hyphen():
    text = "BELEDWEYNE, Somalia, April 2 (Coastline Wire) - Militants stormed a base, officials said."
    dateline = find_dateline(text)
    assert part(text, dateline.place) == "BELEDWEYNE" and part(text, dateline.country) == "Somalia"
    assert part(text, dateline.date) == "April 2" and part(text, dateline.agency) == "Coastline Wire"


def test_town_with_date_but_no_country():
    text = "BAIDOA, May 9 (Horn Courier) - Fighting resumed."
    dateline = find_dateline(text)
    assert part(text, dateline.place) == "BAIDOA" and dateline.country is None and part(text, dateline.date) == "May 9"


def test_a_bare_upper_case_word_needs_to_be_a_known_place():
    assert find_dateline("BREAKING — Markets fell sharply.", lambda name: False) is None
    assert find_dateline("KIDAL — Markets fell sharply.", lambda name: name == "Kidal") is not None


def test_a_headline_with_a_dash_is_no_dateline():
    assert find_dateline("Analysis — Counting the dead in the north\n\nThe toll rose.") is None


def test_the_first_sentence_starts_after_the_dash():
    text = "MENAKA, Mali — Gunmen fired on a convoy on Tuesday, the army said. Two soldiers died."
    parsed = parse(text)
    assert parsed.dateline is not None
    starts = [text[s.start : s.end] for s in parsed.sentences]
    assert starts[0].startswith("MENAKA") and "Gunmen" not in starts[0]
    assert starts[1].startswith("Gunmen fired")


def test_the_dateline_town_is_a_place_entity():
    text = "KIDAL, Mali, June 3 (Desert Wire) - Rebels said they had taken the airport."
    parsed = parse(text)
    labels = {e.text: e.label for e in parsed.entities}
    assert labels.get("KIDAL") == "GPE"


def test_accented_upper_case_town():
    text = "TÉRA — Hundreds of people lined the road out of town."
    assert part(text, find_dateline(text, lambda name: name == "Téra").place) == "TÉRA"


@pytest.mark.parametrize(
    "text, place, country, agency, body",
    [
        (
            "LOUISVILLE, KY--(Marketwire - December 23, 2010) - A company announced today.",
            "LOUISVILLE",
            "KY",
            "Marketwire - December 23, 2010",
            "A company",
        ),
        ("BEIRUT: Israeli jets struck a village in the south.", "BEIRUT", None, None, "Israeli"),
        ("LITTLE ROCK, Ark. - The governor signed the bill.", "LITTLE ROCK", "Ark.", None, "The governor"),
        ("NASHVILLE, Tenn. (AP) -- Flood waters rose overnight.", "NASHVILLE", "Tenn.", "AP", "Flood"),
        ("TRIPOLI, Lebanon, June 3 (Levant Wire) - Clashes resumed.", "TRIPOLI", "Lebanon", "Levant Wire", "Clashes"),
    ],
)
def test_mixed_datelines(text, place, country, agency, body):
    dateline = find_dateline(text, lambda name: name in {"Beirut", "Little Rock", "Nashville", "Tripoli"})
    assert part(text, dateline.place) == place and part(text, dateline.country) == country
    assert part(text, dateline.agency) == agency and text[dateline.body_start :].startswith(body)


@pytest.mark.parametrize("text", ["UPDATE: The vote was delayed.", "Police said: We have a suspect."])
def test_a_colon_after_a_word_that_is_no_place_is_no_dateline(text):
    assert find_dateline(text, lambda name: False) is None


@pytest.mark.parametrize(
    "text",
    [
        "LOUISVILLE, KY--(Marketwire - December 23, 2010) - A company announced today.",
        "DAYTON, OH--(Business Wire - May 2, 2011)-- The firm said.",
        "AUSTIN, TX--(PRNewswire)--Shares rose.",
    ],
)
def test_a_dateline_glued_to_its_agency_does_not_fail_the_parse(text):
    parsed = parse(text)  # used to raise ValueError E1010 when two dateline parts shared a token
    assert parsed.dateline is not None and parsed.text[slice(*parsed.dateline.place)].isupper()


@pytest.mark.parametrize(
    "text, place",
    [
        ("Man hurt in crash. DAYTON -- A man was hurt on Route 4 on Friday.", "DAYTON"),
        ("Storm cuts power. Goose Creek — A storm cut power to 3,000 homes.", "Goose Creek"),
    ],
)
def test_a_dateline_right_after_a_headline_on_the_same_line(text, place):
    dateline = find_dateline(text, lambda name: name in {"Dayton", "Goose Creek"})
    assert part(text, dateline.place) == place


def test_a_title_case_word_after_a_headline_needs_a_capital_after_the_dash():
    assert find_dateline("Talks fail. Hamas — the group said.", lambda name: True) is None


def test_an_upper_case_dateline_after_a_byline():
    text = "Pastor named. By Jo Roe Staff writer March 4, 2009 MANSFIELD -- The mayor wants a patrol program."
    assert part(text, find_dateline(text, lambda name: name == "Mansfield").place) == "MANSFIELD"


@pytest.mark.parametrize("text", ["The NATO -- alliance said it would act.", "Hello. US -- they said."])
def test_a_body_that_does_not_start_a_sentence_is_no_dateline(text):
    assert find_dateline(text, lambda name: True) is None
