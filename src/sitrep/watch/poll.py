"""One poll of one feed: a conditional GET, the new entries, and each entry as an article.

Fetching goes through ``sitrep.ingest.fetch.Fetcher`` (the address checks, size and time
limits of ``sitrep ingest``); feeds are parsed and entries turned into articles by
``sitrep.ingest.feed``, whose rule decides when an entry's link is fetched (a summary
shorter than ``FULL_TEXT_MIN_CHARS``). Every request waits its turn at the host
(``HostPacer``); all the link fetches of one feed share ``IngestOptions.feed_timeout``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx

from sitrep.errors import InputError
from sitrep.ingest.feed import Feed, iter_feed_articles, parse_feed
from sitrep.ingest.fetch import Fetcher, HTTPStatusError
from sitrep.ingest.model import Article, Failure
from sitrep.ingest.sources import article_from_page
from sitrep.watch.opml import looks_like_opml
from sitrep.watch.schedule import HostPacer, retry_after

NO_ENTRIES = "feed has no entries"


@dataclass(frozen=True)
class NewEntry:
    """An entry the store has not settled yet."""

    key: str  # sha256 of its id, link or title
    entry: Any  # the feedparser entry
    url: str | None
    title: str | None


@dataclass
class FetchedFeed:
    """What the GET of a feed gave: a parsed feed, "unchanged" (304), or an error."""

    status: str  # "new", "unchanged" or "error"
    feed: Feed | None = None
    validators: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    retry_after: timedelta | None = None
    http_status: int | None = None


def entry_key(entry: Any) -> str:
    """A stable key for an entry: its id, else its link, else its title and date."""
    identity = entry.get("id") or entry.get("link") or f"{entry.get('title', '')}\x1f{entry.get('published', '')}"
    return hashlib.sha256(str(identity).encode("utf-8")).hexdigest()


def host_of(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except httpx.InvalidURL:
        return url


def fetch_feed(fetcher: Fetcher, pacer: HostPacer, url: str, validators: dict[str, str], now: Any) -> FetchedFeed:
    """GET the feed, conditionally when ``validators`` are known; never raises for a bad feed."""
    pacer.wait_for(host_of(url))
    try:
        fetched = fetcher.fetch(url, validators=validators)
        if fetched.not_modified:
            return FetchedFeed("unchanged", validators=dict(fetched.validators) or validators, http_status=304)
        if looks_like_opml(fetched.body):
            raise InputError("this is an OPML list, not a feed: give its path or a URL ending in .opml")
        if fetched.kind != "feed":
            raise InputError(f"not an RSS or Atom feed (the server sent {fetched.media_type or 'no type'})")
        feed = _parse(fetched.body, fetched.url)
    except HTTPStatusError as exc:
        return FetchedFeed(
            "error", error=str(exc), retry_after=retry_after(exc.retry_after, now), http_status=exc.status
        )
    except InputError as exc:
        return FetchedFeed("error", error=str(exc))
    return FetchedFeed("new", feed=feed, validators=dict(fetched.validators), http_status=200)


def _parse(body: bytes, url: str) -> Feed:
    try:
        return parse_feed(body, base_url=url)
    except InputError as exc:
        if str(exc) == NO_ENTRIES:
            return Feed(entries=[], title=None, language=None)
        raise


def new_entries(feed: Feed, known: dict[str, tuple[str, int]], retries: int) -> list[NewEntry]:
    """The entries not yet settled: unknown ones, and failed ones tried fewer than ``retries`` times."""
    found: dict[str, NewEntry] = {}
    for entry in feed.entries:
        key = entry_key(entry)
        status, attempts = known.get(key, (None, 0))
        if key in found or (status is not None and (status != "failed" or attempts >= retries)):
            continue
        found[key] = NewEntry(key, entry, entry.get("link") or None, entry.get("title") or None)
    return list(found.values())


class EntryReader:
    """Turns one feed's new entries into articles, fetching links under one shared deadline."""

    def __init__(self, fetcher: Fetcher, pacer: HostPacer, feed_url: str, deadline: float) -> None:
        self._fetcher = fetcher
        self._pacer = pacer
        self._feed_url = feed_url
        self._deadline = deadline

    def origin(self, entry: NewEntry) -> str:
        return f"{self._feed_url}#entry-{entry.key[:16]}"

    def read(self, feed: Feed, entry: NewEntry) -> Article | Failure:
        """The entry as an article, or a failure saying why (an unfetchable link, no text...)."""
        single = dataclasses.replace(feed, entries=[entry.entry])
        items: Iterator[Article | Failure] = iter_feed_articles(single, origin=self._feed_url, fetch_page=self._page)
        item = next(items)
        return dataclasses.replace(item, origin=self.origin(entry))

    def _page(self, url: str, origin: str) -> Article:
        if time.monotonic() >= self._deadline:
            raise InputError("link not fetched: the feed's links used up their time (feed_timeout)")
        self._pacer.wait_for(host_of(url))
        fetched = self._fetcher.fetch(url, deadline=self._deadline)
        if fetched.kind == "feed":
            raise InputError(f"entry link {url} is a feed, not an article")
        return article_from_page(fetched, origin=origin)
