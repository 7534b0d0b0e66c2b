"""Bytes to text, strictly: UTF-8 or a clear reason why not.

Every check names the problem in one line (the caller adds the origin):
empty input, binary data (NUL bytes or mostly control characters), bytes that are not
UTF-8 (with the offending byte and its offset in the input), whitespace only.
"""

from __future__ import annotations

import codecs

from sitrep.errors import InputError

BINARY_CONTROL_RATIO = 0.1  # share of control characters above which data is binary
_SNIFF_BYTES = 8192
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_TEXT_CONTROL_BYTES = frozenset(b"\t\n\r\f\v\x1b")


def strip_bom(data: bytes) -> tuple[bytes, int]:
    """Remove a UTF-8 byte-order mark; return the rest and how many bytes went."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
    return data, 0


def check_not_binary(data: bytes, *, what: str = "file") -> None:
    """Raise ``InputError`` when ``data`` is empty or looks like binary data."""
    if not data:
        raise InputError(f"empty {what}")
    if b"\x00" in data:
        raise InputError(f"binary data, not text (NUL byte at offset {data.index(0)})")
    head = data[:_SNIFF_BYTES]
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROL_BYTES)
    if controls > BINARY_CONTROL_RATIO * len(head):
        raise InputError("binary data, not text (mostly control characters)")


def decode_text(data: bytes, *, encoding: str = "utf-8", what: str = "file") -> str:
    """Decode ``data`` strictly (a UTF-8 BOM is dropped) and check it holds text.

    The text returned is exactly the input after the BOM: line endings and spacing are
    kept so that character offsets into it stay meaningful.
    """
    codec = _codec_name(encoding)
    if codec is None:
        raise InputError(f"unknown character encoding {encoding!r}")
    if codec.startswith(("utf-16", "utf-32")):
        if not data:
            raise InputError(f"empty {what}")
    else:
        check_not_binary(data, what=what)
    body, skipped = strip_bom(data) if codec == "utf-8" else (data, 0)
    try:
        text = body.decode(codec, errors="strict")
    except UnicodeDecodeError as exc:
        offset = exc.start + skipped
        label = "UTF-8" if codec == "utf-8" else encoding
        raise InputError(f"not {label} text (byte 0x{data[offset]:02x} at offset {offset})") from exc
    check_has_text(text, what=what)
    return text


def check_has_text(text: str, *, what: str = "file") -> None:
    """Raise ``InputError`` when ``text`` is empty, blank or mostly control characters."""
    if not text:
        raise InputError(f"empty {what}")
    if text.isspace():
        raise InputError(f"{what} contains only whitespace")
    head = text[:_SNIFF_BYTES]
    controls = sum(1 for ch in head if ord(ch) < 0x20 and ch not in _TEXT_CONTROLS)
    if controls > BINARY_CONTROL_RATIO * len(head):
        raise InputError("binary data, not text (mostly control characters)")


def _codec_name(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None
