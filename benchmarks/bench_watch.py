"""Watch: N local feeds of M entries polled twice (the second poll must cost only 304s),
and articles ingested per minute.

usage: python benchmarks/bench_watch.py [--feeds 50] [--entries 100] [--no-extract] [--db URL]

The feeds are served on 127.0.0.1 by ``tests/watch_server.py``; entries carry their full
text (no link fetches), so the first poll measures fetching, parsing, extraction and
storing. ``--no-extract`` stores each article with empty layers, which measures the
watcher's own cost. ``--db`` picks the store (default: a SQLite file in a temporary folder).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from rich.console import Console
from rich.table import Table

from sitrep.ingest.model import Article, IngestOptions
from sitrep.store import Store
from sitrep.store.feeds import ENTRY_STORED, EntryOutcome
from sitrep.watch import Watcher, store_article
from sitrep.watch.schedule import HostPacer
from sitrep.workflow import to_document
from watch_server import WatchServer, watch_server

TOWNS = ["Velmar", "Tarn", "Kesh", "Dorrin", "Maro", "Lisk", "Pella", "Aven", "Corra", "Hale", "Brisk", "Ostrava"]
OUTLETS = ["Coast Post", "Valley Times", "Northern Wire", "Harbour Herald", "Plains Daily"]


def entry_text(feed: int, entry: int) -> str:
    town = TOWNS[(feed * 7 + entry) % len(TOWNS)]
    return (
        f"Officials in {town} said on Tuesday that {entry + 4} families had left their homes after the river "
        f"rose for a {feed % 9 + 2}th day. The regional governor, Mara Osei, said crews were repairing bridge "
        f"{feed}-{entry} and that about {entry * 3 + 10} volunteers were filling sandbags near the market. "
        f"Schools in {town} will stay closed until Friday, the education office said in a statement. "
        f"Forecasters expect more rain over the weekend, and residents of low streets were told to move cars. "
        f"The Red Cross said it had opened two more shelters and asked for blankets and drinking water. "
        f"Report {feed}-{entry}."
    )


def serve_feeds(server: WatchServer, feeds: int, entries: int) -> list[str]:
    urls = []
    for feed in range(feeds):
        items = [
            f"<item><title>Flood report {feed}-{entry}</title><link>http://{server.host}/a/{feed}/{entry}</link>"
            f"<guid>urn:bench:{feed}:{entry}</guid><pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>"
            f"<description>{entry_text(feed, entry)}</description></item>"
            for entry in range(entries)
        ]
        path = f"/feeds/{feed}.xml"
        server.feed(path, f"{OUTLETS[feed % len(OUTLETS)]} {feed}", items)
        urls.append(server.url(path))
    return urls


def empty_store_entry(article: Article, store: Store) -> EntryOutcome:
    document = to_document(article).to_dict()
    saved = store.save_document({"schema": "sitrep/1", "document": document}, origin=article.origin)
    return EntryOutcome("", ENTRY_STORED if saved else "duplicate", document_id=document["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=100)
    parser.add_argument("--no-extract", action="store_true", help="store empty layers (the watcher's own cost)")
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    console = Console(width=130)
    options = IngestOptions(allow_private=True)
    with tempfile.TemporaryDirectory() as folder, watch_server() as server:
        urls = serve_feeds(server, args.feeds, args.entries)
        db = args.db or f"sqlite:///{folder}/watch.db"
        with Store.open(db) as store:
            store_entry = empty_store_entry if args.no_extract else store_article
            if not args.no_extract:
                from sitrep.nlp.engine import load_pipeline

                load_pipeline()  # the model load is not part of the rate
            watcher = Watcher(store, urls, options=options, pacer=HostPacer(0), store_entry=store_entry)
            rows = []
            for label in ("first poll", "second poll"):
                server.clear_log()
                started = time.perf_counter()
                report = watcher.poll_round(ignore_interval=True)
                seconds = time.perf_counter() - started
                statuses = Counter(server.statuses())
                rows.append((label, report, seconds, statuses))
            documents = store.counts()["documents"]
    table = Table(
        title=f"sitrep watch: {args.feeds} feeds x {args.entries} entries"
        + (" (no extraction)" if args.no_extract else " (with extraction)"),
        header_style="bold",
    )
    for column in ("poll", "requests", "200", "304", "other", "new articles", "errors", "seconds", "articles/min"):
        table.add_column(column, justify="left" if column == "poll" else "right")
    for label, report, seconds, statuses in rows:
        other = sum(n for status, n in statuses.items() if status not in (200, 304))
        rate = report.stored / seconds * 60 if report.stored else 0.0
        table.add_row(
            label,
            str(sum(statuses.values())),
            str(statuses.get(200, 0)),
            str(statuses.get(304, 0)),
            str(other),
            str(report.stored),
            str(report.errors),
            f"{seconds:.1f}",
            f"{rate:,.0f}" if rate else "-",
        )
    console.print(table)
    second = rows[1][3]
    only_304 = set(second) == {304} and second[304] == args.feeds
    console.print(f"documents stored: {documents}; second poll only 304s: {'yes' if only_304 else 'NO'}")
    sys.exit(0 if only_304 else 1)


if __name__ == "__main__":
    main()
