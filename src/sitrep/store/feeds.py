"""What ``sitrep watch`` remembers between polls: the feeds it follows and the entries it saw.

``watch_feeds`` holds one row per feed URL: its validators (``ETag``, ``Last-Modified``)
for the next conditional GET, when it was last fetched and with what outcome, how many
times in a row it failed and when it may be fetched again (backoff). ``watch_entries``
holds one row per entry seen (keyed by a hash of its id, link or title), with what became
of it: ``stored`` (the document it became), ``duplicate``, ``skipped_language`` or
``failed`` with the reason. An entry is new when the feed has no row for it; a failed
entry is tried again on later polls until it has failed ``MAX_ENTRY_ATTEMPTS`` times.

Every write is one short transaction of its own, so several watchers (or a watcher and
``sitrep ingest``) can share a store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column

from sitrep.store.connect import SQLITE_BEGIN_OPTION, store_error
from sitrep.store.tables import Base

MAX_ENTRY_ATTEMPTS = 3
ENTRY_STORED = "stored"
ENTRY_DUPLICATE = "duplicate"
ENTRY_SKIPPED_LANGUAGE = "skipped_language"
ENTRY_FAILED = "failed"
SETTLED_STATUSES = frozenset({ENTRY_STORED, ENTRY_DUPLICATE, ENTRY_SKIPPED_LANGUAGE})


class WatchFeed(Base):
    """One feed ``sitrep watch`` follows."""

    __tablename__ = "watch_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_fetch_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[str | None]  # "new", "unchanged" or "error"
    last_error: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed polls
    next_fetch_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # backoff / Retry-After


class WatchEntry(Base):
    """One entry of a watched feed, and what became of it."""

    __tablename__ = "watch_entries"

    feed_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("watch_feeds.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    entry_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str]
    reason: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[str | None] = mapped_column(String(64), index=True)  # no FK: the document may be deleted
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class FeedState:
    """A watched feed as read from the store."""

    id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    failures: int
    next_fetch_at: datetime | None
    last_fetch_at: datetime | None
    last_status: str | None
    last_error: str | None

    @property
    def validators(self) -> dict[str, str]:
        """The validators for a conditional GET (see ``sitrep.ingest.fetch``)."""
        found = {"etag": self.etag, "last-modified": self.last_modified}
        return {name: value for name, value in found.items() if value}


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of a feed found, to be written back."""

    status: str  # "new", "unchanged" or "error"
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    next_fetch_at: datetime | None = None


@dataclass(frozen=True)
class EntryOutcome:
    """What became of one entry."""

    entry_key: str
    status: str
    url: str | None = None
    title: str | None = None
    reason: str | None = None
    document_id: str | None = None


