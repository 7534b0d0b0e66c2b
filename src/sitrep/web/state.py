"""The live picture: one ``Picture`` built from the store at startup and kept current with ``add``.

Before each read, ``LivePicture`` asks the store whether extracted documents arrived
since it last looked (another process running ``sitrep ingest``, say): a count and the
newest ``ingested_at``, both on indexed columns. Only when they changed does it list
the stored ids and ``add`` the unseen extractions. Articles posted to the API are
extracted, saved and added here too. One lock guards the picture: ``Picture.add`` and
``Picture.to_dict`` (which re-splits clusters lazily) both change its indexes.

Rendered pictures are cached as JSON bytes per filter set until the picture changes.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sitrep.fuse import Picture
from sitrep.model import Document
from sitrep.pipeline import extract
from sitrep.store import Store

log = logging.getLogger(__name__)

CACHED_VIEWS = 32
ORIGIN = "api"

Filters = tuple[str | None, str | None, str | None, str | None, int | None]


@dataclass(frozen=True)
class Saved:
    """What ``LivePicture.submit`` did with a posted article."""

    id: str
    new: bool
    extraction: dict[str, Any] | None


class LivePicture:
    """One picture over a store, current with it, safe to use from several threads."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.picture = Picture()
        self._lock = threading.Lock()
        self._extract_lock = threading.Lock()  # the spaCy pipeline is not made for concurrent calls
        self._seen_store: tuple[int, Any] | None = None  # the store's extracted_marker when last read
        self._views: OrderedDict[Filters, bytes] = OrderedDict()
        self._load()

    def refresh(self) -> int:
        """Add every stored extraction the picture does not hold yet; return how many were added."""
        with self._lock:
            return self._catch_up()

    def view_json(
        self,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
    ) -> bytes:
        """The current picture (``Picture.to_dict``) as JSON bytes, from the cache when unchanged."""
        key: Filters = (since, until, place, actor, limit)
        with self._lock:
            self._catch_up()
            cached = self._views.get(key)
            if cached is None:
                view = self.picture.to_dict(since=since, until=until, place=place, actor=actor, limit=limit)
                cached = json.dumps(view, ensure_ascii=False).encode("utf-8")
                self._remember(key, cached)
            else:
                self._views.move_to_end(key)
            return cached

    def stats(self) -> dict[str, int]:
        """How many documents the picture holds (after catching up with the store)."""
        with self._lock:
            self._catch_up()
            return {"documents": len(self.picture)}

    def extract(self, document: Document) -> dict[str, Any]:
        """The sitrep/1 extraction of one document, not stored."""
        with self._extract_lock:
            return extract(document).to_dict()

    def submit(self, document: Document) -> Saved:
        """Extract, store and add one article; an article already stored is only added if missing."""
        if self.store.has_document(document.id):
            self.refresh()
            return Saved(document.id, new=False, extraction=None)
        extraction = self.extract(document)
        new = self.store.save_document(extraction, origin=ORIGIN)
        with self._lock:
            if self.picture.add(extraction):
                self._views.clear()
        return Saved(document.id, new=new, extraction=extraction)

    def _load(self) -> None:
        """Build the picture from every stored extraction, read in batches."""
        with self._lock:
            seen = self.store.extracted_marker()  # taken first: whatever arrives while reading is caught up later
            self.picture.extend(self.store.iter_extractions())
            self._seen_store = seen

    def _catch_up(self) -> int:
        """Under the lock: add stored extractions not yet in the picture."""
        current = self.store.extracted_marker()
        if current == self._seen_store:
            return 0
        added = 0
        for doc_id in sorted(d for d in self.store.extracted_ids() if d not in self.picture):
            extraction = self.store.get_extraction(doc_id)
            if extraction is not None and self.picture.add(extraction):
                added += 1
        self._seen_store = current
        if added:
            self._views.clear()
            log.info("picture: %d new document(s), %d in all", added, len(self.picture))
        return added

    def _remember(self, key: Filters, rendered: bytes) -> None:
        self._views[key] = rendered
        while len(self._views) > CACHED_VIEWS:
            self._views.popitem(last=False)
