"""Reading local files within a size limit, with errors that say what went wrong."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import InputError


def open_regular_file(path: Path, *, max_bytes: int | None = None) -> BinaryIO:
    """Open ``path`` for binary reading if it is a regular file (of at most ``max_bytes``).

    Devices, FIFOs and sockets are refused: reading them could block or never end.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(_os_problem(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file")
    if max_bytes is not None and info.st_size > max_bytes:
        raise InputError(_too_large(info.st_size, max_bytes))
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(_os_problem(exc)) from exc


def read_capped(path: Path, max_bytes: int) -> bytes:
    """Return the bytes of the regular file ``path``, refusing more than ``max_bytes``.

    The size is checked with ``stat`` before reading, and the read itself stops one byte
    past the limit, so a file that grows (or lies about its size) is refused too.
    """
    with open_regular_file(path, max_bytes=max_bytes) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(_os_problem(exc)) from exc
    if len(data) > max_bytes:
        raise InputError(_too_large(None, max_bytes))
    return data


def _too_large(size: int | None, limit: int) -> str:
    actual = f"{size:,} bytes" if size is not None else "it grew while reading"
    return f"file too large ({actual}; the limit is {limit:,} bytes)"


def _os_problem(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.EACCES:
        return "permission denied"
    reason = exc.strerror or os.strerror(exc.errno or 0) or type(exc).__name__
    return f"cannot read file ({reason.lower()})"
