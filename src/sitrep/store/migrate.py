"""Alembic migrations, run from code: the scripts ship inside the package.

``upgrade_to_head(engine)`` brings any database to the current schema; it is what
``Store.open`` calls. To add a migration after changing ``tables.py``::

    python -m sitrep.store.migrations revision "add a column to events"

which autogenerates ``migrations/versions/NNNN_*.py`` against a scratch SQLite
database; read it and fix it by hand before committing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text

from sitrep.errors import StoreError
from sitrep.store.connect import SQLITE_BEGIN_OPTION, create_store_engine, display_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
POSTGRES_MIGRATION_LOCK = 7_318_252_301
"""Advisory lock key taken while migrating, so two processes never migrate at once."""


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic Config for the packaged scripts, bound to ``connection`` or ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest revision this version of sitrep knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it is empty."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Migrate the database to the newest revision; a no-op when it is there already."""
    current = current_revision(engine)
    if current == head_revision():
        return
    if current is not None and not _is_known(current):
        raise StoreError(
            f"database {display_url(engine.url)} has schema revision {current!r}, "
            "which this sitrep does not know: it was written by a newer version"
        )
    with engine.connect() as connection:
        connection.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_MIGRATION_LOCK})
            command.upgrade(alembic_config(connection), "head")


def _is_known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def new_revision(message: str) -> None:
    """Autogenerate a migration script from the difference between head and ``tables.py``."""
    scripts = ScriptDirectory.from_config(alembic_config())
    rev_id = f"{len(list(scripts.walk_revisions())) + 1:04d}"
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_store_engine(f"sqlite:///{scratch}/head.db")
        try:
            upgrade_to_head(engine)
            with engine.begin() as connection:
                command.revision(alembic_config(connection), message=message, autogenerate=True, rev_id=rev_id)
        finally:
            engine.dispose()
