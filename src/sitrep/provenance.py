"""Provenance: how each stored document arrived (file, URL, feed, API) and from which outlet.

How it arrived is read from the document's ``origin`` (what every writer already stores)
and from ``sitrep watch``'s records: ``api`` is what the API writes; an origin with a feed
entry suffix (``...#entry-N``, ``...#entry-<key>``), or a document a watched feed brought,
arrived by ``feed``; an ``http(s)://`` origin by ``url``; anything else is a ``file`` path
(``.jsonl`` lines as ``file.jsonl:12``).

The outlet is the document's ``source`` (metadata, a feed's title, the page's site name).
A document with no outlet is never an independent source of another such document: for
counting independent sources (``sitrep.fuse``) all of them share ``UNKNOWN_OUTLET_KEY``,
so any number of them counts once, never one per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Arrival = Literal["file", "url", "feed", "api"]
ARRIVALS: tuple[Arrival, ...] = ("file", "url", "feed", "api")
API_ORIGIN = "api"
UNKNOWN_OUTLET_KEY = "?unknown-outlet"
"""The one independence key of every document whose outlet is not known."""

_FEED_ENTRY = re.compile(r"#entry-[0-9a-f]+$")
_WEB = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class Provenance:
    """Where one document came from."""

    arrival: Arrival
    origin: str | None  # the path, URL, or feed URL with its entry
    outlet: str | None  # None: unknown, so never independent of another unknown
    feed: str | None = None  # the feed URL, when it came by feed
    url: str | None = None  # the article's own address, when known


def arrival_of(origin: str | None, *, from_watched_feed: bool = False) -> Arrival:
    """How a document with this ``origin`` arrived (see the module docstring)."""
    if from_watched_feed:
        return "feed"
    if origin is None or origin == API_ORIGIN:
        return "api"
    if _FEED_ENTRY.search(origin):
        return "feed"
    if _WEB.match(origin):
        return "url"
    return "file"


def feed_of(origin: str | None) -> str | None:
    """The feed a feed entry's origin names (its part before ``#entry-``)."""
    if origin is None or not _FEED_ENTRY.search(origin):
        return None
    return _FEED_ENTRY.sub("", origin)


def known_outlet(source: str | None) -> str | None:
    """The outlet's name, or None when the document names none (blank counts as none)."""
    return source.strip() if source and source.strip() else None


def independence_key(folded_outlet: str | None) -> str:
    """The key under which a document counts as a source: its folded outlet name, or, for every
    document without one, the same ``UNKNOWN_OUTLET_KEY``."""
    return folded_outlet if folded_outlet else UNKNOWN_OUTLET_KEY


def provenance(
    origin: str | None, source: str | None, url: str | None, *, watched_feed: str | None = None
) -> Provenance:
    """A document's provenance from its stored ``origin``, ``source`` and ``url`` (and the feed
    ``sitrep watch`` recorded it under, if any)."""
    arrival = arrival_of(origin, from_watched_feed=watched_feed is not None)
    return Provenance(
        arrival=arrival,
        origin=origin,
        outlet=known_outlet(source),
        feed=watched_feed or (feed_of(origin) if arrival == "feed" else None),
        url=url,
    )
