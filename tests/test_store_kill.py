"""Kill -9 at seeded random points of a save loop and of `sitrep ingest`, re-run: `sitrep check` passes.

Each kill point comes from a seed: wait until a random number of documents is stored,
then a random fraction of a document's save more, then SIGKILL. After every kill the
store must already pass ``check_store`` (nothing half-written); after the re-run every
document is there exactly once, with all its layers and its story.

The fast variant kills the generated-document writer (``store_writer.py``, no model)
once per backend; the slow ones kill it at several seeds, and kill real ``sitrep ingest``
subprocesses (model loaded, articles with syndicated copies) on both backends.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitrep
from sitrep.cli import main
from sitrep.store import Store, row_counts
from sitrep.store.check import check_store
from store_samples import tiny_extraction
from store_writer import write

pytest_plugins = ["store_fixtures"]  # the store_url fixture

WRITER = Path(__file__).with_name("store_writer.py")
WRITER_DOCUMENTS = 80
FAST_SEEDS = [11]
SLOW_SEEDS = [1, 2, 3, 4, 5]
INGEST_SEEDS = [7, 8]
INGEST_ARTICLES = 24
WAIT_LIMIT = 240  # seconds a run may take to reach its kill point on a loaded machine


def environment() -> dict[str, str]:
    src = str(Path(sitrep.__file__).resolve().parents[1])
    return {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
    }


def writer_command(url: str, *options: str) -> list[str]:
    return [sys.executable, str(WRITER), url, str(WRITER_DOCUMENTS), *options]


def ingest_command(url: str, corpus: Path) -> list[str]:
    return [sys.executable, "-m", "sitrep", "ingest", str(corpus), "--db", url]


def stored_documents(observer: Store) -> int:
    return observer.list_documents(1)[0]


def kill_at(url: str, command: list[str], seed: int, most: int) -> int:
    """Start ``command``, SIGKILL it at the point ``seed`` picks (after 1..most-1 documents
    and part of the next); return how many documents were stored when it died."""
    rng = random.Random(seed)
    at_least, extra = rng.randint(1, most - 1), rng.uniform(0.0, 0.05)
    process = subprocess.Popen(command, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + WAIT_LIMIT
    try:
        with Store.open(url) as observer:
            while stored_documents(observer) < at_least and process.poll() is None:
                if time.monotonic() > deadline:
                    pytest.fail(f"seed {seed}: fewer than {at_least} documents after {WAIT_LIMIT}s")
                time.sleep(0.02)
        time.sleep(extra)
        if process.poll() is not None:
            pytest.fail(f"seed {seed}: the run ended before its kill point: {process.stderr.read()[-500:]}")
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with Store.open(url) as store:
        result = check_store(store)
        assert result.ok, (seed, result.problems())
        return stored_documents(store)


def assert_writer_store_complete(url: str) -> None:
    expected = [tiny_extraction(number) for number in range(WRITER_DOCUMENTS)]
    with Store.open(url) as store:
        result = check_store(store)
        assert result.ok, result.problems()
        assert sorted(store.extracted_ids()) == sorted(e["document"]["id"] for e in expected)
        assert store.counts() == {table: sum(row_counts(e)[table] for e in expected) for table in store.counts()}


def kill_writer_and_resume(url: str, seeds: list[int]) -> list[int]:
    """Kill the slowed writer once per seed (each run resuming the last), then finish; stored counts at each kill."""
    Store.open(url).close()  # migrate first: a kill inside a migration is another matter
    survived = [
        kill_at(url, writer_command(url, "--statement-delay", "0.002"), seed, WRITER_DOCUMENTS) for seed in seeds
    ]
    assert write(url, WRITER_DOCUMENTS) == (WRITER_DOCUMENTS - survived[-1], survived[-1])  # the re-run, in-process
    assert_writer_store_complete(url)
    return survived


def test_a_writer_killed_at_a_random_point_resumes_and_checks_clean(store_url: str) -> None:
    survived = kill_writer_and_resume(store_url, FAST_SEEDS)
    assert 0 < survived[0] < WRITER_DOCUMENTS


@pytest.mark.slow
def test_a_writer_killed_at_many_random_points_loses_and_duplicates_nothing(store_url: str) -> None:
    survived = kill_writer_and_resume(store_url, SLOW_SEEDS)
    assert survived == sorted(survived)  # a later run never lost what an earlier one stored


ARTICLE = (
    "{town} came under artillery fire on {day}, officials in {region} said.\n\n"
    "The regional governor, {person}, said {count} homes were damaged and {wounded} people were wounded "
    "in the shelling, which lasted about {hours} hours.\n\n"
    "Residents of {town} described hearing explosions from early morning. Aid groups said they were "
    "sending water and blankets to families who had left the area."
)
TOWNS = ["Velka", "Orsin", "Marrow", "Tessel", "Brenno", "Callow", "Dunmore", "Ebbet"]
PEOPLE = ["Ivo Brenner", "Lena Hart", "Piotr Salo", "Mara Quint"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def write_corpus(folder: Path, articles: int) -> None:
    """Articles of our own; every fourth is a re-headlined copy of the one before (a syndicated story)."""
    folder.mkdir()
    for number in range(articles):
        base = number - 1 if number % 4 == 3 else number
        body = ARTICLE.format(
            town=TOWNS[base % len(TOWNS)],
            day=DAYS[base % len(DAYS)],
            region=f"Region {base}",
            person=PEOPLE[base % len(PEOPLE)],
            count=base + 3,
            wounded=base % 5 + 1,
            hours=base % 3 + 2,
        )
        headline = f"Copy {number}: shelling reported" if base != number else f"Shelling in {TOWNS[base % 8]}"
        (folder / f"article{number:03d}.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")


@pytest.mark.slow
def test_sitrep_ingest_killed_at_random_points_resumes_and_checks_clean(store_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, INGEST_ARTICLES)
    Store.open(store_url).close()
    survived = [kill_at(store_url, ingest_command(store_url, corpus), seed, INGEST_ARTICLES) for seed in INGEST_SEEDS]
    assert all(0 < n < INGEST_ARTICLES for n in survived)
    resumed = subprocess.run(
        ingest_command(store_url, corpus), check=False, env=environment(), capture_output=True, text=True, timeout=600
    )
    assert resumed.returncode == 0, resumed.stderr
    checked = CliRunner().invoke(main, ["check", "--db", store_url])
    assert checked.exit_code == 0, checked.output
    with Store.open(store_url) as store:
        assert store.list_documents(1)[0] == INGEST_ARTICLES
        assert len(store.story_groups()) == INGEST_ARTICLES // 4  # each copy joined its original's story
