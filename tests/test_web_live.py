"""The live picture: documents stored after startup appear without a restart; posted articles are added."""

from __future__ import annotations

import threading
from typing import Any

from sitrep.fuse import build_picture
from sitrep.store import Store
from sitrep.web import create_app
from sitrep.web.state import LivePicture
from store_samples import tiny_extraction
from web_support import STORED, make_client

pytest_plugins = ["web_fixtures"]

ARTICLE = {
    "title": "Ferry service resumes on Lake Varn",
    "source": "Harbour Gazette",
    "published": "2025-06-03",
    "text": (
        "The ferry service between Port Ellis and Marrow Island resumed on Monday after a two-week "
        "strike, the harbour authority said. About 400 passengers crossed on the first day."
    ),
}


def test_a_document_stored_by_another_process_shows_up(client: Any, store_db: str) -> None:
    before = client.get("/api/picture").json()["stats"]["documents"]
    late = tiny_extraction(7)
    with Store.open(store_db) as other_process:
        other_process.save_document(late, origin="later")
    picture = client.get("/api/picture").json()
    assert before == STORED
    assert picture["stats"]["documents"] == STORED + 1
    assert late["document"]["id"] in picture["documents"]
    assert client.get("/api/health").json()["documents"] == STORED + 1


def test_caught_up_picture_equals_one_built_from_scratch(store_db: str) -> None:
    with Store.open(store_db) as store:
        live = LivePicture(store)
        for number in (3, 4):
            store.save_document(tiny_extraction(number), origin="later")  # each save takes itself in
        assert live.refresh() == 0
        store.sync_after_write = False  # a writer that defers its picture steps
        store.save_document(tiny_extraction(5), origin="later")
        assert live.refresh() == 1
        assert live.refresh() == 0
        rebuilt = build_picture(store.iter_extractions())
        assert live.view_json() == make_json(rebuilt.to_dict())


def make_json(view: dict[str, Any]) -> bytes:
    import json

    return json.dumps(view, ensure_ascii=False).encode("utf-8")


def test_extract_returns_the_extraction_and_stores_nothing(client: Any) -> None:
    answer = client.post("/api/extract", json=ARTICLE)
    assert answer.status_code == 200
    extraction = answer.json()
    assert extraction["schema"] == "sitrep/1"
    assert extraction["document"]["text"] == ARTICLE["text"]
    assert extraction["document"]["source"] == "Harbour Gazette"
    for figure in extraction["figures"]:
        assert ARTICLE["text"][figure["span"][0] : figure["span"][1]] == figure["text"]
    assert client.get("/api/documents").json()["total"] == STORED
    assert client.get(f"/api/documents/{extraction['document']['id']}").status_code == 404


def test_posted_article_is_stored_and_added_to_the_picture(client: Any) -> None:
    answer = client.post("/api/documents", json=ARTICLE)
    assert answer.status_code == 200
    saved = answer.json()
    assert saved["new"] is True and saved["documents"] == STORED + 1
    stored = client.get(f"/api/documents/{saved['id']}").json()
    assert stored["document"]["title"] == ARTICLE["title"]
    assert saved["id"] in client.get("/api/picture").json()["documents"]
    again = client.post("/api/documents", json=ARTICLE).json()
    assert again == {"id": saved["id"], "new": False, "documents": STORED + 1}


def test_a_posted_article_reaches_another_server_over_the_same_store(client: Any, store_db: str) -> None:
    with make_client(create_app(store_db)) as second:
        saved = client.post("/api/documents", json=ARTICLE).json()
        assert saved["id"] in second.get("/api/picture").json()["documents"]


def test_concurrent_reads_and_writes_keep_the_picture_whole(store_db: str) -> None:
    with Store.open(store_db) as store:
        live = LivePicture(store)
        errors: list[BaseException] = []

        def read() -> None:
            try:
                for _ in range(5):
                    live.view_json(limit=3)
                    live.view_json()
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for number in range(10, 16):
            store.save_document(tiny_extraction(number), origin="later")
            live.refresh()
        for thread in threads:
            thread.join()
        assert not errors
        assert live.stats()["documents"] == STORED + 6
