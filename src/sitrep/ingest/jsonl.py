"""JSON Lines: one article per line, ``{"text": ..., "title": ..., "published": ...}``.

Fields: ``text`` (required, a non-blank string, used exactly as given), ``title``,
``published``, ``source``, ``url``, ``language`` (optional); any other field goes to
``Article.extra``. Blank lines are skipped. Each bad line becomes one ``Failure`` whose
origin is ``"path:LINE"`` (1-based) and the good lines still come through: invalid JSON,
an integer too long to convert (over 4,300 digits), nesting deeper than the JSON
decoder allows, or a string holding a lone surrogate escape (``"\ud800"``, which no
UTF-8 text can carry) each fail that line only. The file as a whole has no size limit;
each line may hold at most ``max_bytes`` bytes.
"""

from __future__ import annotations

import json
import logging
import re
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
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads pairs valid escapes, so any left is lone

logger = logging.getLogger(__name__)


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
            except Exception as exc:  # one line is one input: a bug here must not end the file
                logger.exception("unexpected error reading %s", line_origin)
                yield Failure(line_origin, f"unexpected error ({type(exc).__name__})")
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
    _check_no_lone_surrogate(record)
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
    except RecursionError as exc:
        raise InputError("invalid JSON (nested too deeply)") from exc
    except ValueError as exc:  # an integer beyond sys.get_int_max_str_digits()
        raise InputError(f"invalid JSON ({str(exc).split(';')[0]})") from exc
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {_json_type(record)}")
    return record


def _check_no_lone_surrogate(record: dict[str, Any]) -> None:
    """Refuse a record with a lone surrogate in any string (keys included), naming where."""
    pending: list[tuple[str, Any]] = list(record.items())
    while pending:  # iterative: the decoder's nesting limit is deeper than a safe recursion
        where, value = pending.pop()
        if isinstance(value, dict):
            pending.extend((f"{where}.{key}", item) for key, item in value.items())
            pending.extend((f"{where} (a key)", key) for key in value)
        elif isinstance(value, list):
            pending.extend((f"{where}[{n}]", item) for n, item in enumerate(value))
        elif isinstance(value, str) and (found := _LONE_SURROGATE.search(value)):
            raise InputError(
                f"field {where!r} holds a lone surrogate U+{ord(found.group()):04X} at character {found.start()} "
                "(not valid Unicode text)"
            )
    for key in record:
        if found := _LONE_SURROGATE.search(key):
            raise InputError(f"a field name holds a lone surrogate U+{ord(found.group()):04X}")


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
