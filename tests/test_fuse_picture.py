"""The picture: order-free, idempotent, incremental, filtered, schema-valid, renderable, storable."""

from __future__ import annotations

import io
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from sitrep.errors import InputError
from sitrep.fuse import PICTURE_SCHEMA, Picture, build_picture, picture_from_store, render_picture
from sitrep.schema import load_schema
from test_fuse_figures import toll, troops_report
from test_fuse_support import Doc, strike_report
from test_fuse_syndication import HEADLINE, INDEPENDENT_STORY, WIRE_STORY, variant


def scenario() -> list[dict[str, Any]]:
    """A small world: copies of a wire story, a strike seen by four outlets, troop counts that clash,
    a death toll disputed across days, and claims repeated by several outlets."""
    docs = [Doc(text=WIRE_STORY, title=HEADLINE, source="Northgate Wire", published="2024-10-04")]
    for outlet, kind in (("Keston Courier", "reheadlined"), ("Daily Alder", "truncated")):
        title, text = variant(kind)
        docs.append(Doc(text=text, title=title, source=outlet, published="2024-10-05"))
    docs.append(Doc(text=INDEPENDENT_STORY, source="Valley Times", published="2024-10-05"))
    for doc in docs:
        doc.event(
            "ASSAULT",
            doc.actor("Russian armed forces", "armed_forces", "RUS"),
            doc.actor("Ukraine", "state", "UKR"),
            doc.place("Kharkiv", "city", "UKR", 49.99, 36.23),
            doc.time("2024-10-04"),
            text="strike on Kharkiv",
        )
        doc.claim(
            doc.actor("Ihor Terekhov", "person", "UKR"), "the strike hit a residential block in Kharkiv overnight"
        )
    docs += [
        strike_report("Kyiv Post", "2024-10-12", "2024-10-11", town="Odesa", lat=46.48, lon=30.72),
        strike_report("Reuters", "2024-10-12", "2024-10-11", town="Odesa", lat=46.48, lon=30.72, status="denied"),
        troops_report("Kyiv Post", "2024-10-17", 10_000, day="2024-10-17"),
        troops_report("Yonhap", "2024-10-17", 20_000, day="2024-10-17", speaker="Kyrylo Budanov"),
        troops_report("NIS Wire", "2024-10-25", 10_000, "up_to", day="2024-10-25", speaker="NIS"),
        toll("Harmattan", "2026-03-05", 12),
        toll("Sahel Dispatch", "2026-03-06", 20, "at_least", "the mayor"),
    ]
    return [d.to_dict() for d in docs]


SCENARIO = scenario()
REFERENCE = build_picture(SCENARIO).to_dict()


def test_scenario_picture_has_the_expected_structure() -> None:
    assert REFERENCE["schema"] == PICTURE_SCHEMA
    assert [len(g["documents"]) for g in REFERENCE["syndication"]] == [3]
    kharkiv = REFERENCE["events"][0]
    assert kharkiv["reports"] == 4 and kharkiv["independent_sources"] == 2
    assert REFERENCE["stats"]["contradictions"] == 2
    assert [c["independent_carriers"] for c in REFERENCE["claims"]][:1] == [2]
    assert [t["date"]["start"] for t in REFERENCE["timeline"]] == sorted(
        t["date"]["start"] for t in REFERENCE["timeline"]
    )


def test_picture_obeys_its_schema() -> None:
    schema = load_schema("picture.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(REFERENCE)) == []
    json.dumps(REFERENCE, allow_nan=False)  # plain JSON: no infinities


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.permutations(range(len(SCENARIO))),
    repeats=st.lists(st.integers(0, len(SCENARIO) - 1), max_size=5),
    peek_at=st.integers(0, len(SCENARIO)),
)
def test_picture_is_independent_of_order_and_repeats(order: list[int], repeats: list[int], peek_at: int) -> None:
    picture = Picture()
    for step, index in enumerate([*order, *repeats]):
        if step == peek_at:
            picture.to_dict()  # reading midway must not change what later adds produce
        picture.add(SCENARIO[index])
    assert picture.to_dict() == REFERENCE


def test_adding_a_document_again_changes_nothing() -> None:
    picture = build_picture(SCENARIO)
    version = picture.state.version
    assert picture.add(SCENARIO[0]) is False
    assert picture.state.version == version
    assert picture.to_dict() == REFERENCE


def test_incremental_adds_match_a_rebuild_from_the_store(tmp_path) -> None:
    from sitrep.store import Store

    picture = Picture()
    with Store.open(f"sqlite:///{tmp_path / 'fuse.db'}") as store:
        for extraction in SCENARIO:
            store.save_document(extraction, origin="test")
            picture.add(extraction)
        rebuilt = picture_from_store(store)
    assert rebuilt.to_dict() == picture.to_dict() == REFERENCE


def test_filters_by_date_place_and_actor() -> None:
    picture = build_picture(SCENARIO)
    october_week = picture.to_dict(since="2024-10-10", until="2024-10-20")
    assert {e["place"]["name"] for e in october_week["events"]} == {"Odesa"}
    assert all(any(e["date"]["start"] >= "2024-10-10" for e in s["entries"]) for s in october_week["figures"])
    kharkiv = picture.to_dict(place="kharkiv")
    assert [e["place"]["name"] for e in kharkiv["events"]] == ["Kharkiv"]
    assert kharkiv["syndication"] and kharkiv["figures"] == []
    korea = picture.to_dict(actor="North Korea")
    assert korea["events"] == [] and len(korea["figures"]) == 1
    assert picture.to_dict(actor="PRK")["figures"] == korea["figures"]
    top = picture.to_dict(limit=1)
    assert len(top["events"]) == 1 and top["events"][0]["id"] == REFERENCE["events"][0]["id"]


@pytest.mark.parametrize("country", ["Ukraine", "ukraine", "UKR"])
def test_a_country_name_keeps_every_place_inside_it(country: str) -> None:
    picture = build_picture(SCENARIO)
    inside = {e["place"]["name"] for e in picture.to_dict(place=country)["events"]}
    assert {"Kharkiv", "Odesa"} <= inside
    assert picture.to_dict(place="Atlantis")["events"] == []


def test_bad_filter_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="since"):
        build_picture(SCENARIO).to_dict(since="last week")


@pytest.mark.parametrize("bad", [{}, {"document": "x"}, {"document": {"text": "no id"}}, [1, 2]])
def test_malformed_extractions_are_input_errors(bad: Any) -> None:
    with pytest.raises(InputError):
        Picture().add(bad)


def test_new_developments_are_the_last_days() -> None:
    developments = REFERENCE["developments"]
    assert developments["since"] == "2026-03-04"
    toll_event = next(e for e in REFERENCE["events"] if e["type"] == "ASSAULT" and e["date"]["start"] == "2026-03-05")
    assert [e["id"] for e in developments["events"]] == [toll_event["id"]]
    assert developments["events"][0]["first_reported"]["outlet"] == "Harmattan"
    [clash] = developments["contradictions"]
    assert (clash["a"]["value"], clash["b"]["value"], clash["b"]["qualifier"]) == (12, 20, "at_least")
    limited = build_picture(SCENARIO).to_dict(limit=1)  # developments do not depend on the top-N lists
    assert limited["developments"]["events"] == developments["events"]


def test_render_prints_the_tables() -> None:
    buffer = io.StringIO()
    render_picture(build_picture(SCENARIO), Console(file=buffer, width=160), limit=5)
    out = buffer.getvalue()
    for title in ("Top events", "Figure series", "New developments", "Syndicated stories"):
        assert title in out
    assert "10,000 vs 20,000" in out
