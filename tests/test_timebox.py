"""The per-document deadline: a runaway extraction stops, fails with a clear line, and the batch goes on."""

from __future__ import annotations

import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from sitrep import pipeline, workflow
from sitrep.analysis import Analysis
from sitrep.errors import ExtractionError
from sitrep.store import Store
from sitrep.timebox import Overrun, time_box

SHORT = 0.3  # seconds: the deadline of these tests


def spin_forever() -> None:
    while True:
        pass


def spin_swallowing_errors() -> None:
    """A loop whose ``except Exception`` would swallow an ordinary error."""
    while True:
        try:
            int("not a number")
        except Exception:  # noqa: BLE001 - that is the point
            continue


@pytest.mark.parametrize("runaway", [spin_forever, spin_swallowing_errors])
def test_a_runaway_loop_is_stopped_at_the_deadline(runaway: Any) -> None:
    with pytest.raises(Overrun), time_box(SHORT):
        runaway()


def test_a_block_that_finishes_in_time_is_never_interrupted_later() -> None:
    with time_box(SHORT):
        total = sum(range(1000))
    until = time.monotonic() + 3 * SHORT
    while time.monotonic() < until:  # the timer would have fired by now
        total += 1
    assert total > 0


def test_no_deadline_means_none() -> None:
    with time_box(None), time_box(0):
        assert True


def test_the_deadline_works_in_a_worker_thread() -> None:
    """The web app extracts in worker threads, not in the main thread."""
    caught: list[BaseException] = []

    def work() -> None:
        try:
            with time_box(SHORT):
                spin_forever()
        except Overrun as exc:
            caught.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert len(caught) == 1


def hang_on(marker: str) -> pipeline.Stage:
    """A stage that never returns on a document whose text contains ``marker``."""

    def run(analysis: Analysis) -> None:
        if marker in analysis.document.text:
            spin_swallowing_errors()

    return pipeline.Stage("stuck", run, frozenset(), frozenset())


@pytest.fixture
def stuck_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No model, and one stage that hangs on texts containing 'STALL'."""
    monkeypatch.setattr(pipeline, "parse", lambda text: None)
    monkeypatch.setattr(pipeline, "STAGES", (hang_on("STALL"),))
    monkeypatch.setattr(workflow, "extract", partial(pipeline.extract, deadline=SHORT))


def test_extraction_past_its_deadline_fails_naming_the_deadline(stuck_pipeline: None) -> None:
    document = pipeline.Document(text="A report that makes a stage STALL forever.")
    with pytest.raises(ExtractionError, match=r"^deadline: stopped after \d+ s; the limit per document is 0.3 s$"):
        pipeline.extract(document, deadline=SHORT)


def test_a_batch_goes_on_after_a_document_runs_out_of_time(stuck_pipeline: None, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The first report makes the stage STALL.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("The second report is quite ordinary.\n", encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'deadline.db'}") as store:
        report = workflow.ingest_sources([str(corpus)], store)
        assert report.new == 1
        assert [f.message for f in report.failures] == ["deadline: stopped after 0 s; the limit per document is 0.3 s"]
        assert report.failures[0].origin.endswith("a.txt")
        assert store.counts()["documents"] == 1
