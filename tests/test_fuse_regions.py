"""The admin1 of a picture's places (sitrep.fuse.regions)."""

from __future__ import annotations

from sitrep.fuse.regions import keep_region, region_codes, region_of


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


def _place(name: str, code: str | None, region: str | None) -> dict:
    return {"key": f"city:X:{name.lower()}", "name": name, "admin1": code and {"code": code, "name": region}}


def _view() -> dict:
    dori, djibo, capital = (
        _place("Dori", "BF.12", "Sahel"),
        _place("Djibo", "BF.12", "Sahel"),
        _place("Ouaga", "BF.03", "Centre"),
    )
    events = [
        {"id": "e1", "place": dori, "members": [{"place": dori}], "reports": 2},
        {"id": "e2", "place": None, "members": [{"place": None}, {"place": djibo}], "reports": 2},
        {"id": "e3", "place": capital, "members": [{"place": capital}], "reports": 1},
    ]
    return {
        "filters": {"place": None},
        "stats": {"documents": 3},
        "events": events,
        "claims": [{"id": "c1", "places": [djibo]}, {"id": "c2", "places": [capital]}],
        "figures": [
            {
                "id": "s1",
                "subject": {"place": None},
                "entries": [{"place": None, "events": ["e1"]}],
                "contradictions": [],
            },
            {"id": "s2", "subject": {"place": capital}, "entries": [], "contradictions": [{}]},
        ],
        "timeline": [{"event": "e1"}, {"event": "e3"}],
        "developments": {"events": [{"id": "e3"}], "claims": [{"id": "c1"}], "contradictions": [{"series": "s2"}]},
    }


def test_keep_region_keeps_what_lies_inside_the_division() -> None:
    kept = keep_region(_view(), "Sahel")
    assert kept is not None
    assert [e["id"] for e in kept["events"]] == ["e1", "e2"], "an event counts when any report is inside"
    assert [c["id"] for c in kept["claims"]] == ["c1"]
    assert [s["id"] for s in kept["figures"]] == ["s1"], "a series of an event inside"
    assert [t["event"] for t in kept["timeline"]] == ["e1"]
    assert kept["developments"]["events"] == [] and kept["developments"]["claims"] == [{"id": "c1"}]
    assert kept["stats"] == {
        "documents": 3,
        "events": 2,
        "event_reports": 4,
        "claims": 1,
        "series": 1,
        "contradictions": 0,
    }


def test_keep_region_is_none_when_no_place_is_in_such_a_division() -> None:
    assert keep_region(_view(), "Zinder") is None
    assert keep_region(_view(), "Dori") is None, "a town's name is no division"
