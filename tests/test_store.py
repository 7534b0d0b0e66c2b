"""The Store API, run on SQLite and on PostgreSQL."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from sitrep.errors import StoreError
from sitrep.model import content_id
from sitrep.store import STATUS_EXTRACTED, STATUS_SKIPPED_LANGUAGE, Store, row_counts
from sitrep.store.tables import Actor, Claim, ClaimFigure, ClaimVia, Figure, Place, Time
from store_samples import (
    SAMPLE_TEXT,
    document,
    incomplete_documents,
    sample_extraction,
    span,
    tiny_extraction,
)

pytest_plugins = ["store_fixtures"]  # the store_url and store fixtures


def test_saved_extraction_reads_back_unchanged(store: Store) -> None:
    extraction = sample_extraction()
    doc_id = extraction["document"]["id"]

    assert store.save_document(extraction, origin="eastland.txt", extra={"fiction": False})

    assert store.has_document(doc_id)
    assert store.get_extraction(doc_id) == extraction
    assert store.counts(doc_id) == row_counts(extraction)
    assert store.counts() == row_counts(extraction)
    stored = store.get_document(doc_id)
    assert stored is not None
    assert stored["status"] == STATUS_EXTRACTED
    assert stored["origin"] == "eastland.txt"
    assert stored["extra"] == {"fiction": False}
    assert stored["title"] == "Troops cross into Eastland"
    assert stored["text"] == SAMPLE_TEXT
    assert stored["schema_version"] == "sitrep/1"


def test_saving_the_same_document_twice_adds_nothing(store: Store) -> None:
    extraction = sample_extraction()
    assert store.save_document(extraction)
    before = store.counts()

    assert store.save_document(copy.deepcopy(extraction), origin="again") is False

    assert store.counts() == before
    assert store.get_document(extraction["document"]["id"])["origin"] is None


def test_losing_a_race_to_another_writer_returns_false(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    extraction = sample_extraction()
    store.save_document(extraction)
    before = store.counts()
    answers = iter([False, True])  # "not there yet" when checked, there when the insert collides
    monkeypatch.setattr(store, "has_document", lambda _doc_id: next(answers))

    assert store.save_document(extraction) is False

    assert store.counts() == before


def test_get_document_reports_when_it_was_ingested(store: Store) -> None:
    extraction = sample_extraction()
    store.save_document(extraction)

    ingested_at = datetime.fromisoformat(store.get_document(extraction["document"]["id"])["ingested_at"])

    assert ingested_at.tzinfo is not None
    assert abs((datetime.now(UTC) - ingested_at).total_seconds()) < 60


def test_unknown_documents_are_absent(store: Store) -> None:
    assert not store.has_document("0" * 64)
    assert store.get_extraction("0" * 64) is None
    assert store.get_document("0" * 64) is None
    assert store.counts("0" * 64) == dict.fromkeys(store.counts(), 0)


def test_unextracted_document_is_a_row_without_layers(store: Store) -> None:
    text = "Ein Bericht auf Deutsch."
    assert store.save_unextracted(
        {"text": text, "title": "Bericht", "language": "de"},
        origin="bericht.txt",
        status=STATUS_SKIPPED_LANGUAGE,
        extra={"detected": "de"},
    )
    doc_id = content_id(text)

    assert store.has_document(doc_id)
    assert store.get_extraction(doc_id) is None
    assert list(store.iter_extractions()) == []
    stored = store.get_document(doc_id)
    assert stored["status"] == STATUS_SKIPPED_LANGUAGE
    assert stored["language"] == "de"
    assert stored["extra"] == {"detected": "de"}
    assert stored["schema_version"] is None
    assert store.counts()["documents"] == 1
    assert sum(store.counts().values()) == 1
    again = {
        "schema": "sitrep/1",
        "document": document(text),
        "actors": [],
        "places": [],
        "times": [],
        "figures": [],
        "claims": [],
        "events": [],
    }
    assert store.save_unextracted({"text": text}, origin=None, status=STATUS_SKIPPED_LANGUAGE) is False
    assert store.save_document(again) is False


def test_unextracted_document_cannot_claim_to_be_extracted(store: Store) -> None:
    with pytest.raises(StoreError, match="needs an extraction"):
        store.save_unextracted({"text": "x"}, origin=None, status=STATUS_EXTRACTED)


def test_iter_extractions_yields_every_extraction_oldest_first(store: Store) -> None:
    saved = [tiny_extraction(number) for number in range(5)]
    for extraction in saved:
        store.save_document(extraction)
    store.save_unextracted({"text": "Texte en français."}, origin=None, status=STATUS_SKIPPED_LANGUAGE)

    assert list(store.iter_extractions()) == saved


def test_iter_extractions_streams_more_than_one_batch(store: Store) -> None:
    from sitrep.store import db

    for number in range(db.ITER_BATCH_SIZE + 5):
        store.save_document(tiny_extraction(number))

    ids = [extraction["document"]["id"] for extraction in store.iter_extractions()]

    assert len(ids) == len(set(ids)) == db.ITER_BATCH_SIZE + 5
    assert incomplete_documents(store) == []


def test_counts_cover_every_table(store: Store) -> None:
    assert set(store.counts()) == {
        "documents",
        "actors",
        "actor_mentions",
        "places",
        "place_mentions",
        "times",
        "claims",
        "claim_via",
        "claim_places",
        "figures",
        "claim_figures",
        "events",
        "event_figures",
        "event_claims",
        "stories",
        "story_bands",
    }


def test_columns_hold_the_contract_fields(store: Store) -> None:
    extraction = sample_extraction()
    doc_id = extraction["document"]["id"]
    store.save_document(extraction)

    with store.session() as session:
        novak = session.get(Actor, (doc_id, "A3"))
        troops = session.get(Actor, (doc_id, "A1"))
        claim = session.get(Claim, (doc_id, "C2"))
        eastland = session.get(Place, (doc_id, "P1"))
        monday = session.get(Time, (doc_id, "T1"))
        via = session.scalars(select(ClaimVia.actor_id).where(ClaimVia.claim_id == "C2")).all()

    assert (novak.name, novak.role, novak.affiliation_id) == ("Ana Novak", "minister", "A2")
    assert troops.affiliation_id == "A4"  # points forward in the list
    assert SAMPLE_TEXT[claim.speaker_start : claim.speaker_end] == "minister Ana Novak"
    assert SAMPLE_TEXT[claim.content_start : claim.content_end] == claim.content
    assert (claim.cue, claim.kind, claim.stance, claim.factuality) == ("told", "direct", "assert", "fact")
    assert (eastland.geonames_id, eastland.lat, eastland.lon) == (9999001, 47.25, 19.5)
    assert (monday.start_date, monday.end_date, monday.granularity, monday.relative) == (
        "2024-03-04",
        "2024-03-04",
        "day",
        True,
    )
    assert via == ["A5"]


def test_tables_answer_questions_across_layers(store: Store) -> None:
    store.save_document(sample_extraction())
    for number in range(3):
        store.save_document(tiny_extraction(number))

    # Troop figures, with the name of whoever claimed them.
    query = (
        select(Figure.text, Actor.name)
        .join(ClaimFigure, (ClaimFigure.document_id == Figure.document_id) & (ClaimFigure.figure_id == Figure.id))
        .join(Claim, (Claim.document_id == ClaimFigure.document_id) & (Claim.id == ClaimFigure.claim_id))
        .join(Actor, (Actor.document_id == Claim.document_id) & (Actor.id == Claim.speaker_id))
        .where(Figure.category == "troops")
    )
    with store.session() as session:
        assert session.execute(query).all() == [("About 300 soldiers", "Ana Novak")]


def test_fields_beyond_the_contract_survive_in_the_json(store: Store) -> None:
    extraction = sample_extraction()
    extraction["pipeline"] = {"version": "0.1.0"}
    extraction["actors"][0]["confidence"] = 0.75

    store.save_document(extraction)

    assert store.get_extraction(extraction["document"]["id"]) == extraction


def test_non_ascii_text_and_offsets_round_trip(store: Store) -> None:
    text = "Über 1 200 Menschen flohen aus Zaporizhzhia — said the UNHCR 🇺🇦."
    extraction = {
        "schema": "sitrep/1",
        "document": document(text),
        "places": [],
        "times": [],
        "figures": [],
        "claims": [],
        "events": [],
        "actors": [
            {
                "id": "A1",
                "name": "UNHCR",
                "type": "organization",
                "country": None,
                "role": None,
                "affiliation": None,
                "mentions": [span(text, "UNHCR")],
            }
        ],
    }
    store.save_document(extraction)

    assert store.get_extraction(extraction["document"]["id"]) == extraction
    with store.session() as session:
        actor = session.get(Actor, (extraction["document"]["id"], "A1"))
        mention = session.execute(select(Actor).where(Actor.name == "UNHCR")).scalar_one()
    assert actor is not None and mention.name == "UNHCR"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(lambda e: e["figures"][0].update(claim="C9"), "figures F1.claim refers to 'C9'", id="dangling"),
        pytest.param(lambda e: e["claims"][1]["via"].append("A42"), "claims C2.via refers to 'A42'", id="via"),
        pytest.param(lambda e: e["actors"].append(dict(e["actors"][0])), "id A1 appears twice", id="duplicate"),
        pytest.param(lambda e: e["events"][0].update(span=[3]), "events E1.span is [3], not a [start, end]", id="span"),
        pytest.param(lambda e: e["actors"][1].update(name=None), "actors A2 has no 'name'", id="required"),
        pytest.param(lambda e: e.update(claims={"C1": {}}), "'claims' is not a list of objects", id="layer-type"),
        pytest.param(lambda e: e["document"].pop("id"), "no document.id", id="no-id"),
    ],
)
def test_malformed_extractions_are_refused_whole(store: Store, mutate, message: str) -> None:
    extraction = sample_extraction()
    mutate(extraction)

    with pytest.raises(StoreError, match=message.replace("[", r"\[").replace("]", r"\]")):
        store.save_document(extraction)

    assert sum(store.counts().values()) == 0


def test_delete_document_removes_every_row_of_that_document_only(store: Store) -> None:
    kept, removed = tiny_extraction(1), sample_extraction()
    store.save_document(kept)
    store.save_document(removed)

    assert store.delete_document(removed["document"]["id"])
    assert store.delete_document(removed["document"]["id"]) is False

    assert store.counts() == row_counts(kept)
    assert store.get_extraction(kept["document"]["id"]) == kept


def test_data_outlives_the_store_object(store_url: str) -> None:
    extraction = sample_extraction()
    with Store.open(store_url) as first:
        first.save_document(extraction)

    with Store.open(store_url) as second:
        assert second.get_extraction(extraction["document"]["id"]) == extraction


def test_closed_store_releases_its_connections(store_url: str) -> None:
    opened = Store.open(store_url)
    opened.close()
    opened.close()  # closing twice is harmless
    assert opened.engine.pool.checkedout() == 0


def test_the_shared_gold_example_is_stored_completely(store: Store, shared_dir: Path) -> None:
    example = shared_dir / "examples" / "kursk-deployment.gold.json"
    if not example.is_file():
        pytest.skip(f"{example} is not there")
    extraction = json.loads(example.read_text(encoding="utf-8"))
    assert store.save_document(extraction)
    assert store.get_extraction(extraction["document"]["id"]) == extraction
    assert incomplete_documents(store) == []
