"""From sources (files, directories, URLs, feeds) to a stream of articles and failures.

A source is a path or a URL. Directories are walked recursively in sorted order, taking
files with a known extension and skipping hidden files and directories (and symlinked
directories, which could loop); a file named explicitly is read whatever its extension
(unknown ones as text). A string that starts with a URL scheme (``name:``) and is not an
existing path is a URL; only http(s) are fetched.

=====================  ===========================================================
extension              read as
=====================  ===========================================================
``.txt .md .markdown``  UTF-8 text with optional front matter (:mod:`.text`)
``.html .htm .xhtml``   HTML page, main text via trafilatura (:mod:`.html`)
``.jsonl .ndjson``      one article per line (:mod:`.jsonl`)
``.xml .rss .atom``     RSS/Atom feed, one article per entry (:mod:`.feed`)
=====================  ===========================================================
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

from sitrep.errors import InputError
from sitrep.ingest.decoding import decode_text
from sitrep.ingest.feed import Feed, iter_feed_articles, parse_feed
from sitrep.ingest.fetch import Fetched, Fetcher
from sitrep.ingest.files import read_capped
from sitrep.ingest.html import article_from_html
from sitrep.ingest.jsonl import iter_jsonl
from sitrep.ingest.language import detect_language
from sitrep.ingest.model import Article, Failure, IngestOptions
from sitrep.ingest.text import article_from_text_bytes

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

logger = logging.getLogger(__name__)

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")


Source = str | os.PathLike[str]


def iter_articles(
    sources: Iterable[Source] | Source, options: IngestOptions | None = None
) -> Iterator[Article | Failure]:
    """Expand each source (file, directory, URL, feed URL) and yield an Article or a
    Failure per item, never raising for a bad item.

    Items come in source order (directories in sorted order, feeds in entry order).
    A single string or path is taken as one source, not as a sequence of characters.
    """
    with _Session(options or IngestOptions()) as session:
        for source in _as_list(sources):
            yield from session.expand(os.fspath(source))


def count_items(sources: Iterable[Source] | Source) -> int | None:
    """A cheap estimate of how many items ``iter_articles`` will yield, for a progress
    bar: one per file, one per non-blank JSONL line; ``None`` when a URL or a feed is
    among the sources (their entry count is unknown until fetched).

    Pass a list: a one-shot iterator would be used up.
    """
    total = 0
    for source in _as_list(sources):
        if is_url(os.fspath(source)):
            return None
        for item in _files_of(Path(source)):
            count = 1 if isinstance(item, Failure) else _count_file(item)
            if count is None:
                return None
            total += count
    return total


def is_url(source: str) -> bool:
    """True when ``source`` starts with a URL scheme and is not an existing path."""
    return bool(_SCHEME.match(source)) and not Path(source).exists()


def walk_directory(root: Path) -> Iterator[Path | Failure]:
    """Files with a known extension under ``root``, sorted, hidden entries skipped."""
    try:
        entries = sorted(root.iterdir(), key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(str(root), f"cannot list directory ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from walk_directory(entry)
        elif entry.suffix.lower() in KNOWN_SUFFIXES and entry.is_file():
            yield entry


def _as_list(sources: Iterable[Source] | Source) -> Iterable[Source]:
    return [sources] if isinstance(sources, str | os.PathLike) else sources


def _files_of(path: Path) -> Iterator[Path | Failure]:
    if path.is_dir():
        yield from walk_directory(path)
    else:
        yield path


def _count_file(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return None
    if suffix not in JSONL_SUFFIXES:
        return 1
    try:
        with path.open("rb") as handle:
            return max(1, sum(1 for line in handle if line.strip()))
    except OSError:
        return 1


class _Session:
    """One ``iter_articles`` run: the options and a fetcher opened on first use."""

    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self._fetcher: Fetcher | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options)
        return self._fetcher

    def expand(self, source: str) -> Iterator[Article | Failure]:
        if is_url(source):
            yield from _guarded(source, self._url(source))
            return
        path = Path(source)
        if path.is_dir():
            for item in walk_directory(path):
                if isinstance(item, Failure):
                    yield item
                else:
                    yield from _guarded(str(item), self._file(item))
        else:
            yield from _guarded(source, self._file(path))

    def _file(self, path: Path) -> Iterator[Article | Failure]:
        origin = str(path)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from iter_jsonl(path, origin=origin, max_bytes=self.options.max_bytes)
            return
        try:
            data = read_capped(path, self.options.max_bytes)
            if suffix in FEED_SUFFIXES:
                feed = parse_feed(data)
            elif suffix in HTML_SUFFIXES:
                yield article_from_html(data, origin=origin)
                return
            else:
                yield article_from_text_bytes(data, origin=origin)
                return
        except InputError as exc:
            yield Failure(origin, str(exc))
            return
        yield from self._feed_entries(feed, origin)

    def _url(self, url: str) -> Iterator[Article | Failure]:
        try:
            fetched = self.fetcher.fetch(url)
            if fetched.kind == "feed":
                feed = parse_feed(fetched.body, base_url=fetched.url)
            else:
                yield article_from_page(fetched, origin=url)
                return
        except InputError as exc:
            yield Failure(url, str(exc))
            return
        yield from self._feed_entries(feed, url)

    def _feed_entries(self, feed: Feed, origin: str) -> Iterator[Article | Failure]:
        """The feed's articles; fetching its entries' links may take ``feed_timeout`` seconds
        in all (time spent outside the fetches, extracting say, is not counted)."""
        budget = _FetchBudget(self.options.feed_timeout)

        def fetch_page(url: str, entry_origin: str) -> Article:
            return budget.spend(lambda deadline: self.fetch_page(url, entry_origin, deadline=deadline))

        yield from iter_feed_articles(feed, origin=origin, fetch_page=fetch_page)

    def fetch_page(self, url: str, origin: str, *, deadline: float | None = None) -> Article:
        """Fetch a feed entry's link as an article (HTML or text, not another feed)."""
        try:
            fetched = self.fetcher.fetch(url, deadline=deadline)
            if fetched.kind == "feed":
                raise InputError(f"entry link {url} is a feed, not an article")
            return article_from_page(fetched, origin=origin)
        except InputError:
            raise
        except Exception as exc:  # the batch boundary: see _guarded
            logger.exception("unexpected error ingesting %s", origin)
            raise InputError(_unexpected(exc)) from exc


