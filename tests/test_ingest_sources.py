"""Sources: directory walking, dispatch by extension, counting, and batches that go on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep.ingest
import sitrep.ingest.sources as sources_module
from sitrep.ingest import Article, Failure, IngestOptions, count_items, iter_articles
from sitrep.ingest.sources import is_url

TEXT = "The mayor of Tolden said on Monday that the new tram line would open in the spring.\n"
PAGE = (
    "<html><body><article>"
    + "<p>The county fire service said on Sunday that the blaze near Aske was under control.</p>" * 3
    + "</article></body></html>"
)


def make_tree(root: Path) -> None:
    (root / "b.txt").write_text(TEXT)
    (root / "a.md").write_text("---\ntitle: Tram\n---\n" + TEXT)
    (root / "page.HTML").write_text(PAGE)
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not for us")
    (root / ".hidden.txt").write_text(TEXT)
    (root / ".git").mkdir()
    (root / ".git" / "c.txt").write_text(TEXT)
    (root / "sub").mkdir()
    (root / "sub" / "z.txt").write_text(TEXT)
    (root / "sub" / "lines.jsonl").write_text('{"text": "one line of news about trams"}\n\n{"text": "x"}\n')


def origins(items: list[Article | Failure], root: Path) -> list[str]:
    return [os.path.relpath(item.origin, root) for item in items]


def test_public_api_is_pinned() -> None:
    assert sorted(sitrep.ingest.__all__) == [
        "Article",
        "Failure",
        "IngestOptions",
        "count_items",
        "iter_articles",
        "read_text_file",
    ]


def test_directory_is_walked_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(iter_articles([str(tmp_path)]))
    assert origins(items, tmp_path) == [
        "a.md",
        "b.txt",
        "page.HTML",
        "sub/lines.jsonl:1",
        "sub/lines.jsonl:3",
        "sub/z.txt",
    ]
    articles = [item for item in items if isinstance(item, Article)]
    assert articles == items
    assert articles[0].title == "Tram" and articles[0].text == TEXT


def test_explicit_files_are_read_whatever_their_name(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "story.news").write_text(TEXT)
    sources = [
        str(tmp_path / ".hidden.txt"),
        str(tmp_path / "story.news"),
        str(tmp_path / "notes.docx"),
    ]
    items = list(iter_articles(sources))
    assert isinstance(items[0], Article) and items[0].text == TEXT
    assert isinstance(items[1], Article) and items[1].text == TEXT
    assert items[2] == Failure(str(tmp_path / "notes.docx"), "binary data, not text (mostly control characters)")


def test_every_bad_input_is_one_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \n\n",
        "nul.txt": b"text\x00more",
        "latin.txt": b"na\xefve",
        "big.txt": b"x" * 300,
        "page.html": b"<html><body></body></html>",
        "feed.xml": b"not a feed",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    sources = [str(tmp_path / name) for name in bad] + [str(tmp_path / "missing.txt"), str(good)]
    items = list(iter_articles(sources, IngestOptions(max_bytes=200)))
    messages = {Path(item.origin).name: item.message for item in items if isinstance(item, Failure)}
    assert messages == {
        "empty.txt": "empty file",
        "blank.txt": "file contains only whitespace",
        "nul.txt": "binary data, not text (NUL byte at offset 4)",
        "latin.txt": "not UTF-8 text (byte 0xef at offset 2)",
        "big.txt": "file too large (300 bytes; the limit is 200 bytes)",
        "page.html": "no article text found in HTML",
        "feed.xml": messages["feed.xml"],
        "missing.txt": "no such file or directory",
    }
    assert messages["feed.xml"].startswith("malformed feed")
    assert isinstance(items[-1], Article) and items[-1].origin == str(good)


def test_unreadable_directory_is_a_failure(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any directory")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        [failure] = list(iter_articles([str(locked)]))
    finally:
        locked.chmod(0o755)
    assert isinstance(failure, Failure) and failure.message.startswith("cannot list directory")


def test_symlinked_directory_loop_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert len(list(iter_articles([str(tmp_path)]))) == 1


def test_count_items(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert count_items([str(tmp_path)]) == 6
    assert count_items([str(tmp_path / "b.txt"), str(tmp_path / "missing.txt")]) == 2
    assert count_items([str(tmp_path), "https://news.example.org/a"]) is None
    (tmp_path / "feed.rss").write_text("<rss/>")
    assert count_items([str(tmp_path)]) is None
    assert count_items([]) == 0


def test_path_objects_and_single_sources_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    for sources in ([tmp_path / "a.txt"], str(tmp_path / "a.txt"), tmp_path / "a.txt"):
        items = list(iter_articles(sources))
        assert len(items) == 1 and isinstance(items[0], Article)
    assert count_items(str(tmp_path)) == 1


@pytest.mark.parametrize(
    ("source", "url"),
    [
        ("https://news.example.org/a", True),
        ("HTTP://NEWS.EXAMPLE.ORG", True),
        ("ftp://x.example.org/", True),
        ("file:///etc/passwd", True),
        ("javascript:alert(1)", True),
        ("articles/today.txt", False),
        ("C:\\news\\a.txt", False),
        ("notes.txt", False),
    ],
)
def test_is_url(source: str, url: bool) -> None:
    assert is_url(source) is url


def test_existing_file_with_a_colon_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("note:today.txt").write_text(TEXT)
    assert not is_url("note:today.txt")
    [article] = list(iter_articles(["note:today.txt"]))
    assert isinstance(article, Article)


SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".xml", ".bin"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    items = list(iter_articles([str(path)]))
    assert items
    for item in items:
        assert isinstance(item, Article | Failure)
        assert item.origin.startswith(str(path))
        if isinstance(item, Failure):
            assert item.message and "\n" not in item.message
        elif suffix in (".txt", ".md", ".bin"):
            assert item.text in data.decode("utf-8-sig")


def test_unexpected_errors_become_failures_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> Article:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(sources_module, "article_from_html", broken)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.txt").write_text(TEXT)
    items = list(iter_articles([str(tmp_path)]))
    assert items[0] == Failure(str(tmp_path / "a.html"), "unexpected error (RuntimeError: parser exploded)")
    assert isinstance(items[1], Article)
