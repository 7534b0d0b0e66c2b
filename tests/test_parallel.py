"""Parallel ingest in local processes: one writer, nothing lost or stored twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallel_work import empty_extraction
from sitrep.errors import SitrepError
from sitrep.parallel.local import WORKER_DIED, LocalPool
from sitrep.store import Store
from sitrep.workflow import ingest_sources

TOWNS = ["Aldmere", "Brocken Ford", "Cairnvale", "Dunmarsh", "Eskerby", "Fallowgate", "Glenhollow", "Harrowdene"]


def article_line(number: int, extra: str = "") -> str:
    town = TOWNS[number % len(TOWNS)]
    text = (
        f"Flooding cut the road into {town} on Tuesday, report {number}. "
        f"The district council said {number + 3} families had left their homes. {extra}"
    )
    return json.dumps({"text": text, "title": f"Report {number}", "published": "2025-03-04", "language": "en"})


def write_batch(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored_ids(store: Store) -> list[str]:
    total, rows = store.list_documents(limit=1000)
    assert total == len(rows)
    return sorted(row["id"] for row in rows)


def test_two_workers_store_every_document_once(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "batch.jsonl", [article_line(n) for n in range(12)])
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        report = ingest_sources([str(batch)], store, runner=LocalPool(2, work=empty_extraction))
        assert (report.documents, report.new, report.duplicates, report.failed) == (12, 12, 0, 0)
        assert report.timings.seconds["fake"] > 0
        first = stored_ids(store)
        again = ingest_sources([str(batch)], store, runner=LocalPool(2, work=empty_extraction))
        assert (again.new, again.duplicates) == (0, 12)
        assert stored_ids(store) == first


def test_killed_worker_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "crashed-once"
    lines = [article_line(n) for n in range(10)]
    lines[4] = article_line(4, f"CRASH-ONCE:{marker}")
    batch = write_batch(tmp_path / "batch.jsonl", lines)
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        report = ingest_sources([str(batch)], store, runner=LocalPool(2, work=empty_extraction))
        assert marker.exists()  # a worker really died midway
        assert (report.new, report.duplicates, report.failed) == (10, 0, 0)
        assert len(stored_ids(store)) == 10


def test_document_that_always_kills_its_worker_is_one_failure(tmp_path: Path) -> None:
    lines = [article_line(n) for n in range(6)]
    lines[2] = article_line(2, "CRASH-ALWAYS")
    lines[3] = article_line(3, "REFUSE")
    lines.insert(1, "{not json")
    batch = write_batch(tmp_path / "batch.jsonl", lines)
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        report = ingest_sources([str(batch)], store, runner=LocalPool(2, work=empty_extraction))
    messages = {failure.origin.rsplit(":", 1)[1]: failure.message for failure in report.failures}
    assert report.new == 4
    assert set(messages) == {"2", "4", "5"}
    assert messages["4"] == WORKER_DIED
    assert "refused on request" in messages["5"]
    assert "invalid JSON" in messages["2"]


def test_workers_must_be_positive() -> None:
    with pytest.raises(SitrepError, match="at least 1"):
        LocalPool(0)


@pytest.mark.model
def test_real_extraction_in_workers_matches_serial(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "batch.jsonl", [article_line(n) for n in range(3)])
    with (
        Store.open(f"sqlite:///{tmp_path / 'serial.db'}") as serial,
        Store.open(f"sqlite:///{tmp_path / 'pool.db'}") as pooled,
    ):
        one = ingest_sources([str(batch)], serial)
        two = ingest_sources([str(batch)], pooled, runner=LocalPool(2))
        assert (one.new, two.new, two.failed) == (3, 3, 0)
        assert one.items == two.items
        for doc_id in stored_ids(serial):
            assert pooled.get_extraction(doc_id) == serial.get_extraction(doc_id)
