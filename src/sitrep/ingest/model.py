"""The objects ingest hands to the rest of sitrep: articles, failures and options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Article:
    """One article ready for extraction.

    ``text`` is what offsets index: for ``.txt``/``.md`` files the body after any front
    matter exactly as in the file (a leading BOM removed, nothing else touched); for
    HTML and feeds the extracted main text.
    """

    text: str
    title: str | None
    published: str | None  # "YYYY-MM-DD" or a full ISO 8601 datetime
    source: str | None  # outlet name
    url: str | None
    origin: str  # file path, "file.jsonl:12", URL or "feed#entry-3"
    language: str | None  # ISO 639-1 code (ISO 639-3 where no 639-1 code exists)
    extra: dict[str, Any] = field(default_factory=dict, hash=False)  # other front-matter/JSONL fields


@dataclass(frozen=True)
class Failure:
    """One input item that could not become an article; the batch goes on."""

    origin: str
    message: str  # one line: what is wrong, e.g. "not UTF-8 text (byte 0xff at offset 12)"


@dataclass
class IngestOptions:
    """Limits and test seams for reading files and fetching URLs."""

    max_bytes: int = DEFAULT_MAX_BYTES  # per file, per response body, per JSONL line
    allow_private: bool = False  # permit loopback and private ranges (never link-local/metadata)
    timeout: float = 20.0  # seconds for one fetch in all, from the first connect, redirects included
    feed_timeout: float = 120.0  # seconds of fetching for all of one feed's entry links together
    max_redirects: int = 5
    transport: httpx.BaseTransport | None = None  # test seam, e.g. httpx.MockTransport
    resolver: Callable[[str], list[str]] | None = None  # test seam: host -> IP strings
