"""Measure the events layer (PLOVER events: detection, roles, status) on the gold sets.

usage: python benchmarks/bench_events.py [DIR ...] [--upstream pipeline|gold|both]

Two ways to feed the events stage:
- ``pipeline``: every stage runs (parse, places, actors, times, claims, figures, events,
  links), so the numbers include the errors of the layers events depend on;
- ``gold``: the parse runs, the layers before events are the gold file's own (actors,
  places, times, figures, claims), then the events stage: this isolates the events layer.

Scores come from ``sitrep.evaluate`` (the rules of ../shared/tools/score.py): events P/R/F1
(same PLOVER type, overlapping span), roles accuracy (source and target both right) and
status accuracy over the matched required events. Speed: milliseconds per article for the
events stage and sentences per second through it (PETRARCH2 codes about 250 sentences a
second; the parse is reported separately since every layer shares it).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.analysis import Analysis
from sitrep.evaluate import gold_document, gold_files, score
from sitrep.layers.events import stage as events
from sitrep.model import Actor, Claim, Extraction, Figure, Place, Time
from sitrep.nlp import parse
from sitrep.pipeline import Timings, extract

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_DIRS = [SHARED / "examples", SHARED / "eval" / "wikinews"]


@dataclass
class Run:
    """Predictions and timings of one way of running the stage over one gold set."""

    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    parse_seconds: float = 0.0
    events_seconds: float = 0.0
    sentences: int = 0


def _span(value: list[int] | None) -> tuple[int, int] | None:
    return (value[0], value[1]) if value else None


def gold_upstream(gold: dict[str, Any], analysis: Analysis) -> None:
    """Fill the layers before events with the gold file's own items."""
    extraction = analysis.extraction
    for a in gold["actors"]:
        extraction.actors.append(Actor(id=a["id"], name=a["name"], type=a["type"], country=a.get("country"),
                                       role=a.get("role"), affiliation=a.get("affiliation"),
                                       mentions=[(m[0], m[1]) for m in a["mentions"]]))
    for p in gold["places"]:
        extraction.places.append(Place(id=p["id"], name=p["name"], feature=p["feature"], country=p.get("country"),
                                       lat=p.get("lat"), lon=p.get("lon"), geonames_id=p.get("geonames_id"),
                                       mentions=[(m[0], m[1]) for m in p["mentions"]]))
    for t in gold["times"]:
        extraction.times.append(Time(id=t["id"], text=t["text"], span=_span(t["span"]), start=t["start"],
                                     end=t["end"], granularity=t["granularity"], relative=t["relative"]))
    for f in gold["figures"]:
        extraction.figures.append(Figure(id=f["id"], text=f["text"], span=_span(f["span"]), value=f["value"],
                                         low=f.get("low"), high=f.get("high"), qualifier=f["qualifier"],
                                         category=f["category"]))
    for c in gold["claims"]:
        extraction.claims.append(Claim(
            id=c["id"], content=c["content"], content_span=_span(c["content_span"]), speaker=c.get("speaker"),
            speaker_text=c.get("speaker_text"), speaker_span=_span(c.get("speaker_span")), cue=c.get("cue"),
            cue_span=_span(c.get("cue_span")), kind=c.get("kind") or "indirect", via=list(c.get("via") or []),
            stance=c.get("stance") or "other", factuality=c.get("factuality") or "unknown", time=c.get("time")))


def run_with_gold_upstream(golds: list[dict[str, Any]]) -> Run:
    run = Run()
    for gold in golds:
        document = gold_document(gold)
        started = time.perf_counter()
        parsed = parse(document.text)
        run.parse_seconds += time.perf_counter() - started
        analysis = Analysis(document=document, parse=parsed, extraction=Extraction(document=document))
        gold_upstream(gold, analysis)
        started = time.perf_counter()
        events.run(analysis)
        run.events_seconds += time.perf_counter() - started
        run.sentences += len(parsed.sentences)
        run.pairs.append((gold, analysis.extraction.to_dict()))
    return run


def run_pipeline(golds: list[dict[str, Any]]) -> Run:
    run = Run()
    for gold in golds:
        timings = Timings()
        document = gold_document(gold)
        run.pairs.append((gold, extract(document, timings).to_dict()))
        run.parse_seconds += timings.seconds.get("parse", 0.0)
        run.events_seconds += timings.seconds.get("events", 0.0)
        run.sentences += len(parse(document.text).sentences)
    return run


def row(label: str, upstream: str, run: Run) -> list[str]:
    result = score(run.pairs)["events"] or {}
    documents = max(1, len(run.pairs))
    rate = run.sentences / run.events_seconds if run.events_seconds else float("inf")
    return [
        label, upstream, str(len(run.pairs)), f"{result.get('p', 0):.3f}", f"{result.get('r', 0):.3f}",
        f"{result.get('f1', 0):.3f}", _fmt(result.get("roles_ok")), _fmt(result.get("status_ok")),
        f"{1000 * run.events_seconds / documents:.1f}", f"{rate:,.0f}", f"{1000 * run.parse_seconds / documents:.0f}",
    ]


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def warm_up() -> None:
    """Load the model and the rule files once so the first article's timing is the stage's own."""
    from sitrep.geo.lexicon import load_lexicon as load_geo_lexicon
    from sitrep.layers.events.lexicon import load_lexicon

    parse("Warm-up.")
    load_lexicon()
    load_geo_lexicon()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--upstream", choices=["pipeline", "gold", "both"], default="both")
    args = parser.parse_args()
    warm_up()
    table = Table(title="sitrep events layer (PLOVER)", header_style="bold")
    for column in ("set", "upstream", "docs", "P", "R", "F1", "roles", "status", "ms/doc", "sent/s", "parse ms"):
        table.add_column(column, justify="left" if column in ("set", "upstream") else "right")
    for directory in args.dirs:
        golds = [json.loads(p.read_text(encoding="utf-8")) for p in gold_files([directory])]
        golds = [g for g in golds if "events" in (g.get("layers") or ["events"])]
        if not golds:
            continue
        if args.upstream in ("gold", "both"):
            table.add_row(*row(directory.name, "gold", run_with_gold_upstream(golds)))
        if args.upstream in ("pipeline", "both"):
            table.add_row(*row(directory.name, "pipeline", run_pipeline(golds)))
    Console(width=max(Console().width, 110)).print(table)
    print("roles: source and target both right; status: status right (over matched required events);"
          " ms/doc and sent/s: the events stage alone.")


if __name__ == "__main__":
    main()
