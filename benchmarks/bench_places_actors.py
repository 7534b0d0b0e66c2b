"""Measure the places and actors layers on the gold sets, and the gazetteer's cost.

usage: python benchmarks/bench_places_actors.py [GOLD_DIR ...] [--limit N]

Runs only the parse and the places and actors stages (so the numbers do not depend on
the other layers), scores them with ../shared/tools/score.py's own functions, and prints
a table. GeoWebNews annotates every toponym occurrence as its own item, so besides the
reference scorer's number (one predicted place per entry, which caps recall) the table
gives the usual per-occurrence figure: each predicted mention is scored as a place.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import resource
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

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_DIRS = [SHARED / "examples", SHARED / "eval" / "wikinews", SHARED / "eval" / "geowebnews"]


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gazetteer_cost() -> tuple[float, float]:
    """Seconds and MB of resident memory to load the gazetteer and the lexicon, in this process."""
    from sitrep.geo.gazetteer import load_gazetteer
    from sitrep.geo.lexicon import load_lexicon

    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    load_gazetteer()
    load_lexicon()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return seconds, (after - before) / 1024


def predict(gold: dict, timing: dict) -> dict:
    meta = gold["document"]
    document = Document(text=meta["text"], title=meta.get("title"), published=meta.get("published"))
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


def per_mention(doc: dict) -> dict:
    """A prediction with one place per mention (GeoWebNews' unit of annotation)."""
    out = dict(doc)
    out["places"] = [dict(p, id=f"{p['id']}.{n}", mentions=[m]) for p in doc["places"]
                     for n, m in enumerate(p["mentions"])]
    return out


def score_dir(scorer, gold_dir: Path, limit: int | None) -> dict:
    golds = sorted(gold_dir.glob("*.gold.json"))[:limit]
    timing = {"parse": 0.0, "places": 0.0, "actors": 0.0}
    tallies = {k: scorer.Tally() for k in ("actors", "places", "times", "figures", "claims", "attribution", "events")}
    mention_tallies = {k: scorer.Tally() for k in tallies}
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        predicted = predict(gold, timing)
        scorer.score_doc(gold, predicted, tallies)
        scorer.score_doc(gold, per_mention(predicted), mention_tallies)
    out = {"docs": len(golds), "timing": {k: v / max(1, len(golds)) for k, v in timing.items()}}
    for layer in ("places", "actors"):
        if getattr(tallies[layer], "seen", False):
            out[layer] = tallies[layer].prf()
            out[layer + "_extra"] = {k: round(sum(v) / len(v), 3) for k, v in tallies[layer].extra.items() if v}
    single = all(len(p["mentions"]) == 1 for g in golds for p in json.loads(g.read_text("utf-8"))["places"])
    if single and getattr(mention_tallies["places"], "seen", False):
        out["places_per_mention"] = mention_tallies["places"].prf()
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    if limit is not None and str(limit) in args:
        args.remove(str(limit))
    dirs = [Path(a) for a in args] or DEFAULT_DIRS
    load_seconds, load_mb = gazetteer_cost()
    scorer = load_scorer()
    parse("warm up the pipeline.")
    table = Table(title="sitrep places and actors")
    for column in ("set", "docs", "places P/R/F1", "places per mention P/R/F1", "actors P/R/F1", "actor type acc",
                   "parse ms", "places ms", "actors ms"):
        table.add_column(column)
    for gold_dir in dirs:
        result = score_dir(scorer, gold_dir, limit)
        fmt = lambda v: "/".join(f"{x:.3f}" for x in v) if v else "-"
        timing = result["timing"]
        table.add_row(
            gold_dir.name, str(result["docs"]), fmt(result.get("places")), fmt(result.get("places_per_mention")),
            fmt(result.get("actors")), str(result.get("actors_extra", {}).get("type_ok", "-")),
            f"{timing['parse'] * 1000:.0f}", f"{timing['places'] * 1000:.1f}", f"{timing['actors'] * 1000:.1f}")
    console = Console(width=200)
    console.print(table)
    console.print(f"gazetteer + lexicon load: {load_seconds:.2f} s, +{load_mb:.0f} MB resident")


if __name__ == "__main__":
    main()
