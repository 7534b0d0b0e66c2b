"""The database tables: one row per document and one per item of each sitrep/1 layer.

Every layer row is keyed by ``(document_id, id)``, ``id`` being the contract's local
id ("A1", "P2", ...). References between items of one document ("figure F1 belongs to
actor A3") are composite foreign keys ``(document_id, <thing>_id)``, checked at
commit, so the database itself refuses a dangling reference. Spans are two integer columns
(``span_start``/``span_end``, ``speaker_start``/``speaker_end``, ...); a time's
calendar bounds are ``start_date``/``end_date`` (ISO strings, which sort correctly).
Lists of the contract become link tables with a ``position`` that keeps their order.

The full sitrep/1 object is also kept as JSON in ``documents.extraction``: it is the
authoritative copy (fields added to the contract survive); the columns are for queries.
Enumerations (actor type, stance, ...) are plain strings so the contract can grow
without a migration.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with deterministic constraint names (for migrations)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {str: String(), dict[str, Any]: JSON(none_as_null=True)}


def _document_fk() -> Mapped[str]:
    return mapped_column(String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


def _reference(column: str, table: str) -> ForeignKeyConstraint:
    """A composite foreign key from ``(document_id, column)`` to an item of ``table``.

    Checked at commit, so the rows of one document can be inserted, and cascade-deleted,
    in any order.
    """
    return ForeignKeyConstraint(
        ["document_id", column],
        [f"{table}.document_id", f"{table}.id"],
        deferrable=True,
        initially="DEFERRED",
    )


def _owner(column: str, table: str) -> ForeignKeyConstraint:
    """A composite foreign key to the item this row belongs to and is deleted with."""
    return ForeignKeyConstraint(["document_id", column], [f"{table}.document_id", f"{table}.id"], ondelete="CASCADE")


class Document(Base):
    """One ingested article, extracted or not (see ``status``)."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the text
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(index=True)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(index=True)  # ISO date or datetime
    language: Mapped[str | None]
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)  # where it came from: path, URL, feed
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    status: Mapped[str] = mapped_column(index=True)
    schema_version: Mapped[str | None]  # "sitrep/1"; null when not extracted
    extraction: Mapped[dict[str, Any] | None]
    extra: Mapped[dict[str, Any] | None]


class Actor(Base):
    """An actor (``actors[]``)."""

    __tablename__ = "actors"
    __table_args__ = (_reference("affiliation_id", "actors"),)

    document_id: Mapped[str] = _document_fk()
    id: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(index=True)
    type: Mapped[str] = mapped_column(index=True)
    country: Mapped[str | None] = mapped_column(index=True)
    role: Mapped[str | None] = mapped_column(Text)
    affiliation_id: Mapped[str | None]
    entity_key: Mapped[str | None] = mapped_column(index=True)  # one key for the actor in every document


class ActorMention(Base):
    """One mention span of an actor."""

    __tablename__ = "actor_mentions"
    __table_args__ = (_owner("actor_id", "actors"),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    actor_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    span_start: Mapped[int]
    span_end: Mapped[int]


class Place(Base):
    """A place (``places[]``)."""

    __tablename__ = "places"

    document_id: Mapped[str] = _document_fk()
    id: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(index=True)
    feature: Mapped[str]
    country: Mapped[str | None] = mapped_column(index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonames_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity_key: Mapped[str | None] = mapped_column(index=True)  # one key for the place in every document


class PlaceMention(Base):
    """One mention span of a place."""

    __tablename__ = "place_mentions"
    __table_args__ = (_owner("place_id", "places"),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    place_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    span_start: Mapped[int]
    span_end: Mapped[int]


class Time(Base):
    """A time expression (``times[]``)."""

    __tablename__ = "times"

    document_id: Mapped[str] = _document_fk()
    id: Mapped[str] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int]
    span_end: Mapped[int]
    start_date: Mapped[str | None] = mapped_column(index=True)  # the contract's "start"
    end_date: Mapped[str | None]  # the contract's "end"
    granularity: Mapped[str]
    relative: Mapped[bool] = mapped_column(Boolean)


class Claim(Base):
    """Who says what (``claims[]``)."""

    __tablename__ = "claims"
    __table_args__ = (
        _reference("speaker_id", "actors"),
        _reference("time_id", "times"),
        Index(None, "document_id", "speaker_id"),
    )

    document_id: Mapped[str] = _document_fk()
    id: Mapped[str] = mapped_column(primary_key=True)
    speaker_id: Mapped[str | None]
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None]
    speaker_end: Mapped[int | None]
    cue: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int]
    content_end: Mapped[int]
    kind: Mapped[str]
    stance: Mapped[str] = mapped_column(index=True)
    factuality: Mapped[str]
    time_id: Mapped[str | None]


