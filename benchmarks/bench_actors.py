"""Measure the actors layer on gold sets: P/R/F1, type accuracy and the stage's cost.

usage: python benchmarks/bench_actors.py [GOLD_DIR ...] [--errors]

Runs only the parse and the places and actors stages (the actors layer reads the
resolved toponyms), scores the actors with ../shared/tools/score.py's own functions and
prints a table per set: P/R/F1, type accuracy, affiliation accuracy (the predicted
actor's affiliation is the same entity as gold's), and the actors stage's time as a share
of the parse. ``--errors`` lists, per document, the missed gold actors, the spurious
predictions and the type mistakes.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sitrep.analysis import Analysis
from sitrep.layers.actors import stage as actors
from sitrep.layers.places import stage as places
from sitrep.model import Document, Extraction
from sitrep.nlp import parse

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_DIRS = [SHARED / "examples", SHARED / "eval" / "wikinews", ROOT / "benchmarks" / "actors"]


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(gold: dict, timing: dict) -> dict:
    meta = gold["document"]
    document = Document(
        text=meta["text"], title=meta.get("title"), published=meta.get("published"), source=meta.get("source")
    )
    started = time.perf_counter()
    parsed = parse(document.text)
    timing["parse"] += time.perf_counter() - started
    analysis = Analysis(document=document, parse=parsed, extraction=Extraction(document=document))
    for name, stage in (("places", places.run), ("actors", actors.run)):
        started = time.perf_counter()
        stage(analysis)
        timing[name] += time.perf_counter() - started
    analysis.extraction.renumber()
    return analysis.extraction.to_dict()


def _affiliation_ok(scorer, gold: dict, pred: dict, pairs: list) -> list[bool]:
    """For matched actors whose gold has an affiliation: is the predicted one the same entity?"""
    gold_by_id = {a["id"]: a for a in gold["actors"]}
    pred_by_id = {a["id"]: a for a in pred["actors"]}
    out = []
    for g, p in pairs:
        if g.get("optional") or not g.get("affiliation"):
            continue
        out.append(scorer.same_actor(pred_by_id.get(p.get("affiliation")), gold_by_id.get(g["affiliation"])))
    return out


def score_dir(scorer, gold_dir: Path, errors: bool, console: Console) -> dict:
    golds = sorted(gold_dir.glob("*.gold.json"))
    timing = {"parse": 0.0, "places": 0.0, "actors": 0.0}
    tally = scorer.Tally()
    types: list[bool] = []
    affiliations: list[bool] = []
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if "actors" not in (gold.get("layers") or ["actors"]):
            continue
        pred = predict(gold, timing)

        def match(g: dict, p: dict) -> float:
            return 1.0 if scorer.same_actor(p, g) else scorer.absorbs(g, g.get("mentions", []), p.get("mentions", []))

        pairs, gold_left, pred_left = scorer.align(gold["actors"], pred["actors"], match)
        scorer.count(tally, pairs, gold_left, pred_left)
        types += [g["type"] == p["type"] for g, p in pairs if not g.get("optional")]
        affiliations += _affiliation_ok(scorer, gold, pred, pairs)
        if errors:
            _print_errors(console, gold_file.name, pairs, gold_left, pred_left)
    share = timing["actors"] / timing["parse"] if timing["parse"] else 0.0
    return {
        "docs": len(golds),
        "prf": tally.prf(),
        "type": _mean(types),
        "affiliation": _mean(affiliations),
        "actors_ms": 1000 * timing["actors"] / max(1, len(golds)),
        "share": share,
    }


def _mean(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _show(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_errors(console: Console, name: str, pairs: list, gold_left: list, pred_left: list) -> None:
    missed = [g for g in gold_left if not g.get("optional")]
    wrong_type = [(g, p) for g, p in pairs if not g.get("optional") and g["type"] != p["type"]]
    if not (missed or pred_left or wrong_type):
        return
    console.print(f"[bold]{name}[/bold]")
    for g in missed:
        console.print(f"  missed   {g['name']!r} ({g['type']})")
    for p in pred_left:
        console.print(f"  spurious {p['name']!r} ({p['type']})")
    for g, p in wrong_type:
        console.print(f"  type     {g['name']!r}: {p['type']} for {g['type']}")


def main() -> None:
    errors = "--errors" in sys.argv
    dirs = [Path(a) for a in sys.argv[1:] if not a.startswith("--")] or DEFAULT_DIRS
    console = Console(width=150)
    scorer = load_scorer()
    parse("warm up the pipeline.")
    table = Table(title="sitrep actors")
    for column in ("set", "docs", "P", "R", "F1", "type acc", "affiliation acc", "actors ms/doc", "actors / parse"):
        table.add_column(column, justify="right" if column != "set" else "left")
    for gold_dir in dirs:
        result = score_dir(scorer, gold_dir, errors, console)
        p, r, f = result["prf"]
        table.add_row(
            gold_dir.name,
            str(result["docs"]),
            f"{p:.3f}",
            f"{r:.3f}",
            f"{f:.3f}",
            _show(result["type"]),
            _show(result["affiliation"]),
            f"{result['actors_ms']:.1f}",
            f"{100 * result['share']:.1f}%",
        )
    console.print(table)


if __name__ == "__main__":
    main()
