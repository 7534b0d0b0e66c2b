"""The persisted picture: equal to the in-memory one, incremental = rebuild, order-free, crash-safe.

Every test runs on SQLite and on PostgreSQL (``store_url``/``store`` fixtures).
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic import command

from sitrep.errors import StoreError
from sitrep.fuse import build_picture
from sitrep.store import Store
from sitrep.store import fusion as fusion_module
from sitrep.store.migrate import alembic_config
from test_fuse_picture import SCENARIO

pytest_plugins = ["store_fixtures"]

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_fusion.py"
FILTERS: list[dict[str, Any]] = [
    {},
    {"limit": 2},
    {"since": "2024-10-10"},
    {"until": "2024-10-06"},
    {"since": "2024-10-01", "until": "2024-10-20", "limit": 3},
    {"place": "Kharkiv"},
    {"place": "ukraine"},
    {"place": "UKR"},
    {"actor": "russian"},
    {"actor": "state:ukr"},
    {"actor": "Budanov", "since": "2024-10-15"},
    {"place": "no such town"},
]


def synthetic(count: int, seed: int = 5) -> list[dict[str, Any]]:
    """Generated extractions with copies, repeated happenings, claims and figures (benchmarks/bench_fusion.py)."""
    spec = importlib.util.spec_from_file_location("bench_fusion", BENCH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_fusion"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return [x for x, _ in module.synthetic_extractions(count, seed=seed)]


def stored(store: Store, **filters: Any) -> dict[str, Any]:
    with store.picture() as picture:
        return picture.to_dict(**filters)


def save_all(store: Store, extractions: list[dict[str, Any]]) -> None:
    for extraction in extractions:
        store.save_document(extraction)


def test_the_persisted_picture_equals_the_in_memory_picture(store: Store) -> None:
    save_all(store, SCENARIO)
    assert store.picture_pending() == 0
    for filters in FILTERS:
        assert stored(store, **filters) == build_picture(SCENARIO).to_dict(**filters), filters


def test_incremental_equals_rebuild_and_arrival_orders_do_not_matter(store_url: str, tmp_path: Path) -> None:
    docs = synthetic(45)
    reference = build_picture(docs).to_dict()
    with Store.open(store_url) as store:
        save_all(store, docs)  # one picture step per document
        incremental = stored(store)
        assert incremental == reference
        assert store.rebuild_picture(batch=8) == len(docs)
        assert stored(store) == reference
    shuffled = docs[:]
    random.Random(11).shuffle(shuffled)
    with Store.open(f"sqlite:///{tmp_path / 'other-order.db'}") as other:
        other.sync_after_write = False
        save_all(other, shuffled)
        while other.picture_pending():
            other.sync_picture(limit=6)  # other batches, other order
        assert stored(other) == reference
        assert stored(other, limit=5, since="2025-01-03") == build_picture(docs).to_dict(limit=5, since="2025-01-03")


def test_deleting_or_reextracting_a_document_updates_the_picture(store: Store) -> None:
    save_all(store, SCENARIO)
    copy = SCENARIO[1]  # a copy of the wire story: deleting it changes stories and source counts
    store.delete_document(copy["document"]["id"])
    rest = [x for x in SCENARIO if x is not copy]
    assert stored(store) == build_picture(rest).to_dict()
    original = rest[0]
    changed = {**original, "events": [{**e, "type": "PROTEST"} for e in original["events"]]}
    store.delete_document(original["document"]["id"])
    store.save_document(changed)  # re-extracted: the same document, another extraction
    assert stored(store) == build_picture([changed, *rest[1:]]).to_dict()
    store.save_document(copy)
    assert stored(store) == build_picture([changed, *rest[1:], copy]).to_dict()


def test_a_failed_picture_step_leaves_the_queue_and_the_next_one_catches_up(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_all(store, SCENARIO[:4])
    before = stored(store)

    def crash(*_: Any) -> None:
        raise RuntimeError("killed mid-step")

    monkeypatch.setattr(fusion_module._Batch, "_update_series", crash)
    assert store.save_document(SCENARIO[4]) is True  # the document itself is saved (the failure is logged)
    with pytest.raises(StoreError, match="stay queued"):
        store.sync_picture()
    assert store.picture_pending() == 1
    assert stored(store) == before  # and the picture is the one before, whole
    monkeypatch.undo()
    save_all(store, SCENARIO[5:])
    assert store.picture_pending() == 0
    assert stored(store) == build_picture(SCENARIO).to_dict()


def test_upgrading_a_store_without_a_picture_queues_every_document(store_url: str) -> None:
    with Store.open(store_url) as store:
        save_all(store, SCENARIO)
    command.downgrade(alembic_config(url=store_url), "0002")
    with Store.open(store_url) as store:
        assert store.picture_pending() == len(SCENARIO)
        assert stored(store)["stats"]["documents"] == 0
        store.sync_picture()
        assert stored(store) == build_picture(SCENARIO).to_dict()


def test_saving_a_document_twice_changes_nothing(store: Store) -> None:
    save_all(store, SCENARIO)
    first = stored(store)
    assert store.save_document(SCENARIO[0]) is False
    assert store.picture_pending() == 0
    assert stored(store) == first


def test_sitrep_check_compares_the_persisted_picture_with_a_rebuild(store: Store) -> None:
    from sqlalchemy import delete

    from sitrep.store.check import check_store
    from sitrep.store.picture_tables import PictureEvent

    save_all(store, SCENARIO)
    assert check_store(store).ok
    with store.session() as session, session.begin():
        session.execute(delete(PictureEvent).where(PictureEvent.id == REFERENCE_EVENT))
    found = {r.name: r for r in check_store(store).results}["picture"]
    assert not found.ok and "rebuild" in found.problems[0]
    store.rebuild_picture()
    assert check_store(store).ok


REFERENCE_EVENT = build_picture(SCENARIO).to_dict()["events"][0]["id"]
