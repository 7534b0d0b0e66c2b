"""Measure the times and figures layers on the gold sets, beside two off-the-shelf tools.

usage: python benchmarks/bench_times_figures.py [--times DIR ...] [--figures DIR ...]

Runs only the parse and the times and figures stages (so the numbers do not depend on the
other layers) and scores them with ``sitrep.evaluate`` (the rules of
../shared/tools/score.py). In the same run, on the same texts, it scores dateparser's
``search_dates`` as a times baseline (each found date is a day) and quantulum3 as a figures
baseline (each quantity is a figure with category "other"). The two tools are benchmark-only
extras: when one is not installed its row says so and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.analysis import Analysis
from sitrep.evaluate import gold_files, score
from sitrep.layers.figures import stage as figures
from sitrep.layers.times import stage as times
from sitrep.model import Document, Extraction
from sitrep.nlp import parse

SHARED = Path(__file__).resolve().parents[2] / "shared"
TIME_DIRS = [SHARED / "eval" / "timebank", SHARED / "eval" / "wikinews", SHARED / "examples"]
FIGURE_DIRS = [SHARED / "eval" / "wikinews", SHARED / "examples"]
Predictor = Callable[[dict[str, Any]], dict[str, Any]]


def load(directory: Path) -> list[dict[str, Any]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in gold_files([directory])]


def published(gold: dict[str, Any]) -> date | None:
    value = gold["document"].get("published")
    return date.fromisoformat(value[:10]) if value else None


class Sitrep:
    """Our stages, timed separately from the parse."""

    def __init__(self) -> None:
        self.seconds = {"parse": 0.0, "times": 0.0, "figures": 0.0}
        self.documents = 0

    def __call__(self, gold: dict[str, Any]) -> dict[str, Any]:
        meta = gold["document"]
        document = Document(text=meta["text"], published=meta.get("published"))
        started = time.perf_counter()
        parsed = parse(document.text)
        self.seconds["parse"] += time.perf_counter() - started
        analysis = Analysis(document=document, parse=parsed, extraction=Extraction(document=document))
        for name, stage in (("times", times.run), ("figures", figures.run)):
            started = time.perf_counter()
            stage(analysis)
            self.seconds[name] += time.perf_counter() - started
        self.documents += 1
        return analysis.extraction.to_dict()

    def per_article_ms(self, stage: str) -> float:
        return 1000 * self.seconds[stage] / max(1, self.documents)


def dateparser_predictor() -> tuple[Predictor | None, str]:
    try:
        from importlib.metadata import version

        from dateparser.search import search_dates
    except ImportError:
        return None, "not installed"

    def predict(gold: dict[str, Any]) -> dict[str, Any]:
        text, day = gold["document"]["text"], published(gold)
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if day is not None:
            settings["RELATIVE_BASE"] = datetime(day.year, day.month, day.day)  # noqa: DTZ001 (dateparser wants a naive base)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(text, languages=["en"], settings=settings) or []
        out, cursor = [], 0
        for surface, moment in found:
            start = text.find(surface, cursor)
            if start < 0:
                continue
            cursor = start + len(surface)
            iso = moment.date().isoformat()
            out.append({"span": [start, cursor], "start": iso, "end": iso, "granularity": "day"})
        return {"times": out}

    return predict, f"dateparser {version('dateparser')}"


def quantulum_predictor() -> tuple[Predictor | None, str]:
    try:
        from importlib.metadata import version

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None, "not installed"

    def predict(gold: dict[str, Any]) -> dict[str, Any]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(gold["document"]["text"])
        return {
            "figures": [
                {
                    "span": list(q.span),
                    "value": q.value,
                    "low": None,
                    "high": None,
                    "qualifier": "exact",
                    "category": "money" if q.unit.entity.name == "currency" else "other",
                }
                for q in found
            ]
        }

    return predict, f"quantulum3 {version('quantulum3')}"


def evaluate(golds: list[dict[str, Any]], predict: Predictor, layer: str) -> dict[str, Any] | None:
    return score((gold, predict(gold)) for gold in golds)[layer]


def row(
    table: Table, system: str, data: str, result: dict[str, Any] | None, sides: tuple[str, ...], ms: str = ""
) -> None:
    if result is None:
        table.add_row(system, data, "-", "-", "-", *("-" for _ in sides), ms)
        return
    table.add_row(
        system,
        data,
        f"{result['p']:.3f}",
        f"{result['r']:.3f}",
        f"{result['f1']:.3f}",
        *(f"{result[s]:.3f}" if result.get(s) is not None else "-" for s in sides),
        ms,
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--times", nargs="*", type=Path, default=TIME_DIRS)
    options.add_argument("--figures", nargs="*", type=Path, default=FIGURE_DIRS)
    args = options.parse_args()
    console = Console()
    ours = Sitrep()
    baselines = {"times": dateparser_predictor(), "figures": quantulum_predictor()}

    time_table = Table(title="times (span overlaps, start and end equal)")
    for column in ("system", "data", "P", "R", "F1", "ms/article"):
        time_table.add_column(column)
    for directory in args.times:
        golds = load(directory)
        before = ours.seconds["times"], ours.documents
        result = evaluate(golds, ours, "times")
        ms = 1000 * (ours.seconds["times"] - before[0]) / max(1, ours.documents - before[1])
        row(time_table, "sitrep", directory.name, result, (), f"{ms:.2f}")
        predict, label = baselines["times"]
        if predict is None:
            row(time_table, f"dateparser ({label})", directory.name, None, ())
            continue
        started = time.perf_counter()
        result = evaluate(golds, predict, "times")
        row(time_table, label, directory.name, result, (), f"{1000 * (time.perf_counter() - started) / len(golds):.2f}")
    console.print(time_table)

    sides = ("category_ok", "qualifier_ok")
    figure_table = Table(title="figures (span overlaps, a number equal)")
    for column in ("system", "data", "P", "R", "F1", "category", "qualifier", "ms/article"):
        figure_table.add_column(column)
    for directory in args.figures:
        golds = load(directory)
        before = ours.seconds["figures"], ours.documents
        result = evaluate(golds, ours, "figures")
        ms = 1000 * (ours.seconds["figures"] - before[0]) / max(1, ours.documents - before[1])
        row(figure_table, "sitrep", directory.name, result, sides, f"{ms:.2f}")
        predict, label = baselines["figures"]
        if predict is None:
            row(figure_table, f"quantulum3 ({label})", directory.name, None, sides)
            continue
        started = time.perf_counter()
        result = evaluate(golds, predict, "figures")
        row(
            figure_table,
            label,
            directory.name,
            result,
            sides,
            f"{1000 * (time.perf_counter() - started) / len(golds):.2f}",
        )
    console.print(figure_table)
    console.print(
        f"per article: parse {ours.per_article_ms('parse'):.1f} ms, times {ours.per_article_ms('times'):.2f} ms, "
        f"figures {ours.per_article_ms('figures'):.2f} ms ({ours.documents} articles)"
    )


if __name__ == "__main__":
    main()
