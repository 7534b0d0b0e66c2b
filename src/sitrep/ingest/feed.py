"""RSS and Atom feeds: one article per entry.

An entry whose content or summary holds substantial text (at least
``FULL_TEXT_MIN_CHARS`` characters once HTML is stripped) becomes an article directly;
otherwise the entry's link is fetched (under the same URL safety rules as any URL) and
the page's main text is used; all of one feed's link fetches share
``IngestOptions.feed_timeout`` seconds (see ``sources.py``), so stalling links cannot
hold a feed for long. The entry's title, date and link, and the feed's title as
the source, win over what the page says about itself. The language is detected from the
article text, falling back to the feed's declared language when detection abstains.

feedparser is only ever given bytes, never a URL or a path, so it does no I/O of its
own; its XML parser has external entities switched off.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]

from sitrep.errors import InputError
from sitrep.ingest.fields import normalise_published
from sitrep.ingest.html import html_fragment_to_text
from sitrep.ingest.language import detect_language, normalise_language
from sitrep.ingest.model import Article, Failure

FULL_TEXT_MIN_CHARS = 500

PageFetcher = Callable[[str, str], Article]  # (url, origin) -> article, raises InputError


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its entries and the metadata they share."""

    entries: list[Any]  # feedparser entries
    title: str | None
    language: str | None


def parse_feed(data: bytes, *, base_url: str | None = None) -> Feed:
    """Parse feed bytes; raise ``InputError`` when there is no usable entry."""
    if not data.strip():
        raise InputError("empty file")
    headers = {"content-location": base_url} if base_url else None
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # feedparser's own parsers can raise on odd input
        raise InputError(f"malformed feed ({type(exc).__name__})") from exc
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(f"malformed feed ({_first_line(parsed.get('bozo_exception'))})")
        raise InputError("feed has no entries")
    meta = parsed.get("feed", {})
    return Feed(
        entries=list(parsed.entries),
        title=_plain(meta.get("title")),
        language=_language(meta.get("language")),
    )


def iter_feed_articles(feed: Feed, *, origin: str, fetch_page: PageFetcher) -> Iterator[Article | Failure]:
    """Yield one article (or failure) per entry; origins are ``origin#entry-N``."""
    for number, entry in enumerate(feed.entries, start=1):
        entry_origin = f"{origin}#entry-{number}"
        try:
            yield _entry_article(entry, feed, origin=entry_origin, fetch_page=fetch_page)
        except InputError as exc:
            yield Failure(entry_origin, str(exc))


def _entry_article(entry: Any, feed: Feed, *, origin: str, fetch_page: PageFetcher) -> Article:
    text = _entry_text(entry)
    link = entry.get("link") or None
    if len(text) < FULL_TEXT_MIN_CHARS and link:
        page = fetch_page(link, origin)
    elif text:
        page = Article(
            text=text,
            title=None,
            published=None,
            source=None,
            url=link,
            origin=origin,
            language=None,
            extra={},
        )
    else:
        raise InputError("feed entry has no text and no link")
    return dataclasses.replace(
        page,
        title=_entry_title(entry) or page.title,
        published=_entry_published(entry) or page.published,
        source=feed.title or page.source,
        url=page.url or link,
        language=page.language or detect_language(page.text) or feed.language,
    )


def _entry_text(entry: Any) -> str:
    """The longest plain text among the entry's content parts and summary."""
    values = [part.get("value", "") for part in entry.get("content", [])]
    values.append(entry.get("summary", ""))
    texts = [html_fragment_to_text(value) for value in values if value]
    return max(texts, key=len, default="")


def _entry_published(entry: Any) -> str | None:
    for key in ("published", "updated"):
        raw = entry.get(key)
        if raw:
            try:
                return normalise_published(raw)
            except ValueError:
                parsed = entry.get(f"{key}_parsed")
                if parsed:
                    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return None


def _entry_title(entry: Any) -> str | None:
    title = entry.get("title")
    if not title:
        return None
    is_html = entry.get("title_detail", {}).get("type") in ("text/html", "application/xhtml+xml")
    return (html_fragment_to_text(title) if is_html else title.strip()) or None


def _plain(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _language(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_language(value)
    except ValueError:
        return None


def _first_line(exc: object) -> str:
    text = str(exc).strip() if exc is not None else ""
    return text.splitlines()[0] if text else "unreadable XML"
