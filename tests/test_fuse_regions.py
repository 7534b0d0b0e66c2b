"""The admin1 of a picture's places (sitrep.fuse.regions)."""

from __future__ import annotations

from sitrep.fuse.regions import region_codes, region_of


def test_a_town_gets_the_division_it_lies_in() -> None:
    assert region_of("Dori", "city", "BFA", 14.03, -0.03) == {"code": "BF.12", "name": "Sahel"}
    assert region_of("Téra", "city", "NER", 14.0, 0.75) == {"code": "NE.09", "name": "Tillaberi"}


def test_a_division_is_its_own_region_with_its_english_name() -> None:
    assert region_of("Kursk Oblast", "admin1", "RUS", 51.7, 36.2) == {"code": "RU.41", "name": "Kursk Oblast"}


def test_a_place_with_no_point_takes_the_named_places_division() -> None:
    assert region_of("Djibo", "city", "BFA", None, None) == {"code": "BF.12", "name": "Sahel"}


def test_no_region_for_countries_unknown_names_or_another_places_point() -> None:
    assert region_of("Burkina Faso", "country", "BFA", 13.0, -2.0) is None
    assert region_of("Nowhere-in-particular", "city", "BFA", 14.0, -1.0) is None
    assert region_of("Dori", "city", "BFA", 40.0, 10.0) is None, "a point far from the gazetteer's Dori"
    assert region_of("Dori", "city", "NER", 14.03, -0.03) is None, "another country"


def test_region_codes_match_a_name_or_a_code_among_the_places() -> None:
    places = [
        {"name": "Dori", "admin1": {"code": "BF.12", "name": "Sahel"}},
        {"name": "Téra", "admin1": {"code": "NE.09", "name": "Tillaberi"}},
        {"name": "Burkina Faso", "admin1": None},
    ]
    assert region_codes("sahel", places) == {"BF.12"}
    assert region_codes("Tillabéri", places) == {"NE.09"}
    assert region_codes("ne.09", places) == {"NE.09"}
    assert region_codes("Dori", places) == frozenset()
