"""HTML ingest: main text and metadata, and pages with no article in them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import Failure, iter_articles
from sitrep.ingest.html import article_from_html, html_fragment_to_text

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PARAGRAPH = (
    "<p>The river authority closed the Marten bridge on Sunday after floodwater reached "
    "the lower deck, a spokesperson said, and traffic was sent through the old town.</p>"
)


def test_fixture_page_gives_main_text_and_metadata() -> None:
    article = article_from_html((FIXTURES / "article.html").read_bytes(), origin="page.html")
    assert "urgent inspection of the Kessel dam" in article.text
    assert "1,200 residents" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.title == "Dam inspection ordered after heavy rain"
    assert article.published == "2022-11-02"
    assert article.source == "Valley Courier"
    assert article.url == "https://courier.example.org/2022/11/dam-inspection"
    assert article.language == "en"
    assert article.origin == "page.html"


def test_fetched_url_wins_over_canonical_link() -> None:
    page = (FIXTURES / "article.html").read_bytes()
    article = article_from_html(page, origin="u", url="https://mirror.example.net/dam")
    assert article.url == "https://mirror.example.net/dam"


def test_declared_legacy_charset_is_honoured() -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body>'
        "<article>" + PARAGRAPH.replace("old town", "old town near the caf\xe9") * 3 + "</article></body></html>"
    ).encode("cp1252")
    assert "caf\u00e9" in article_from_html(page, origin="x").text


def test_page_without_date_has_no_date() -> None:
    page = f"<html><body><article>{PARAGRAPH * 3}</article></body></html>"
    article = article_from_html(page, origin="x")
    assert article.published is None
    assert article.text.startswith("The river authority")


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"   ",
        b"<html></html>",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        b"<<<<>>>> </div></p><<",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_pages_without_article_text_fail(page: bytes) -> None:
    with pytest.raises(InputError, match=r"no article text found in HTML|binary|empty"):
        article_from_html(page, origin="x")


def test_bad_html_file_is_a_failure_in_a_batch(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<html><body></body></html>")
    (tmp_path / "b.html").write_text(f"<html><body><article>{PARAGRAPH * 3}</article></body></html>")
    items = list(iter_articles([str(tmp_path)]))
    assert items[0] == Failure(str(tmp_path / "a.html"), "no article text found in HTML")
    assert items[1].origin == str(tmp_path / "b.html")


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One &amp; two</p><p>three</p>", "One & two\nthree"),
        ("plain   words\n here", "plain words here"),
        ("<ul><li>a</li><li>b <b>c</b></li></ul>", "a\nb c"),
        ("<script>alert(1)</script><style>p{}</style>kept", "kept"),
        ("line<br>break", "line\nbreak"),
        ("", ""),
    ],
)
def test_html_fragment_to_text(fragment: str, text: str) -> None:
    assert html_fragment_to_text(fragment) == text
