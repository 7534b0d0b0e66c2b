"""Plain-text articles (``.txt``, ``.md``): UTF-8, optional front matter, exact body.

``Article.text`` is the body exactly as in the file — after a UTF-8 BOM and after the
front matter block, if present — with no normalisation of line endings or spacing, so
that character offsets computed on it index the file's text (shifted by the length of
the BOM and the front matter, which are not part of the article).
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest.decoding import check_has_text, decode_text
from sitrep.ingest.fields import FIELD_ALIASES, KNOWN_FIELDS, metadata_from_fields
from sitrep.ingest.files import read_capped
from sitrep.ingest.frontmatter import FrontMatter, split_front_matter
from sitrep.ingest.language import detect_language
from sitrep.ingest.model import DEFAULT_MAX_BYTES, Article


def read_text_file(path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one UTF-8 text file into an ``Article``; raise ``InputError`` if unusable.

    The error message names the file and the problem, e.g.
    ``"notes.txt: not UTF-8 text (byte 0xff at offset 12)"``.
    """
    origin = str(path)
    try:
        return article_from_text_bytes(read_capped(Path(path), max_bytes), origin=origin)
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from exc


def article_from_text_bytes(data: bytes, *, origin: str) -> Article:
    """Build an article from the bytes of a text file (front matter allowed)."""
    return article_from_text(decode_text(data), origin=origin)


def article_from_text(text: str, *, origin: str, url: str | None = None) -> Article:
    """Build an article from decoded text, splitting off front matter if present."""
    front = split_front_matter(text)
    body = text[front.body_start :]
    if front.body_start:
        check_has_text(body, what="text after the front matter")
    meta = metadata_from_fields(_metadata_view(front))
    return Article(
        text=body,
        title=meta.title,
        published=meta.published,
        source=meta.source,
        url=meta.url or url,
        origin=origin,
        language=meta.language or detect_language(body),
        extra=meta.extra,
    )


def _metadata_view(front: FrontMatter) -> dict[str, object]:
    """Known fields as written (a title "1917" stays text); other fields typed."""
    view: dict[str, object] = {}
    for key, value in front.fields.items():
        name = FIELD_ALIASES.get(key.lower(), key.lower())
        view[key] = front.texts[key] if name in KNOWN_FIELDS else value
    return view
