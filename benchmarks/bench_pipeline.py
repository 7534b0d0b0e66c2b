"""Pipeline speed: seconds per article for parsing and each stage, on the gold articles.

usage: python benchmarks/bench_pipeline.py [DIR ...]   (default: ../shared/eval ../shared/examples)
Prints a rich table: per stage, total seconds, ms per article and share of the pipeline.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sitrep.evaluate import gold_document, gold_files
from sitrep.nlp import load_pipeline
from sitrep.pipeline import Timings, extract

DEFAULT_DIRS = [Path("../shared/eval"), Path("../shared/examples")]


def main() -> None:
    directories = [Path(a) for a in sys.argv[1:]] or DEFAULT_DIRS
    files = gold_files(directories)
    load_pipeline()
    timings = Timings()
    characters = 0
    started = time.perf_counter()
    for path in files:
        document = gold_document(json.loads(path.read_text(encoding="utf-8")))
        characters += len(document.text)
        extract(document, timings)
    wall = time.perf_counter() - started
    total = sum(timings.seconds.values())
    table = Table(
        title=f"pipeline time: {len(files)} articles, {characters / max(1, len(files)):.0f} chars each, "
        f"{len(files) / wall:.1f} articles/s on one core"
    )
    for column in ("stage", "seconds", "ms/article", "share"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for stage, seconds in timings.seconds.items():
        table.add_row(stage, f"{seconds:.2f}", f"{1000 * seconds / max(1, len(files)):.1f}", f"{seconds / total:.0%}")
    table.add_row("all", f"{total:.2f}", f"{1000 * total / max(1, len(files)):.1f}", "100%", style="bold")
    Console().print(table)


if __name__ == "__main__":
    main()