class Figure(Base):
    """A quantity (``figures[]``)."""

    __tablename__ = "figures"
    __table_args__ = (
        _reference("actor_id", "actors"),
        _reference("place_id", "places"),
        _reference("time_id", "times"),
        _reference("claim_id", "claims"),
    )

    document_id: Mapped[str] = _document_fk()
    id: Mapped[str] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int]
    span_end: Mapped[int]
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str]
    unit: Mapped[str | None]
    noun: Mapped[str | None]
    category: Mapped[str] = mapped_column(index=True)
    actor_id: Mapped[str | None]
    place_id: Mapped[str | None]
    time_id: Mapped[str | None]
    claim_id: Mapped[str | None]


class Event(Base):
    """A PLOVER event (``events[]``)."""

    __tablename__ = "events"
    __table_args__ = (
        _reference("source_id", "actors"),
        _reference("target_id", "actors"),
        _reference("place_id", "places"),
        _reference("time_id", "times"),
        Index(None, "document_id", "source_id"),
        Index(None, "document_id", "target_id"),
    )

    document_id: Mapped[str] = _document_fk()
    id: Mapped[str] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(index=True)
    mode: Mapped[str | None]
    source_id: Mapped[str | None]
    target_id: Mapped[str | None]
    place_id: Mapped[str | None]
    time_id: Mapped[str | None]
    status: Mapped[str]
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int]
    span_end: Mapped[int]


class ClaimVia(Base):
    """``claims[].via``: the actors a claim reached the reader through."""

    __tablename__ = "claim_via"
    __table_args__ = (
        _owner("claim_id", "claims"),
        _reference("actor_id", "actors"),
        Index(None, "document_id", "actor_id"),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    claim_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    actor_id: Mapped[str]


class ClaimFigure(Base):
    """``claims[].figures``."""

    __tablename__ = "claim_figures"
    __table_args__ = (
        _owner("claim_id", "claims"),
        _reference("figure_id", "figures"),
        Index(None, "document_id", "figure_id"),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    claim_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    figure_id: Mapped[str]


class ClaimPlace(Base):
    """``claims[].places``."""

    __tablename__ = "claim_places"
    __table_args__ = (
        _owner("claim_id", "claims"),
        _reference("place_id", "places"),
        Index(None, "document_id", "place_id"),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    claim_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    place_id: Mapped[str]


class EventFigure(Base):
    """``events[].figures``."""

    __tablename__ = "event_figures"
    __table_args__ = (
        _owner("event_id", "events"),
        _reference("figure_id", "figures"),
        Index(None, "document_id", "figure_id"),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    figure_id: Mapped[str]


class EventClaim(Base):
    """``events[].claims``: the claims that assert an event."""

    __tablename__ = "event_claims"
    __table_args__ = (
        _owner("event_id", "events"),
        _reference("claim_id", "claims"),
        Index(None, "document_id", "claim_id"),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    claim_id: Mapped[str]


class Story(Base):
    """A document's syndication fingerprint and the story (group of copies) it belongs to."""

    __tablename__ = "stories"

    document_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[str] = mapped_column(String(64), index=True)  # the smallest document id among its copies
    shingles: Mapped[int] = mapped_column(Integer)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class StoryBand(Base):
    """One LSH band bucket of a document's fingerprint: documents sharing a bucket are compared."""

    __tablename__ = "story_bands"

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    document_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )


LAYER_MODELS: tuple[type[Base], ...] = (
    Actor,
    ActorMention,
    Place,
    PlaceMention,
    Time,
    Claim,
    ClaimVia,
    ClaimPlace,
    Figure,
    ClaimFigure,
    Event,
    EventFigure,
    EventClaim,
)
"""Every table below ``documents``; each comes after the table its rows belong to."""

STORY_MODELS: tuple[type[Base], ...] = (Story, StoryBand)
"""The syndication tables, written at ingest beside the layers."""

ALL_MODELS: tuple[type[Base], ...] = (Document, *LAYER_MODELS, *STORY_MODELS)
"""Every table of the store, ``documents`` first."""
