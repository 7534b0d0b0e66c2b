"""Measure the events layer (PLOVER events: detection, roles, status) on the gold sets, beside a keyword baseline.

usage: python benchmarks/bench_events.py [DIR ...] [--upstream pipeline|gold|both] [--no-wikievents]

Two ways to feed the events stage:
- ``pipeline``: every stage runs (parse, places, actors, times, claims, figures, events,
  links), so the numbers include the errors of the layers events depend on;
- ``gold``: the parse runs, the layers before events are the gold file's own (actors,
  places, times, figures, claims), then the events stage: this isolates the events layer.

Scores come from ``sitrep.evaluate`` (the rules of ../shared/tools/score.py): events P/R/F1
(same PLOVER type, overlapping span), roles accuracy (source and target both right) and
status accuracy over the matched required events. Speed: milliseconds per article for the
events stage and sentences per second through it (PETRARCH2 codes about 250 sentences a
second; the parse is reported separately since every layer shares it), and the events
stage's time as a share of the spaCy parse (issue 11 wants it under 15%).

``../shared/eval/wikievents-dev`` (not sitrep/1 gold) is scored by the reference scorer
``../shared/tools/score_events.py`` (same-sentence matching, precision over annotated
sentences); its texts and the predictions made from them stay in a temporary folder.

The ``keywords`` rows are the baseline issue 11 measures against: a plain list of trigger
words (the lemmas of ``plover_triggers.tsv``, each with the type of its first row) that
predicts one event per sentence, typed by the sentence's first trigger word, with no roles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.analysis import Analysis
from sitrep.evaluate import gold_document, gold_files, score
from sitrep.layers.events import stage as events
from sitrep.layers.events.lexicon import load_lexicon as load_plover_lexicon
from sitrep.layers.events.syntax import word
from sitrep.model import Document, Extraction
from sitrep.nlp import parse
from sitrep.pipeline import Timings, extract

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_DIRS = [SHARED / "examples", SHARED / "eval" / "wikinews", Path(__file__).resolve().parent / "events"]
WIKIEVENTS = SHARED / "eval" / "wikievents-dev"
SCORE_EVENTS = SHARED / "tools" / "score_events.py"
STAGE_SHARE_LIMIT = 0.15


@dataclass
class Run:
    """Predictions and timings of one way of running the stage over one gold set."""

    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    parse_seconds: float = 0.0
    events_seconds: float = 0.0
    sentences: int = 0


def gold_upstream(gold: dict[str, Any]) -> Extraction:
    """The gold file's own layers before events (its events left out for the stage to find)."""
    return Extraction.from_dict({**gold, "events": []})


def run_with_gold_upstream(golds: list[dict[str, Any]]) -> Run:
    run = Run()
    for gold in golds:
        document = gold_document(gold)
        started = time.perf_counter()
        parsed = parse(document.text)
        run.parse_seconds += time.perf_counter() - started
        analysis = Analysis(document=document, parse=parsed, extraction=gold_upstream(gold))
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


def keyword_list() -> dict[str, str]:
    """Trigger lemma -> PLOVER type (the type of the lemma's first row in plover_triggers.tsv)."""
    found: dict[str, str] = {}
    for (lemma, _pos), rules in load_plover_lexicon().rules.items():
        found.setdefault(lemma, rules[0].type)
    return found


def keyword_events(document: Document, keywords: dict[str, str]) -> dict[str, Any]:
    """The baseline's prediction: one event per sentence holding a trigger word, typed by the first one."""
    parsed = parse(document.text)
    found = []
    for sentence in parsed.sentences:
        for token in parsed.sentence_tokens(sentence):
            kind = keywords.get(word(token)) if token.pos in ("VERB", "NOUN") else None
            if kind:
                found.append(
                    {
                        "id": f"E{len(found) + 1}",
                        "type": kind,
                        "mode": None,
                        "source": None,
                        "target": None,
                        "place": None,
                        "time": None,
                        "status": "occurred",
                        "figures": [],
                        "claims": [],
                        "text": document.text[sentence.start : sentence.end],
                        "span": [sentence.start, sentence.end],
                    }
                )
                break
    return {
        "schema": "sitrep/1",
        "document": {"text": document.text},
        "actors": [],
        "places": [],
        "times": [],
        "figures": [],
        "claims": [],
        "events": found,
    }


def run_keywords(golds: list[dict[str, Any]]) -> Run:
    run = Run()
    keywords = keyword_list()
    for gold in golds:
        run.pairs.append((gold, keyword_events(gold_document(gold), keywords)))
    return run


