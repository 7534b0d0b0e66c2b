"""A document is stored whole or not at all: failures, interrupts and SIGKILL mid-save."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

import sitrep
from sitrep.errors import StoreError
from sitrep.store import Store, row_counts
from sitrep.store import db as store_db
from store_samples import (
    incomplete_documents,
    sample_extraction,
    tiny_extraction,
)

WRITER = Path(__file__).with_name("store_writer.py")
KILL_TEST_DOCUMENTS = 200

pytest_plugins = ["store_fixtures"]  # the store_url and store fixtures


def fail_on(store: Store, table: str, error: BaseException) -> None:
    """Make the store raise ``error`` when it inserts into ``table``."""

    def explode(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith(f"INSERT INTO {table} "):
            raise error

    event.listen(store.engine, "before_cursor_execute", explode)


@pytest.mark.parametrize("table", ["actors", "claims", "event_claims"])
def test_an_error_mid_save_leaves_nothing_of_that_document(store: Store, table: str) -> None:
    earlier = tiny_extraction(7)
    store.save_document(earlier)
    fail_on(store, table, RuntimeError("disk on fire"))

    with pytest.raises(StoreError, match="not saved: disk on fire"):
        store.save_document(sample_extraction())

    assert not store.has_document(sample_extraction()["document"]["id"])
    assert store.counts() == row_counts(earlier)


def test_an_interrupt_mid_save_propagates_and_leaves_nothing(store: Store) -> None:
    fail_on(store, "figures", KeyboardInterrupt())

    with pytest.raises(KeyboardInterrupt):
        store.save_document(sample_extraction())

    assert sum(store.counts().values()) == 0


def test_a_refusal_at_commit_rolls_back_everything(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bypass validation so that the deferred foreign keys fail at COMMIT."""
    real_layer_rows = store_db.layer_rows

    def dangling(extraction: dict) -> dict:
        rows = real_layer_rows(extraction)
        for model, found in rows.items():
            if model.__tablename__ == "figures":
                found[0]["claim_id"] = "C404"
        return rows

    monkeypatch.setattr(store_db, "layer_rows", dangling)

    with pytest.raises(StoreError, match="the database refused it"):
        store.save_document(sample_extraction())

    assert sum(store.counts().values()) == 0


def _run_writer(url: str, *options: str) -> subprocess.Popen[str]:
    src = str(Path(sitrep.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, str(WRITER), url, str(KILL_TEST_DOCUMENTS), *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_documents(url: str, writer: subprocess.Popen[str], at_least: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    with Store.open(url) as observer:
        while observer.counts()["documents"] < at_least:
            if writer.poll() is not None:
                pytest.fail(f"writer exited early: {writer.stderr.read() if writer.stderr else ''}")
            if time.monotonic() > deadline:
                pytest.fail(f"writer did not store {at_least} documents in {timeout}s")
            time.sleep(0.05)


@pytest.mark.slow
def test_killed_writer_leaves_whole_documents_and_resumes(store_url: str) -> None:
    Store.open(store_url).close()  # migrate first, so the kill cannot land in a migration
    writer = _run_writer(store_url, "--statement-delay", "0.002")
    _wait_for_documents(store_url, writer, at_least=20)
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    with Store.open(store_url) as store:
        survived = store.counts()["documents"]
        assert 20 <= survived < KILL_TEST_DOCUMENTS
        assert incomplete_documents(store) == []

    resumed = _run_writer(store_url)
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert out.split() == ["saved", str(KILL_TEST_DOCUMENTS - survived), "skipped", str(survived)]

    expected = [tiny_extraction(number) for number in range(KILL_TEST_DOCUMENTS)]
    with Store.open(store_url) as store:
        stored_ids = [extraction["document"]["id"] for extraction in store.iter_extractions()]
        assert sorted(stored_ids) == sorted(extraction["document"]["id"] for extraction in expected)
        assert incomplete_documents(store) == []
        totals = {table: sum(row_counts(extraction)[table] for extraction in expected) for table in store.counts()}
        assert store.counts() == totals


def test_writer_killed_inside_a_transaction_loses_only_that_document(store_url: str) -> None:
    Store.open(store_url).close()
    writer = _run_writer(store_url, "--hang-at", "30")
    assert writer.stdout is not None and writer.stdout.readline().strip() == "hanging"
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=30)

    with Store.open(store_url) as store:
        assert store.counts()["documents"] == 30
        assert not store.has_document(tiny_extraction(30)["document"]["id"])
        assert all(store.has_document(tiny_extraction(number)["document"]["id"]) for number in range(30))
        assert incomplete_documents(store) == []
