"""Plain-text ingest: exact bodies, front matter, and every way a text file can be bad."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest import Article, read_text_file
from sitrep.ingest.frontmatter import split_front_matter
from sitrep.ingest.text import article_from_text, article_from_text_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = "The harbour master said on Monday that the port would reopen on Thursday.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_front_matter_fixture_gives_metadata_and_exact_body() -> None:
    path = FIXTURES / "front_matter.txt"
    article = read_text_file(path)
    raw = path.read_text(encoding="utf-8")
    assert raw.endswith(article.text)
    assert article.text.startswith("The ferry between Portmere")
    assert article.title == "Ferry service resumes after storm"
    assert article.published == "2023-03-14"
    assert article.source == "Harbour Gazette"
    assert article.url == "https://news.example.org/ferry"
    assert article.language == "en"
    assert article.extra == {"fiction": True}
    assert article.origin == str(path)


def test_plain_file_is_whole_content_with_crlf_kept() -> None:
    path = FIXTURES / "plain_crlf.txt"
    article = read_text_file(path)
    assert article.text == path.read_bytes().decode("utf-8")
    assert "\r\n" in article.text
    assert (article.title, article.published, article.source, article.url) == (None,) * 4
    assert article.extra == {}


def test_offsets_index_the_body() -> None:
    content = f"---\ntitle: Port\n---\n{BODY}"
    article = article_from_text(content, origin="x")
    start = article.text.index("Monday")
    assert article.text[start : start + 6] == "Monday"
    assert content[content.index(BODY) :] == article.text


def test_bom_is_stripped_and_not_counted(tmp_path: Path) -> None:
    article = read_text_file(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + BODY.encode()))
    assert article.text == BODY


def test_bom_with_front_matter(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf---\nsource: Port Radio\n---\n" + BODY.encode()
    article = read_text_file(write(tmp_path, "bom_fm.txt", data))
    assert article.source == "Port Radio"
    assert article.text == BODY


def test_front_matter_with_crlf_line_endings() -> None:
    content = "---\r\ntitle: Port\r\n---\r\n" + BODY.replace("\n", "\r\n")
    article = article_from_text(content, origin="x")
    assert article.title == "Port"
    assert article.text == BODY.replace("\n", "\r\n")


def test_body_keeps_leading_blank_line_after_front_matter() -> None:
    article = article_from_text(f"---\ntitle: Port\n---\n\n{BODY}", origin="x")
    assert article.text == "\n" + BODY


def test_front_matter_value_forms() -> None:
    content = (
        "---\n"
        "# a comment line\n"
        'title: "A \\"quoted\\" title"  # trailing comment\n'
        "source: 'Radio ''North'''\n"
        "url: https://example.org/a#frag\n"
        "date: 2024-02-29T10:15:00Z\n"
        "language: German\n"
        "pages: 3\n"
        "ratio: 0.5\n"
        "draft: false\n"
        "editor: ~\n"
        "note: plain words # comment\n"
        "\n"
        "---\n"
        f"{BODY}"
    )
    article = article_from_text(content, origin="x")
    assert article.title == 'A "quoted" title'
    assert article.source == "Radio 'North'"
    assert article.url == "https://example.org/a#frag"
    assert article.published == "2024-02-29T10:15:00+00:00"
    assert article.language == "de"  # given, not detected
    assert article.extra == {
        "pages": 3,
        "ratio": 0.5,
        "draft": False,
        "editor": None,
        "note": "plain words",
    }


def test_known_fields_keep_their_text() -> None:
    content = f"---\ntitle: 1917\nsource: 3.10\nurl: true\n---\n{BODY}"
    article = article_from_text(content, origin="x")
    assert (article.title, article.source, article.url) == ("1917", "3.10", "true")


def test_dots_close_front_matter() -> None:
    front = split_front_matter("---\ntitle: x\n...\nbody")
    assert front.fields == {"title": "x"}
    assert front.body_start == len("---\ntitle: x\n...\n")


def test_dashes_later_in_text_are_not_front_matter() -> None:
    content = f"{BODY}---\ntitle: not front matter\n---\n"
    assert article_from_text(content, origin="x").text == content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitle: x\nsource: y\n", "no closing '---' line"),
        (f"---\ntitle: x\n{BODY}", "front matter line 3: expected 'key: value'"),
        (f"---\ntitle x\n---\n{BODY}", "front matter line 2: expected 'key: value'"),
        (f"---\n  nested: x\n---\n{BODY}", "front matter line 2"),
        (f"---\ntitle: a\ntitle: b\n---\n{BODY}", "line 3: key 'title' given twice"),
        (f'---\ntitle: "unterminated\n---\n{BODY}', "line 2: bad double-quoted value"),
        (f"---\ntitle: 'open\n---\n{BODY}", "line 2: unterminated single-quoted"),
        (f"---\ntitle: 'a' b\n---\n{BODY}", "line 2: unexpected text after"),
        (f"---\npublished: last Tuesday\n---\n{BODY}", "published: cannot read 'last Tuesday'"),
        (f"---\npublished: 2024-02-30\n---\n{BODY}", "published: cannot read"),
        (f"---\nlanguage: Klingonese\n---\n{BODY}", "language: 'Klingonese' is not"),
        (f"---\ndate: 2024-01-01\npublished: 2024-01-02\n---\n{BODY}", "given twice"),
        ("---\ntitle: x\n---\n", "empty text after the front matter"),
        ("---\ntitle: x\n---\n \n\t\n", "text after the front matter contains only whitespace"),
    ],
)
def test_bad_front_matter(content: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        article_from_text(content, origin="x")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "file contains only whitespace"),
        (b"\xef\xbb\xbf", "empty file"),
        (b"abc\x00def", "binary data, not text (NUL byte at offset 3)"),
        (bytes(range(1, 32)) * 10, "binary data, not text (mostly control characters)"),
        (b"abc\xffdef", "not UTF-8 text (byte 0xff at offset 3)"),
        (b"\xef\xbb\xbfab\xe9c", "not UTF-8 text (byte 0xe9 at offset 5)"),
        ("Gr\u00fc\u00dfe".encode("latin-1"), "not UTF-8 text (byte 0xfc at offset 2)"),
    ],
)
def test_bad_bytes(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as caught:
        read_text_file(path)
    assert str(caught.value) == f"{path}: {message}"


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"a" * 101)
    with pytest.raises(InputError, match=r"file too large \(101 bytes; the limit is 100 bytes\)"):
        read_text_file(path, max_bytes=100)
    assert read_text_file(path, max_bytes=101).text == "a" * 101


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        read_text_file(tmp_path / "nope.txt")


def test_directory_is_not_a_text_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_text_file(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_text_file(fifo)


def test_article_is_frozen() -> None:
    article = article_from_text(BODY, origin="x")
    assert isinstance(article, Article)
    with pytest.raises(AttributeError):
        article.text = "changed"  # type: ignore[misc]


# -- invariants -------------------------------------------------------------------------

_printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\r\t"),
    min_size=1,
)


@given(_printable.filter(lambda s: not s.isspace() and not s.lstrip("\n\r").startswith("-")))
def test_without_front_matter_text_is_content_exactly(content: str) -> None:
    assert article_from_text_bytes(content.encode(), origin="x").text == content


@given(
    title=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    body=_printable.filter(lambda s: not s.isspace()),
)
def test_front_matter_body_is_exact(title: str, body: str) -> None:
    import json

    content = f"---\ntitle: {json.dumps(title)}\n---\n{body}"
    article = article_from_text(content, origin="x")
    assert article.text == body
    assert article.title == (title.strip() or None)
