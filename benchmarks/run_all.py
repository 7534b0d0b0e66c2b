"""Run every benchmark, one after another (one heavy process at a time), and say which failed.

usage: python benchmarks/run_all.py [NAME ...] [--quick]

NAME picks benchmarks by name (``pipeline``, ``places``, ``actors``, ``times_figures``,
``claims``, ``events``, ``fusion``, ``acled``, ``hostile``, ``fusion_scale``, ``startup``);
the default is all.
``--quick`` runs the fusion scale benchmark on 10,000 synthetic documents instead of
100,000. The gold-set benchmarks read ``../shared/eval`` and ``../shared/examples``;
one whose data is missing is reported as skipped. Each prints its own tables, which
docs/benchmarks.md records.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass(frozen=True)
class Benchmark:
    name: str
    script: str
    args: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # directories that must exist (relative to the repository)


BENCHMARKS = (
    Benchmark("startup", "bench_startup.py"),
    Benchmark("pipeline", "bench_pipeline.py", needs=("../shared/eval",)),
    Benchmark("places", "bench_places.py", needs=("../shared/eval",)),
    Benchmark("actors", "bench_actors.py", needs=("../shared/eval",)),
    Benchmark("times_figures", "bench_times_figures.py", needs=("../shared/eval",)),
    Benchmark("claims", "bench_claims.py", ("--no-textacy",), needs=("../shared/eval",)),
    Benchmark("events", "bench_events.py", needs=("../shared/eval",)),
    Benchmark("fusion", "bench_fusion.py", ("demo",), needs=("demo/corpus",)),
    Benchmark("acled", "bench_acled.py", needs=("demo/corpus",)),
    Benchmark("hostile", "bench_hostile.py"),
    Benchmark("fusion_scale", "bench_fusion.py", ("scale",)),
)


def _arguments(benchmark: Benchmark, quick: bool) -> list[str]:
    args = list(benchmark.args)
    if quick and benchmark.name == "fusion_scale":
        args += ["--documents", "10000"]
    return args


def run(benchmark: Benchmark, quick: bool) -> str:
    """Run one benchmark from the repository root; its outcome in one word."""
    missing = [need for need in benchmark.needs if not (ROOT / need).exists()]
    if missing:
        print(f"-- {benchmark.name}: skipped ({', '.join(missing)} not found)", flush=True)
        return "skipped"
    command = [sys.executable, str(HERE / benchmark.script), *_arguments(benchmark, quick)]
    print(f"-- {benchmark.name}: {' '.join(command[1:])}", flush=True)
    started = time.perf_counter()
    code = subprocess.run(command, cwd=ROOT, check=False).returncode
    print(
        f"-- {benchmark.name}: {'ok' if code == 0 else f'exit {code}'} in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return "ok" if code == 0 else "failed"


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    names = [a for a in argv if not a.startswith("--")]
    known = {b.name for b in BENCHMARKS}
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    chosen = [b for b in BENCHMARKS if not names or b.name in names]
    outcomes = {b.name: run(b, quick) for b in chosen}
    print("-- summary: " + ", ".join(f"{name} {outcome}" for name, outcome in outcomes.items()))
    return 1 if "failed" in outcomes.values() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
