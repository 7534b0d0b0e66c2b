"""Two writers saving an original and its copy at the same moment still file one story."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

import pytest

from sitrep.store import Store
from sitrep.store import stories as stories_module
from test_fuse_support import Doc
from test_fuse_syndication import HEADLINE, WIRE_STORY, variant

pytest_plugins = ["store_fixtures"]

RENDEZVOUS_SECONDS = 3.0  # how long the first reader waits for the second; a lock makes it wait in vain


def racing_pair() -> list[dict[str, Any]]:
    title, text = variant("reheadlined")
    return [
        Doc(text=WIRE_STORY, title=HEADLINE, source="Northgate Wire").to_dict(),
        Doc(text=text, title=title, source="Keston Courier").to_dict(),
    ]


def test_an_original_and_its_copy_saved_at_once_share_one_story(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each writer reads the story bands, then waits until the other has read them too (or a
    short while): without a lock both read before either files, and the story splits."""
    real_sharing = stories_module._sharing
    arrived = threading.Barrier(2)

    def sharing_then_wait(session: Any, keys: list[int]) -> list[str]:
        found = real_sharing(session, keys)
        with contextlib.suppress(threading.BrokenBarrierError):  # the other writer is held by the lock, as it should be
            arrived.wait(timeout=RENDEZVOUS_SECONDS)
        return found

    monkeypatch.setattr(stories_module, "_sharing", sharing_then_wait)
    pair = racing_pair()
    with Store.open(store_url) as first, Store.open(store_url) as second:
        errors: list[BaseException] = []

        def save(store: Store, extraction: dict[str, Any]) -> None:
            try:
                store.save_document(extraction, origin="race")
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [
            threading.Thread(target=save, args=(store, extraction))
            for store, extraction in zip((first, second), pair, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert first.story_groups() == [sorted(doc["document"]["id"] for doc in pair)]
