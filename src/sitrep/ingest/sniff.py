"""Recognising feeds and HTML from their first bytes, when no type says what they are."""

from __future__ import annotations

import re

_SNIFF_BYTES = 2048
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """True when the opening of ``data`` has an RSS, Atom or RDF root and no ``<html``."""
    head = data[:_SNIFF_BYTES]
    return bool(_FEED_ROOT.search(head)) and not _HTML_START.search(head)


def looks_like_html(data: bytes) -> bool:
    """True when the opening of ``data`` has a doctype or ``<html`` element."""
    return bool(_HTML_START.search(data[:_SNIFF_BYTES]))
