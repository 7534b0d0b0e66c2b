"""Cross-document keys: ``entity_key`` on actors and places; ``stories`` and ``story_bands`` for syndication.

Existing documents are filled in from their stored extractions, oldest first, with the
same functions ingest uses (so an upgraded store equals one ingested afresh).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("actors", "places"):
        op.add_column(table, sa.Column("entity_key", sa.String(), nullable=True))
        op.create_index(op.f(f"ix_{table}_entity_key"), table, ["entity_key"])
    op.create_table(
        "stories",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_stories_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_stories")),
    )
    op.create_index(op.f("ix_stories_story_id"), "stories", ["story_id"])
    op.create_table(
        "story_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_story_bands_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band_key", "document_id", name=op.f("pk_story_bands")),
    )
    op.create_index(op.f("ix_story_bands_document_id"), "story_bands", ["document_id"])
    _fill_existing(op.get_bind())


def _fill_existing(connection: sa.Connection) -> None:
    from sitrep.fuse.entities import actor_key, place_key
    from sitrep.fuse.rules import load_rules
    from sitrep.store.stories import copy_test, file_story

    rules = load_rules().entities
    documents = sa.table("documents", sa.column("id"), sa.column("title"), sa.column("text"),
                         sa.column("extraction", sa.JSON()), sa.column("ingested_at"))
    keyed = {name: sa.table(name, sa.column("document_id"), sa.column("id"), sa.column("entity_key"))
             for name in ("actors", "places")}
    key_of = {"actors": actor_key, "places": place_key}
    session = Session(bind=connection)
    query = (sa.select(documents.c.id, documents.c.title, documents.c.text, documents.c.extraction)
             .where(documents.c.extraction.is_not(None)).order_by(documents.c.ingested_at, documents.c.id))
    for row in connection.execute(query).all():
        for layer, table in keyed.items():
            for item in row.extraction.get(layer) or []:
                connection.execute(sa.update(table).where(table.c.document_id == row.id, table.c.id == item["id"])
                                   .values(entity_key=key_of[layer](item, rules)))
        file_story(session, row.id, copy_test().fingerprint(row.text, row.title))
    session.flush()


def downgrade() -> None:
    op.drop_table("story_bands")
    op.drop_table("stories")
    for table in ("actors", "places"):
        op.drop_index(op.f(f"ix_{table}_entity_key"), table_name=table)
        op.drop_column(table, "entity_key")
