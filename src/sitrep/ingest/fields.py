"""Article metadata given by users (front matter, JSONL fields): check and normalise.

Known fields are ``title``, ``published`` (alias ``date``), ``source``, ``url`` and
``language``; everything else goes to ``Article.extra`` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.language import normalise_language

KNOWN_FIELDS = ("title", "published", "source", "url", "language")
FIELD_ALIASES = {"date": "published"}


@dataclass(frozen=True)
class Metadata:
    """The metadata part of an article, already checked and normalised."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def metadata_from_fields(fields: Mapping[str, Any]) -> Metadata:
    """Check user-given fields; raise ``InputError`` naming the first bad one."""
    known: dict[str, str | None] = {}
    extra: dict[str, Any] = {}
    for key, value in fields.items():
        name = FIELD_ALIASES.get(key.lower(), key.lower())
        if name not in KNOWN_FIELDS:
            extra[key] = value
        elif name in known:
            raise InputError(f"field {key!r} given twice")
        else:
            known[name] = _optional_string(key, value)
    return Metadata(
        title=known.get("title"),
        published=_checked(known.get("published"), "published", normalise_published),
        source=known.get("source"),
        url=known.get("url"),
        language=_checked(known.get("language"), "language", normalise_language),
        extra=extra,
    )


def normalise_published(value: str) -> str:
    """Return an ISO date ("2024-10-28") or datetime ("2024-10-28T09:30:00+00:00").

    Accepts ISO 8601 dates and datetimes (a trailing "Z" included) and RFC 2822 dates
    as used in feeds ("Mon, 28 Oct 2024 09:30:00 GMT"). Raises ``ValueError`` for
    anything else: a date sitrep cannot read is not guessed.
    """
    text = value.strip()
    for read in (_iso_date, _iso_datetime, _rfc2822_datetime):
        try:
            return read(text)
        except (TypeError, ValueError, IndexError):
            continue
    raise ValueError(f"cannot read {value!r} as a date (use YYYY-MM-DD)")


def _iso_date(text: str) -> str:
    return date.fromisoformat(text).isoformat()


def _iso_datetime(text: str) -> str:
    return datetime.fromisoformat(text).isoformat()


def _rfc2822_datetime(text: str) -> str:
    return parsedate_to_datetime(text).isoformat()


def _optional_string(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"field {key!r} must be a string, not {type(value).__name__}")
    text = str(value).strip()
    return text or None


def _checked(value: str | None, name: str, normalise: Callable[[str], str]) -> str | None:
    if value is None:
        return None
    try:
        return normalise(value)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from exc
