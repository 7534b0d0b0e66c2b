"""The command line end to end: extract, ingest, bad inputs, resuming after a crash."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.schema import problems


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_extract_prints_a_valid_contract_object(article_path):
    result = run("extract", str(article_path), "--json")
    assert result.exit_code == 0, result.output
    extraction = json.loads(result.stdout)
    assert problems(extraction) == []
    assert extraction["document"]["published"] == "2026-03-05"
    assert extraction["document"]["source"] == "Pontic Courier"


def test_extract_options_override_metadata(article_path):
    result = run("extract", str(article_path), "--json", "--published", "2026-03-06", "--source", "Wire")
    document = json.loads(result.stdout)["document"]
    assert (document["published"], document["source"]) == ("2026-03-06", "Wire")


def test_extract_jsonl_prints_one_object_per_input_in_order(article_path, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Protesters gathered in Tbilisi on Sunday.", encoding="utf-8")
    result = run("extract", str(article_path), str(other), "--jsonl")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["document"]["text"] for d in lines][1] == "Protesters gathered in Tbilisi on Sunday."


def test_extract_rejects_a_malformed_date(article_path):
    result = CliRunner().invoke(main, ["extract", str(article_path), "--published", "5 March"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


BAD_INPUTS = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n  ",
    "binary.txt": b"\x00\x01\x02\x03PNG\x00\x00" * 20,
    "latin1.txt": "Caf\u00e9 in Kyiv".encode("latin-1"),
    "broken.jsonl": b'{"text": "A good line about Kharkiv."}\n{not json}\n',
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_one_clear_line_and_the_batch_goes_on(name, tmp_path, article_path):
    bad = tmp_path / name
    bad.write_bytes(BAD_INPUTS[name])
    result = run("extract", str(bad), str(article_path), "--jsonl")
    assert result.exit_code == 1
    failure_lines = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert failure_lines and name in failure_lines[0]
    assert "Traceback" not in result.output
    texts = [json.loads(line)["document"]["text"] for line in result.stdout.splitlines()]
    assert any("Odesa" in text for text in texts)


def test_oversized_input_is_refused(tmp_path, article_path):
    big = tmp_path / "big.txt"
    big.write_text("Shelling continued. " * 200, encoding="utf-8")
    result = run("extract", str(big), "--max-bytes", "1000", "--json")
    assert result.exit_code == 1
    assert "big.txt" in result.stderr


def test_missing_file_is_named(tmp_path):
    result = run("extract", str(tmp_path / "nowhere.txt"), "--json")
    assert result.exit_code == 1
    assert "nowhere.txt" in result.stderr


def db_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("documents", "actors", "places", "times", "figures", "claims", "events")
        }


def test_ingesting_twice_adds_nothing(tmp_path, article_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(article_path.read_bytes())
    (corpus / "b.txt").write_text("Talks between Armenia and Azerbaijan resumed in Geneva on Monday.", encoding="utf-8")
    db = tmp_path / "s.db"
    first = run("ingest", str(corpus), "--db", f"sqlite:///{db}")
    assert first.exit_code == 0, first.output
    counts = db_counts(db)
    second = run("ingest", str(corpus), "--db", f"sqlite:///{db}")
    assert second.exit_code == 0
    assert db_counts(db) == counts
    assert counts["documents"] == 2


def test_non_english_articles_are_stored_and_flagged(tmp_path):
    german = tmp_path / "de.txt"
    german.write_text(
        "Die Regierung hat am Montag neue Sanktionen gegen das Land beschlossen, "
        "sagte ein Sprecher des Ministeriums in Berlin.",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    assert run("ingest", str(german), "--db", f"sqlite:///{db}").exit_code == 0
    with sqlite3.connect(db) as con:
        assert con.execute("select language, status from documents").fetchall() == [("de", "skipped_language")]


def write_corpus(directory: Path, count: int) -> None:
    directory.mkdir()
    for n in range(count):
        (directory / f"doc{n:03}.txt").write_text(
            f"Report {n}: officials in Kharkiv said {n + 3} people were wounded on Monday.", encoding="utf-8"
        )


@pytest.mark.slow  # two subprocess ingests of 200 articles: half a minute idle, minutes on a loaded machine
def test_an_ingest_killed_partway_resumes_without_duplicates(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "kill.db"
    write_corpus(corpus, 200)
    command = [sys.executable, "-m", "sitrep", "ingest", str(corpus), "--db", f"sqlite:///{db}"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if db.exists() and _stored(db) >= 20:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_before = _stored(db)
    assert 0 < stored_before < 200, "the kill should land partway"
    resumed = subprocess.run(command, check=False, capture_output=True, text=True, env=env, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    with sqlite3.connect(db) as con:
        ids = [row[0] for row in con.execute("select id from documents")]
        extractions = [json.loads(row[0]) for row in con.execute("select extraction from documents")]
    assert len(ids) == len(set(ids)) == 200
    assert all(e["document"]["id"] in ids for e in extractions)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return con.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_eval_prints_a_table_per_set_and_layer(tmp_path):
    text = "Shelling hit Kharkiv on Monday, officials said."
    gold = {
        "schema": "sitrep/1",
        "layers": ["times"],
        "document": {
            "id": "x",
            "title": None,
            "source": None,
            "url": None,
            "published": "2026-03-05",
            "language": "en",
            "text": text,
        },
        "actors": [],
        "places": [],
        "figures": [],
        "claims": [],
        "events": [],
        "times": [
            {
                "id": "T1",
                "text": "Monday",
                "span": [24, 30],
                "start": "2026-03-02",
                "end": "2026-03-02",
                "granularity": "day",
                "relative": True,
            }
        ],
    }
    gold_dir = tmp_path / "mini"
    gold_dir.mkdir()
    (gold_dir / "monday.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    table = run("eval", str(gold_dir))
    assert table.exit_code == 0, table.output
    assert "times" in table.stdout and "mini" in table.stdout
    scores = json.loads(run("eval", str(gold_dir), "--json").stdout)
    assert scores["sets"]["mini"]["times"]["f1"] == 1.0
    assert scores["sets"]["mini"]["actors"] is None


def test_stories_and_entities_list_what_ingest_grouped(tmp_path, article_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    original = article_path.read_text(encoding="utf-8")
    (corpus / "wire.txt").write_text(original, encoding="utf-8")
    copy = original.replace("source: Pontic Courier", "source: Black Sea Daily").replace(
        "title: Drone strike hits Odesa port warehouses, officials say", "title: Odesa port burns after drone raid"
    )
    (corpus / "copy.txt").write_text(
        copy.replace("Drone strike hits Odesa port warehouses, officials say\n", "Odesa port burns after drone raid\n"),
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert run("ingest", str(corpus), "--db", db).exit_code == 0
    stories = json.loads(run("stories", "--db", db, "--json").output)
    assert len(stories) == 1 and len(stories[0]["documents"]) == 2
    assert "Black Sea Daily" in run("stories", "--db", db).output
    places = json.loads(run("entities", "--db", db, "--kind", "place", "-q", "odesa", "--json").output)
    assert places and places[0]["documents"] == 2 and places[0]["kind"] == "place"
    assert "Odesa" in run("entities", "--db", db, "--kind", "place").output