def utc(value: datetime | None) -> datetime | None:
    """A stored datetime with its zone (SQLite keeps none; we always write UTC)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


class FeedStore:
    """Watch state in a store's database (``Store.engine``)."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})

    def add_feeds(self, urls: Iterable[str], now: datetime) -> list[FeedState]:
        """Follow these feed URLs (already followed ones are kept as they are); return their states."""
        wanted = list(dict.fromkeys(urls))
        rows = [{"url": url, "added_at": now, "failures": 0} for url in wanted]
        try:
            with Session(self._writer) as session, session.begin():
                if rows:
                    session.execute(_insert_ignoring(session, WatchFeed, ["url"]).values(rows))
        except SQLAlchemyError as exc:
            raise store_error("record feeds in", self._engine.url, exc) from exc
        found = {feed.url: feed for feed in self.feeds()}
        return [found[url] for url in wanted]

    def feeds(self) -> list[FeedState]:
        """Every followed feed, in the order they were added."""
        try:
            with Session(self._engine) as session:
                return [_state(row) for row in session.scalars(select(WatchFeed).order_by(WatchFeed.id))]
        except SQLAlchemyError as exc:
            raise store_error("read feeds from", self._engine.url, exc) from exc

    def known_entries(self, feed_id: int) -> dict[str, tuple[str, int]]:
        """``entry_key -> (status, attempts)`` of every entry this feed has had."""
        query = select(WatchEntry.entry_key, WatchEntry.status, WatchEntry.attempts).where(
            WatchEntry.feed_id == feed_id
        )
        try:
            with Session(self._engine) as session:
                return {row.entry_key: (row.status, row.attempts) for row in session.execute(query)}
        except SQLAlchemyError as exc:
            raise store_error("read feed entries from", self._engine.url, exc) from exc

    def record_entry(self, feed_id: int, outcome: EntryOutcome, now: datetime) -> None:
        """Write what became of one entry (a retried entry's row is updated, its attempts counted)."""
        values = {
            "url": outcome.url,
            "title": outcome.title,
            "status": outcome.status,
            "reason": outcome.reason,
            "document_id": outcome.document_id,
            "seen_at": now,
        }
        try:
            with Session(self._writer) as session, session.begin():
                statement = _insert_for(session)(WatchEntry.__table__).values(
                    feed_id=feed_id, entry_key=outcome.entry_key, attempts=1, **values
                )
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=["feed_id", "entry_key"], set_={**values, "attempts": WatchEntry.attempts + 1}
                    )
                )
        except SQLAlchemyError as exc:
            raise store_error("record a feed entry in", self._engine.url, exc) from exc

    def record_poll(self, feed_id: int, outcome: PollOutcome, now: datetime) -> None:
        """Write one poll's outcome: validators kept on success, failures counted on error."""
        values: dict[str, Any] = {
            "last_fetch_at": now,
            "last_status": outcome.status,
            "last_error": outcome.error,
            "next_fetch_at": outcome.next_fetch_at,
        }
        if outcome.status == "error":
            values["failures"] = WatchFeed.failures + 1
        else:
            values["failures"] = 0
            if outcome.status == "new":
                values.update(etag=outcome.etag, last_modified=outcome.last_modified)
            if outcome.title:
                values["title"] = outcome.title
        try:
            with Session(self._writer) as session, session.begin():
                session.execute(update(WatchFeed).where(WatchFeed.id == feed_id).values(**values))
        except SQLAlchemyError as exc:
            raise store_error("record a poll in", self._engine.url, exc) from exc

    def entry_counts(self) -> dict[int, dict[str, int]]:
        """Per feed id, how many entries ended in each status."""
        query = select(WatchEntry.feed_id, WatchEntry.status, func.count()).group_by(
            WatchEntry.feed_id, WatchEntry.status
        )
        counts: dict[int, dict[str, int]] = {}
        try:
            with Session(self._engine) as session:
                for feed_id, status, count in session.execute(query):
                    counts.setdefault(feed_id, {})[status] = count
        except SQLAlchemyError as exc:
            raise store_error("read feed entries from", self._engine.url, exc) from exc
        return counts

    def feed_of_documents(self, document_ids: Iterable[str]) -> dict[str, str]:
        """``document_id -> feed URL`` for the documents a watched feed brought."""
        ids = list(document_ids)
        if not ids:
            return {}
        query = (
            select(WatchEntry.document_id, WatchFeed.url)
            .join(WatchFeed, WatchFeed.id == WatchEntry.feed_id)
            .where(WatchEntry.document_id.in_(ids), WatchEntry.status == ENTRY_STORED)
        )
        with Session(self._engine) as session:
            return {row.document_id: row.url for row in session.execute(query)}


def _insert_for(session: Session) -> Any:
    """The dialect's ``insert`` (which has ``on_conflict_do_nothing``/``_do_update``)."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def _insert_ignoring(session: Session, model: type[Base], keys: list[str]) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` for the session's dialect."""
    return _insert_for(session)(model.__table__).on_conflict_do_nothing(index_elements=keys)


def _state(row: WatchFeed) -> FeedState:
    return FeedState(
        id=row.id,
        url=row.url,
        title=row.title,
        etag=row.etag,
        last_modified=row.last_modified,
        failures=row.failures or 0,
        next_fetch_at=utc(row.next_fetch_at),
        last_fetch_at=utc(row.last_fetch_at),
        last_status=row.last_status,
        last_error=row.last_error,
    )
