"""Several writers at once on one store (SQLite in WAL mode with a busy timeout, and PostgreSQL):
two ``sitrep ingest`` runs, ``sitrep watch`` and the API, over overlapping articles, lose and
duplicate nothing: every distinct article is stored once, with its layers, stories and search rows."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from sitrep.store import Store
from sitrep.store.check import check_store
from sitrep.store.tokens import TokenStore
from sitrep.watch import Watcher
from sitrep.watch.schedule import HostPacer
from test_watch import OPTIONS, fake_store_entry
from watch_server import watch_server
from web_support import make_client

pytest_plugins = ["store_fixtures"]

TOWNS = ["Velmar", "Tarn", "Ostrava Bay", "Kesh", "Dorrin", "Maro", "Lisk", "Pella", "Aven", "Corra", "Brisk", "Hale"]


def article(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    return (
        f"Officials in {town} said on Tuesday that {number + 3} families had been moved to shelters after "
        f"the river rose for a {number + 2}th day. The regional governor said road crews were repairing "
        f"bridge number {number} and that schools would reopen next week. Report {number}."
    )


def feed_items(numbers: range, host: str) -> list[str]:
    from xml.sax.saxutils import escape

    return [
        f"<item><title>Report {n}</title><link>http://{host}/a/{n}</link><guid>urn:{n}</guid>"
        f"<description>{escape(' '.join(article(n + k) for k in (0, 1000, 2000)))}</description></item>"
        for n in numbers
    ]


def write_corpus(folder: Path, numbers: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"report-{n:03d}.txt").write_text(
            f"---\nsource: Wire {n % 3}\npublished: 2026-03-0{1 + n % 8}\n---\n" + article(n)
        )


def search_rows(store: Store) -> tuple[int, int]:
    """Rows in the documents search index, and documents."""
    with store.engine.connect() as connection:
        indexed = connection.execute(text("SELECT count(*) FROM search_documents")).scalar_one()
        documents = connection.execute(text("SELECT count(*) FROM documents")).scalar_one()
    return indexed, documents


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_writer_threads_a_watcher_and_api_reads_at_once_lose_nothing(store_url: str) -> None:
    """In-process and without the model: two writers saving overlapping documents, a watcher and API readers."""
    from sitrep.web import create_app
    from store_samples import document

    def extraction(n: int) -> dict[str, Any]:
        return {"schema": "sitrep/1", "document": document(article(n), source=f"Wire {n % 3}")}

    errors: list[BaseException] = []
    with watch_server() as server, Store.open(store_url) as first, Store.open(store_url) as second:
        server.feed("/live.xml", "Live Wire", feed_items(range(0, 30), server.host))

        def write(store: Store, numbers: range) -> None:
            try:
                for n in numbers:
                    store.save_document(extraction(n), origin=f"thread-{n}")
            except BaseException as exc:  # noqa: BLE001 (reported below)
                errors.append(exc)

        def watch() -> None:
            try:
                with Store.open(store_url) as own:
                    Watcher(
                        own,
                        [server.url("/live.xml")],
                        options=OPTIONS,
                        pacer=HostPacer(0),
                        store_entry=fake_store_entry,
                    ).poll_round()
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        def read(client: Any) -> None:
            try:
                for _ in range(20):
                    assert client.get("/api/search", params={"q": "families"}).status_code == 200
                    assert client.get("/api/documents").status_code == 200
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        with make_client(create_app(store_url)) as client:
            threads = [
                threading.Thread(target=write, args=(first, range(0, 60))),
                threading.Thread(target=write, args=(second, range(30, 90))),
                threading.Thread(target=watch),
                threading.Thread(target=read, args=(client,)),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        assert errors == []
        expected = 90 + 30  # 90 file texts; the feed's 30 entries are texts of their own
        assert first.counts()["documents"] == expected
        assert search_rows(first) == (expected, expected)
        assert check_store(first).ok


@pytest.mark.slow
@pytest.mark.model
def test_two_ingests_a_watcher_and_the_api_at_once_lose_and_duplicate_nothing(store_url: str, tmp_path: Path) -> None:
    """The real thing: four processes (two `sitrep ingest`, `sitrep watch`, `sitrep serve`) extracting at once."""
    write_corpus(tmp_path / "a", range(0, 14))
    write_corpus(tmp_path / "b", range(7, 21))  # 7..13 in both
    with Store.open(store_url) as store:
        secret = TokenStore(store.engine).create("concurrency", datetime.now(UTC))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cli = [sys.executable, "-m", "sitrep"]
    port = free_port()
    with watch_server() as server:
        server.feed("/live.xml", "Live Wire", feed_items(range(17, 24), server.host))  # texts of their own
        serve = subprocess.Popen(
            [*cli, "serve", "--db", store_url, "--port", str(port)], env=env, stderr=subprocess.PIPE
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            runs = [
                subprocess.Popen(
                    [*cli, "ingest", str(tmp_path / "a"), "--db", store_url], env=env, stderr=subprocess.PIPE
                ),
                subprocess.Popen(
                    [*cli, "ingest", str(tmp_path / "b"), "--db", store_url], env=env, stderr=subprocess.PIPE
                ),
                subprocess.Popen(
                    [
                        *cli,
                        "watch",
                        server.url("/live.xml"),
                        "--once",
                        "--allow-private",
                        "--host-delay",
                        "0",
                        "--db",
                        store_url,
                    ],
                    env=env,
                    stderr=subprocess.PIPE,
                ),
            ]
            posted = []
            for n in range(10, 18):  # overlaps both folders
                answer = httpx.post(
                    f"{base}/api/documents",
                    json={"text": article(n), "source": f"Wire {n % 3}"},
                    headers={"Authorization": f"Bearer {secret}"},
                    timeout=120,
                )
                assert answer.status_code == 200, answer.text
                posted.append(answer.json()["id"])
            for run in runs:
                _, stderr = run.communicate(timeout=600)
                assert run.returncode == 0, stderr.decode()[-2000:]
        finally:
            serve.terminate()
            serve.communicate(timeout=30)
    with Store.open(store_url) as store:
        assert store.counts()["documents"] == 21 + 7  # 21 distinct file texts (the API's were among them) + 7 entries
        assert search_rows(store) == (28, 28)
        assert all(store.has_document(doc_id) for doc_id in posted)
        assert check_store(store).ok
