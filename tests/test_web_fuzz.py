"""A bounded schemathesis run over every API operation: no 5xx, no internals in any error body."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.responses import JSONResponse

from api_fuzz import FuzzTally, fuzz_app
from sitrep.web import create_app
from web_support import make_store

pytestmark = pytest.mark.model  # POST /api/extract and /api/documents run the pipeline in the app's threads

FAST_EXAMPLES = 12  # per operation and mode: about 200 requests in all
SLOW_EXAMPLES = 150


def run(tmp_path: Path, examples: int) -> FuzzTally:
    tally = fuzz_app(create_app(make_store(tmp_path)), examples)
    assert tally.server_errors == []
    assert tally.leaks == []
    return tally


def test_every_operation_answers_generated_requests_without_a_server_error(tmp_path: Path) -> None:
    tally = run(tmp_path, FAST_EXAMPLES)
    operations = {label.rsplit(" (", 1)[0] for label in tally.per_operation}
    assert {"GET /api/picture", "POST /api/documents", "POST /api/extract", "GET /api/documents/{doc_id}"} <= operations
    assert any(400 <= status < 500 for status in tally.statuses)  # the negative cases were refused, not crashed on
    assert tally.examples >= 100


@pytest.mark.slow
def test_many_generated_requests_get_no_server_error(tmp_path: Path) -> None:
    assert run(tmp_path, SLOW_EXAMPLES).examples >= 1000


def test_the_harness_catches_a_crash_and_a_leaked_sql_error(tmp_path: Path) -> None:
    app = create_app(make_store(tmp_path))

    def crash(n: int = 0) -> dict[str, int]:
        raise RuntimeError("unexpected")

    def leak(n: int = 0) -> JSONResponse:
        return JSONResponse({"detail": "(sqlite3.OperationalError) [SQL: SELECT * FROM documents]"}, status_code=400)

    app.add_api_route("/api/crash", crash, methods=["GET"])
    app.add_api_route("/api/leak", leak, methods=["GET"])
    tally = fuzz_app(app, 3, modes=("positive",))
    assert tally.server_errors and all(e.startswith("GET /api/crash") for e in tally.server_errors)
    assert tally.leaks and all(e.startswith("GET /api/leak") for e in tally.leaks)
