"""JSONL ingest: one article per line; each bad line is its own failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.ingest import Article, Failure, iter_articles
from sitrep.ingest.jsonl import iter_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = "The customs office at Brenn said on Friday that lorry queues had grown to eight kilometres."


def run(tmp_path: Path, data: bytes, *, max_bytes: int = 5_000_000) -> list[Article | Failure]:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    return list(iter_jsonl(path, origin="batch.jsonl", max_bytes=max_bytes))


def line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def test_fixture_good_and_bad_lines() -> None:
    path = FIXTURES / "articles.jsonl"
    items = list(iter_articles([str(path)]))
    outcome = [(item.origin.rsplit(":", 1)[1], type(item).__name__) for item in items]
    assert outcome == [
        ("1", "Article"),
        ("2", "Failure"),
        ("4", "Failure"),
        ("5", "Failure"),
        ("6", "Failure"),
        ("7", "Article"),
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, Article) and isinstance(last, Article)
    assert first.title == "Pit to reopen"
    assert first.published == "2021-06-04"
    assert first.source == "Ledger Daily"
    assert first.url == "https://ledger.example.org/pit"
    assert first.extra == {"region": "north"}
    assert first.language == "en"
    assert last.language == "fr"
    messages = [item.message for item in items if isinstance(item, Failure)]
    assert messages == [
        "invalid JSON (Invalid control character at column 17)",
        "missing field 'text'",
        "field 'text' must be a string, not number",
        "expected a JSON object, got array",
    ]


def test_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "  \n" + TEXT + "\r\n\tEnd.  "
    [article] = run(tmp_path, line(text=text))
    assert isinstance(article, Article) and article.text == text


def test_given_language_wins_and_is_normalised(tmp_path: Path) -> None:
    [article] = run(tmp_path, line(text=TEXT, language="EN-us"))
    assert isinstance(article, Article) and article.language == "en"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "   "}, "field 'text' contains only whitespace"),
        ({"text": ""}, "empty field 'text'"),
        ({"text": None}, "field 'text' must be a string, not null"),
        ({"text": TEXT, "title": ["a"]}, "field 'title' must be a string, not list"),
        ({"text": TEXT, "published": "soon"}, "published: cannot read 'soon' as a date"),
        ({"text": TEXT, "language": "zz"}, "language: 'zz' is not an ISO 639"),
    ],
)
def test_bad_records(tmp_path: Path, record: dict[str, object], message: str) -> None:
    [failure] = run(tmp_path, json.dumps(record).encode())
    assert isinstance(failure, Failure)
    assert failure.origin == "batch.jsonl:1"
    assert failure.message.startswith(message)


def test_non_utf8_line_names_offset_and_others_survive(tmp_path: Path) -> None:
    data = line(text=TEXT) + b'{"text": "caf\xe9"}\n' + line(text=TEXT)
    items = run(tmp_path, data)
    assert [type(item).__name__ for item in items] == ["Article", "Failure", "Article"]
    assert items[1] == Failure("batch.jsonl:2", "not UTF-8 text (byte 0xe9 at offset 13 of the line)")


def test_too_long_line_is_skipped(tmp_path: Path) -> None:
    data = line(text=TEXT) + line(text="x" * 500) + line(text=TEXT)
    items = run(tmp_path, data, max_bytes=200)
    assert [item.origin for item in items] == ["batch.jsonl:1", "batch.jsonl:2", "batch.jsonl:3"]
    assert items[1] == Failure("batch.jsonl:2", "line too long (more than 200 bytes)")
    assert isinstance(items[2], Article)


def test_blank_lines_are_skipped_and_numbering_kept(tmp_path: Path) -> None:
    items = run(tmp_path, b"\n  \n" + line(text=TEXT))
    assert [item.origin for item in items] == ["batch.jsonl:3"]


def test_bom_on_first_line(tmp_path: Path) -> None:
    [article] = run(tmp_path, b"\xef\xbb\xbf" + line(text=TEXT))
    assert isinstance(article, Article) and article.text == TEXT


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\n\n  \n", "no JSON lines in file"),
        (b'{"text": "a\x00b"}\n', "binary data, not text (NUL byte at offset 11)"),
    ],
)
def test_whole_file_problems(tmp_path: Path, data: bytes, message: str) -> None:
    assert run(tmp_path, data) == [Failure("batch.jsonl", message)]


def test_missing_jsonl_file(tmp_path: Path) -> None:
    items = list(iter_articles([str(tmp_path / "gone.jsonl")]))
    assert items == [Failure(str(tmp_path / "gone.jsonl"), "no such file or directory")]
