"""Text from articles and feeds made safe to show: control characters and bidirectional overrides
become visible escapes, so a file, outlet or speaker name can neither style a terminal nor pass
itself off as another (an override can make "sretueR" read as "Reuters")."""

from __future__ import annotations

import re

UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def visible_controls(value: object) -> str:
    """``value`` as text with every unsafe character written as its escape (``\\x1b``, ``\\u202e``)."""
    return UNSAFE_CHARACTERS.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), str(value))
