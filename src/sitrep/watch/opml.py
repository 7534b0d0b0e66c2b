"""OPML subscription lists: the feed URLs of every ``<outline xmlUrl=...>``, at any depth.

A list with a DOCTYPE or entity declarations is refused before parsing (a subscription
list needs neither, and they are how XML bombs work); only http(s) URLs are kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from sitrep.errors import InputError

_OPML_ROOT = re.compile(rb"<opml[\s>]", re.IGNORECASE)
_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SNIFF_BYTES = 2048


def looks_like_opml(data: bytes) -> bool:
    """True when the opening of ``data`` has an ``<opml>`` root."""
    return bool(_OPML_ROOT.search(data[:_SNIFF_BYTES]))


def feed_urls(data: bytes, *, origin: str) -> list[str]:
    """The http(s) feed URLs an OPML document lists, in document order, without repeats."""
    if _DECLARATIONS.search(data):
        raise InputError(f"{origin}: OPML with a DOCTYPE or entity declarations is refused")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"{origin}: malformed OPML ({exc})") from exc
    if root.tag.lower() != "opml":
        raise InputError(f"{origin}: not an OPML document (root element <{root.tag[:40]}>)")
    urls = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url.lower().startswith(("http://", "https://")):
            urls.append(url)
    if not urls:
        raise InputError(f"{origin}: the OPML list has no http(s) feed (no <outline xmlUrl=...>)")
    return list(dict.fromkeys(urls))