def row(label: str, upstream: str, run: Run) -> list[str]:
    result = score(run.pairs)["events"] or {}
    return _row(
        label,
        upstream,
        len(run.pairs),
        result.get("p", 0),
        result.get("r", 0),
        result.get("f1", 0),
        result.get("roles_ok"),
        result.get("status_ok"),
        run,
    )


def _row(
    label: str,
    upstream: str,
    documents: int,
    p: float,
    r: float,
    f1: float,
    roles: float | None,
    status: float | None,
    run: Run | None,
) -> list[str]:
    timed = run is not None and run.events_seconds > 0
    per_doc = max(1, documents)
    share = run.events_seconds / run.parse_seconds if timed and run.parse_seconds else None
    return [
        label,
        upstream,
        str(documents),
        f"{p:.3f}",
        f"{r:.3f}",
        f"{f1:.3f}",
        _fmt(roles),
        _fmt(status),
        f"{1000 * run.events_seconds / per_doc:.1f}" if timed else "—",
        f"{run.sentences / run.events_seconds:,.0f}" if timed else "—",
        f"{1000 * run.parse_seconds / per_doc:.0f}" if timed and run.parse_seconds else "—",
        "—" if share is None else f"{100 * share:.1f}%",
    ]


def wikievents_rows() -> list[list[str]]:
    """sitrep and the keyword baseline on wikievents-dev, scored by the reference scorer (texts stay in /tmp)."""
    golds = sorted(WIKIEVENTS.glob("*.events.json"))
    if not golds or not SCORE_EVENTS.is_file():
        return []
    keywords = keyword_list()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ours, baseline = Path(tmp, "sitrep"), Path(tmp, "keywords")
        ours.mkdir()
        baseline.mkdir()
        run = Run()
        for path in golds:
            gold = json.loads(path.read_text(encoding="utf-8"))
            meta = gold["document"]
            document = Document(text=meta["text"], published=meta.get("published"), language="en")
            name = path.name[: -len(".events.json")] + ".json"
            timings = Timings()
            (ours / name).write_text(json.dumps(extract(document, timings).to_dict()), encoding="utf-8")
            run.parse_seconds += timings.seconds.get("parse", 0.0)
            run.events_seconds += timings.seconds.get("events", 0.0)
            run.sentences += len(parse(document.text).sentences)
            (baseline / name).write_text(json.dumps(keyword_events(document, keywords)), encoding="utf-8")
        for label, directory, timed in (("sitrep", ours, run), ("keywords", baseline, None)):
            result = _reference_score(directory)
            same = result["same-sentence/annotated"]
            rows.append(
                _row(
                    "wikievents-dev",
                    label,
                    result["documents"],
                    same["p"],
                    same["r"],
                    same["f1"],
                    result["roles"]["all"] if timed else None,
                    None,
                    timed,
                )
            )
    return rows


def _reference_score(predictions: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(SCORE_EVENTS), str(WIKIEVENTS), str(predictions), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


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
    parser.add_argument("--upstream", choices=["pipeline", "gold", "both"], default="pipeline")
    parser.add_argument("--no-wikievents", action="store_true", help="skip wikievents-dev (about a minute)")
    args = parser.parse_args()
    warm_up()
    table = Table(title="sitrep events layer (PLOVER) beside a keyword baseline", header_style="bold")
    for column in (
        "set",
        "run",
        "docs",
        "P",
        "R",
        "F1",
        "roles",
        "status",
        "ms/doc",
        "sent/s",
        "parse ms",
        "events/parse",
    ):
        table.add_column(column, justify="left" if column in ("set", "run") else "right")
    if not args.no_wikievents:
        for cells in wikievents_rows():
            table.add_row(*cells)
    for directory in args.dirs:
        golds = [json.loads(p.read_text(encoding="utf-8")) for p in gold_files([directory])]
        golds = [g for g in golds if "events" in (g.get("layers") or ["events"])]
        if not golds:
            continue
        if args.upstream in ("gold", "both"):
            table.add_row(*row(directory.name, "sitrep, gold upstream", run_with_gold_upstream(golds)))
        if args.upstream in ("pipeline", "both"):
            table.add_row(*row(directory.name, "sitrep", run_pipeline(golds)))
        table.add_row(*row(directory.name, "keywords", run_keywords(golds)))
    Console(width=max(Console().width, 130)).print(table)
    print(
        "wikievents-dev: reference scorer, same-sentence matching, P over annotated sentences, roles per slot;"
        " other sets: sitrep eval rules, roles = source and target both right."
    )
    print(
        f"ms/doc and sent/s: the events stage alone; events/parse: its time as a share of the spaCy parse"
        f" (limit {100 * STAGE_SHARE_LIMIT:.0f}%)."
    )


if __name__ == "__main__":
    main()
