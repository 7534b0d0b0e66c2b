"""The watch loop: poll due feeds, store their new entries, remember everything in the store.

A round polls every feed that is due (never fetched; fetched ``every`` seconds ago; or
its backoff is over) and, for each new entry, stores the article it becomes (extracted
as ``sitrep ingest`` does) or records why it could not. The feed's validators are saved
only after all its new entries are settled, so a watcher stopped half-way (Ctrl+C,
a crash) fetches the whole feed again next time and picks up where it stopped: entries
already recorded are skipped. Every write is its own transaction.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sitrep.errors import SitrepError
from sitrep.ingest.fetch import Fetcher
from sitrep.ingest.model import Article, Failure, IngestOptions
from sitrep.store import Store
from sitrep.store.feeds import (
    ENTRY_DUPLICATE,
    ENTRY_FAILED,
    ENTRY_SKIPPED_LANGUAGE,
    ENTRY_STORED,
    MAX_ENTRY_ATTEMPTS,
    EntryOutcome,
    FeedState,
    FeedStore,
    PollOutcome,
)
from sitrep.watch.poll import EntryReader, NewEntry, fetch_feed, new_entries
from sitrep.watch.schedule import DEFAULT_HOST_DELAY, HostPacer, next_after_error

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class FeedReport:
    """What the last poll of one feed did (for the live table)."""

    url: str
    title: str | None = None
    status: str = "waiting"  # "new", "unchanged", "error", "backing off", "waiting"
    new: int = 0  # articles stored by this poll
    duplicates: int = 0
    failed: int = 0
    error: str | None = None
    next_fetch_at: datetime | None = None
    failures_in_a_row: int = 0
    recent_failures: list[str] = field(default_factory=list)


@dataclass
class RoundReport:
    """One round over the feeds."""

    feeds: list[FeedReport]
    started: datetime
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.feeds if f.status == "error")


def store_article(article: Article, store: Store) -> EntryOutcome:
    """Extract and store one article as ``sitrep ingest`` does; what became of it."""
    from sitrep.pipeline import extract
    from sitrep.workflow import is_english, to_document

    document = to_document(article)
    base = {"url": article.url, "title": article.title}
    if store.has_document(document.id):
        return EntryOutcome("", ENTRY_DUPLICATE, document_id=document.id, **base)
    if not is_english(document):
        store.save_unextracted(
            document.to_dict(), origin=article.origin, status="skipped_language", extra=dict(article.extra or {})
        )
        return EntryOutcome("", ENTRY_SKIPPED_LANGUAGE, document_id=document.id, **base)
    extraction = extract(document).to_dict()
    saved = store.save_document(extraction, origin=article.origin, extra=dict(article.extra or {}))
    return EntryOutcome("", ENTRY_STORED if saved else ENTRY_DUPLICATE, document_id=document.id, **base)


class Watcher:
    """Polls feeds into a store; ``poll_round`` once, or ``run`` until interrupted."""

    def __init__(
        self,
        store: Store,
        feed_urls: Iterable[str],
        *,
        every: float = 600.0,
        options: IngestOptions | None = None,
        host_delay: float = DEFAULT_HOST_DELAY,
        clock: Clock = utc_now,
        pacer: HostPacer | None = None,
        store_entry: Callable[[Article, Store], EntryOutcome] = store_article,
    ) -> None:
        self.store = store
        self.every = timedelta(seconds=every)
        self.options = options or IngestOptions()
        self.clock = clock
        self.pacer = pacer or HostPacer(host_delay)
        self.feed_store = FeedStore(store.engine)
        self._store_entry = store_entry
        self.feeds = self.feed_store.add_feeds(feed_urls, clock())
        self.reports = {feed.url: FeedReport(feed.url, feed.title) for feed in self.feeds}

    def due(self, feed: FeedState, now: datetime) -> bool:
        """Whether a feed should be fetched now (its backoff is over and its interval has passed)."""
        if feed.next_fetch_at is not None:
            return now >= feed.next_fetch_at
        return feed.last_fetch_at is None or now >= feed.last_fetch_at + self.every

    def poll_round(self, *, ignore_interval: bool = False, on_feed: Callable[[], None] | None = None) -> RoundReport:
        """Poll every due feed once (``ignore_interval``: every feed not backing off)."""
        started = self.clock()
        began = time.monotonic()
        states = {feed.url: feed for feed in self.feed_store.feeds()}
        with Fetcher(self.options) as fetcher:
            for url in [feed.url for feed in self.feeds]:
                feed = states[url]
                report = self.reports[url]
                now = self.clock()
                backing_off = feed.next_fetch_at is not None and now < feed.next_fetch_at
                if backing_off or not (ignore_interval or self.due(feed, now)):
                    report.status = "backing off" if backing_off else "waiting"
                    report.next_fetch_at = feed.next_fetch_at or (
                        feed.last_fetch_at + self.every if feed.last_fetch_at else None
                    )
                    continue
                self._poll(fetcher, feed, report)
                if on_feed is not None:
                    on_feed()
        self.feeds = self.feed_store.feeds()
        return RoundReport(self._copies(), started, time.monotonic() - began)

    def next_due(self) -> datetime:
        """When the next feed falls due."""
        now = self.clock()
        times = []
        for feed in self.feed_store.feeds():
            if feed.next_fetch_at is not None:
                times.append(feed.next_fetch_at)
            elif feed.last_fetch_at is None:
                times.append(now)
            else:
                times.append(feed.last_fetch_at + self.every)
        return min(times, default=now + self.every)

    def run(self, *, on_round: Callable[[RoundReport], None], sleep: Callable[[float], None] = time.sleep) -> None:
        """Poll due feeds, sleep until the next is due, forever (until KeyboardInterrupt)."""
        while True:
            on_round(self.poll_round(on_feed=lambda: on_round(self.snapshot())))
            wait = (self.next_due() - self.clock()).total_seconds()
            sleep(max(1.0, min(wait, self.every.total_seconds())))

    def snapshot(self) -> RoundReport:
        """The feeds' reports as they stand (a poll may be under way)."""
        return RoundReport(self._copies(), self.clock())

    def _copies(self) -> list[FeedReport]:
        return [dataclasses.replace(r, recent_failures=list(r.recent_failures)) for r in self.reports.values()]

    # -- one feed ------------------------------------------------------------------------

    def _poll(self, fetcher: Fetcher, feed: FeedState, report: FeedReport) -> None:
        now = self.clock()
        got = fetch_feed(fetcher, self.pacer, feed.url, feed.validators, now)
        report.new = report.duplicates = report.failed = 0
        report.recent_failures = []
        if got.status == "error":
            failures = feed.failures + 1
            next_at = next_after_error(failures, now, got.retry_after)
            self.feed_store.record_poll(feed.id, PollOutcome("error", error=got.error, next_fetch_at=next_at), now)
            report.status, report.error, report.next_fetch_at = "error", got.error, next_at
            report.failures_in_a_row = failures
            log.info("watch: %s failed (%s); next try %s", feed.url, got.error, next_at.isoformat())
            return
        if got.status == "unchanged" or got.feed is None:
            self.feed_store.record_poll(feed.id, PollOutcome("unchanged"), now)
            report.status, report.error, report.failures_in_a_row = "unchanged", None, 0
            report.next_fetch_at = now + self.every
            return
        title = got.feed.title
        report.title = title or report.title
        known = self.feed_store.known_entries(feed.id)
        entries = new_entries(got.feed, known, MAX_ENTRY_ATTEMPTS)
        reader = EntryReader(fetcher, self.pacer, feed.url, time.monotonic() + self.options.feed_timeout)
        for entry in entries:
            outcome = self._settle(reader, got.feed, entry)
            self.feed_store.record_entry(feed.id, outcome, self.clock())
            self._count(report, outcome)
        validators = got.validators
        self.feed_store.record_poll(
            feed.id,
            PollOutcome("new", title=title, etag=validators.get("etag"), last_modified=validators.get("last-modified")),
            self.clock(),
        )
        report.status, report.error, report.failures_in_a_row = "new", None, 0
        report.next_fetch_at = self.clock() + self.every

    def _settle(self, reader: EntryReader, feed: object, entry: NewEntry) -> EntryOutcome:
        """Read and store one entry; any failure becomes the entry's recorded reason."""
        base = {"url": entry.url, "title": entry.title}
        try:
            item = reader.read(feed, entry)  # type: ignore[arg-type]
            if isinstance(item, Failure):
                return EntryOutcome(entry.key, ENTRY_FAILED, reason=item.message, **base)
            outcome = self._store_entry(item, self.store)
        except SitrepError as exc:
            return EntryOutcome(entry.key, ENTRY_FAILED, reason=str(exc), **base)
        except Exception as exc:  # one entry is one failure, whatever went wrong
            log.exception("watch: unexpected error on %s", reader.origin(entry))
            from sitrep.workflow import unexpected

            return EntryOutcome(entry.key, ENTRY_FAILED, reason=unexpected(exc), **base)
        return EntryOutcome(
            entry.key,
            outcome.status,
            url=outcome.url or entry.url,
            title=outcome.title or entry.title,
            document_id=outcome.document_id,
        )

    @staticmethod
    def _count(report: FeedReport, outcome: EntryOutcome) -> None:
        if outcome.status == ENTRY_STORED:
            report.new += 1
        elif outcome.status == ENTRY_FAILED:
            report.failed += 1
            report.recent_failures.append(f"{outcome.url or outcome.title or '?'}: {outcome.reason}")
        else:
            report.duplicates += 1