class _FetchBudget:
    """Seconds of fetching left for one feed's links."""

    def __init__(self, seconds: float) -> None:
        self._limit = seconds
        self._left = seconds

    def spend(self, fetch: Callable[[float], Article]) -> Article:
        if self._left <= 0:
            raise InputError(f"link not fetched: the feed's links took {self._limit:g} s in all (the limit)")
        started = time.monotonic()
        try:
            return fetch(started + self._left)
        finally:
            self._left -= time.monotonic() - started


def _guarded(origin: str, items: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
    """The batch boundary: an unexpected error (a bug, or a third-party library failing
    in a way not translated where it is called) becomes this source's failure and is
    logged with its traceback, so that one item never stops the batch."""
    try:
        yield from items
    except Exception as exc:
        logger.exception("unexpected error ingesting %s", origin)
        yield Failure(origin, _unexpected(exc))


def _unexpected(exc: Exception) -> str:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"unexpected error ({type(exc).__name__}{': ' + detail if detail else ''})"


def article_from_page(fetched: Fetched, *, origin: str) -> Article:
    """An article from a fetched HTML page or plain-text document."""
    if fetched.kind == "html":
        content = _decoded_html(fetched)
        return article_from_html(content, origin=origin, url=fetched.url)
    text = decode_text(fetched.body, encoding=fetched.charset or "utf-8", what="response")
    return Article(
        text=text,
        title=None,
        published=None,
        source=None,
        url=fetched.url,
        origin=origin,
        language=detect_language(text),
        extra={},
    )


def _decoded_html(fetched: Fetched) -> bytes | str:
    """HTML as text when the server named its charset, else bytes for trafilatura."""
    if not fetched.charset:
        return fetched.body
    try:
        return fetched.body.decode(fetched.charset, errors="replace")
    except LookupError:
        return fetched.body
