"""JSON Lines: one article per line, ``{"text": ..., "title": ..., "published": ...}``.

Fields: ``text`` (required, a non-blank string, used exactly as given), ``title``,
``published``, ``source``, ``url``, ``language`` (optional); any other field goes to
``Article.extra``. Blank lines are skipped. Each bad line becomes one ``Failure`` whose
origin is ``"path:LINE"`` (1-based) and the good lines still come through. The file as a
whole has no size limit; each line may hold at most ``max_bytes`` bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.errors import InputError
from sitrep.ingest.decoding import check_has_text, check_not_binary, strip_bom
from sitrep.ingest.fields import metadata_from_fields
from sitrep.ingest.files import open_regular_file
from sitrep.ingest.language import detect_language
from sitrep.ingest.model import Article, Failure

_SKIP_CHUNK = 1 << 16


def iter_jsonl(path: Path, *, origin: str, max_bytes: int) -> Iterator[Article | Failure]:
    """Yield an article or a failure per non-blank line of the JSONL file ``path``."""
    try:
        handle = open_regular_file(path)
    except InputError as exc:
        yield Failure(origin, str(exc))
        return
    with handle:
        try:
            check_not_binary(handle.read(_SKIP_CHUNK))
        except InputError as exc:
            yield Failure(origin, str(exc))
            return
        handle.seek(0)
        seen_any = False
        for number, line in _numbered_lines(handle, max_bytes):
            line_origin = f"{origin}:{number}"
            if isinstance(line, InputError):
                seen_any = True
                yield Failure(line_origin, str(line))
                continue
            if not line.strip():
                continue
            seen_any = True
            try:
                yield article_from_json_line(line, origin=line_origin, first=number == 1)
            except InputError as exc:
                yield Failure(line_origin, str(exc))
        if not seen_any:
            yield Failure(origin, "no JSON lines in file")


def article_from_json_line(line: bytes, *, origin: str, first: bool = False) -> Article:
    """Build an article from one JSONL line; raise ``InputError`` naming the problem."""
    raw, skipped = strip_bom(line) if first else (line, 0)
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skipped
        raise InputError(f"not UTF-8 text (byte 0x{line[offset]:02x} at offset {offset} of the line)") from exc
    record = _parse_object(decoded)
    text = _text_field(record)
    meta = metadata_from_fields({key: value for key, value in record.items() if key != "text"})
    return Article(
        text=text,
        title=meta.title,
        published=meta.published,
        source=meta.source,
        url=meta.url,
        origin=origin,
        language=meta.language or detect_language(text),
        extra=meta.extra,
    )


def _parse_object(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")
        raise InputError(f"invalid JSON ({reason} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {_json_type(record)}")
    return record


def _text_field(record: dict[str, Any]) -> str:
    if "text" not in record:
        raise InputError("missing field 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(f"field 'text' must be a string, not {_json_type(text)}")
    check_has_text(text, what="field 'text'")
    return text


def _numbered_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | InputError]]:
    """Lines of at most ``max_bytes`` bytes; a longer line yields an error and is skipped."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(handle)
            yield number, InputError(f"line too long (more than {max_bytes:,} bytes)")
        else:
            yield number, line


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        chunk = handle.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
