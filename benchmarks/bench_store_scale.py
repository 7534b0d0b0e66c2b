"""The persisted picture at scale: a generated store, a server over it, a bounded local load.

    python benchmarks/bench_store_scale.py [--docs 2000] [--backend sqlite|postgresql|both]
        [--postgres-url URL] [--requests 100] [--concurrency 4] [--added 40]
    python benchmarks/bench_store_scale.py --docs 1000000          # the full run (hours on 2 cores)

The store holds generated extractions (``bench_fusion.synthetic_extractions``: 300
outlets, 400 actors, 800 places, a year of dates, 20% syndicated copies, repeated
happenings, claims and figures), not parsed articles. Each document is saved as ingest
saves it, its picture step deferred; the queue is then taken in by batched picture steps.
Then, on that store:

- incremental fusion: ``--added`` more documents, each saved and taken in by its own
  picture step (the cost of the step alone, per document);
- ``sitrep serve`` start: a fresh process until ``/api/health`` answers;
- latency (p50/p95) of the picture's first page, events filtered by place, actor, type
  and date, documents and entities, under ``--concurrency`` client threads on 127.0.0.1
  sending ``--requests`` requests per endpoint (filters vary per request, so the server's
  picture cache does not answer them);
- the server's resident memory after the load.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import psutil
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_fusion import synthetic_extractions

from sitrep.store import Store

POSTGRES_URL = os.environ.get("SITREP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SYNC_BATCH = 500


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Backend:
    """A fresh database: a SQLite file, or a new PostgreSQL schema (dropped at the end)."""

    def __init__(self, kind: str, folder: Path, postgres_url: str) -> None:
        self.kind = kind
        self.schema = f"sitrep_bench_{uuid.uuid4().hex[:10]}"
        self.admin = postgres_url
        if kind == "sqlite":
            self.url = f"sqlite:///{folder / 'scale.db'}"
        else:
            from sqlalchemy import create_engine, text

            engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
            with engine.connect() as c:
                c.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            engine.dispose()
            sep = "&" if "?" in postgres_url else "?"
            self.url = f"{postgres_url}{sep}options=-csearch_path%3D{self.schema}"

    def drop(self) -> None:
        if self.kind == "postgresql":
            from sqlalchemy import create_engine, text

            engine = create_engine(self.admin, isolation_level="AUTOCOMMIT")
            with engine.connect() as c:
                c.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            engine.dispose()


def build_store(url: str, docs: int, added: int, console: Console) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Save ``docs`` generated extractions (picture steps batched), then ``added`` more one step each."""
    source: Iterator[tuple[dict[str, Any], Any]] = synthetic_extractions(docs + added, seed=7)
    facts: dict[str, float] = {}
    with Store.open(url) as store:
        store.sync_after_write = False
        started = time.perf_counter()
        for number, (extraction, _) in enumerate(source, 1):
            store.save_document(extraction)
            if number % SYNC_BATCH == 0 or number == docs:
                synced = time.perf_counter()
                store.sync_picture()
                facts["sync_seconds"] = facts.get("sync_seconds", 0.0) + time.perf_counter() - synced
            if number % 5000 == 0:
                console.print(f"  {number} documents saved ({time.perf_counter() - started:.0f} s)")
            if number == docs:
                break
        facts["build_seconds"] = time.perf_counter() - started
        steps = []
        for extraction, _ in source:
            store.save_document(extraction)
            step = time.perf_counter()
            store.sync_picture()
            steps.append((time.perf_counter() - step) * 1000)
        facts["step_p50_ms"], facts["step_p95_ms"] = percentile(steps, 0.5), percentile(steps, 0.95)
        with store.picture() as picture:
            facts["events"] = float(picture.session.execute(_count("picture_events")).scalar() or 0)
            places = picture.session.execute(_common("place")).scalars().all()
            actors = picture.session.execute(_common("actor")).scalars().all()
    return facts, [{"places": places, "actors": actors}]


def _count(table: str) -> Any:
    from sqlalchemy import text

    return text(f"SELECT count(*) FROM {table}")


