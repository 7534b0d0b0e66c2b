"""Which database, and how to connect to it.

SQLite is the embedded default: WAL journal (readers never block the writer),
foreign keys on, and real ``BEGIN`` statements so that a transaction covers every
statement in it, DDL included. PostgreSQL goes through psycopg 3.
"""

from __future__ import annotations

import json
import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from sitrep.errors import StoreError

DEFAULT_DATABASE_URL = "sqlite:///sitrep.db"
DATABASE_URL_ENV = "SITREP_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_SECONDS = 30
POSTGRES_CONNECT_TIMEOUT_SECONDS = 10
SQLITE_BEGIN_OPTION = "sitrep_sqlite_begin"
"""Execution option naming the SQLite ``BEGIN`` mode (``DEFERRED`` or ``IMMEDIATE``)."""


def database_url(explicit: str | None = None) -> str:
    """The database to use: ``explicit``, else ``$SITREP_DATABASE_URL``, else ``sitrep.db``.

    A bare path means a SQLite file, and ``postgresql://``/``postgres://`` mean psycopg 3:
    ``database_url("corpus.db") == "sqlite:///corpus.db"``.
    """
    url = explicit or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def display_url(url: str | URL) -> str:
    """``url`` with its password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def store_error(action: str, url: str | URL, exc: BaseException) -> StoreError:
    """One-line StoreError for a failed ``action`` on the database at ``url``."""
    return StoreError(f"cannot {action} database {display_url(url)}: {error_reason(exc)}")


def error_reason(exc: BaseException) -> str:
    """The driver's own message when there is one, on one line."""
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


def create_store_engine(url: str) -> Engine:
    """An Engine for a sqlite or postgresql URL; raises StoreError for anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"database URL {url!r} is not valid: expected sqlite:///PATH or postgresql://...") from exc
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            return _sqlite_engine(parsed)
        if backend == "postgresql":
            return _postgres_engine(parsed)
    except (ArgumentError, ImportError) as exc:
        raise store_error("connect to", parsed, exc) from exc
    raise StoreError(
        f"database {display_url(parsed)}: backend {backend!r} is not supported; use sqlite:///PATH or postgresql://..."
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(
        url,
        json_serializer=_dumps,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _postgres_engine(url: URL) -> Engine:
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS}
    return create_engine(url, json_serializer=_dumps, pool_pre_ping=True, connect_args=connect_args)
