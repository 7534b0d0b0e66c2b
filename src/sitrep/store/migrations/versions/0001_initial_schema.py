"""Initial schema: the documents table and one table per sitrep/1 layer and list.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.String(), nullable=True),
        sa.Column("language", sa.String(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("schema_version", sa.String(), nullable=True),
        sa.Column("extraction", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("extra", sa.JSON(none_as_null=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_ingested_at"), "documents", ["ingested_at"])
    op.create_index(op.f("ix_documents_published"), "documents", ["published"])
    op.create_index(op.f("ix_documents_source"), "documents", ["source"])
    op.create_index(op.f("ix_documents_status"), "documents", ["status"])

    op.create_table(
        "actors",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("affiliation_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id", "affiliation_id"],
            ["actors.document_id", "actors.id"],
            name=op.f("fk_actors_document_id_affiliation_id_actors"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_actors_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "id", name=op.f("pk_actors")),
    )
    op.create_index(op.f("ix_actors_country"), "actors", ["country"])
    op.create_index(op.f("ix_actors_name"), "actors", ["name"])
    op.create_index(op.f("ix_actors_type"), "actors", ["type"])

    op.create_table(
        "places",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("feature", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_places_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "id", name=op.f("pk_places")),
    )
    op.create_index(op.f("ix_places_country"), "places", ["country"])
    op.create_index(op.f("ix_places_geonames_id"), "places", ["geonames_id"])
    op.create_index(op.f("ix_places_name"), "places", ["name"])

    op.create_table(
        "times",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.String(), nullable=True),
        sa.Column("end_date", sa.String(), nullable=True),
        sa.Column("granularity", sa.String(), nullable=False),
        sa.Column("relative", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_times_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "id", name=op.f("pk_times")),
    )
    op.create_index(op.f("ix_times_start_date"), "times", ["start_date"])

    op.create_table(
        "actor_mentions",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "actor_id"],
            ["actors.document_id", "actors.id"],
            name=op.f("fk_actor_mentions_document_id_actor_id_actors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "actor_id", "position", name=op.f("pk_actor_mentions")),
    )

    op.create_table(
        "claims",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("speaker_id", sa.String(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("stance", sa.String(), nullable=False),
        sa.Column("factuality", sa.String(), nullable=False),
        sa.Column("time_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id", "speaker_id"],
            ["actors.document_id", "actors.id"],
            name=op.f("fk_claims_document_id_speaker_id_actors"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "time_id"],
            ["times.document_id", "times.id"],
            name=op.f("fk_claims_document_id_time_id_times"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_claims_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_document_id_speaker_id"), "claims", ["document_id", "speaker_id"])
    op.create_index(op.f("ix_claims_stance"), "claims", ["stance"])

    op.create_table(
        "events",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=True),
        sa.Column("source_id", sa.String(), nullable=True),
        sa.Column("target_id", sa.String(), nullable=True),
        sa.Column("place_id", sa.String(), nullable=True),
        sa.Column("time_id", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "place_id"],
            ["places.document_id", "places.id"],
            name=op.f("fk_events_document_id_place_id_places"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "source_id"],
            ["actors.document_id", "actors.id"],
            name=op.f("fk_events_document_id_source_id_actors"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "target_id"],
            ["actors.document_id", "actors.id"],
            name=op.f("fk_events_document_id_target_id_actors"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "time_id"],
            ["times.document_id", "times.id"],
            name=op.f("fk_events_document_id_time_id_times"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_events_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_document_id_source_id"), "events", ["document_id", "source_id"])
    op.create_index(op.f("ix_events_document_id_target_id"), "events", ["document_id", "target_id"])
    op.create_index(op.f("ix_events_type"), "events", ["type"])

    op.create_table(
        "place_mentions",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("place_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "place_id"],
            ["places.document_id", "places.id"],
            name=op.f("fk_place_mentions_document_id_place_id_places"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "place_id", "position", name=op.f("pk_place_mentions")),
    )

    op.create_table(
        "claim_places",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("place_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "claim_id"],
            ["claims.document_id", "claims.id"],
            name=op.f("fk_claim_places_document_id_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "place_id"],
            ["places.document_id", "places.id"],
            name=op.f("fk_claim_places_document_id_place_id_places"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("document_id", "claim_id", "position", name=op.f("pk_claim_places")),
    )
    op.create_index(op.f("ix_claim_places_document_id_place_id"), "claim_places", ["document_id", "place_id"])

    op.create_table(
        "claim_via",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "actor_id"],
            ["actors.document_id", "actors.id"],
            name=op.f("fk_claim_via_document_id_actor_id_actors"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "claim_id"],
            ["claims.document_id", "claims.id"],
            name=op.f("fk_claim_via_document_id_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "claim_id", "position", name=op.f("pk_claim_via")),
    )
    op.create_index(op.f("ix_claim_via_document_id_actor_id"), "claim_via", ["document_id", "actor_id"])

    op.create_table(
        "event_claims",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "claim_id"],
            ["claims.document_id", "claims.id"],
            name=op.f("fk_event_claims_document_id_claim_id_claims"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "event_id"],
            ["events.document_id", "events.id"],
            name=op.f("fk_event_claims_document_id_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "event_id", "position", name=op.f("pk_event_claims")),
    )
    op.create_index(op.f("ix_event_claims_document_id_claim_id"), "event_claims", ["document_id", "claim_id"])

    op.create_table(
        "figures",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("qualifier", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("noun", sa.String(), nullable=True),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=True),
        sa.Column("place_id", sa.String(), nullable=True),
        sa.Column("time_id", sa.String(), nullable=True),
        sa.Column("claim_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id", "actor_id"],
            ["actors.document_id", "actors.id"],
            name=op.f("fk_figures_document_id_actor_id_actors"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "claim_id"],
            ["claims.document_id", "claims.id"],
            name=op.f("fk_figures_document_id_claim_id_claims"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "place_id"],
            ["places.document_id", "places.id"],
            name=op.f("fk_figures_document_id_place_id_places"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "time_id"],
            ["times.document_id", "times.id"],
            name=op.f("fk_figures_document_id_time_id_times"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_figures_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "id", name=op.f("pk_figures")),
    )
    op.create_index(op.f("ix_figures_category"), "figures", ["category"])

    op.create_table(
        "claim_figures",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("figure_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "claim_id"],
            ["claims.document_id", "claims.id"],
            name=op.f("fk_claim_figures_document_id_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "figure_id"],
            ["figures.document_id", "figures.id"],
            name=op.f("fk_claim_figures_document_id_figure_id_figures"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("document_id", "claim_id", "position", name=op.f("pk_claim_figures")),
    )
    op.create_index(op.f("ix_claim_figures_document_id_figure_id"), "claim_figures", ["document_id", "figure_id"])

    op.create_table(
        "event_figures",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("figure_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "event_id"],
            ["events.document_id", "events.id"],
            name=op.f("fk_event_figures_document_id_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "figure_id"],
            ["figures.document_id", "figures.id"],
            name=op.f("fk_event_figures_document_id_figure_id_figures"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("document_id", "event_id", "position", name=op.f("pk_event_figures")),
    )
    op.create_index(op.f("ix_event_figures_document_id_figure_id"), "event_figures", ["document_id", "figure_id"])


def downgrade() -> None:
    op.drop_table("event_figures")
    op.drop_table("claim_figures")
    op.drop_table("figures")
    op.drop_table("event_claims")
    op.drop_table("claim_via")
    op.drop_table("claim_places")
    op.drop_table("place_mentions")
    op.drop_table("events")
    op.drop_table("claims")
    op.drop_table("actor_mentions")
    op.drop_table("times")
    op.drop_table("places")
    op.drop_table("actors")
    op.drop_table("documents")
