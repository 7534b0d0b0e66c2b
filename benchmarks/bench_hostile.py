"""Hostile inputs: what each one ends in now, how long it takes and how much memory it needs.

usage: python benchmarks/bench_hostile.py [--quick] [--bound SECONDS]

Each case runs in a forked child process with a time bound (default 180 s): a case that
passes its bound is killed and shown as a HANG. Peak memory is the child's traced Python
and NumPy allocations (``tracemalloc``), over what the parent had already loaded.
Network cases talk to a misbehaving server on 127.0.0.1 only. ``--quick`` leaves out
the multi-minute extraction cases. Prints a rich table, one row per hostile input.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile_server import hostile_server
from sitrep.errors import SitrepError
from sitrep.ingest import Article, Failure, IngestOptions, iter_articles
from sitrep.nlp import load_pipeline

SENTENCES = [
    "Ukrainian forces shelled positions near Bakhmut on Tuesday, the regional governor said.",
    "About 1,200 residents fled the town of Lyman after troops advanced, officials told reporters.",
    "The United Nations said it was concerned about the safety of civilians in Kharkiv.",
    "Police in Nairobi arrested 40 protesters outside parliament on Wednesday, witnesses said.",
]
BODY = "<p>" + " ".join(SENTENCES) + "</p>"
Case = tuple[str, str, Callable[[Path, str], str]]


def news(chars: int) -> str:
    paragraph = " ".join(SENTENCES[:3]) + "\n\n" + SENTENCES[3] + " "
    return (paragraph * (chars // len(paragraph) + 1))[:chars]


def outcome_of(items: list[Article | Failure]) -> str:
    articles = sum(isinstance(item, Article) for item in items)
    failures = [item for item in items if isinstance(item, Failure)]
    shown = f"{articles} article(s)"
    if failures:
        shown += f", {len(failures)} failure(s): {failures[0].message}"
    return shown


def ingest_file(directory: Path, name: str, data: bytes, **options: Any) -> str:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return outcome_of(list(iter_articles([str(path)], IngestOptions(**options))))


def ingest_url(url: str, **options: Any) -> str:
    return outcome_of(list(iter_articles([url], IngestOptions(allow_private=True, **options))))


def extract_text(text: str) -> str:
    from sitrep.model import Document
    from sitrep.pipeline import extract

    try:
        extraction = extract(Document(text=text))
    except SitrepError as exc:
        return f"refused: {exc}"
    return f"extracted: {len(extraction.events)} events, {len(extraction.figures)} figures"


def parse_text(text: str) -> str:
    from sitrep.nlp import parse

    return f"parsed: {len(parse(text).tokens):,} tokens"


def html_case(attributes: str = "", inside: str = "") -> bytes:
    return f"<html><body><div {attributes}>{inside}{BODY * 3}</div></body></html>".encode()


def jsonl_with_bad_line(bad: bytes, lines: int = 10_000, at: int = 1550) -> bytes:
    good = [json.dumps({"text": f"{SENTENCES[n % 4]} ({n})"}).encode() for n in range(lines)]
    good[at - 1] = bad
    return b"\n".join(good) + b"\n"


def api_status(method: str, path: str, **request: Any) -> str:
    import warnings

    from sitrep.web import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore")
        from fastapi.testclient import TestClient
    with tempfile.TemporaryDirectory() as directory, TestClient(create_app(f"sqlite:///{directory}/a.db")) as client:
        answer = client.request(method, path, **request)
        return f"HTTP {answer.status_code}: {answer.json().get('detail', '')}"


def cli_run(*args: str) -> str:
    from click.testing import CliRunner

    from sitrep.cli import main

    result = CliRunner().invoke(main, list(args))
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines() or [""]
    last = next((line for line in lines if "failed:" in line or "rror" in line), lines[-1])
    return f"exit {result.exit_code}{' TRACEBACK' if crashed else ''}: {last}"


def numbers_case(text: str) -> str:
    from sitrep.layers.figures.numbers import find_numbers

    return ", ".join(f"{q.text!r} = {q.value:g}" for q in find_numbers(text))


def fetch_cases() -> list[Case]:
    def stalling_feed(directory: Path, base: str) -> str:
        items = "".join(f"<item><title>S{n}</title><link>{base}/slow-headers?{n}</link></item>" for n in range(20))
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'
        return ingest_file(directory, "stall.xml", feed.encode(), allow_private=True, timeout=2, feed_timeout=5)

    return [
        ("network", "gzip, gzip bomb (50 MB of zeros in 1 kB)", lambda d, b: ingest_url(f"{b}/gzip-gzip")),
        ("network", "deflate bomb", lambda d, b: ingest_url(f"{b}/deflate")),
        (
            "network",
            "headers trickled 1 byte / 50 ms (timeout 2 s)",
            lambda d, b: ingest_url(f"{b}/slow-headers", timeout=2),
        ),
        ("network", "body trickled 1 byte / 50 ms (timeout 2 s)", lambda d, b: ingest_url(f"{b}/slow-body", timeout=2)),
        ("network", "feed of 20 stalling links (2 s each, 5 s for all)", stalling_feed),
        (
            "network",
            "allow_private: link to 169.254.169.254",
            lambda d, b: ingest_url("http://169.254.169.254/latest/meta-data/"),
        ),
        ("network", "allow_private: link to [fd00:ec2::254]", lambda d, b: ingest_url("http://[fd00:ec2::254]/")),
    ]


def input_cases() -> list[Case]:
    attrs40k = " ".join(f"a{i}=1" for i in range(40_000))
    attrs200k = " ".join(f"a{i}" for i in range(200_000))
    return [
        (
            "html",
            "one attribute of 2,000,000 characters",
            lambda d, b: ingest_file(d, "a.html", html_case(f'title="{"a" * 2_000_000}"')),
        ),
        ("html", "40,000 attributes on one tag", lambda d, b: ingest_file(d, "b.html", html_case(attrs40k))),
        ("html", "200,000 attributes on one tag", lambda d, b: ingest_file(d, "c.html", html_case(attrs200k))),
        (
            "html",
            "one line of 2,000,000 characters",
            lambda d, b: ingest_file(d, "d.html", html_case(inside="<p>" + "word " * 400_000 + "</p>")),
        ),
        (
            "html",
            "100,000 nested divs",
            lambda d, b: ingest_file(d, "e.html", html_case(inside="<div>" * 100_000 + BODY + "</div>" * 100_000)),
        ),
        ("html", "NUL bytes", lambda d, b: ingest_file(d, "f.html", b"\0" + html_case())),
        (
            "html",
            "charset says utf-8, bytes are not",
            lambda d, b: ingest_file(d, "g.html", b"<meta charset='utf-8'>\xff\xfe" + html_case()),
        ),
        ("feed", "billion laughs", lambda d, b: ingest_file(d, "h.xml", LAUGHS)),
        ("feed", "external entity (XXE)", lambda d, b: ingest_file(d, "i.xml", XXE)),
        (
            "jsonl",
            "10,000 lines, a 5,000-digit integer at 1550",
            lambda d, b: ingest_file(d, "j.jsonl", jsonl_with_bad_line(b'{"text": "x", "n": ' + b"9" * 5000 + b"}")),
        ),
        (
            "jsonl",
            "10,000 lines, 100,000-deep nesting at 1550",
            lambda d, b: ingest_file(
                d, "k.jsonl", jsonl_with_bad_line(b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
            ),
        ),
        (
            "jsonl",
            "10,000 lines, a lone surrogate at 1550",
            lambda d, b: ingest_file(d, "l.jsonl", jsonl_with_bad_line(b'{"text": "a \\ud800 b"}')),
        ),
        (
            "jsonl",
            'published: "2026-03-05 not a date"',
            lambda d, b: ingest_file(d, "m.jsonl", b'{"text": "Rain.", "published": "2026-03-05 not a date"}\n'),
        ),
        ("text", "2,000,001 characters", lambda d, b: extract_text("a " * 1_000_000 + "b")),
        ("text", "4.9 MB file (within the 5 MB cap)", lambda d, b: extract_text(news(4_900_000))),
        ("text", "file name with [/bold] markup", lambda d, b: markup_name(d)),
        (
            "figures",
            "3\u202f000 (U+202F) and 1\u00a0200 (U+00A0)",
            lambda d, b: numbers_case("3\u202f000 residents and 1\u00a0200 soldiers"),
        ),
        (
            "api",
            "GET /api/documents?offset=9223372036854775808",
            lambda d, b: api_status("GET", "/api/documents", params={"offset": "9223372036854775808"}),
        ),
        (
            "api",
            'POST /api/extract published: "2026-03-05 not a date"',
            lambda d, b: api_status(
                "POST", "/api/extract", json={"text": "Rain.", "published": "2026-03-05 not a date"}
            ),
        ),
        (
            "api",
            "POST a lone surrogate",
            lambda d, b: api_status(
                "POST", "/api/extract", content=b'{"text": "\\ud800"}', headers={"content-type": "application/json"}
            ),
        ),
        (
            "cli",
            "--since 2026-03-05garbage",
            lambda d, b: cli_run("picture", "--db", f"sqlite:///{d}/p.db", "--since", "2026-03-05garbage"),
        ),
    ]


def slow_cases() -> list[Case]:
    return [
        ("text", "250,000 characters: parse", lambda d, b: parse_text(news(250_000))),
        ("text", "250,000 characters: extract", lambda d, b: extract_text(news(250_000))),
        ("text", "500,000 characters (the cap): parse", lambda d, b: parse_text(news(500_000))),
    ]


def markup_name(directory: Path) -> str:
    folder = directory / "odd["
    folder.mkdir(exist_ok=True)
    (folder / "bold].txt").write_bytes(b"")
    (directory / "other.txt").write_text(SENTENCES[0])
    return cli_run("extract", str(folder / "bold].txt"), str(directory / "other.txt"), "--json")


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "lol">'
    + b"".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">'.encode() for k in range(9))
    + b']><rss version="2.0"><channel><title>&j;</title><item><title>t</title><description>&j;</description>'
    b"</item></channel></rss>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
    b"<title>W</title><item><title>t</title><description>&x; body</description></item></channel></rss>"
)


def _child(case: Case, base: str, queue: Any) -> None:
    _, _, run = case
    with tempfile.TemporaryDirectory() as directory:
        tracemalloc.start()
        started = time.perf_counter()
        try:
            outcome = run(Path(directory), base)
        except Exception as exc:  # noqa: BLE001 - a traceback is exactly what the table must show
            outcome = f"TRACEBACK {type(exc).__name__}: {exc}"[:300]
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    queue.put((outcome, seconds, peak))


def run_case(case: Case, base: str, bound: float) -> tuple[str, float | None, int | None]:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(case, base, queue))
    process.start()
    process.join(bound)
    if process.is_alive():
        process.kill()
        process.join()
        return f"HANG (killed after {bound:g} s)", None, None
    try:
        return queue.get(timeout=5)
    except Exception:  # noqa: BLE001 - the child died without a word
        return f"CRASH (exit code {process.exitcode})", None, None


def main() -> None:
    quick = "--quick" in sys.argv
    bound = float(sys.argv[sys.argv.index("--bound") + 1]) if "--bound" in sys.argv else 180.0
    load_pipeline()
    gzip.compress(b"warm up")
    cases = input_cases() + fetch_cases() + ([] if quick else slow_cases())
    table = Table(title=f"hostile inputs: {len(cases)} cases, each bounded at {bound:g} s", header_style="bold")
    for column in ("class", "input", "outcome", "seconds", "peak MB"):
        table.add_column(
            column,
            justify="right" if column in ("seconds", "peak MB") else "left",
            overflow="fold",
            max_width=70 if column == "outcome" else None,
        )
    bad = 0
    with hostile_server() as base:
        for case in cases:
            outcome, seconds, peak = run_case(case, base, bound)
            bad += outcome.startswith(("TRACEBACK", "HANG", "CRASH"))
            table.add_row(
                case[0],
                Text(case[1]),
                Text(outcome),
                "-" if seconds is None else f"{seconds:.2f}",
                "-" if peak is None else f"{peak / 1e6:.0f}",
                style="red" if outcome.startswith(("TRACEBACK", "HANG", "CRASH")) else None,
            )
    console = Console(width=200)
    console.print(table)
    console.print(f"tracebacks, hangs and crashes: {bad}", markup=False, highlight=False)


if __name__ == "__main__":
    main()
