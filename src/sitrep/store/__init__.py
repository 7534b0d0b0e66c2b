"""Persistence of sitrep/1 extractions in SQLite or PostgreSQL.

``Store`` is the API (``db.py``); ``tables.py`` holds the schema, ``rows.py`` turns an
extraction into rows, ``connect.py`` picks and configures the database, and
``migrate.py`` runs the Alembic scripts shipped in ``migrations/``.
"""

# The feeds and tokens modules declare tables: importing them adds those to Base.metadata.
from sitrep.store import feeds as _feeds  # noqa: F401
from sitrep.store import tokens as _tokens  # noqa: F401
from sitrep.store.connect import DATABASE_URL_ENV, DEFAULT_DATABASE_URL, database_url
from sitrep.store.db import STATUS_EXTRACTED, STATUS_SKIPPED_LANGUAGE, Store
from sitrep.store.rows import row_counts

__all__ = [
    "DATABASE_URL_ENV",
    "DEFAULT_DATABASE_URL",
    "STATUS_EXTRACTED",
    "STATUS_SKIPPED_LANGUAGE",
    "Store",
    "database_url",
    "row_counts",
]
