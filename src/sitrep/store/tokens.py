"""API tokens: created by ``sitrep token create``, stored only as a SHA-256 hash.

A token is ``sitrep_`` followed by 32 random bytes (URL-safe base64): shown once, at
creation, and never stored. The store keeps its hash (a fast hash is enough for a
secret this long: there is nothing to guess), its name, a short prefix to recognise it
in ``sitrep token list``, and when it was created, last used and revoked. A revoked
token is kept (for the record) but never accepted again; its name may be reused.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, DateTime, Engine, Integer, String, Text, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column

from sitrep.errors import StoreError
from sitrep.store.connect import SQLITE_BEGIN_OPTION, store_error
from sitrep.store.feeds import utc
from sitrep.store.tables import Base

TOKEN_PREFIX = "sitrep_"
TOKEN_BYTES = 32
SHOWN_PREFIX_CHARS = 12
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
MAX_TOKEN_CHARS = 200


class ApiToken(Base):
    """One API token (its hash, never the token)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), index=True)  # one active token per name
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed (no secret)."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_token(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh random token."""
    return TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def check_name(name: str) -> str:
    """A token name: 1-64 letters, digits, ``_ . @ -``, starting with a letter or digit."""
    if not NAME_PATTERN.fullmatch(name):
        raise StoreError(
            f"token name {name[:40]!r} is not valid: use 1-64 letters, digits, '_', '.', '@' or '-', "
            "starting with a letter or digit"
        )
    return name


class TokenStore:
    """Tokens in a store's database (``Store.engine``)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})

    def create(self, name: str, now: datetime) -> str:
        """Create a token named ``name`` and return it (the only time it is seen)."""
        token = new_token()
        row = ApiToken(
            name=check_name(name), token_hash=hash_token(token), prefix=token[:SHOWN_PREFIX_CHARS], created_at=now
        )
        try:
            with Session(self._writer) as session, session.begin():
                if session.scalar(select(ApiToken.id).where(ApiToken.name == name, ApiToken.revoked_at.is_(None))):
                    raise StoreError(
                        f"an active token named {name!r} exists already (revoke it, or choose another name)"
                    )
                session.add(row)
        except SQLAlchemyError as exc:
            raise store_error("create a token in", self._engine.url, exc) from exc
        return token

    def list(self) -> list[TokenInfo]:
        """Every token, active and revoked, oldest first."""
        try:
            with Session(self._engine) as session:
                return [_info(row) for row in session.scalars(select(ApiToken).order_by(ApiToken.id))]
        except SQLAlchemyError as exc:
            raise store_error("read tokens from", self._engine.url, exc) from exc

    def revoke(self, name: str, now: datetime) -> bool:
        """Revoke the active token named ``name``; False when there is none."""
        try:
            with Session(self._writer) as session, session.begin():
                result = cast(
                    CursorResult[Any],
                    session.execute(
                        update(ApiToken)
                        .where(ApiToken.name == name, ApiToken.revoked_at.is_(None))
                        .values(revoked_at=now)
                    ),
                )
        except SQLAlchemyError as exc:
            raise store_error("revoke a token in", self._engine.url, exc) from exc
        return bool(result.rowcount)

    def verify(self, token: str) -> TokenInfo | None:
        """The active token ``token`` is, or None (unknown, revoked or malformed)."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > MAX_TOKEN_CHARS:
            return None
        try:
            with Session(self._engine) as session:
                row = session.scalar(
                    select(ApiToken).where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
                )
                return None if row is None else _info(row)
        except SQLAlchemyError as exc:
            raise store_error("check a token in", self._engine.url, exc) from exc

    def touch(self, token_id: int, now: datetime) -> None:
        """Record that a token was just used (best effort: a busy database skips it)."""
        try:
            with Session(self._writer) as session, session.begin():
                session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
        except SQLAlchemyError:
            return


def _info(row: ApiToken) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        name=row.name,
        prefix=row.prefix,
        created_at=utc(row.created_at) or row.created_at,
        last_used_at=utc(row.last_used_at),
        revoked_at=utc(row.revoked_at),
    )
