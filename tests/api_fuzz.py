"""Fuzz the HTTP API with schemathesis, in process: every operation of ``/openapi.json``.

``fuzz_app(app, examples)`` loads the app's own schema through its ASGI interface (no
network), draws ``examples`` schema-valid and ``examples`` schema-violating requests
per operation with hypothesis, sends each, and tallies what came back: status codes,
server errors (a 5xx or an exception escaping the app) and error bodies that leak
internals (a Python traceback, SQLAlchemy's or a driver's error text, SQL). Used by
``tests/test_web_fuzz.py`` (bounded, in CI) and ``benchmarks/fuzz_api.py`` (long runs).
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from hypothesis import HealthCheck, given, seed, settings
from hypothesis.errors import Unsatisfiable

LEAK_MARKERS = (
    "Traceback (most recent call last)",
    'File "/',
    "sqlalchemy",
    "psycopg",
    "sqlite3.",
    "[SQL:",
    "Background on this error",
    "INSERT INTO ",
    "SELECT ",
    " FROM documents",
    "OperationalError",
    "IntegrityError",
)
MODES = ("positive", "negative")


@dataclass
class FuzzTally:
    """What the API answered across a fuzzing run."""

    examples: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    per_operation: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    not_sent: int = 0  # negative cases schemathesis could not turn into a request

    def record(self, label: str, case: Any, status: int, body: str) -> None:
        self.examples += 1
        self.statuses[status] += 1
        self.per_operation[label] += 1
        request = _request_text(case)
        if status >= 500:
            self.server_errors.append(f"{label}: {status} for {request[:300]}: {body[:300]}")
        if status >= 400:
            leaked = [m for m in LEAK_MARKERS if m.lower() in body.lower() and m.lower() not in request.lower()]
            if leaked:
                self.leaks.append(f"{label}: {status} body shows {leaked} for {request[:300]}: {body[:300]}")


def load_schema(app: Any) -> Any:
    """The app's OpenAPI schema, read from ``/openapi.json`` through the app itself."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        import schemathesis
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def fuzz_app(app: Any, examples: int, random_seed: int | None = 0, modes: tuple[str, ...] = MODES) -> FuzzTally:
    """Send up to ``examples`` generated requests per operation and mode; return the tally."""
    from schemathesis import GenerationMode

    tally = FuzzTally()
    for result in load_schema(app).get_all_operations():
        operation = result.ok()
        for mode in modes:
            _fuzz_operation(operation, GenerationMode(mode), examples, random_seed, tally)
    return tally


def _fuzz_operation(operation: Any, mode: Any, examples: int, random_seed: int | None, tally: FuzzTally) -> None:
    label = f"{operation.label} ({mode.value})"

    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=False
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def send(case: Any) -> None:
        try:
            response = case.call()
        except Exception as exc:  # noqa: BLE001 - an exception escaping the app is what we are looking for
            if _is_unsendable(exc):
                tally.not_sent += 1
                return
            tally.record(label, case, 500, f"{type(exc).__name__}: {exc}")
            return
        tally.record(label, case, response.status_code, response.text)

    if random_seed is not None:
        send = seed(random_seed)(send)
    with suppress(Unsatisfiable):  # an operation with no (negative) inputs to vary
        send()


def _is_unsendable(exc: Exception) -> bool:
    """Schemathesis' own refusals to build a request (e.g. a negative body it cannot serialise)."""
    return type(exc).__module__.startswith("schemathesis")


def _request_text(case: Any) -> str:
    """The request's own values (decoded), so that an error body echoing them is not taken for a leak."""
    parts = {
        "path": case.formatted_path,
        "path_parameters": case.path_parameters,
        "query": case.query,
        "body": getattr(case, "body", None),
    }
    return unquote(json.dumps(parts, default=str, ensure_ascii=False))  # path parameters arrive percent-encoded
