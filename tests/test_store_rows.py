"""Turning an extraction into rows, without a database; and a round-trip property."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import StoreError
from sitrep.store import Store, row_counts
from sitrep.store.rows import ITEM_LISTS, LAYERS, document_row, layer_rows
from sitrep.store.tables import (
    LAYER_MODELS,
    Actor,
    ActorMention,
    Claim,
    ClaimVia,
    EventClaim,
    Figure,
    PlaceMention,
    Time,
)
from store_samples import SAMPLE_TEXT, document, sample_extraction, tiny_extraction


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {row["id"]: row for row in rows}


def test_every_layer_table_is_filled_by_exactly_one_spec() -> None:
    filled = [layer.model for layer in LAYERS] + [item_list.model for item_list in ITEM_LISTS]
    assert sorted(model.__tablename__ for model in filled) == sorted(model.__tablename__ for model in LAYER_MODELS)


def test_rows_carry_the_document_id_and_local_ids() -> None:
    extraction = sample_extraction()
    rows = layer_rows(extraction)

    doc_id = extraction["document"]["id"]
    assert all(row["document_id"] == doc_id for found in rows.values() for row in found)
    assert list(by_id(rows[Actor])) == ["A1", "A2", "A3", "A4", "A5"]


def test_spans_become_start_and_end_columns() -> None:
    rows = layer_rows(sample_extraction())

    claim = by_id(rows[Claim])["C2"]
    time = by_id(rows[Time])["T1"]
    assert SAMPLE_TEXT[claim["speaker_start"] : claim["speaker_end"]] == "minister Ana Novak"
    assert SAMPLE_TEXT[claim["cue_start"] : claim["cue_end"]] == "told"
    assert SAMPLE_TEXT[time["span_start"] : time["span_end"]] == "on Monday"
    assert (time["start_date"], time["end_date"]) == ("2024-03-04", "2024-03-04")


def test_null_spans_become_null_columns() -> None:
    extraction = sample_extraction()
    extraction["claims"][0].update(speaker=None, speaker_text=None, speaker_span=None, cue=None, cue_span=None)

    claim = by_id(layer_rows(extraction)[Claim])["C1"]

    assert (claim["speaker_id"], claim["speaker_start"], claim["speaker_end"], claim["cue_start"]) == (
        None,
        None,
        None,
        None,
    )


def test_lists_become_positioned_link_rows() -> None:
    rows = layer_rows(sample_extraction())

    assert [(row["place_id"], row["position"]) for row in rows[PlaceMention] if row["place_id"] == "P1"] == [
        ("P1", 0),
        ("P1", 1),
    ]
    assert [(row["event_id"], row["position"], row["claim_id"]) for row in rows[EventClaim]] == [
        ("E1", 0, "C1"),
        ("E1", 1, "C2"),
    ]
    assert [(row["claim_id"], row["actor_id"]) for row in rows[ClaimVia]] == [("C2", "A5")]
    assert len(rows[ActorMention]) == 5


def test_references_keep_the_contract_names_with_an_id_suffix() -> None:
    figure = by_id(layer_rows(sample_extraction())[Figure])["F1"]
    assert (figure["actor_id"], figure["place_id"], figure["time_id"], figure["claim_id"]) == ("A1", "P2", None, "C2")


def test_row_counts_name_every_table() -> None:
    counts = row_counts(sample_extraction())
    assert counts["documents"] == 1
    assert counts["actors"] == 5 and counts["place_mentions"] == 3 and counts["event_claims"] == 2
    assert set(counts) == {"documents", *(model.__tablename__ for model in LAYER_MODELS), "stories", "story_bands"}


def test_missing_layers_count_as_empty() -> None:
    bare = {"schema": "sitrep/1", "document": document("Nothing happened.")}
    assert sum(len(found) for found in layer_rows(bare).values()) == 0


def test_document_row_keys_a_bare_document_by_its_text() -> None:
    now = datetime.now(UTC)
    row = document_row({"text": "Short note."}, status="skipped_language", origin="note.txt", ingested_at=now)
    assert row["id"] == document("Short note.")["id"]
    assert row["extraction"] is None and row["schema_version"] is None


def test_document_row_needs_text() -> None:
    with pytest.raises(StoreError, match="no text"):
        document_row({"id": "abc"}, status="x", origin=None, ingested_at=datetime.now(UTC))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        pytest.param("affiliation", "A9", "actors A1.affiliation refers to 'A9'", id="affiliation"),
        pytest.param("mentions", [[1, 2, 3]], r"actors A1.mentions is \[1, 2, 3\]", id="mention-shape"),
        pytest.param("mentions", [["1", "2"]], "not a \\[start, end\\] span", id="mention-type"),
        pytest.param("mentions", [None], "actors A1.mentions contains null", id="null-mention"),
        pytest.param("mentions", "0-4", "'mentions' is not a list", id="mentions-not-list"),
        pytest.param("id", None, "an item of 'actors' has no id", id="no-id"),
        pytest.param("type", None, "actors A1 has no 'type'", id="no-type"),
    ],
)
def test_bad_actor_fields_are_named_in_the_error(field: str, value: object, message: str) -> None:
    extraction = sample_extraction()
    extraction["actors"][0][field] = value
    with pytest.raises(StoreError, match=message):
        layer_rows(extraction)


def test_null_ids_in_lists_are_refused() -> None:
    extraction = sample_extraction()
    extraction["claims"][0]["places"].append(None)
    with pytest.raises(StoreError, match=r"claims C1\.places contains null"):
        layer_rows(extraction)


def test_errors_name_the_document() -> None:
    extraction = tiny_extraction(1)
    extraction["events"][0]["claims"] = ["C77"]
    with pytest.raises(StoreError, match=f"document {extraction['document']['id'][:12]}: events E1.claims"):
        layer_rows(extraction)


# --- round trip -------------------------------------------------------------------------

words = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1, max_size=30)


@st.composite
def extractions(draw: st.DrawFn) -> dict:
    """Small random-but-valid extractions: arbitrary Unicode, optional fields, odd numbers."""
    text = draw(words)
    length = len(text)
    offsets = st.integers(0, length).flatmap(lambda start: st.tuples(st.just(start), st.integers(start, length)))
    spans = offsets.map(list)
    actors = [
        {
            "id": f"A{k}",
            "name": draw(words),
            "type": "other",
            "country": draw(st.none() | st.just("XYZ")),
            "role": draw(st.none() | words),
            "affiliation": draw(st.none() | st.just("A1")),
            "mentions": draw(st.lists(spans, max_size=3)),
        }
        for k in range(1, draw(st.integers(1, 3)) + 1)
    ]
    figures = [
        {
            "id": "F1",
            "text": text,
            "span": [0, length],
            "value": draw(st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**53), 2**53)),
            "low": None,
            "high": None,
            "qualifier": "exact",
            "unit": None,
            "noun": None,
            "category": "other",
            "actor": "A1",
            "place": None,
            "time": None,
            "claim": None,
        },
    ]
    return {
        "schema": "sitrep/1",
        "document": document(text),
        "actors": actors,
        "places": [],
        "times": [],
        "figures": figures,
        "claims": [],
        "events": [],
    }


@pytest.fixture(scope="module")
def memory_store() -> Iterator[Store]:
    with Store.open("sqlite://") as opened:
        yield opened


@settings(max_examples=40, deadline=None)
@given(extraction=extractions())
def test_any_valid_extraction_round_trips(memory_store: Store, extraction: dict) -> None:
    doc_id = extraction["document"]["id"]
    memory_store.delete_document(doc_id)

    assert memory_store.save_document(extraction)

    assert memory_store.get_extraction(doc_id) == extraction
    assert memory_store.counts(doc_id) == row_counts(extraction)
