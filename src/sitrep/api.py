"""The functions behind ``import sitrep``: one text to an extraction, a store, a picture.

Each imports what it needs when called, so ``import sitrep`` stays fast: the spaCy
model loads on the first :func:`extract`, SQLAlchemy on the first :func:`open_store`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sitrep.dates import check_iso_date
from sitrep.errors import InputError
from sitrep.model import Document, Extraction

if TYPE_CHECKING:
    import pandas as pd

    from sitrep.store import Store

PICTURE_FILTERS = ("since", "until", "place", "actor", "limit")


def _check_date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{name}: expected a date string YYYY-MM-DD, not {type(value).__name__}")
    try:
        return check_iso_date(value)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from None


def document(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Document:
    """The :class:`Document` of an article's text, its metadata checked."""
    if not isinstance(text, str):
        raise InputError(f"text: expected a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError("text: the article is empty")
    return Document(text=text, title=title, source=source, url=url, published=_check_date("published", published))


def extract(
    text: str, *, published: str | None = None, source: str | None = None, title: str | None = None
) -> Extraction:
    """Extract every sitrep/1 layer from one article's text.

    ``published`` (YYYY-MM-DD) anchors relative dates ("on Monday"); ``source`` is the
    outlet, ``title`` the headline. Offsets in the result index ``text`` exactly.
    """
    from sitrep.pipeline import extract as run_pipeline

    return run_pipeline(document(text, published=published, source=source, title=title))


def extract_many(
    articles: Iterable[str | Document], *, published: str | None = None, source: str | None = None
) -> Iterator[Extraction]:
    """Extract many articles (texts or :class:`Document` objects) in order, parsing them in batches.

    ``published`` and ``source`` apply to the texts; a Document keeps its own metadata.
    """
    from sitrep.pipeline import extract_many as run_pipeline

    documents = [
        item if isinstance(item, Document) else document(item, published=published, source=source) for item in articles
    ]
    return run_pipeline(documents)


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at a database URL; None means ``$SITREP_DATABASE_URL`` or
    ``sqlite:///sitrep.db``. Use it as a context manager, or call ``close()``."""
    from sitrep.store import Store

    return Store.open(url)


def _extractions(source: Any) -> Iterable[dict[str, Any]]:
    if hasattr(source, "iter_extractions"):
        return source.iter_extractions()  # type: ignore[no-any-return]
    if isinstance(source, Extraction | Mapping) or not isinstance(source, Iterable):
        raise InputError(f"picture: expected a store or a list of extractions, not {type(source).__name__}")
    return (item.to_dict() if isinstance(item, Extraction) else dict(item) for item in source)


def picture(store: Store | Iterable[Extraction | Mapping[str, Any]], **filters: Any) -> dict[str, Any]:
    """The fused picture across a store's articles (or a list of extractions), as JSON-ready data.

    ``filters``: ``since``/``until`` (YYYY-MM-DD), ``place``, ``actor`` (names or ISO3 codes)
    and ``limit`` (top N events, claims and figure series), as ``sitrep picture`` takes them.
    The shape is ``resources/picture.schema.json``.
    """
    unknown = sorted(set(filters) - set(PICTURE_FILTERS))
    if unknown:
        raise InputError(f"picture: unknown filter(s) {', '.join(unknown)}; known: {', '.join(PICTURE_FILTERS)}")
    if hasattr(source := store, "picture_view"):
        return source.picture_view(**filters)  # the persisted picture
    from sitrep.fuse import build_picture

    view: dict[str, Any] = build_picture(_extractions(store)).to_dict(**filters)
    return view


def to_frames(extractions: Iterable[Extraction | Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """pandas DataFrames per layer of many extractions (needs ``pip install "sitrep[frames]"``)."""
    from sitrep.frames import to_frames as frames

    return frames(extractions)
