"""The one loader of bundled data files: every problem is one ResourceError naming the file and the row."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from sitrep import resources
from sitrep.errors import ResourceError


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the loader at a folder of our own instead of sitrep/resources."""
    monkeypatch.setattr(resources, "_root", lambda: tmp_path)
    return tmp_path


def test_every_bundled_loader_loads() -> None:
    assert resources.check() == len(resources.LOADERS)


@pytest.mark.parametrize("path", resources.LOADERS)
def test_every_loader_is_named_right(path: str) -> None:
    module, function = path.split(":")
    assert callable(getattr(importlib.import_module(module), function))


def test_missing_file_is_named(data_dir: Path) -> None:
    with pytest.raises(ResourceError, match=r"^nowhere\.tsv: bundled resource file is missing"):
        resources.rows("nowhere.tsv")


def test_rows_skip_comments_and_blank_lines_and_strip_cells(data_dir: Path) -> None:
    (data_dir / "words.tsv").write_text("# a comment\n\nalpha\t one \n  # indented comment\nbeta\ttwo\n")
    found = resources.rows("words.tsv")
    assert [(r.number, r.cells) for r in found] == [(3, ["alpha", "one"]), (5, ["beta", "two"])]


def test_a_row_with_the_wrong_number_of_cells_names_file_and_line(data_dir: Path) -> None:
    (data_dir / "words.tsv").write_text("alpha\tone\nbeta\n")
    second = resources.rows("words.tsv")[1]
    with pytest.raises(ResourceError, match=r"^words\.tsv:2: expected 2 tab-separated cells, found 1"):
        second.expect(2)
    assert second.expect(1, 2) == ["beta"]


def test_records_use_the_header_and_reject_long_rows(data_dir: Path) -> None:
    (data_dir / "table.tsv").write_text("# comment\nnoun\tunit\nmetre\tm\nmile\n")
    assert resources.records("table.tsv") == [{"noun": "metre", "unit": "m"}, {"noun": "mile", "unit": ""}]
    (data_dir / "table.tsv").write_text("noun\tunit\nmetre\tm\textra\n")
    with pytest.raises(ResourceError, match=r"^table\.tsv:2: 3 cells"):
        resources.records("table.tsv")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"a": 1,\n "b": }', r"^rules\.json:2: malformed JSON"),
        ("[1, 2]", r"^rules\.json: expected a JSON object"),
        (b"\xff\xfe{}", r"^rules\.json: not UTF-8 text"),
    ],
)
def test_bad_json_is_named(data_dir: Path, content: str | bytes, message: str) -> None:
    path = data_dir / "rules.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ResourceError, match=message):
        resources.json_object("rules.json")


def test_json_lines_name_the_bad_line(data_dir: Path) -> None:
    (data_dir / "patterns.jsonl").write_text('{"label": "GPE"}\n\n{"label": \n')
    with pytest.raises(ResourceError, match=r"^patterns\.jsonl:3: malformed JSON"):
        resources.json_lines("patterns.jsonl")


def test_a_missing_key_while_building_is_one_error_naming_the_file() -> None:
    with pytest.raises(ResourceError, match=r"^fusion\.json: missing key 'picture'"), resources.reading("fusion.json"):
        {"stopwords": []}["picture"]


def test_a_broken_bundled_file_fails_its_loader_with_the_row(data_dir: Path) -> None:
    """A real loader (the claims cue lexicon) over a file with a bad row: the file and line, not a KeyError."""
    from sitrep.layers.claims import cues

    (data_dir / cues.CUES_FILE).write_text("# words\tpos\tstance\trefine\tfactuality\tframes\nsay\tverb\tassert\n")
    (data_dir / cues.WORDS_FILE).write_text("")
    cues.load_cues.cache_clear()
    try:
        with pytest.raises(ResourceError, match=rf"^{cues.CUES_FILE}:2: expected 6 tab-separated columns"):
            cues.load_cues()
    finally:
        cues.load_cues.cache_clear()


def test_a_batch_with_a_broken_file_stops_once(data_dir: Path) -> None:
    """``extract_sources`` checks the data before the first document, so the error is raised, not recorded per document."""
    from sitrep.layers.events import lexicon
    from sitrep.workflow import BatchReport, extract_sources

    lexicon.load_lexicon.cache_clear()
    report = BatchReport()
    try:
        with pytest.raises(ResourceError):
            list(extract_sources(["unused.txt"], report=report))
    finally:
        lexicon.load_lexicon.cache_clear()
    assert report.failures == []
