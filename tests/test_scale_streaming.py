"""Streaming ingest: input is read only as far as the workers need, in constant memory."""

from __future__ import annotations

import json
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from parallel_work import empty_extraction
from sitrep.cli import main
from sitrep.ingest import Article, iter_articles
from sitrep.parallel import Job, Outcome
from sitrep.parallel.local import LocalPool
from sitrep.store import Store
from sitrep.workflow import ingest_sources
from test_parallel import article_line, write_batch


def counted_jobs(count: int, pulled: list[int]) -> Iterator[Job]:
    for number in range(count):
        pulled.append(number)
        text = f"Report {number}: the ferry to Lorn Island was cancelled again on Sunday."
        yield Job(
            Article(text=text, title=None, published=None, source=None, url=None, origin=f"gen:{number}", language="en")
        )


def test_pool_reads_only_as_far_as_its_window() -> None:
    pulled: list[int] = []
    outcomes = LocalPool(2, work=empty_extraction, window=3).run(counted_jobs(50, pulled))
    first = next(outcomes)
    assert first.extraction is not None
    assert len(pulled) <= 4  # the window, plus at most one refill
    outcomes.close()


class InlineRunner:
    """Runs each job in this process as it is pulled, noting how far the input had been read."""

    def __init__(self, reads: list[str]) -> None:
        self.reads = reads
        self.read_when_stored: list[int] = []

    def run(self, jobs: Iterator[Job]) -> Iterator[Outcome]:
        for job in jobs:
            self.read_when_stored.append(len(self.reads))
            yield empty_extraction(job)


def test_ingest_streams_the_jsonl_one_article_at_a_time(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "batch.jsonl", [article_line(n) for n in range(8)])
    reads: list[str] = []
    runner = InlineRunner(reads)
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        report = ingest_sources([str(batch)], store, runner=runner, progress=reads.append)
    assert report.new == 8
    assert runner.read_when_stored == list(range(8))  # the next article is read only when asked for


def peak_bytes_reading(path: Path) -> int:
    tracemalloc.start()
    try:
        for _ in iter_articles([str(path)]):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_a_long_jsonl_takes_no_more_memory_than_a_short_one(tmp_path: Path) -> None:
    line = json.dumps(
        {"text": "Talks on the river treaty resumed in Vessa on Monday, officials said. " * 20, "language": "en"}
    )
    short = write_batch(tmp_path / "short.jsonl", [line] * 200)
    long = write_batch(tmp_path / "long.jsonl", [line] * 4000)  # about 6 MB
    peak_bytes_reading(short)  # warm caches
    assert peak_bytes_reading(long) < 2 * peak_bytes_reading(short) + 256_000


def test_dask_without_the_extra_is_one_line_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    batch = write_batch(tmp_path / "batch.jsonl", [article_line(1)])
    result = CliRunner().invoke(
        main, ["ingest", str(batch), "--db", f"sqlite:///{tmp_path / 'a.db'}", "--dask", "local:1"]
    )
    assert result.exit_code == 1
    assert "sitrep[dask]" in result.output
    assert "Traceback" not in result.output
