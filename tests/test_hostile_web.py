"""Hostile API requests: out-of-range numbers, loose dates and broken Unicode get 422, never 500."""

from __future__ import annotations

from typing import Any

import pytest

pytest_plugins = ["web_fixtures"]

HUGE = "9223372036854775808"  # one past the largest signed 64-bit integer


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/documents", {"offset": HUGE}),
        ("/api/documents", {"offset": "1" * 5000}),
        ("/api/documents", {"limit": HUGE}),
        ("/api/documents", {"offset": "-1"}),
        ("/api/documents", {"offset": "1e3"}),
        ("/api/entities", {"limit": HUGE}),
        ("/api/picture", {"limit": HUGE}),
        ("/api/picture", {"limit": "-9223372036854775809"}),
    ],
)
def test_out_of_range_numbers_get_422(client: Any, path: str, params: dict[str, str]) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == 422
    assert next(iter(params)) in answer.json()["detail"]


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-05 not a date",
        "2026-03-05garbage",
        "20260305",
        "2026-W10",
        "2026-03-05T99:00",
        "2026-03-05\n",
        " 2026-03-05",
    ],
)
def test_picture_filters_take_strict_iso_dates_only(client: Any, value: str) -> None:
    answer = client.get("/api/picture", params={"since": value})
    assert answer.status_code == 422
    assert "is not a date of the form YYYY-MM-DD" in answer.json()["detail"]


@pytest.mark.parametrize("value", ["2026-03-05 not a date", "2026-03-05garbage", "5 March 2026"])
def test_posted_published_must_be_a_strict_date(client: Any, value: str) -> None:
    answer = client.post("/api/extract", json={"text": "Rain fell on the capital.", "published": value})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.published"


def test_a_datetime_is_still_a_date(client: Any) -> None:
    answer = client.get("/api/picture", params={"since": "2026-03-05T09:30:00+00:00"})
    assert answer.status_code == 200


def test_a_lone_surrogate_in_a_posted_body_is_refused(client: Any) -> None:
    body = b'{"text": "Shelling near \\ud800 the bridge"}'
    answer = client.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert "Traceback" not in answer.text


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"text": "x", "title": ' + b"9" * 5000 + b"}",
        b"\xff\xfe{}",
        b'{"text": "a"' * 1000,
    ],
)
def test_malformed_bodies_get_a_client_error_without_internals(client: Any, body: bytes) -> None:
    answer = client.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert answer.status_code in (400, 422)  # FastAPI: 400 when the JSON cannot be decoded at all
    assert answer.json()["detail"]
    assert "Traceback" not in answer.text and 'File "' not in answer.text
