"""`sitrep eval` scores exactly as the reference scorer ../shared/tools/score.py does."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.evaluate import Scorer, coverage, is_same_actor, word_f1


def perturb(gold: dict, seed: int) -> dict:
    """A plausible imperfect prediction: drop, shift and relabel some gold items."""
    rng = random.Random(seed)
    pred = copy.deepcopy(gold)
    for layer in ("actors", "places", "times", "figures", "claims", "events"):
        items = [i for i in pred.get(layer, []) if rng.random() > 0.25]
        for item in items:
            if "span" in item and rng.random() < 0.2:
                item["span"] = [item["span"][0] + 3, item["span"][1] + 3]
            if layer == "figures" and rng.random() < 0.3:
                item["category"] = "other"
            if layer == "claims" and rng.random() < 0.3:
                item["speaker"] = None
                item["stance"] = "assert"
            if layer == "events" and rng.random() < 0.3:
                item["status"] = "possible"
            if layer == "places" and item.get("lat") is not None and rng.random() < 0.3:
                item["lat"] += 3.0
        pred[layer] = items
    return pred


def gold_sample(shared_dir: Path) -> list[Path]:
    files = sorted(shared_dir.glob("examples/*.gold.json")) + sorted(shared_dir.glob("eval/*/*.gold.json"))
    return files[::7][:30]


def test_matches_the_reference_scorer(shared_dir, tmp_path):
    scorer_script = shared_dir / "tools" / "score.py"
    if not scorer_script.exists():
        pytest.skip("reference scorer not present")
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    ours = Scorer()
    for n, path in enumerate(gold_sample(shared_dir)):
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred = perturb(gold, n)
        name = f"doc{n}"
        (gold_dir / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
        (pred_dir / f"{name}.json").write_text(json.dumps(pred), encoding="utf-8")
        ours.add(gold, pred)
    reference = subprocess.run(
        [sys.executable, str(scorer_script), str(gold_dir), str(pred_dir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert ours.summary() == json.loads(reference.stdout)


def test_word_f1_ignores_articles_and_possessives():
    assert word_f1("the troops' presence", "troops presence") == 1.0
    assert word_f1("", "x") == 0.0


def test_coverage_of_the_shorter_span():
    assert coverage([0, 10], [5, 7]) == 1.0
    assert coverage([0, 10], [10, 12]) == 0.0


def test_states_match_by_country():
    gold = {"name": "Russian Federation", "type": "state", "country": "RUS", "mentions": []}
    assert is_same_actor({"name": "Moscow", "type": "state", "country": "RUS", "mentions": []}, gold)
    assert not is_same_actor({"name": "Moscow", "type": "city", "country": "RUS", "mentions": []}, gold)