def _common(term: str) -> Any:
    from sqlalchemy import text

    return text(
        "SELECT key FROM picture_terms WHERE term = :t AND item_id LIKE 'ev_%' GROUP BY key ORDER BY count(*) DESC LIMIT 50"
    ).bindparams(t=term)


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str, float]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while True:
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return process, base, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.perf_counter() - started > 300:
            raise SystemExit("sitrep serve did not start")
        time.sleep(0.05)


def load(base: str, make_path: Callable[[random.Random], str], requests: int, concurrency: int) -> list[float]:
    """Latencies (ms) of ``requests`` GETs from ``concurrency`` threads; a non-200 answer stops the run."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in iter(lambda: next(counter, None), None):
                path = make_path(rng)
                started = time.perf_counter()
                answer = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if answer.status_code != 200:
                    raise SystemExit(f"{path}: {answer.status_code} {answer.text[:200]}")
                with lock:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies


def endpoints(keys: dict[str, list[str]]) -> dict[str, Callable[[random.Random], str]]:
    first = date(2025, 1, 1).toordinal()

    def day(rng: random.Random) -> str:
        return date.fromordinal(first + rng.randrange(360)).isoformat()

    places, actors = keys["places"] or ["none"], keys["actors"] or ["none"]
    return {
        "picture, first page": lambda r: f"/api/picture?limit={r.randint(10, 40)}",
        "events by place": lambda r: f"/api/events?limit=20&place={r.choice(places)}",
        "events by actor": lambda r: f"/api/events?limit=20&actor={r.choice(actors)}",
        "events by type": lambda r: (
            f"/api/events?limit=20&type={r.choice(('ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE'))}"
        ),
        "events by date": lambda r: f"/api/events?limit=20&since={(d := day(r))}&until={d}",
        "documents": lambda r: f"/api/documents?limit=50&offset={r.randrange(500)}",
        "entities": lambda r: f"/api/entities?limit=50&offset={r.randrange(200)}",
    }


def run_backend(
    kind: str, args: argparse.Namespace, console: Console
) -> tuple[dict[str, float], dict[str, list[float]]]:
    with tempfile.TemporaryDirectory() as folder:
        backend = Backend(kind, Path(folder), args.postgres_url)
        try:
            console.print(f"[bold]{kind}[/bold]: generating and saving {args.docs} documents")
            facts, extra = build_store(backend.url, args.docs, args.added, console)
            process, base, startup = start_server(backend.url)
            facts["serve_start_s"] = startup
            try:
                latencies = {
                    name: load(base, path, args.requests, args.concurrency)
                    for name, path in endpoints(extra[0]).items()
                }
                facts["server_rss_mb"] = psutil.Process(process.pid).memory_info().rss / 2**20
            finally:
                process.terminate()
                process.wait(timeout=30)
        finally:
            backend.drop()
    return facts, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--added", type=int, default=40, help="documents added one picture step each, at the end")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--requests", type=int, default=100, help="per endpoint")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    console = Console()
    kinds = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    results = {kind: run_backend(kind, args, console) for kind in kinds}
    table = Table(title=f"Persisted picture: {args.docs} generated documents, {args.concurrency} clients")
    table.add_column("measure")
    for kind in kinds:
        table.add_column(kind, justify="right")
    rows = [
        ("build: save + batched picture steps, ms/doc", lambda f: 1000 * f["build_seconds"] / args.docs),
        ("  of which picture steps, ms/doc", lambda f: 1000 * f["sync_seconds"] / args.docs),
        ("incremental picture step per added doc, p50 ms", lambda f: f["step_p50_ms"]),
        ("incremental picture step per added doc, p95 ms", lambda f: f["step_p95_ms"]),
        ("fused events", lambda f: f["events"]),
        ("sitrep serve start, s", lambda f: f["serve_start_s"]),
        ("server resident memory, MB", lambda f: f["server_rss_mb"]),
    ]
    for label, value in rows:
        table.add_row(label, *(f"{value(results[k][0]):.1f}" for k in kinds))
    table.add_section()
    for name in endpoints({"places": [], "actors": []}):
        table.add_row(
            f"{name}: p50 / p95 ms",
            *(
                f"{statistics.median(results[k][1][name]):.0f} / {percentile(results[k][1][name], 0.95):.0f}"
                for k in kinds
            ),
        )
    console.print(table)


if __name__ == "__main__":
    main()
