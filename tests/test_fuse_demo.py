"""The demo corpus fused from a perfect per-article extraction matches demo/truth.json (fusion alone)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from sitrep.fuse import build_picture

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench_fusion.py"
TRUTH = ROOT / "demo" / "truth.json"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench():
    if not (BENCH.is_file() and TRUTH.is_file()):
        pytest.skip("benchmarks/bench_fusion.py or demo/truth.json is missing")
    spec = importlib.util.spec_from_file_location("bench_fusion", BENCH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_fusion"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_oracle_picture_of_the_demo_corpus(bench) -> None:
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    base = bench.pipeline_extractions(bench.read_corpus())
    texts = {name: x["document"]["text"] for name, x in base.items()}
    names = {name: x["document"]["id"] for name, x in base.items()}
    picture = build_picture(bench.oracle_extractions(truth, base).values())
    result = bench.score_demo(picture, truth, names, texts)
    assert result["syndication"][:2] == (1.0, 1.0)
    precision, recall = result["events"][:2]
    assert precision >= 0.9 and recall >= 0.9
    outcome = result["contradictions"]
    assert outcome["true_found"] == outcome["true_total"]
    assert outcome["false_kept"] == outcome["false_total"]
