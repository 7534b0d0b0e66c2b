"""Checks on the bundled demo corpus (demo/corpus) and its truth file (demo/truth.json).

The corpus is fiction written for sitrep; the truth file records its cross-document
structure (syndicated copies, events, figure contradictions) for the fusion benchmark.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
CORPUS = DEMO / "corpus"
TRUTH_PATH = DEMO / "truth.json"

REQUIRED_KEYS = {"title", "published", "source", "url", "fiction"}
FIRST_DAY, LAST_DAY = dt.date(2026, 3, 2), dt.date(2026, 3, 15)
QUALIFIERS = {"exact", "approx", "at_least", "more_than", "at_most", "up_to", "less_than", "range"}
CATEGORIES = {
    "troops",
    "killed",
    "wounded",
    "casualties",
    "captured",
    "missing",
    "displaced",
    "weapons",
    "money",
    "other",
}
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
COPY_MIN_SIMILARITY = 0.8
INDEPENDENT_MAX_SIMILARITY = 0.5


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return the `key: value` pairs between the leading `---` lines, and the body after them."""
    lines = text.split("\n")
    assert lines[0] == "---", "file must start with a '---' line"
    end = lines.index("---", 1)
    meta = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(": ")
        assert sep, f"front matter line without 'key: value': {line!r}"
        meta[key.strip()] = value.strip()
    return meta, "\n".join(lines[end + 1 :])


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def body_of(name: str) -> str:
    return split_front_matter((CORPUS / name).read_text(encoding="utf-8"))[1]


def text_of(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def similarity(a: str, b: str) -> float:
    """Word-level similarity of two bodies, ignoring their headline lines."""
    words_a = a.strip().split("\n", 1)[1].split()
    words_b = b.strip().split("\n", 1)[1].split()
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads(TRUTH_PATH.read_text(encoding="utf-8"))


def test_corpus_has_about_twenty_articles() -> None:
    assert 18 <= len(corpus_files()) <= 24


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_front_matter_and_body(path: Path) -> None:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    assert meta.keys() >= REQUIRED_KEYS
    assert meta["fiction"] == "true"
    published = dt.date.fromisoformat(meta["published"])
    assert FIRST_DAY <= published <= LAST_DAY
    assert path.name.startswith(meta["published"])
    assert urlparse(meta["url"]).hostname.endswith(".example")
    assert body.strip().split("\n", 1)[0] == meta["title"]
    assert 250 <= len(body.split()) <= 700
    assert ": " not in meta["title"], "keep titles plain YAML scalars"


def test_readme_marks_fiction_and_lists_every_file() -> None:
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    assert "fiction" in readme.lower()
    for path in corpus_files():
        assert path.name in readme


def test_truth_files_exist(truth: dict) -> None:
    names = {p.name for p in corpus_files()}
    referenced = {name for group in truth["syndication"] for name in group}
    referenced |= {r["file"] for e in truth["events"] for r in e["reports"]}
    referenced |= {s["file"] for c in truth["contradictions"] for s in c["sides"]}
    referenced |= {f["file"] for f in truth["figures"]}
    assert referenced <= names


def test_event_sentences_are_verbatim(truth: dict) -> None:
    missing = [
        (e["id"], r["file"]) for e in truth["events"] for r in e["reports"] if r["sentence"] not in body_of(r["file"])
    ]
    assert missing == []


def test_figure_texts_are_verbatim(truth: dict) -> None:
    missing = [(f["file"], f["text"]) for f in truth["figures"] if f["text"] not in body_of(f["file"])]
    missing += [
        (s["file"], s["figure_text"])
        for c in truth["contradictions"]
        for s in c["sides"]
        if s["figure_text"] not in body_of(s["file"])
    ]
    assert missing == []


def test_contradiction_sides_are_listed_figures(truth: dict) -> None:
    listed = {(f["file"], f["text"]) for f in truth["figures"]}
    unlisted = [
        (s["file"], s["figure_text"])
        for c in truth["contradictions"]
        for s in c["sides"]
        if (s["file"], s["figure_text"]) not in listed
    ]
    assert unlisted == []
    assert {c["expected"] for c in truth["contradictions"]} == {True, False}


def test_figure_fields_use_contract_values(truth: dict) -> None:
    for figure in truth["figures"]:
        assert figure["qualifier"] in QUALIFIERS, figure
        assert figure["category"] in CATEGORIES, figure
        if figure["qualifier"] == "range":
            assert figure["low"] < figure["high"], figure


def test_events_use_plover_types(truth: dict) -> None:
    ids = [e["id"] for e in truth["events"]]
    assert len(ids) == len(set(ids))
    for event in truth["events"]:
        assert event["type"] in PLOVER, event["id"]
        assert event["reports"], event["id"]


def test_syndicated_copies_are_near_identical(truth: dict) -> None:
    assert [len(group) for group in truth["syndication"]] == [2, 3]
    for group in truth["syndication"]:
        for a, b in itertools.combinations(group, 2):
            assert similarity(body_of(a), body_of(b)) >= COPY_MIN_SIMILARITY, (a, b)
            titles = {split_front_matter(text_of(n))[0]["title"] for n in (a, b)}
            assert len(titles) == 2, "a syndicated copy carries its own headline"


def test_independent_reports_are_worded_differently(truth: dict) -> None:
    copy_group = {name: i for i, group in enumerate(truth["syndication"]) for name in group}
    for event in truth["events"]:
        files = sorted({r["file"] for r in event["reports"] if r["role"] == "main"})
        for a, b in itertools.combinations(files, 2):
            if a in copy_group and copy_group.get(a) == copy_group.get(b):
                continue
            assert similarity(body_of(a), body_of(b)) < INDEPENDENT_MAX_SIMILARITY, (event["id"], a, b)


def test_an_event_is_reported_by_four_independent_outlets(truth: dict) -> None:
    def outlets(event: dict) -> set[str]:
        return {split_front_matter(text_of(r["file"]))[0]["source"] for r in event["reports"] if r["role"] == "main"}

    assert max(len(outlets(e)) for e in truth["events"]) >= 4
