"""The HTTP API: every endpoint on a small store, and what bad input gets back."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.errors import StoreError
from sitrep.web import create_app
from sitrep.web.schemas import MAX_BODY_BYTES, MAX_TEXT_CHARS
from store_samples import sample_extraction
from web_support import STORED, make_client

pytest_plugins = ["web_fixtures"]

SAMPLE_ID = sample_extraction()["document"]["id"]


def test_health(client: Any) -> None:
    answer = client.get("/api/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["documents"] == STORED


def test_picture_is_the_fused_picture(client: Any) -> None:
    picture = client.get("/api/picture").json()
    assert picture["schema"] == "sitrep-picture/1"
    assert picture["stats"]["documents"] == STORED
    assert len(picture["documents"]) == STORED
    assert any(event["type"] == "ASSAULT" for event in picture["events"])


def test_picture_filters_pass_through(client: Any) -> None:
    picture = client.get(
        "/api/picture", params={"since": "2024-03-01", "until": "2024-03-31", "place": "Eastland", "limit": 5}
    ).json()
    assert picture["filters"] == {
        "since": "2024-03-01",
        "until": "2024-03-31",
        "place": "Eastland",
        "actor": None,
        "limit": 5,
    }
    assert [e["place"]["name"] for e in picture["events"]] == ["Eastland"]
    assert client.get("/api/picture", params={"actor": "nobody at all"}).json()["events"] == []


@pytest.mark.parametrize(
    "params", [{"since": "yesterday"}, {"until": "2024-13-40"}, {"limit": 0}, {"place": "x" * 201}]
)
def test_picture_refuses_bad_filters(client: Any, params: dict[str, Any]) -> None:
    answer = client.get("/api/picture", params=params)
    assert answer.status_code == 422
    name = next(iter(params))
    assert name in answer.json()["detail"]


def test_bad_date_message_names_the_value(client: Any) -> None:
    detail = client.get("/api/picture?since=yesterday").json()["detail"]
    assert detail == "query.since: 'yesterday' is not a date of the form YYYY-MM-DD"


def test_documents_are_paged(client: Any) -> None:
    first = client.get("/api/documents", params={"limit": 2}).json()
    rest = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] == STORED
    ids = [d["id"] for d in first["documents"] + rest["documents"]]
    assert len(ids) == len(set(ids)) == STORED
    sample = next(d for d in first["documents"] + rest["documents"] if d["id"] == SAMPLE_ID)
    assert sample == {
        "id": SAMPLE_ID,
        "title": "Troops cross into Eastland",
        "source": "Daily Courier",
        "published": "2024-03-06",
        "url": "https://example.org/eastland",
        "status": "extracted",
    }
    assert client.get("/api/documents", params={"limit": 0}).status_code == 422
    assert client.get("/api/documents", params={"offset": -1}).status_code == 422


def test_document_is_the_stored_extraction(client: Any) -> None:
    answer = client.get(f"/api/documents/{SAMPLE_ID}")
    assert answer.status_code == 200
    assert answer.json() == sample_extraction()


@pytest.mark.parametrize("doc_id", ["0" * 64, "not-an-id"])
def test_unknown_document_is_404_with_a_message(client: Any, doc_id: str) -> None:
    answer = client.get(f"/api/documents/{doc_id}")
    assert answer.status_code == 404
    assert doc_id in answer.json()["detail"]


def test_entities(client: Any) -> None:
    actors = client.get("/api/entities", params={"kind": "actor", "q": "novak"}).json()
    assert [a["name"] for a in actors] == ["Ana Novak"]
    assert set(actors[0]) == {"key", "kind", "name", "aliases", "type", "country", "documents"}
    places = client.get("/api/entities", params={"kind": "place", "limit": 1}).json()
    assert len(places) == 1 and places[0]["kind"] == "place"
    assert client.get("/api/entities", params={"kind": "weapon"}).status_code == 422


def test_stories_list_copies(store_db: str) -> None:
    from sitrep.store import Store

    copy = sample_extraction()
    copy["document"] = {
        **copy["document"],
        "text": copy["document"]["text"] + " ",
        "source": "Other Paper",
        "id": "f" * 64,
    }
    with Store.open(store_db) as store:
        store.save_document(copy, origin="test")
    with make_client(create_app(store_db)) as client:
        stories = client.get("/api/stories").json()
    assert len(stories) == 1
    assert {d["id"] for d in stories[0]["documents"]} == {SAMPLE_ID, "f" * 64}
    assert stories[0]["story"] == min(SAMPLE_ID, "f" * 64)


def test_stories_empty(client: Any) -> None:
    assert client.get("/api/stories").json() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body.text"),
        ({"text": ""}, "body.text"),
        ({"text": "  \n "}, "body.text"),
        ({"text": "Rain fell.", "published": "last week"}, "body.published"),
        ({"text": "Rain fell.", "colour": "red"}, "body.colour"),
        ({"text": 12}, "body.text"),
    ],
)
def test_bad_articles_are_refused_clearly(client: Any, body: dict[str, Any], field: str) -> None:
    for path in ("/api/extract", "/api/documents"):
        answer = client.post(path, json=body)
        assert answer.status_code == 422
        problem = answer.json()
        assert field in problem["detail"]
        assert [e["field"] for e in problem["errors"]] == [field]
        assert "input" not in problem["errors"][0]  # the input is never echoed back


def test_text_over_the_limit_is_422(client: Any) -> None:
    answer = client.post("/api/extract", json={"text": "a" * (MAX_TEXT_CHARS + 1)})
    assert answer.status_code == 422
    assert f"{MAX_TEXT_CHARS} characters" in answer.json()["detail"]


def test_body_over_the_limit_is_413(client: Any) -> None:
    answer = client.post(
        "/api/documents",
        content=b'{"text": "' + b"a" * MAX_BODY_BYTES + b'"}',
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 413
    assert answer.json()["detail"] == f"request body is larger than {MAX_BODY_BYTES:,} bytes"


def test_streamed_body_over_the_limit_is_413(client: Any) -> None:
    def chunks() -> Any:
        for _ in range(3):
            yield b"a" * (MAX_BODY_BYTES // 2)

    answer = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413


def test_malformed_json_is_422(client: Any) -> None:
    answer = client.post("/api/extract", content=b'{"text": ', headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert "JSON" in answer.json()["detail"]


def test_a_form_post_from_another_site_is_not_an_article(client: Any) -> None:
    answer = client.post("/api/documents", content=b'{"text": "Rain fell."}', headers={"content-type": "text/plain"})
    assert answer.status_code == 422


def test_store_errors_are_503_with_the_message(store_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(store_db)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("cannot read entities from database sqlite:///x.db: disk I/O error")

    monkeypatch.setattr(app.state.live.store, "entities", broken)
    with make_client(app) as client:
        answer = client.get("/api/entities")
    assert answer.status_code == 503
    assert answer.json() == {"detail": "cannot read entities from database sqlite:///x.db: disk I/O error"}


def test_unexpected_errors_are_500_without_a_traceback(
    store_db: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(store_db)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.live.store, "story_groups", broken)
    with make_client(app, raise_server_exceptions=False) as client:
        answer = client.get("/api/stories")
    assert answer.status_code == 500
    assert answer.json() == {"detail": "internal error: the server log has the details"}
    assert "secret" not in answer.text and "Traceback" not in answer.text
    assert "secret internals" in caplog.text


def test_unknown_hosts_are_refused(client: Any) -> None:
    assert client.get("/api/health", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/api/health", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_no_cors(client: Any) -> None:
    answer = client.options(
        "/api/documents", headers={"origin": "https://elsewhere.example", "access-control-request-method": "POST"}
    )
    assert "access-control-allow-origin" not in answer.headers


def test_openapi_lists_every_endpoint(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/picture",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/entities",
        "/api/stories",
        "/api/extract",
        "/api/health",
    } <= set(paths)
    assert set(paths["/api/documents"]) == {"get", "post"}


def test_a_bad_database_url_fails_before_serving() -> None:
    with pytest.raises(StoreError):
        create_app("sqlite:////nonexistent-dir/for/sure/x.db")
