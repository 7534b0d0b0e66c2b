"""The outlet's home country, divisions inside organisation names, containers and admin prefixes."""

from __future__ import annotations

import pytest

from sitrep.geo.home import outlet_country
from sitrep.layers.places.stage import find_places
from sitrep.nlp import parse


def _resolved(text: str, source: str | None = None) -> dict[str, tuple[str, str | None, str | None]]:
    """Mention text -> (feature, country, admin1 code of the place) for every mention."""
    toponyms, _findings = find_places(parse(text), source)
    out = {}
    for toponym in toponyms:
        if toponym.entry is not None:
            out[text[toponym.span[0] : toponym.span[1]]] = (
                toponym.entry.feature,
                toponym.entry.country,
                toponym.entry.admin1,
            )
    return out


@pytest.mark.parametrize(
    ("source", "iso3"),
    [
        ("cambridge-news.co.uk", "GBR"),
        ("https://www.lfpress.ca/news/local", "CAN"),
        ("independent.ie", "IRL"),
        ("dailystar.com.lb", "LBN"),
        ("example.com", None),
        ("channel.tv", None),
        ("Reuters", None),
        (None, None),
    ],
)
def test_outlet_country_from_the_domain(source: str | None, iso3: str | None) -> None:
    assert outlet_country(source) == iso3


def test_a_british_outlet_puts_cambridge_in_england() -> None:
    text = "Alan, 79, swam 26 miles at a pool in Cambridge to raise money for a UK charity."
    assert _resolved(text, "cambridgeshire-post.co.uk")["Cambridge"][1] == "GBR"


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        (
            "Police arrested a Jackson man on Friday. Jackson police and Tennessee Bureau of Investigation agents "
            "searched his home in Jackson.",
            "Jackson",
            "US.TN",
        ),
        (
            "A fire destroyed a barn in Springfield on Sunday, the Illinois State Fire Marshal said.",
            "Springfield",
            "US.IL",
        ),
    ],
)
def test_divisions_inside_organisation_names_place_the_towns(text: str, name: str, admin1: str) -> None:
    assert _resolved(text)[name][2] == admin1


@pytest.mark.parametrize(
    ("text", "name", "feature"),
    [
        ("She runs a bakery in Spokane, Washington, with her sister.", "Washington", "admin1"),
        ("CAMP MURRAY, Wash. - The unit trained at home in Washington before flying out.", "Washington", "admin1"),
        ("Officials said troops had mined the border territory of Georgia, near Armenia.", "Georgia", "country"),
    ],
)
def test_containers_and_named_states(text: str, name: str, feature: str) -> None:
    assert _resolved(text)[name][0] == feature


@pytest.mark.parametrize(
    ("text", "name", "country", "feature"),
    [
        ("A federal judge in Wyoming has halted the rule.", "Wyoming", "USA", "admin1"),
        ("Delegates met at the Palais des Nations in Geneva on Monday.", "Geneva", "CHE", "city"),
        ("Russia will close the US consulate in St. Petersburg, officials said.", "St. Petersburg", "RUS", "city"),
    ],
)
def test_prominent_senses_win(text: str, name: str, country: str, feature: str) -> None:
    assert _resolved(text)[name][:2] == (feature, country)
