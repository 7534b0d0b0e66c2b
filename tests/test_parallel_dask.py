"""Ingest on a small Dask LocalCluster: a worker killed midway loses and duplicates nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from parallel_work import empty_extraction
from sitrep.cli import main
from sitrep.errors import DependencyError
from sitrep.parallel.dask_runner import DaskError, DaskRunner
from sitrep.store import Store
from sitrep.workflow import ingest_sources
from test_parallel import article_line, stored_ids, write_batch

pytest.importorskip("distributed")


def test_killed_dask_worker_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "crashed-once"
    lines = [article_line(n) for n in range(12)]
    lines[5] = article_line(5, f"CRASH-ONCE:{marker}")
    batch = write_batch(tmp_path / "batch.jsonl", lines)
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        with DaskRunner("local:2", work=empty_extraction) as runner:
            report = ingest_sources([str(batch)], store, runner=runner)
            assert marker.exists()  # one worker really died midway
            assert (report.new, report.duplicates, report.failed) == (12, 0, 0)
            again = ingest_sources([str(batch)], store, runner=runner)
        assert (again.new, again.duplicates) == (0, 12)
        assert len(stored_ids(store)) == 12


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(DependencyError, match=r"sitrep\[dask\]"), DaskRunner("local:1"):
        pass


def test_unreachable_scheduler_is_one_clear_error() -> None:
    runner = DaskRunner("tcp://127.0.0.1:9", connect_timeout="2s")
    with pytest.raises(DaskError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"), runner:
        pass


def test_cli_refuses_workers_and_dask_together(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "batch.jsonl", [article_line(1)])
    result = CliRunner().invoke(
        main, ["ingest", str(batch), "--db", f"sqlite:///{tmp_path / 'a.db'}", "--workers", "2", "--dask", "local:2"]
    )
    assert result.exit_code == 1
    assert "choose --workers or --dask, not both" in result.output
