"""API resources over the persisted picture: events, claims, series, contradictions, timeline.

Filters, stable order, offset and cursor pages with totals, ETag/304, gzip, strict dates and
422 for numbers out of range; on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sitrep.fuse import build_picture
from sitrep.store import Store
from sitrep.web import create_app
from test_fuse_picture import SCENARIO
from web_support import make_client

pytest_plugins = ["store_fixtures"]

REFERENCE = build_picture(SCENARIO).to_dict()


@pytest.fixture
def client(store_url: str) -> Iterator[Any]:
    with Store.open(store_url) as store:
        for extraction in SCENARIO:
            store.save_document(extraction)
    with make_client(create_app(store_url)) as test_client:
        yield test_client


def ids(items: list[dict[str, Any]], key: str = "id") -> list[str]:
    return [item[key] for item in items]


def all_pages(client: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item, following cursors one item at a time."""
    found, cursor = [], None
    while True:
        answer = client.get(path, params={**params, "limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        found += answer["items"]
        cursor = answer["next_cursor"]
        if cursor is None:
            return found


def test_events_are_the_pictures_events_in_its_order(client: Any) -> None:
    answer = client.get("/api/events").json()
    assert answer["total"] == len(REFERENCE["events"])
    assert answer["items"] == REFERENCE["events"]
    assert all_pages(client, "/api/events") == REFERENCE["events"]
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert second["items"] == REFERENCE["events"][1:2] and second["total"] == answer["total"]


def test_event_filters(client: Any) -> None:
    strikes = [e for e in REFERENCE["events"] if e["type"] == "ASSAULT"]
    assert client.get("/api/events", params={"type": "ASSAULT"}).json()["items"] == strikes
    kharkiv = client.get("/api/events", params={"place": "city:UKR:kharkiv"}).json()["items"]
    assert ids(kharkiv) == [e["id"] for e in REFERENCE["events"] if (e["place"] or {}).get("name") == "Kharkiv"]
    boxed = client.get("/api/events", params={"west": 36, "south": 49, "east": 37, "north": 51}).json()["items"]
    assert ids(boxed) == ids(kharkiv)
    sourced = client.get("/api/events", params={"min_sources": 2}).json()["items"]
    assert ids(sourced) == [e["id"] for e in REFERENCE["events"] if e["independent_sources"] >= 2]
    by_actor = client.get("/api/events", params={"actor": "forces:RUS"}).json()["items"]
    assert by_actor and all(e["source"]["key"] == "forces:RUS" for e in by_actor)
    dated = client.get("/api/events", params={"since": "2024-10-10", "until": "2024-10-31"}).json()["items"]
    assert ids(dated) == ids(build_picture(SCENARIO).to_dict(since="2024-10-10", until="2024-10-31")["events"])
    contested = client.get("/api/events", params={"status": "contested"}).json()["items"]
    assert all(e["status"] == "contested" for e in contested)


def test_claims_series_contradictions_and_timeline(client: Any) -> None:
    assert client.get("/api/claims").json()["items"] == REFERENCE["claims"]
    said = client.get("/api/claims", params={"text": "RESIDENTIAL block"}).json()["items"]
    assert said and all("residential block" in c["content"] for c in said)
    speaker = said[0]["speaker"]["key"]
    assert client.get("/api/claims", params={"speaker": speaker}).json()["items"][0]["speaker"]["key"] == speaker
    assert client.get("/api/series").json()["items"] == REFERENCE["figures"]
    clashing = client.get("/api/series", params={"contradicted": True}).json()["items"]
    assert ids(clashing) == [s["id"] for s in REFERENCE["figures"] if s["contradictions"]]
    clashes = client.get("/api/contradictions").json()
    assert clashes["total"] == REFERENCE["stats"]["contradictions"] == len(clashes["items"]) > 0
    assert {"series", "subject", "kind", "a", "b"} <= set(clashes["items"][0])
    assert all_pages(client, "/api/timeline") == REFERENCE["timeline"]
    one = REFERENCE["events"][0]
    assert client.get(f"/api/events/{one['id']}").json() == one
    assert client.get("/api/events/ev_nothing").status_code == 404


def test_reads_carry_an_etag_and_answer_304_until_the_picture_changes(client: Any) -> None:
    first = client.get("/api/events")
    tag = first.headers["etag"]
    assert client.get("/api/events", headers={"If-None-Match": tag}).status_code == 304
    assert client.get("/api/events", params={"limit": 2}).headers["etag"] != tag  # another query, another tag


def test_big_answers_are_gzipped_for_clients_that_ask(client: Any) -> None:
    answer = client.get("/api/picture", headers={"Accept-Encoding": "gzip"})
    assert answer.headers.get("content-encoding") == "gzip"
    assert answer.json()["schema"] == "sitrep-picture/1"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"since": "2026-03-05garbage"}),
        ("/api/claims", {"until": "2026-02-30"}),
        ("/api/events", {"offset": 9223372036854775808}),
        ("/api/events", {"limit": 0}),
        ("/api/events", {"min_sources": -1}),
        ("/api/events", {"west": 500, "south": 0, "east": 1, "north": 1}),
        ("/api/events", {"west": 1}),
        ("/api/timeline", {"cursor": "%%%"}),
        ("/api/series", {"limit": 10**30}),
        ("/api/entities", {"offset": -1}),
    ],
)
def test_bad_parameters_are_422(client: Any, path: str, params: dict[str, Any]) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == 422, answer.text
    assert "detail" in answer.json()


def test_a_nul_character_in_a_filter_is_422(client: Any) -> None:
    for path, name in (("/api/events", "actor"), ("/api/claims", "text"), ("/api/series", "category")):
        assert client.get(path, params={name: "a\x00b"}).status_code == 422
