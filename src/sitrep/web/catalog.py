"""Read queries on stored documents that the Store API does not offer (read-only, indexed columns)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from sitrep.store import STATUS_EXTRACTED, Store
from sitrep.store.connect import store_error
from sitrep.store.tables import Document

LISTED_COLUMNS = (Document.id, Document.title, Document.source, Document.published, Document.url, Document.status)


@dataclass(frozen=True)
class Fingerprint:
    """How many extracted documents the store holds and when the newest came: equal means nothing new."""

    count: int
    newest: Any


def fingerprint(store: Store) -> Fingerprint:
    """Two indexed aggregates over the extracted documents."""
    query = select(func.count(), func.max(Document.ingested_at)).where(Document.status == STATUS_EXTRACTED)
    try:
        with store.session() as session:
            count, newest = session.execute(query).one()
    except SQLAlchemyError as exc:
        raise store_error("read documents from", store.engine.url, exc) from exc
    return Fingerprint(count or 0, newest)


def extracted_ids(store: Store) -> set[str]:
    """The ids of every extracted document."""
    query = select(Document.id).where(Document.status == STATUS_EXTRACTED)
    try:
        with store.session() as session:
            return set(session.scalars(query))
    except SQLAlchemyError as exc:
        raise store_error("read documents from", store.engine.url, exc) from exc


def list_documents(store: Store, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """The total number of stored documents and one page of them, newest publication first."""
    page = (select(*LISTED_COLUMNS)
            .order_by(Document.published.desc().nulls_last(), Document.id)
            .limit(limit).offset(offset))
    try:
        with store.session() as session:
            total = session.scalar(select(func.count()).select_from(Document)) or 0
            rows = [dict(row) for row in session.execute(page).mappings()]
    except SQLAlchemyError as exc:
        raise store_error("read documents from", store.engine.url, exc) from exc
    return total, rows
