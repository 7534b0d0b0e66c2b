"""The tables of the persisted picture (revision 0003): the fusion state and the fused items.

Fusion state (what an incremental step needs to update the picture):
- ``fusion_queue``: documents saved or deleted since the picture last caught up, written in
  the document's own transaction and drained by ``picture_sync`` in one transaction.
- ``fusion_documents``: every document the picture includes, with its compact fusion
  records (a pickle of ``StoredRecords``) and the story label the picture used.
- ``fusion_reports`` / ``fusion_keys``: each event report (``kind`` "e") and claim
  report ("c") with the connected component it belongs to, and the bucket keys it
  is filed under (stable across processes), so a new report finds its candidates by index.
- ``fusion_mentions`` / ``fusion_entities``: the entity registry (one row per actor
  or place item; per key its display name, surname merge and document count).

Fused items (what readers page through): ``picture_events``, ``picture_claims``,
``picture_series`` hold each item's rendered view (JSON text) and the columns readers
order and filter on (``rank``: one string whose order is the picture's order);
``picture_members`` maps each member report to its item; ``picture_terms`` holds the
actors, places and dates each item can be filtered by.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import BigInteger, Float, Index, Integer, LargeBinary, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from sitrep.store.tables import Base


class FusionQueue(Base):
    """A document to add to (``op`` "add") or remove from ("remove") the picture."""

    __tablename__ = "fusion_queue"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(8))


class FusionDocument(Base):
    """A document the picture includes."""

    __tablename__ = "fusion_documents"

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    story: Mapped[str] = mapped_column(String(64), index=True)  # its story label as the picture used it
    published: Mapped[int | None] = mapped_column(Integer, index=True)  # day number
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    records: Mapped[bytes] = mapped_column(LargeBinary)


class FusionReport(Base):
    """An event report ("e") or claim report ("c") and its connected component."""

    __tablename__ = "fusion_reports"
    __table_args__ = (Index(None, "kind", "component"),)

    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String, primary_key=True)
    component: Mapped[str] = mapped_column(Text)
    record: Mapped[bytes] = mapped_column(LargeBinary)  # the pickled EventReport or ClaimReport


class FusionKey(Base):
    """One bucket key a report is filed under."""

    __tablename__ = "fusion_keys"
    __table_args__ = (Index(None, "document_id"),)

    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String, primary_key=True)


class FusionMention(Base):
    """One actor or place item of one document, under its canonical key."""

    __tablename__ = "fusion_mentions"
    __table_args__ = (Index(None, "document_id"),)

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String)  # actor type or place feature
    country: Mapped[str | None] = mapped_column(String)
    spans: Mapped[str] = mapped_column(Text)  # JSON [[start, end], ...]


class FusionEntity(Base):
    """Per canonical key: what views show for it and which key it merges into."""

    __tablename__ = "fusion_entities"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    display: Mapped[str] = mapped_column(Text)
    surname: Mapped[str | None] = mapped_column(Text, index=True)  # last word of a person's key
    person: Mapped[int] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String)  # the most common country
    merged_into: Mapped[str | None] = mapped_column(Text, index=True)
    names: Mapped[str] = mapped_column(Text)  # JSON counters over its items: name, type, country
    types: Mapped[str] = mapped_column(Text)
    countries: Mapped[str] = mapped_column(Text)
    own: Mapped[int] = mapped_column(Integer)  # documents naming this key
    documents: Mapped[int] = mapped_column(Integer)  # documents naming the merged group (on the group's head)
    rank: Mapped[str] = mapped_column(Text, index=True)  # most documents first, then key


class PictureEvent(Base):
    __tablename__ = "picture_events"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    component: Mapped[str] = mapped_column(Text, index=True)
    rank: Mapped[str] = mapped_column(Text, index=True)
    timeline_rank: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String, index=True)
    status: Mapped[str] = mapped_column(String, index=True)
    independent: Mapped[int] = mapped_column(Integer, index=True)
    reports: Mapped[int] = mapped_column(Integer)
    start: Mapped[int | None] = mapped_column(Integer, index=True)
    end: Mapped[int | None] = mapped_column(Integer)
    first_published: Mapped[int | None] = mapped_column(Integer, index=True)
    view: Mapped[str] = mapped_column(Text)
    brief: Mapped[str] = mapped_column(Text)  # JSON: what the developments list shows


class PictureClaim(Base):
    __tablename__ = "picture_claims"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    component: Mapped[str] = mapped_column(Text, index=True)
    rank: Mapped[str] = mapped_column(Text, index=True)
    speaker: Mapped[str | None] = mapped_column(Text, index=True)  # the fused speaker's key
    stance: Mapped[str] = mapped_column(String, index=True)
    factualities: Mapped[str] = mapped_column(Text)  # space-separated
    content: Mapped[str] = mapped_column(Text)  # folded, for text search
    independent: Mapped[int] = mapped_column(Integer)
    first_published: Mapped[int | None] = mapped_column(Integer, index=True)
    view: Mapped[str] = mapped_column(Text)
    brief: Mapped[str] = mapped_column(Text)


class PictureSeries(Base):
    __tablename__ = "picture_series"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    rank: Mapped[str] = mapped_column(Text, index=True)
    category: Mapped[str] = mapped_column(String, index=True)
    contradictions: Mapped[int] = mapped_column(Integer, index=True)
    clash_published: Mapped[int | None] = mapped_column(Integer, index=True)  # newest report of a contradiction
    entries: Mapped[int] = mapped_column(Integer)
    view: Mapped[str] = mapped_column(Text)


class PictureMember(Base):
    """A member report of a fused item: an event report ("e"), claim report ("c") or figure ("f")."""

    __tablename__ = "picture_members"
    __table_args__ = (Index(None, "kind", "published"),)

    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(String, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(32), index=True)
    published: Mapped[int | None] = mapped_column(Integer)


class PictureTerm(Base):
    """An actor, place or date an item can be found by (``term``: actor, speaker, place, when)."""

    __tablename__ = "picture_terms"
    __table_args__ = (
        Index(None, "term", "key"),
        Index(None, "term", "lat", "lon"),
        Index(None, "term", "start"),
        Index(None, "term", "end"),
    )

    item_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    term: Mapped[str] = mapped_column(String(8))
    key: Mapped[str | None] = mapped_column(Text)
    key_folded: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)  # folded
    display: Mapped[str | None] = mapped_column(Text)  # folded display name of the merged key
    country: Mapped[str | None] = mapped_column(String)
    country_folded: Mapped[str | None] = mapped_column(String)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class PictureMeta(Base):
    """Facts about the persisted picture (the records format it was written with)."""

    __tablename__ = "picture_meta"

    name: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


FUSION_MODELS: tuple[type[Base], ...] = (
    FusionQueue,
    FusionDocument,
    FusionReport,
    FusionKey,
    FusionMention,
    FusionEntity,
)
PICTURE_MODELS: tuple[type[Base], ...] = (
    PictureEvent,
    PictureClaim,
    PictureSeries,
    PictureMember,
    PictureTerm,
    PictureMeta,
)


def table_of(model: Any) -> Table:
    """A model's Core table (for executemany inserts with one column set)."""
    return cast(Table, model.__table__)
