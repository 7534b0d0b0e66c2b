"""Front matter: ``key: value`` lines between ``---`` lines at the top of a text file.

A deliberately small, safe subset of YAML — no objects are ever constructed from the
input, only strings, numbers, booleans and null::

    ---
    title: "Troops seen near the border"
    published: 2024-10-28
    source: Example Herald
    fiction: true
    ---
    The body starts here, exactly as written.

Rules: the first line is ``---``; the block ends at the next line that is ``---`` or
``...``; inside, blank lines and ``#`` comments are ignored and every other line is
``key: value`` (keys are letters, digits, ``_`` and ``-``). Values may be double-quoted
(JSON escapes), single-quoted (``''`` for a quote) or bare (a `` #`` starts a comment).
Bare ``true``/``false``, ``null``/``~``/empty, integers and decimals are typed; for the
known metadata fields the text itself is used. A leading ``---`` with no closing line,
or a line that is not ``key: value``, is an error rather than silently becoming text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sitrep.errors import InputError

_OPEN = "---"
_CLOSERS = ("---", "...")
_ENTRY = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?[ \t]*")
_INTEGER = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter and where the body starts in the text."""

    fields: dict[str, Any]  # typed values: str, int, float, bool or None
    texts: dict[str, str | None]  # the same values as written (unquoted), None for null
    body_start: int  # character offset of the body in the text given to the parser


def split_front_matter(text: str) -> FrontMatter:
    """Parse the front matter at the top of ``text``, if any.

    Without front matter the fields are empty and the body starts at 0. Raises
    ``InputError`` naming the line when front matter is opened but malformed.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _OPEN:
        return FrontMatter(fields={}, texts={}, body_start=0)
    fields: dict[str, Any] = {}
    texts: dict[str, str | None] = {}
    offset = len(lines[0])
    for number, line in enumerate(lines[1:], start=2):
        offset += len(line)
        content = line.rstrip("\r\n")
        if content.rstrip() in _CLOSERS:
            return FrontMatter(fields=fields, texts=texts, body_start=offset)
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        key, value, written = _parse_entry(content, number)
        if key in fields:
            raise InputError(f"front matter line {number}: key {key!r} given twice")
        fields[key] = value
        texts[key] = written
    raise InputError("front matter opened by '---' on line 1 has no closing '---' line")


def _parse_entry(line: str, number: int) -> tuple[str, Any, str | None]:
    match = _ENTRY.fullmatch(line)
    if match is None:
        raise InputError(f"front matter line {number}: expected 'key: value', got {_preview(line)}")
    raw = (match.group("value") or "").strip()
    try:
        value = _scalar(raw)
    except ValueError as exc:
        raise InputError(f"front matter line {number}: {exc}") from exc
    written = value if isinstance(value, str) or value is None else _strip_comment(raw)
    return match.group("key"), value, written


def _scalar(raw: str) -> Any:
    if raw.startswith('"'):
        return _double_quoted(raw)
    if raw.startswith("'"):
        return _single_quoted(raw)
    bare = _strip_comment(raw)
    if bare in _NULLS:
        return None
    if bare in _TRUE:
        return True
    if bare in _FALSE:
        return False
    if _INTEGER.fullmatch(bare):
        return int(bare)
    if _DECIMAL.fullmatch(bare):
        return float(bare)
    return bare


def _double_quoted(raw: str) -> str:
    try:
        value, end = json.JSONDecoder().raw_decode(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"bad double-quoted value {_preview(raw)}") from exc
    _expect_only_comment(raw[end:], raw)
    return str(value)


def _single_quoted(raw: str) -> str:
    match = re.match(r"'((?:[^']|'')*)'", raw)
    if match is None:
        raise ValueError(f"unterminated single-quoted value {_preview(raw)}")
    _expect_only_comment(raw[match.end() :], raw)
    return match.group(1).replace("''", "'")


def _expect_only_comment(rest: str, raw: str) -> None:
    rest = rest.strip()
    if rest and not rest.startswith("#"):
        raise ValueError(f"unexpected text after the quoted value {_preview(raw)}")


def _strip_comment(raw: str) -> str:
    if raw.startswith("#"):
        return ""
    cut = re.search(r"[ \t]#", raw)
    return (raw[: cut.start()] if cut else raw).strip()


def _preview(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
