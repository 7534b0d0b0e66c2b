"""A linear pre-scan of HTML for what would make the parser slow: too many attributes on one tag.

libxml2 (under lxml and trafilatura) checks each new attribute of a tag against all the
ones before it, so a tag with 40,000 attributes takes over a minute to parse and one
with 200,000 far longer. No real page comes near ``MAX_TAG_ATTRIBUTES``; a page that does
is refused with the offset of the tag before the parser sees it. The scan honours
quoted attribute values (a ``>`` inside quotes does not end the tag) and takes linear
time itself.
"""

from __future__ import annotations

import re

from sitrep.errors import InputError

MAX_TAG_ATTRIBUTES = 1000

_TAG = re.compile(rb"""<[A-Za-z](?:[^>"']++|"[^"]*+"|'[^']*+')*+""")
_QUOTED = re.compile(rb""""[^"]*+"|'[^']*+'""")
_ATTRIBUTE_START = re.compile(rb"""[\s"'](?=[^\s"'=/>])""")
_SHORTEST_ATTRIBUTE = 2  # a space and one letter


def check_html_bounds(content: bytes | str) -> None:
    """Raise ``InputError`` when a tag holds more than ``MAX_TAG_ATTRIBUTES`` attributes."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    for tag in _TAG.finditer(data):
        if tag.end() - tag.start() <= MAX_TAG_ATTRIBUTES * _SHORTEST_ATTRIBUTE:
            continue
        count = _attribute_count(tag.group())
        if count > MAX_TAG_ATTRIBUTES:
            raise InputError(
                f"HTML tag at byte {tag.start():,} has {count:,} attributes (more than {MAX_TAG_ATTRIBUTES:,}; "
                "refused, the parser would take minutes)"
            )


def _attribute_count(tag: bytes) -> int:
    """Attributes in one tag's text (values blanked first, so words inside them do not count)."""
    blanked = _QUOTED.sub(b'""', tag)
    return len(_ATTRIBUTE_START.findall(blanked))
