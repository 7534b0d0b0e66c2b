"""Fuzz the HTTP API with schemathesis for longer than CI does, and print what came back.

    python benchmarks/fuzz_api.py [--examples N] [--seed S]

Every operation of the app's ``/openapi.json`` gets N schema-valid and N
schema-violating requests (in process, over a temporary store of hand-made documents;
``POST /api/documents`` adds to it as the run goes). Prints examples run, status codes
per operation, 5xx seen and error bodies that leak internals; exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from api_fuzz import fuzz_app
from sitrep.web import create_app
from web_support import make_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=500, help="requests per operation and mode (default 500)")
    parser.add_argument("--seed", type=int, help="hypothesis seed (default: random)")
    args = parser.parse_args()
    console = Console()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        tally = fuzz_app(create_app(make_store(Path(folder))), args.examples, random_seed=args.seed)
    seconds = time.monotonic() - started
    table = Table(title=f"schemathesis: {tally.examples} requests in {seconds:.0f} s", header_style="bold")
    table.add_column("operation (mode)")
    table.add_column("requests", justify="right")
    for label, count in sorted(tally.per_operation.items()):
        table.add_row(label, str(count))
    console.print(table)
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(tally.statuses.items()))
    console.print(f"examples run {tally.examples}; statuses {statuses}; not sendable {tally.not_sent}", highlight=False)
    console.print(
        f"5xx seen {len(tally.server_errors)}; error bodies leaking internals {len(tally.leaks)}", highlight=False
    )
    for problem in [*tally.server_errors, *tally.leaks][:20]:
        console.print(problem, markup=False, highlight=False)
    sys.exit(1 if tally.server_errors or tally.leaks else 0)


if __name__ == "__main__":
    main()
