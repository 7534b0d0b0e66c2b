"""Watched feeds and their entries, API tokens, and the full-text search index.

``watch_feeds`` / ``watch_entries`` hold ``sitrep watch``'s state; ``api_tokens`` the
hashes of API tokens. The search index covers documents (title and text) and claims
(content and speaker). On SQLite it is two FTS5 tables (``search_documents``,
``search_claims``; Porter stemming over unicode61, diacritics folded); on PostgreSQL two
tables of ``tsvector`` (English configuration, title weighted above text) with GIN
indexes. Either way triggers keep the index in step with every insert and delete,
whichever program writes, and existing rows are indexed here. The SQL is written out
in this file (frozen), not imported.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MAX_INDEXED_CHARS = 250_000  # PostgreSQL: a tsvector is at most 1 MB

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_documents USING fts5("
    "title, text, document_id, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_claims USING fts5("
    "content, speaker, document_id, claim_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')",
    """CREATE TRIGGER search_documents_insert AFTER INSERT ON documents BEGIN
        INSERT INTO search_documents (title, text, document_id) VALUES (new.title, new.text, new.id);
    END""",
    """CREATE TRIGGER search_documents_delete AFTER DELETE ON documents BEGIN
        DELETE FROM search_documents WHERE rowid IN
            (SELECT rowid FROM search_documents WHERE search_documents MATCH 'document_id:"' || old.id || '"');
        DELETE FROM search_claims WHERE rowid IN
            (SELECT rowid FROM search_claims WHERE search_claims MATCH 'document_id:"' || old.id || '"');
    END""",
    """CREATE TRIGGER search_claims_insert AFTER INSERT ON claims BEGIN
        INSERT INTO search_claims (content, speaker, document_id, claim_id)
        VALUES (new.content, new.speaker_text, new.document_id, new.id);
    END""",
    "INSERT INTO search_documents (title, text, document_id) SELECT title, text, id FROM documents",
    "INSERT INTO search_claims (content, speaker, document_id, claim_id) "
    "SELECT content, speaker_text, document_id, id FROM claims",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_claims_insert",
    "DROP TRIGGER IF EXISTS search_documents_delete",
    "DROP TRIGGER IF EXISTS search_documents_insert",
    "DROP TABLE IF EXISTS search_claims",
    "DROP TABLE IF EXISTS search_documents",
]

DOCUMENT_VECTOR = (
    "setweight(to_tsvector('english', left(coalesce({row}title, ''), 2000)), 'A') || "
    f"setweight(to_tsvector('english', left({{row}}text, {MAX_INDEXED_CHARS})), 'B')"
)
CLAIM_VECTOR = (
    f"setweight(to_tsvector('english', left({{row}}content, {MAX_INDEXED_CHARS})), 'A') || "
    "setweight(to_tsvector('english', left(coalesce({row}speaker_text, ''), 2000)), 'B')"
)
POSTGRES_UP = [
    """CREATE TABLE search_documents (
        document_id VARCHAR(64) PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        vector TSVECTOR NOT NULL)""",
    "CREATE INDEX ix_search_documents_vector ON search_documents USING gin (vector)",
    """CREATE TABLE search_claims (
        document_id VARCHAR(64) NOT NULL,
        claim_id VARCHAR NOT NULL,
        vector TSVECTOR NOT NULL,
        PRIMARY KEY (document_id, claim_id),
        FOREIGN KEY (document_id, claim_id) REFERENCES claims (document_id, id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_search_claims_vector ON search_claims USING gin (vector)",
    f"""CREATE FUNCTION search_documents_index() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_documents (document_id, vector) VALUES (NEW.id, {DOCUMENT_VECTOR.format(row="NEW.")})
        ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NEW;
    END $$""",
    f"""CREATE FUNCTION search_claims_index() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_claims (document_id, claim_id, vector)
        VALUES (NEW.document_id, NEW.id, {CLAIM_VECTOR.format(row="NEW.")})
        ON CONFLICT (document_id, claim_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NEW;
    END $$""",
    "CREATE TRIGGER search_documents_index AFTER INSERT OR UPDATE OF title, text ON documents "
    "FOR EACH ROW EXECUTE FUNCTION search_documents_index()",
    "CREATE TRIGGER search_claims_index AFTER INSERT OR UPDATE OF content, speaker_text ON claims "
    "FOR EACH ROW EXECUTE FUNCTION search_claims_index()",
    f"INSERT INTO search_documents (document_id, vector) SELECT id, {DOCUMENT_VECTOR.format(row='')} FROM documents",
    "INSERT INTO search_claims (document_id, claim_id, vector) "
    f"SELECT document_id, id, {CLAIM_VECTOR.format(row='')} FROM claims",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS search_claims_index ON claims",
    "DROP TRIGGER IF EXISTS search_documents_index ON documents",
    "DROP FUNCTION IF EXISTS search_claims_index()",
    "DROP FUNCTION IF EXISTS search_documents_index()",
    "DROP TABLE IF EXISTS search_claims",
    "DROP TABLE IF EXISTS search_documents",
]


def upgrade() -> None:
    op.create_table(
        "watch_feeds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_fetch_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.String(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_fetch_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_watch_feeds"),
        sa.UniqueConstraint("url", name="uq_watch_feeds_url"),
    )
    op.create_table(
        "watch_entries",
        sa.Column("feed_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entry_key", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("document_id", sa.String(length=64), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["watch_feeds.id"], name="fk_watch_entries_feed_id_watch_feeds", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("feed_id", "entry_key", name="pk_watch_entries"),
    )
    op.create_index("ix_watch_entries_document_id", "watch_entries", ["document_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_name", "api_tokens", ["name"])
    for statement in POSTGRES_UP if op.get_bind().dialect.name == "postgresql" else SQLITE_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in POSTGRES_DOWN if op.get_bind().dialect.name == "postgresql" else SQLITE_DOWN:
        op.execute(statement)
    op.drop_index("ix_api_tokens_name", table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index("ix_watch_entries_document_id", table_name="watch_entries")
    op.drop_table("watch_entries")
    op.drop_table("watch_feeds")
