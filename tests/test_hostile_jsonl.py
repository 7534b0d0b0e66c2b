"""Hostile JSONL: each bad line fails alone, with its line number, and reading goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.ingest import Article, Failure
from sitrep.ingest.jsonl import iter_jsonl

TEXT = "The harbour master at Tessel said on Monday that two ferries had been held at the quay."


def good_line(n: int) -> bytes:
    return json.dumps({"text": f"{TEXT} Line {n}."}).encode() + b"\n"


def read(tmp_path: Path, data: bytes) -> list[Article | Failure]:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    return list(iter_jsonl(path, origin="batch.jsonl", max_bytes=5_000_000))


def failures(items: list[Article | Failure]) -> dict[str, str]:
    return {item.origin: item.message for item in items if isinstance(item, Failure)}


def test_a_huge_integer_fails_its_line_and_the_rest_is_read(tmp_path: Path) -> None:
    bad = b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n"
    items = read(tmp_path, good_line(1) + bad + b"".join(good_line(n) for n in range(3, 200)))
    assert failures(items) == {
        "batch.jsonl:2": "invalid JSON (Exceeds the limit (4300 digits) for integer string "
        "conversion: value has 5000 digits)"
    }
    assert sum(isinstance(item, Article) for item in items) == 198


def test_deep_nesting_fails_its_line_only(tmp_path: Path) -> None:
    bad = b'{"text": "x", "deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    items = read(tmp_path, bad + good_line(2))
    assert failures(items) == {"batch.jsonl:1": "invalid JSON (nested too deeply)"}
    assert isinstance(items[-1], Article)


def test_a_lone_surrogate_is_refused_with_its_field(tmp_path: Path) -> None:
    items = read(tmp_path, b'{"text": "Shelling near \\ud800 the bridge"}\n' + good_line(2))
    message = failures(items)["batch.jsonl:1"]
    assert message == "field 'text' holds a lone surrogate U+D800 at character 14 (not valid Unicode text)"
    assert isinstance(items[-1], Article)


def test_a_lone_surrogate_in_nested_metadata_is_refused(tmp_path: Path) -> None:
    line = json.dumps({"text": TEXT, "tags": [{"name": "\udfff"}]}).encode() + b"\n"
    assert "lone surrogate U+DFFF" in failures(read(tmp_path, line))["batch.jsonl:1"]


def test_a_valid_surrogate_pair_is_an_astral_character(tmp_path: Path) -> None:
    [article] = read(tmp_path, b'{"text": "\\ud83d\\ude00 ' + TEXT.encode() + b'"}\n')
    assert isinstance(article, Article) and article.text.startswith("\U0001f600")


def test_wrong_types_fail_their_line(tmp_path: Path) -> None:
    lines = [
        b'{"text": ["a"]}',
        b'{"text": "x", "title": {"a": 1}}',
        b"123",
        b'"text"',
        b"null",
        b'{"text": "' + TEXT.encode() + b'", "published": "2026-03-05 not a date"}',
    ]
    items = read(tmp_path, b"\n".join(lines) + b"\n" + good_line(7))
    assert set(failures(items)) == {f"batch.jsonl:{n}" for n in range(1, 7)}
    assert "published" in failures(items)["batch.jsonl:6"]
    assert isinstance(items[-1], Article)


def test_an_unexpected_error_on_one_line_does_not_end_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.ingest import jsonl

    real = jsonl.detect_language

    def flaky(text: str) -> str | None:
        if "Line 2." in text:
            raise MemoryError("simulated")
        return real(text)

    monkeypatch.setattr(jsonl, "detect_language", flaky)
    items = read(tmp_path, good_line(1) + good_line(2) + good_line(3))
    assert failures(items) == {"batch.jsonl:2": "unexpected error (MemoryError)"}
    assert [type(item).__name__ for item in items] == ["Article", "Failure", "Article"]
