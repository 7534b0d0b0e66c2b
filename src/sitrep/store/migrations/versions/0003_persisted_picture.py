"""The persisted picture: fusion state (queue, documents, reports and their bucket keys, entity
registry) and fused items (events, claims, figure series, their members and filter terms).

The tables are created empty and every stored extraction is queued ("add"), oldest first:
the first picture step after the upgrade (any save, ``sitrep rebuild``, ``sitrep picture``)
fuses them. Nothing here imports sitrep: the fusion itself runs in that step, with the
rules of the installed version, as it would for documents ingested afresh.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fusion_documents",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("story", sa.String(length=64), nullable=False),
        sa.Column("published", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("records", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_fusion_documents")),
    )
    with op.batch_alter_table("fusion_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fusion_documents_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_fusion_documents_story"), ["story"], unique=False)

    op.create_table(
        "fusion_entities",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("display", sa.Text(), nullable=False),
        sa.Column("surname", sa.Text(), nullable=True),
        sa.Column("person", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("merged_into", sa.Text(), nullable=True),
        sa.Column("names", sa.Text(), nullable=False),
        sa.Column("types", sa.Text(), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("own", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_fusion_entities")),
    )
    with op.batch_alter_table("fusion_entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fusion_entities_merged_into"), ["merged_into"], unique=False)
        batch_op.create_index(batch_op.f("ix_fusion_entities_rank"), ["rank"], unique=False)
        batch_op.create_index(batch_op.f("ix_fusion_entities_surname"), ["surname"], unique=False)

    op.create_table(
        "fusion_keys",
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", "document_id", "item_id", name=op.f("pk_fusion_keys")),
    )
    with op.batch_alter_table("fusion_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fusion_keys_document_id"), ["document_id"], unique=False)

    op.create_table(
        "fusion_mentions",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("spans", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", "document_id", "item_id", name=op.f("pk_fusion_mentions")),
    )
    with op.batch_alter_table("fusion_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fusion_mentions_document_id"), ["document_id"], unique=False)

    op.create_table(
        "fusion_queue",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_fusion_queue")),
    )
    op.create_table(
        "fusion_reports",
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("component", sa.Text(), nullable=False),
        sa.Column("record", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "document_id", "item_id", name=op.f("pk_fusion_reports")),
    )
    with op.batch_alter_table("fusion_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fusion_reports_kind_component"), ["kind", "component"], unique=False)

    op.create_table(
        "picture_claims",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("component", sa.Text(), nullable=False),
        sa.Column("rank", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("stance", sa.String(), nullable=False),
        sa.Column("factualities", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("independent", sa.Integer(), nullable=False),
        sa.Column("first_published", sa.Integer(), nullable=True),
        sa.Column("view", sa.Text(), nullable=False),
        sa.Column("brief", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_picture_claims")),
    )
    with op.batch_alter_table("picture_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_picture_claims_component"), ["component"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_claims_first_published"), ["first_published"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_claims_rank"), ["rank"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_claims_speaker"), ["speaker"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_claims_stance"), ["stance"], unique=False)

    op.create_table(
        "picture_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("component", sa.Text(), nullable=False),
        sa.Column("rank", sa.Text(), nullable=False),
        sa.Column("timeline_rank", sa.Text(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("independent", sa.Integer(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("first_published", sa.Integer(), nullable=True),
        sa.Column("view", sa.Text(), nullable=False),
        sa.Column("brief", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_picture_events")),
    )
    with op.batch_alter_table("picture_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_picture_events_component"), ["component"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_events_first_published"), ["first_published"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_events_independent"), ["independent"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_events_rank"), ["rank"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_events_start"), ["start"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_events_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_events_timeline_rank"), ["timeline_rank"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_events_type"), ["type"], unique=False)

    op.create_table(
        "picture_members",
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("published", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("kind", "document_id", "member_id", name=op.f("pk_picture_members")),
    )
    with op.batch_alter_table("picture_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_picture_members_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_members_kind_published"), ["kind", "published"], unique=False)

    op.create_table(
        "picture_meta",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_picture_meta")),
    )
    op.create_table(
        "picture_series",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("rank", sa.Text(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("contradictions", sa.Integer(), nullable=False),
        sa.Column("clash_published", sa.Integer(), nullable=True),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("view", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_picture_series")),
    )
    with op.batch_alter_table("picture_series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_picture_series_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_series_contradictions"), ["contradictions"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_series_clash_published"), ["clash_published"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_series_rank"), ["rank"], unique=False)

    op.create_table(
        "picture_terms",
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("term", sa.String(length=8), nullable=False),
        sa.Column("key", sa.Text(), nullable=True),
        sa.Column("key_folded", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("display", sa.Text(), nullable=True),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("country_folded", sa.String(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("item_id", "position", name=op.f("pk_picture_terms")),
    )
    with op.batch_alter_table("picture_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_picture_terms_term_key"), ["term", "key"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_terms_term_lat_lon"), ["term", "lat", "lon"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_terms_term_start"), ["term", "start"], unique=False)
        batch_op.create_index(batch_op.f("ix_picture_terms_term_end"), ["term", "end"], unique=False)

    _queue_existing(op.get_bind())


def _queue_existing(connection: sa.Connection) -> None:
    """Queue every stored extraction for the picture, in ingest order."""
    documents = sa.table("documents", sa.column("id"), sa.column("extraction"), sa.column("ingested_at"))
    queue = sa.table("fusion_queue", sa.column("document_id"), sa.column("op"))
    extracted = (
        sa.select(documents.c.id, sa.literal("add"))
        .where(documents.c.extraction.is_not(None))
        .order_by(documents.c.ingested_at, documents.c.id)
    )
    connection.execute(sa.insert(queue).from_select(["document_id", "op"], extracted))


def downgrade() -> None:
    with op.batch_alter_table("picture_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_picture_terms_term_lat_lon"))
        batch_op.drop_index(batch_op.f("ix_picture_terms_term_key"))

    op.drop_table("picture_terms")
    with op.batch_alter_table("picture_series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_picture_series_rank"))
        batch_op.drop_index(batch_op.f("ix_picture_series_contradictions"))
        batch_op.drop_index(batch_op.f("ix_picture_series_category"))

    op.drop_table("picture_series")
    op.drop_table("picture_meta")
    with op.batch_alter_table("picture_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_picture_members_item_id"))

    op.drop_table("picture_members")
    with op.batch_alter_table("picture_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_picture_events_type"))
        batch_op.drop_index(batch_op.f("ix_picture_events_timeline_rank"))
        batch_op.drop_index(batch_op.f("ix_picture_events_status"))
        batch_op.drop_index(batch_op.f("ix_picture_events_start"))
        batch_op.drop_index(batch_op.f("ix_picture_events_rank"))
        batch_op.drop_index(batch_op.f("ix_picture_events_independent"))
        batch_op.drop_index(batch_op.f("ix_picture_events_component"))

    op.drop_table("picture_events")
    with op.batch_alter_table("picture_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_picture_claims_stance"))
        batch_op.drop_index(batch_op.f("ix_picture_claims_speaker"))
        batch_op.drop_index(batch_op.f("ix_picture_claims_rank"))
        batch_op.drop_index(batch_op.f("ix_picture_claims_component"))

    op.drop_table("picture_claims")
    with op.batch_alter_table("fusion_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fusion_reports_kind_component"))

    op.drop_table("fusion_reports")
    op.drop_table("fusion_queue")
    with op.batch_alter_table("fusion_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fusion_mentions_document_id"))

    op.drop_table("fusion_mentions")
    with op.batch_alter_table("fusion_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fusion_keys_document_id"))

    op.drop_table("fusion_keys")
    with op.batch_alter_table("fusion_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fusion_entities_surname"))
        batch_op.drop_index(batch_op.f("ix_fusion_entities_rank"))
        batch_op.drop_index(batch_op.f("ix_fusion_entities_merged_into"))

    op.drop_table("fusion_entities")
    with op.batch_alter_table("fusion_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fusion_documents_story"))
        batch_op.drop_index(batch_op.f("ix_fusion_documents_published"))

    op.drop_table("fusion_documents")
