"""Where an export writes: checks that turn an unwritable path into one clear error."""

from __future__ import annotations

import os
from pathlib import Path

from sitrep.errors import InputError


def output_folder(folder: str | Path) -> Path:
    """``folder`` as a writable directory (created if missing), or an InputError naming the problem."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: exists and is not a folder (this format writes one file per table)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot create the folder ({exc.strerror or exc})") from exc
    if not os.access(path, os.W_OK):
        raise InputError(f"{path}: the folder is not writable")
    return path


def check_output_file(file: str | Path) -> Path:
    """``file`` as a path that can be written, or an InputError saying why not."""
    path = Path(file)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{path}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError(f"{path}: cannot be written (permission denied)")
    return path
