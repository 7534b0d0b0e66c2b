"""The live picture: the store's persisted picture, read per request, cached per version.

Nothing is built at startup, so a server starts in constant time whatever the store's
size: every save (here, by ``sitrep ingest`` in another process, by ``sitrep watch``)
updates the persisted picture in its own picture step (``sitrep.store.fusion``). When
the store still has queued documents (a store just upgraded to the persisted picture,
or writes that deferred their step), one background thread takes them in, in batches;
reads meanwhile show the picture as it stands.

Rendered pictures are cached as JSON bytes per (picture version, filters): a new version
token is written with every change, so one indexed lookup tells whether a cached view is
still current.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.errors import SitrepError
from sitrep.store import Store

if TYPE_CHECKING:
    from sitrep.model import Document

log = logging.getLogger(__name__)

CACHED_VIEWS = 32
ORIGIN = "api"
CATCH_UP_BATCH = 200

Filters = tuple[str | None, str | None, str | None, str | None, int | None]


@dataclass(frozen=True)
class Saved:
    """What ``LivePicture.submit`` did with a posted article."""

    id: str
    new: bool
    extraction: dict[str, Any] | None


class LivePicture:
    """The persisted picture of a store, safe to use from several threads."""

    def __init__(self, store: Store, catch_up: bool = True) -> None:
        self.store = store
        self._lock = threading.Lock()  # guards the cache and the catch-up step
        self._extract_lock = threading.Lock()  # the spaCy pipeline is not made for concurrent calls
        self._views: OrderedDict[tuple[str, Filters], bytes] = OrderedDict()
        self._worker: threading.Thread | None = None
        if catch_up and store.picture_pending():
            self._worker = threading.Thread(target=self._catch_up_in_background, name="picture-catch-up", daemon=True)
            self._worker.start()

    def refresh(self) -> int:
        """Take every queued document into the persisted picture now; return how many were added."""
        added = 0
        with self._lock:
            while self.store.picture_pending():
                added += self.store.sync_picture(limit=CATCH_UP_BATCH).added
        return added

    def version(self) -> str:
        """The picture's current version token (an ETag for every read of it)."""
        return self.store.picture_version()

    def view_json(
        self,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
    ) -> bytes:
        """The persisted picture (``StoredPicture.to_dict``) as JSON bytes, from the cache when unchanged."""
        key = (self.version(), (since, until, place, actor, limit))
        with self._lock:
            cached = self._views.get(key)
            if cached is not None:
                self._views.move_to_end(key)
                return cached
        with self.store.picture() as picture:
            view = picture.to_dict(since=since, until=until, place=place, actor=actor, limit=limit)
        rendered = json.dumps(view, ensure_ascii=False).encode("utf-8")
        with self._lock:
            self._views[key] = rendered
            while len(self._views) > CACHED_VIEWS:
                self._views.popitem(last=False)
        return rendered

    def stats(self) -> dict[str, int]:
        """How many documents the picture holds, and how many changes wait to be taken in."""
        return {"documents": self.store.picture_documents(), "pending": self.store.picture_pending()}

    def pending_note(self) -> str:
        waiting = self.store.picture_pending()
        return f" ({waiting} queued, being taken in)" if waiting else ""

    def extract(self, document: Document) -> dict[str, Any]:
        """The sitrep/1 extraction of one document, not stored."""
        from sitrep.pipeline import extract  # loaded by the first extraction, not at startup

        with self._extract_lock:
            return extract(document).to_dict()

    def submit(self, document: Document) -> Saved:
        """Extract and store one article (its save updates the picture); an article already stored is left."""
        if self.store.has_document(document.id):
            return Saved(document.id, new=False, extraction=None)
        extraction = self.extract(document)
        new = self.store.save_document(extraction, origin=ORIGIN)
        return Saved(document.id, new=new, extraction=extraction)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the background catch-up (tests, benchmarks)."""
        if self._worker is not None:
            self._worker.join(timeout)

    def _catch_up_in_background(self) -> None:
        try:
            added = self.refresh()
            log.info("picture: took in %d queued document(s)", added)
        except SitrepError as exc:  # the queue stays; the next save or `sitrep rebuild` takes it in
            log.warning("picture: catching up failed: %s", exc)
