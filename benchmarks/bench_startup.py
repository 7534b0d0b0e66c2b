"""Start-up costs a user waits for: `import sitrep`, `sitrep --help`, the gazetteer, the model.

usage: python benchmarks/bench_startup.py [--repeat N]

Each is timed in a fresh interpreter (so nothing is cached in memory) and the best of
N runs (default 3) is printed. These used to be wall-clock assertions in the tests,
where a loaded machine made them fail; here they are numbers to watch. The targets
they were held to: the gazetteer loads in under 1.5 s; `import sitrep` loads neither
spaCy nor pandas.
"""

from __future__ import annotations

import subprocess
import sys
import time

CASES = {
    "import sitrep": "import sitrep",
    "sitrep --help": "import sys; sys.argv = ['sitrep', '--help']\n"
    "from sitrep.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass",
    "load the gazetteer": "from sitrep.geo import load_gazetteer; load_gazetteer()",
    "load the English model": "from sitrep.nlp.engine import load_pipeline; load_pipeline()",
    "extract one sentence": "import sitrep; sitrep.extract('Police said 12 people were hurt in Dori on Monday.')",
}
HEAVY = ("spacy", "pandas", "sqlalchemy", "fastapi")


def seconds(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - started


def heavy_modules_after_import() -> list[str]:
    probe = f"import sys, sitrep; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return out.split()


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    baseline = min(seconds("pass") for _ in range(repeat))
    print(f"{'what':<26} {'best s':>8} {'minus bare python':>18}")
    for name, code in CASES.items():
        best = min(seconds(code) for _ in range(repeat))
        print(f"{name:<26} {best:8.2f} {best - baseline:18.2f}")
    loaded = heavy_modules_after_import()
    print(f"heavy modules loaded by `import sitrep`: {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()
