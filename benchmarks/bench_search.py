"""Search latency: p50 and p95 of ``sitrep.store.search`` at N generated documents, on SQLite
and PostgreSQL (target: p95 at most 200 ms at 100,000 documents).

usage: python benchmarks/bench_search.py [--documents 100000] [--postgres URL] [--skip-postgres]

Documents (one claim each) are generated from templates and written straight into the
``documents`` and ``claims`` tables in batches; the triggers of migration 0004 index
them as any write would. Each query runs ``--repeats`` times (first 20 hits and the total).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, insert, text

from sitrep.store import Store
from sitrep.store.search import search
from sitrep.store.tables import Claim, Document

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BATCH = 2000
TOWNS = ["Velmar", "Tarn", "Kesh", "Dorrin", "Maro", "Lisk", "Pella", "Aven", "Corra", "Hale", "Brisk", "Ostrava"]
TOWNS += [f"Town{n}" for n in range(400)]  # rarer names
SPEAKERS = ["the governor", "a police spokesperson", "the health ministry", "Mara Osei", "the union", "witnesses"]
VERBS = ["shelled", "flooded", "blockaded", "evacuated", "reopened", "struck", "protested in", "rebuilt"]
QUERIES = [
    ("document", "flood", "a common word"),
    ("document", "Town377", "a rare name"),
    ("document", '"police spokesperson"', "a phrase"),
    ("document", "Velmar evacuated", "two words"),
    ("document", "Kesh OR Dorrin", "OR"),
    ("document", "rebuil*", "a prefix"),
    ("claim", "Osei", "a claim speaker"),
    ("claim", "families shelters", "claim words"),
]


def generated(number: int, rng: random.Random) -> tuple[dict, dict]:
    town, other = rng.choice(TOWNS), rng.choice(TOWNS)
    verb, speaker = rng.choice(VERBS), rng.choice(SPEAKERS)
    day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    claim = f"{rng.randint(2, 400)} families had reached shelters in {other}"
    body = (
        f"Forces {verb} {town} on {day}, {speaker} said. {claim}, {speaker} added. "
        f"Roads between {town} and {other} were closed and a flood warning stayed in place. "
        f"Aid groups said they needed trucks and fuel. Report number {number}."
    )
    doc_id = hashlib.sha256(body.encode()).hexdigest()
    start = body.index(claim)
    document = {
        "id": doc_id,
        "title": f"{town}: {verb}",
        "source": f"Outlet {number % 50}",
        "url": None,
        "published": day,
        "language": "en",
        "text": body,
        "origin": "bench",
        "ingested_at": datetime.now(UTC),
        "status": "skipped_language",
        "schema_version": None,
        "extraction": None,
        "extra": None,
    }
    claim_row = {
        "document_id": doc_id,
        "id": "C1",
        "speaker_id": None,
        "speaker_text": speaker,
        "content": claim,
        "content_start": start,
        "content_end": start + len(claim),
        "kind": "indirect",
        "stance": "assert",
        "factuality": "fact",
    }
    return document, claim_row


def fill(store: Store, count: int) -> float:
    rng = random.Random(7)
    started = time.perf_counter()
    for first in range(0, count, BATCH):
        rows = [generated(n, rng) for n in range(first, min(count, first + BATCH))]
        with store.engine.begin() as connection:
            connection.execute(insert(Document), [d for d, _ in rows])
            connection.execute(insert(Claim), [c for _, c in rows])
    return time.perf_counter() - started


def latencies(store: Store, repeats: int) -> list[tuple[str, str, str, int, float, float]]:
    rows = []
    for kind, query, what in QUERIES:
        times = []
        total = 0
        for _ in range(repeats):
            started = time.perf_counter()
            total = search(store.engine, query, kind=kind, limit=20).total  # type: ignore[arg-type]
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows.append((kind, query, what, total, statistics.median(times), p95))
    return rows


def postgres_schema(base: str) -> tuple[str, str]:
    schema = f"sitrep_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return f"{base}?options=-csearch_path%3D{schema}", schema


def drop_schema(base: str, schema: str) -> None:
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--postgres", default=POSTGRES)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    console = Console()
    table = Table(
        title=f"search latency at {args.documents:,} documents (ms; {args.repeats} runs each)", header_style="bold"
    )
    for column in ("backend", "kind", "query", "what", "hits", "p50", "p95"):
        table.add_column(column, justify="right" if column in ("hits", "p50", "p95") else "left")
    worst: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        backends = [("sqlite", f"sqlite:///{folder}/search.db", None)]
        if not args.skip_postgres:
            url, schema = postgres_schema(args.postgres)
            backends.append(("postgresql", url, schema))
        for name, url, schema in backends:
            try:
                with Store.open(url) as store:
                    seconds = fill(store, args.documents)
                    console.print(f"{name}: {args.documents:,} documents written and indexed in {seconds:.0f} s")
                    for kind, query, what, total, p50, p95 in latencies(store, args.repeats):
                        table.add_row(name, kind, query, what, f"{total:,}", f"{p50:.1f}", f"{p95:.1f}")
                        worst[name] = max(worst.get(name, 0.0), p95)
                    table.add_section()
            finally:
                if schema:
                    drop_schema(args.postgres, schema)
    console.print(table)
    for name, p95 in worst.items():
        console.print(f"{name}: worst p95 {p95:.1f} ms ({'within' if p95 <= 200 else 'OVER'} the 200 ms target)")


if __name__ == "__main__":
    main()
