"""The offline gazetteer: loading, names, exonyms, divisions."""

import pytest

from sitrep.errors import ResourceError
from sitrep.geo import load_gazetteer, name_key
from sitrep.geo.gazetteer import parse_gazetteer
from sitrep.geo.lexicon import load_lexicon


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_loads_and_holds_places_down_to_small_towns(gazetteer):
    # How fast it loads is measured by benchmarks/bench_startup.py, not asserted here.
    load_gazetteer.cache_clear()
    fresh = load_gazetteer()
    assert len(fresh) > 150_000


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Kiev", "Kyiv"),
        ("Kyiv", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Kharkiv", "Kharkiv"),
        ("Brussels", "Brussels"),
    ],
)
def test_exonyms_and_alternate_names_find_the_city(gazetteer, written, expected):
    cities = [e for e in gazetteer.lookup(written) if e.feature == "city"]
    assert cities[0].name == expected


def test_divisions_have_english_names_and_centres(gazetteer):
    kursk = next(e for e in gazetteer.lookup("Kursk Oblast") if e.feature == "admin1")
    assert kursk.country == "RUS" and kursk.has_point
    assert abs(kursk.lat - 51.7) < 1.0 and abs(kursk.lon - 36.2) < 1.5
    donetsk = [e.name for e in gazetteer.lookup("Donetsk") if e.feature == "admin1"]
    assert "Donetsk Oblast" in donetsk


def test_countries_by_code_and_alias(gazetteer):
    assert gazetteer.country("UKR").name == "Ukraine"
    assert {e.country for e in gazetteer.lookup("DPRK")} == {"PRK"}
    assert gazetteer.lookup("U.S.")[0].country == "USA"


def test_seas_and_regions_come_from_the_hand_made_file(gazetteer):
    black_sea = gazetteer.lookup("Black Sea")[0]
    assert black_sea.feature == "water" and black_sea.has_point
    assert gazetteer.lookup("the Pacific")[0].feature == "water"


def test_name_key_ignores_case_diacritics_apostrophes_and_hyphens():
    assert name_key("Kyjív") == "kyjiv"
    assert name_key("Ust’-Donetskiy") == name_key("Ust-Donetskiy") == "ust donetskiy"


def test_arabic_article_is_optional(gazetteer):
    assert any(e.country == "SYR" for e in gazetteer.lookup("Qamishli"))


def test_a_broken_file_is_a_resource_error():
    with pytest.raises(ResourceError):
        parse_gazetteer("not a gazetteer\n")


def test_lexicon_knows_demonyms_capitals_and_metonyms():
    lexicon = load_lexicon()
    assert lexicon.demonyms["North Korean"] == "PRK"
    assert lexicon.adjectives["PRK"] == "North Korean"
    assert lexicon.metonyms["Pyongyang"] == "PRK"
    assert lexicon.metonyms["the Kremlin"] == "RUS"


@pytest.mark.parametrize(
    ("written", "state"),
    [
        ("Laurel County", "US.KY"),
        ("Fairfax County", "US.VA"),
        ("Lamar County", "US.TX"),
        ("Orleans Parish", "US.LA"),
    ],
)
def test_us_counties_and_parishes_are_second_order_divisions(gazetteer, written, state):
    divisions = [e for e in gazetteer.lookup(written) if e.feature == "admin2"]
    assert divisions and any(e.admin1 == state for e in divisions) and all(e.has_point for e in divisions)


@pytest.mark.parametrize("written", ["Lancashire", "Cambridgeshire"])
def test_english_counties_are_second_order_divisions(gazetteer, written):
    assert any(e.feature == "admin2" and e.country == "GBR" for e in gazetteer.lookup(written))


@pytest.mark.parametrize(
    ("written", "display"), [("Rafah", "Rafah"), ("Khan Younis", "Khan Yunis"), ("Rafaḩ", "Rafah")]
)
def test_display_names_carry_no_transliteration_marks(gazetteer, written, display):
    assert gazetteer.lookup(written)[0].name == display


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("Khan Younes", "Khan Yunis"),
        ("Mossul", "Mosul"),
        ("Idleb", "Idlib"),
        ("Misurata", "Misratah"),
    ],
)
def test_transliteration_variants_find_the_town(gazetteer, written, found):
    from sitrep.geo.fuzzy import transliteration_variants

    assert transliteration_variants(gazetteer, written)[0].name == found


@pytest.mark.parametrize("written", ["Bern", "Smith", "Hamas", "Hezbollah"])
def test_transliteration_variants_stay_close(gazetteer, written):
    from sitrep.geo.fuzzy import transliteration_variants

    assert transliteration_variants(gazetteer, written) == []
