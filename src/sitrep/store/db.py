"""The Store: save extractions one transaction per document, read them back.

A document is either fully stored (its row and every layer row) or absent: each
save is one transaction, so a crash or a kill mid-save leaves nothing behind, and a
re-run that skips ``has_document`` ids resumes where the last one stopped.

    with Store.open("sqlite:///corpus.db") as store:
        store.save_document(extraction, origin="article.txt")
        store.get_extraction(extraction["document"]["id"])
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, cast

from alembic.util import CommandError
from sqlalchemy import CursorResult, Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sitrep.errors import StoreError
from sitrep.keys import copy_test
from sitrep.store.connect import SQLITE_BEGIN_OPTION, create_store_engine, database_url, error_reason, store_error
from sitrep.store.entities import EntitySummary
from sitrep.store.migrate import upgrade_to_head
from sitrep.store.picture_tables import FusionQueue
from sitrep.store.rows import LayerRows, Row, document_id_of, document_row, layer_rows
from sitrep.store.stories import file_story, split_story, story_groups
from sitrep.store.tables import ALL_MODELS, LAYER_MODELS, Document, Story

if TYPE_CHECKING:  # the fusion code loads with the first picture step, not with the store
    from sitrep.store.fusion import SyncResult
    from sitrep.store.picture_read import StoredPicture

log = logging.getLogger(__name__)
STATUS_EXTRACTED = "extracted"
STATUS_SKIPPED_LANGUAGE = "skipped_language"
ITER_BATCH_SIZE = 100


class Store:
    """A sitrep database (SQLite or PostgreSQL), migrated to the current schema."""

    def __init__(self, engine: Engine) -> None:
        """Wrap an engine whose database is already migrated; use ``Store.open`` instead."""
        self._engine = engine
        self._reader = sessionmaker(engine)
        self._writer = sessionmaker(engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"}))
        self._closed = False
        self.sync_after_write = True  # False: writes only queue; call ``sync_picture`` (batch ingest)

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Connect to ``url`` (see ``database_url``) and migrate it to the newest schema."""
        resolved = database_url(url)
        engine = create_store_engine(resolved)
        try:
            upgrade_to_head(engine)
        except StoreError:
            engine.dispose()
            raise
        except (SQLAlchemyError, CommandError, OSError) as exc:
            engine.dispose()
            raise store_error("open", resolved, exc) from exc
        return cls(engine)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for read queries by other modules."""
        return self._engine

    def session(self) -> Session:
        """A new Session for read queries (``with store.session() as s: ...``)."""
        return self._reader()

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id is stored, whatever its status."""
        with self._reading("look up a document in"), self._reader() as session:
            return session.scalar(select(Document.id).where(Document.id == doc_id)) is not None

    def save_document(
        self,
        extraction: Mapping[str, Any],
        *,
        origin: str | None = None,
        status: str = STATUS_EXTRACTED,
        extra: Mapping[str, Any] | None = None,
    ) -> bool:
        """Store a sitrep/1 extraction and all its layer rows in one transaction.

        Returns False, writing nothing, when the document is already stored. On any
        error nothing is written and StoreError is raised.
        """
        doc_id = document_id_of(extraction)
        if self.has_document(doc_id):
            return False
        row = document_row(
            extraction["document"], status=status, origin=origin, ingested_at=_now(), extraction=extraction, extra=extra
        )
        return self._insert(row, layer_rows(extraction))

    def save_unextracted(
        self,
        document: Mapping[str, Any],
        *,
        origin: str | None,
        status: str,
        extra: Mapping[str, Any] | None = None,
    ) -> bool:
        """Store a document that was not extracted (e.g. ``status="skipped_language"``).

        ``document`` is the contract's ``document`` object; without an ``id`` it is
        keyed by the sha256 of its text. Returns False when it is already stored.
        """
        if status == STATUS_EXTRACTED:
            raise StoreError(f"document {document.get('id') or '?'}: status 'extracted' needs an extraction")
        row = document_row(document, status=status, origin=origin, ingested_at=_now(), extra=extra)
        if self.has_document(row["id"]):
            return False
        return self._insert(row, {})

    def get_extraction(self, doc_id: str) -> dict[str, Any] | None:
        """The stored sitrep/1 object, or None when absent or not extracted."""
        with self._reading("read a document from"), self._reader() as session:
            return session.scalar(select(Document.extraction).where(Document.id == doc_id))

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """A document's row (status, origin, extra, ...) without its extraction, or None."""
        columns = [column for column in Document.__table__.c if column.name != "extraction"]
        with self._reading("read a document from"), self._reader() as session:
            found = session.execute(select(*columns).where(Document.id == doc_id)).mappings().first()
        if found is None:
            return None
        document = dict(found)
        ingested_at = document["ingested_at"]
        if ingested_at.tzinfo is None:  # SQLite keeps no zone; we always write UTC
            ingested_at = ingested_at.replace(tzinfo=UTC)
        document["ingested_at"] = ingested_at.isoformat()
        return document

    def iter_extractions(self) -> Iterator[dict[str, Any]]:
        """Every stored extraction, oldest first, fetched in batches."""
        query = (
            select(Document.extraction)
            .where(Document.extraction.is_not(None))
            .order_by(Document.ingested_at, Document.id)
            .execution_options(yield_per=ITER_BATCH_SIZE)
        )
        with self._reading("read documents from"), self._reader() as session:
            yield from session.scalars(query)

    def extracted_marker(self) -> tuple[int, Any]:
        """How many extracted documents are stored and when the newest came (two indexed aggregates):
        an unchanged marker means nothing new was extracted."""
        query = select(func.count(), func.max(Document.ingested_at)).where(Document.status == STATUS_EXTRACTED)
        with self._reading("read documents from"), self._reader() as session:
            count, newest = session.execute(query).one()
        return (count or 0, newest)

    def extracted_ids(self) -> set[str]:
        """The ids of every extracted document."""
        with self._reading("read documents from"), self._reader() as session:
            return set(session.scalars(select(Document.id).where(Document.status == STATUS_EXTRACTED)))

    def list_documents(self, limit: int, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """The number of stored documents and one page of them (id, title, source, published, url,
        status), newest publication first."""
        columns = (Document.id, Document.title, Document.source, Document.published, Document.url, Document.status)
        page = (
            select(*columns).order_by(Document.published.desc().nulls_last(), Document.id).limit(limit).offset(offset)
        )
        with self._reading("read documents from"), self._reader() as session:
            total = session.scalar(select(func.count()).select_from(Document)) or 0
            return total, [dict(row) for row in session.execute(page).mappings()]

    def counts(self, doc_id: str | None = None) -> dict[str, int]:
        """Rows per table, for the whole database or for one document."""
        counts: dict[str, int] = {}
        with self._reading("count rows in"), self._reader() as session:
            for model in ALL_MODELS:
                table = model.__table__
                query = select(func.count()).select_from(table)
                if doc_id is not None:
                    key = table.c.id if model is Document else table.c.document_id
                    query = query.where(key == doc_id)
                counts[model.__tablename__] = session.scalar(query) or 0
        return counts

    def story_groups(self, min_size: int = 2) -> list[list[str]]:
        """Syndication: the stored documents that are copies of one story, grouped (see ``stories.py``)."""
        with self._reading("read stories from"), self._reader() as session:
            return story_groups(session, min_size)

    def entities(self, kind: str | None = None, query: str | None = None, limit: int = 50) -> list[EntitySummary]:
        """Actors and places across documents, in the most documents first (see ``entities.py``)."""
        return [EntitySummary(**_summary_fields(row)) for row in self.entity_page(kind, query, limit)[1]]

    def entity_page(
        self, kind: str | None = None, query: str | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[dict[str, Any]]]:
        """The number of matching entities and one page of them (``summary_dict`` shape), read from the
        persisted picture's registry (queued documents are taken in first)."""
        from sitrep.store.picture_read import entity_page

        self._catch_up()
        with self._reading("read entities from"), self._reader() as session:
            return entity_page(session, kind, query, limit, offset)

    def _catch_up(self) -> None:
        if self.picture_pending():
            self.sync_picture()

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and all its rows (its story is split again); False when it was not stored."""
        try:
            with self._writer.begin() as session:
                story_id = session.scalar(select(Story.story_id).where(Story.document_id == doc_id))
                deleted = cast(CursorResult[Any], session.execute(delete(Document).where(Document.id == doc_id)))
                if story_id is not None:
                    split_story(session, story_id)
                if deleted.rowcount:
                    enqueue(session, doc_id, "remove")
        except SQLAlchemyError as exc:
            raise store_error("delete a document from", self._engine.url, exc) from exc
        if deleted.rowcount:
            self._picture_step()
        return bool(deleted.rowcount)

    # -- the persisted picture (see ``fusion.py``) ------------------------------------------

    def sync_picture(self, limit: int | None = None) -> SyncResult:
        """Take queued documents into the persisted picture (the step each save runs right after its commit;
        resumable: what a crash leaves queued is taken in by the next call)."""
        from sitrep.store.fusion import sync_picture

        try:
            with self._writer.begin() as session:
                return sync_picture(session, limit=limit)
        except StoreError:
            raise
        except SQLAlchemyError as exc:
            raise store_error("update the picture in", self._engine.url, exc) from exc
        except Exception as exc:  # a bug in a step must not lose the queue: it stays for the next step
            raise StoreError(
                f"the picture was not updated ({type(exc).__name__}: {exc}); the changes stay queued for the next "
                "picture step (`sitrep rebuild` recomputes it)"
            ) from exc

    def rebuild_picture(self, batch: int = 500) -> int:
        """Recompute the persisted picture from every stored extraction; return how many documents it holds."""
        from sitrep.store.fusion import reset_picture

        try:
            with self._writer.begin() as session:
                reset_picture(session)
        except SQLAlchemyError as exc:
            raise store_error("rebuild the picture in", self._engine.url, exc) from exc
        while self.picture_pending():
            self.sync_picture(limit=batch)
        return self.picture_documents()

    def picture_pending(self) -> int:
        """How many saved or deleted documents the persisted picture has not taken in yet."""
        from sitrep.store.fusion import pending

        with self._reading("read the picture from"), self._reader() as session:
            return pending(session)

    @contextmanager
    def picture(self) -> Iterator[StoredPicture]:
        """The persisted picture, read in one session (``with store.picture() as p: p.to_dict()``)."""
        from sitrep.store.picture_read import StoredPicture

        with self._reading("read the picture from"), self._reader() as session:
            yield StoredPicture(session)

    def picture_view(self, **filters: Any) -> dict[str, Any]:
        """The persisted picture as ``sitrep-picture/1`` data (``StoredPicture.to_dict`` filters); documents
        still queued are taken in first."""
        self._catch_up()
        with self.picture() as picture:
            return picture.to_dict(**filters)

    def picture_version(self) -> str:
        """A token that changes whenever the persisted picture does."""
        from sitrep.store.fusion import picture_version

        with self._reading("read the picture from"), self._reader() as session:
            return picture_version(session)

    def picture_documents(self) -> int:
        """How many documents the persisted picture includes."""
        from sitrep.store.fusion import meta_counts

        with self._reading("read the picture from"), self._reader() as session:
            return meta_counts(session, ["documents"])["documents"]

    def _picture_step(self) -> None:
        """After a write: bring the picture up to date unless deferred (``sync_after_write = False``)."""
        if not self.sync_after_write:
            return
        try:
            self.sync_picture()
        except StoreError as exc:  # the document is saved; its change stays queued for the next picture step
            log.warning("%s", exc)

    def close(self) -> None:
        """Release every connection; the Store cannot be used afterwards."""
        if not self._closed:
            self._engine.dispose()
            self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._engine.url.render_as_string(hide_password=True)!r})"

    def _insert(self, document: Row, layers: LayerRows) -> bool:
        """Write one document's rows in one transaction; False if another writer won."""
        doc_id = document["id"]
        extracted = document.get("extraction") is not None
        fingerprint = copy_test().fingerprint(document["text"], document.get("title")) if extracted else None
        try:
            with self._writer.begin() as session:  # the fingerprint is computed before the write lock is taken
                session.execute(insert(Document), [document])
                _write_layers(session, layers)
                if fingerprint is not None:
                    file_story(session, doc_id, fingerprint)
                    enqueue(session, doc_id, "add")
        except IntegrityError as exc:
            if self.has_document(doc_id):
                return False
            raise StoreError(f"document {doc_id[:12]}: the database refused it: {error_reason(exc)}") from exc
        except Exception as exc:
            raise StoreError(f"document {doc_id[:12]}: not saved: {error_reason(exc)}") from exc
        if extracted:
            self._picture_step()
        return True

    @contextmanager
    def _reading(self, action: str) -> Iterator[None]:
        """Turn SQLAlchemy errors raised while reading into StoreError."""
        try:
            yield
        except SQLAlchemyError as exc:
            raise store_error(action, self._engine.url, exc) from exc


def enqueue(session: Session, document_id: str, op: str) -> None:
    """Queue a document for the picture in the caller's transaction (``op``: "add" or "remove")."""
    session.execute(insert(FusionQueue), [{"document_id": document_id, "op": op}])


def _summary_fields(row: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in row.items() if k != "type"}
    fields["aliases"] = tuple(row["aliases"])
    fields["type_or_feature"] = row["type"]
    return fields


def _write_layers(session: Session, layers: LayerRows) -> None:
    """Insert layer rows, owners before the rows that belong to them."""
    for model in LAYER_MODELS:
        rows = layers.get(model)
        if rows:
            session.execute(insert(model), rows)


def _now() -> datetime:
    return datetime.now(UTC)


__all__ = ["STATUS_EXTRACTED", "STATUS_SKIPPED_LANGUAGE", "Store"]
