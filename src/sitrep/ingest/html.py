"""HTML pages: main text and metadata via trafilatura; HTML fragments to plain text.

``article_from_html`` keeps the page's main text only (no navigation, comments or
boilerplate), and reads title, date, site name and canonical URL from the page's
metadata. Dates come from structured metadata and the URL only (trafilatura's
"extensive search" through free text is off), so a date is never a guess.
Bytes are decoded by trafilatura, which honours a ``<meta charset>`` declaration.
A page with a tag the parser would take minutes over (:mod:`.markup`) is refused first.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import trafilatura

from sitrep.errors import InputError
from sitrep.ingest.decoding import check_not_binary
from sitrep.ingest.fields import normalise_published
from sitrep.ingest.language import detect_language
from sitrep.ingest.markup import check_html_bounds
from sitrep.ingest.model import Article

NO_TEXT = "no article text found in HTML"
MIN_LETTERS = 20  # less than this (a lone "Home" link) is not an article
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def article_from_html(content: bytes | str, *, origin: str, url: str | None = None) -> Article:
    """Extract the main text and metadata of an HTML page; raise ``InputError`` if none.

    ``url`` is where the page was fetched from; it wins over the page's canonical link.
    """
    if isinstance(content, bytes):
        check_not_binary(content)
    check_html_bounds(content)
    document = _extract(content, url)
    text = (document.text or "").strip() if document is not None else ""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        raise InputError(NO_TEXT)
    return Article(
        text=text,
        title=_clean(document.title),
        published=_published(document.date),
        source=_clean(document.sitename),
        url=url or _web_url(document.url),
        origin=origin,
        language=detect_language(text),
        extra={},
    )


def _extract(content: bytes | str, url: str | None) -> Any:
    try:
        return trafilatura.bare_extraction(
            content,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise InputError(f"{NO_TEXT} (parser error: {type(exc).__name__})") from exc


def _published(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_published(value)
    except ValueError:
        return None


def _web_url(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://")) else None


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


# --- HTML fragments (feed summaries and content) -------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})


class _TextCollector(HTMLParser):
    """Collects character data, breaking lines at block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per block, spaces collapsed."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (re.sub(r" +", " ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
