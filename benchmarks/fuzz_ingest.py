"""Coverage-guided fuzzing of ingest and extraction with atheris, for a bounded time (not in CI).

    python benchmarks/fuzz_ingest.py [--seconds 60] [TARGET ...]

TARGETs: ``html`` (article_from_html), ``feed`` (parse_feed and its articles), ``jsonl``
(iter_jsonl over a file of the input), ``extract`` (the whole pipeline on the input as
text); the default is all. Each runs in its own process under libFuzzer for ``--seconds``.
An input passes when it ends in a result or in a ``SitrepError`` (a clear failure); any
other exception is a crash, saved under ``fuzz-artifacts/`` so it can become a test.
Needs ``pip install atheris`` (installed only for this script).
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "fuzz-artifacts"
TARGETS = ("html", "feed", "jsonl", "extract")
MAX_INPUT = 20_000  # bytes per input: the fuzzer explores structure, not size (size limits have their own tests)


def _html(data: bytes) -> None:
    from sitrep.ingest.html import article_from_html

    article_from_html(data, origin="fuzz.html")


def _feed(data: bytes) -> None:
    from sitrep.ingest.feed import iter_feed_articles, parse_feed
    from sitrep.ingest.model import Article

    def no_fetch(url: str, origin: str) -> Article:
        raise _no_network(url)

    for _ in iter_feed_articles(parse_feed(data), origin="fuzz.xml", fetch_page=no_fetch):
        pass


def _no_network(url: str) -> Exception:
    from sitrep.errors import InputError

    return InputError(f"{url}: not fetched while fuzzing")


def _jsonl(data: bytes) -> None:
    from sitrep.ingest.jsonl import iter_jsonl

    with tempfile.NamedTemporaryFile(suffix=".jsonl") as handle:
        handle.write(data)
        handle.flush()
        for _ in iter_jsonl(Path(handle.name), origin="fuzz.jsonl", max_bytes=5_000_000):
            pass


def _extract(data: bytes) -> None:
    from sitrep.model import Document
    from sitrep.pipeline import extract

    text = data.decode("utf-8", errors="replace").strip()
    if text:
        extract(Document(text=text))


RUNNERS = {"html": _html, "feed": _feed, "jsonl": _jsonl, "extract": _extract}


def fuzz_one(target: str) -> None:
    """Run under atheris in this process (libFuzzer reads its own options from sys.argv)."""
    import atheris

    from sitrep.errors import SitrepError

    with atheris.instrument_imports():
        import sitrep.ingest.feed
        import sitrep.ingest.html
        import sitrep.ingest.jsonl  # noqa: F401
    if target == "extract":
        RUNNERS["extract"](b"Police said two people were hurt in Dori on Monday.")  # load the model before timing
    run = RUNNERS[target]

    def one_input(data: bytes) -> None:
        with contextlib.suppress(SitrepError):  # a clear failure naming the input is the right answer
            run(data[:MAX_INPUT])

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


def _run_target(target: str, seconds: int) -> tuple[str, int, float, list[Path]]:
    ARTIFACTS.mkdir(exist_ok=True)
    before = set(ARTIFACTS.iterdir())
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            target,
            f"-max_total_time={seconds}",
            f"-artifact_prefix={ARTIFACTS}/",
            "-rss_limit_mb=3000",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    runs = next(
        (
            line.split("#")[1].split()[0]
            for line in reversed(done.stderr.splitlines())
            if line.startswith("#") and "DONE" in line
        ),
        "?",
    )
    crashes = sorted(set(ARTIFACTS.iterdir()) - before)
    return runs, done.returncode, time.perf_counter() - started, crashes


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        target = sys.argv.pop(2)
        sys.argv.pop(1)
        fuzz_one(target)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    unknown = sorted(set(args.targets) - set(TARGETS))
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: pip install atheris (it is used only by this script)")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"atheris fuzzing, {args.seconds} s per target")
    for column in ("target", "inputs run", "exit", "seconds", "crashes saved"):
        table.add_column(column)
    for target in args.targets or TARGETS:
        runs, code, seconds, crashes = _run_target(target, args.seconds)
        table.add_row(target, runs, str(code), f"{seconds:.0f}", ", ".join(p.name for p in crashes) or "none")
    Console().print(table)


if __name__ == "__main__":
    main()
