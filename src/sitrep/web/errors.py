"""Errors into JSON answers, once: a message for the client, never a traceback.

``SitrepError`` → 400 with its message (``StoreError`` → 503: the database is the
problem, not the request); invalid input → 422 naming each bad field (without echoing
the input back); HTTP errors keep their status and detail (a body over the size cap: 413 naming the cap); anything else → 500 with a
generic message, the traceback going to the server log only.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from sitrep.errors import SitrepError, StoreError
from sitrep.web.limits import too_large_message

log = logging.getLogger(__name__)

INTERNAL_MESSAGE = "internal error: the server log has the details"


def problem(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> JSONResponse:
    body: dict[str, object] = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status)


def field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    """Each validation error as its location (``body.text``, ``query.since``) and message."""
    found = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error.get("loc", ()))
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        found.append({"field": location, "message": message})
    return found


async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = field_errors(exc)
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return problem(422, summary, errors)


async def on_sitrep_error(request: Request, exc: Exception) -> JSONResponse:
    status = 503 if isinstance(exc, StoreError) else 400
    return problem(status, str(exc))


async def on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, INTERNAL_MESSAGE)


def install_error_handlers(app: FastAPI, max_body_bytes: int) -> None:
    """JSON answers for every error; a body over ``max_body_bytes`` (FastAPI's limit) says so."""

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        detail = too_large_message(max_body_bytes) if exc.status_code == 413 else str(exc.detail)
        return problem(exc.status_code, detail)

    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(SitrepError, on_sitrep_error)
    app.add_exception_handler(Exception, on_unexpected_error)
