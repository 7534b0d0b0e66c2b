"""Provenance of stored documents: their origin and outlet, and the watched feed that brought them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sitrep.provenance import Provenance, provenance
from sitrep.store.connect import store_error
from sitrep.store.feeds import ENTRY_STORED, WatchEntry, WatchFeed
from sitrep.store.tables import Document

MAX_IDS = 500


def provenances(engine: Engine, document_ids: Iterable[str]) -> dict[str, Provenance]:
    """``document_id -> Provenance`` for those of ``document_ids`` that are stored."""
    ids = list(dict.fromkeys(document_ids))[:MAX_IDS]
    if not ids:
        return {}
    documents = select(Document.id, Document.origin, Document.source, Document.url).where(Document.id.in_(ids))
    feeds = (
        select(WatchEntry.document_id, WatchFeed.url)
        .join(WatchFeed, WatchFeed.id == WatchEntry.feed_id)
        .where(WatchEntry.document_id.in_(ids), WatchEntry.status == ENTRY_STORED)
    )
    try:
        with Session(engine) as session:
            by_feed = {row.document_id: row.url for row in session.execute(feeds)}
            return {
                row.id: provenance(row.origin, row.source, row.url, watched_feed=by_feed.get(row.id))
                for row in session.execute(documents)
            }
    except SQLAlchemyError as exc:
        raise store_error("read provenance from", engine.url, exc) from exc
