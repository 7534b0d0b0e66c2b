"""Provenance: how each document arrived and from which outlet; outlet-less documents are one source."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.fuse import build_picture
from sitrep.provenance import UNKNOWN_OUTLET_KEY, arrival_of, feed_of, independence_key, provenance
from sitrep.store import Store
from sitrep.store.feeds import ENTRY_STORED, EntryOutcome, FeedStore
from sitrep.store.provenance import provenances
from sitrep.web import create_app
from store_samples import document
from test_fuse_support import strike_report
from web_support import make_client

pytest_plugins = ["store_fixtures"]
NOW = datetime(2026, 3, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("origin", "arrival"),
    [
        ("api", "api"),
        (None, "api"),
        ("https://news.example/story", "url"),
        ("https://news.example/feed.xml#entry-3", "feed"),
        ("https://news.example/feed.xml#entry-0a1b2c3d4e5f6a7b", "feed"),
        ("feeds/wire.xml#entry-2", "feed"),
        ("corpus/strike.txt", "file"),
        ("batch.jsonl:12", "file"),
        ("notes#entry-draft.txt", "file"),
    ],
)
def test_arrival_is_read_from_the_origin(origin: str | None, arrival: str) -> None:
    assert arrival_of(origin) == arrival


def test_feed_entries_name_their_feed_and_blank_outlets_are_unknown() -> None:
    assert feed_of("https://news.example/feed.xml#entry-3") == "https://news.example/feed.xml"
    found = provenance("https://news.example/feed.xml#entry-3", "  ", "https://news.example/a")
    assert (found.arrival, found.outlet, found.feed) == ("feed", None, "https://news.example/feed.xml")
    assert independence_key(None) == independence_key("") == UNKNOWN_OUTLET_KEY
    assert independence_key("kyiv post") == "kyiv post"


def extraction(text: str, source: str | None, url: str | None = None) -> dict:
    return {"schema": "sitrep/1", "document": document(text, source=source, url=url)}


def test_stored_documents_say_how_they_arrived(store: Store) -> None:
    items = {
        "file": extraction("A report read from a file about the harbour.", "Harbour News"),
        "api": extraction("A report posted to the API about the bridge.", None),
        "url": extraction("A report fetched from its page about the dam.", "Dam Daily", "https://dam.example/a"),
        "feed": extraction("A report a watched feed brought about the road.", "Road Wire", "https://road.example/1"),
    }
    origins = {"file": "corpus/harbour.txt", "api": "api", "url": "https://dam.example/a", "feed": "wire#x"}
    for kind, item in items.items():
        store.save_document(item, origin=origins[kind])
    feeds = FeedStore(store.engine)
    (feed,) = feeds.add_feeds(["https://road.example/rss"], NOW)
    feed_doc = items["feed"]["document"]["id"]
    feeds.record_entry(feed.id, EntryOutcome("k1", ENTRY_STORED, document_id=feed_doc), NOW)
    found = provenances(store.engine, [item["document"]["id"] for item in items.values()] + ["0" * 64])
    assert {kind: found[item["document"]["id"]].arrival for kind, item in items.items()} == {
        "file": "file",
        "api": "api",
        "url": "url",
        "feed": "feed",
    }
    assert found[feed_doc].feed == "https://road.example/rss"
    assert found[items["api"]["document"]["id"]].outlet is None
    assert "0" * 64 not in found


def sources_of_one_strike(*outlets: str | None) -> int:
    docs = [strike_report(outlet, "2024-10-05", "2024-10-04") for outlet in outlets]  # type: ignore[arg-type]
    (event,) = build_picture(d.to_dict() for d in docs).to_dict()["events"]
    assert event["reports"] == len(outlets)
    return event["independent_sources"]


def test_documents_without_an_outlet_are_never_independent_of_one_another() -> None:
    assert sources_of_one_strike("Reuters", "BBC") == 2
    assert sources_of_one_strike(None, None, None) == 1
    assert sources_of_one_strike("", None) == 1
    assert sources_of_one_strike("Reuters", None, None) == 2


def test_api_provenance(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/p.db"
    item = extraction("A report posted to the API about the port strike.", "Port Wire")
    with Store.open(url) as store:
        store.save_document(item, origin="api")
    doc_id = item["document"]["id"]
    with make_client(create_app(url)) as client:
        found = client.get("/api/provenance", params={"document": [doc_id, "f" * 64]}).json()
        assert found == {doc_id: {"arrival": "api", "origin": "api", "outlet": "Port Wire", "feed": None, "url": None}}
        assert client.get("/api/provenance").status_code == 422
