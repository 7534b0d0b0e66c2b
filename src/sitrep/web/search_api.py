"""``GET /api/search``: full-text search over stored documents and claims (``sitrep.store.search``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from sitrep.errors import InputError
from sitrep.store.search import MAX_QUERY_CHARS, hit_dict, search
from sitrep.web.schemas import Problem, check_iso_date

MAX_LIMIT = 100
MAX_OFFSET = 10_000

router = APIRouter(prefix="/api", responses={422: {"model": Problem, "description": "Invalid parameters."}})


class SearchHit(BaseModel):
    kind: Literal["document", "claim"]
    document: str = Field(description="The document id.")
    title: str | None
    source: str | None = Field(description="The outlet.")
    published: str | None
    url: str | None
    snippet: str = Field(description="Plain text around the matches.")
    highlights: list[list[int]] = Field(description="[start, end) of each match in the snippet.")
    score: float = Field(description="Relevance (higher is better).")
    claim: str | None = None
    speaker: str | None = None
    stance: str | None = None


class SearchResults(BaseModel):
    query: str
    kind: Literal["document", "claim"]
    total: int
    limit: int
    offset: int
    hits: list[SearchHit]


def _date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return check_iso_date(value)
    except ValueError as exc:
        raise HTTPException(422, f"query.{name}: {exc}") from None


@router.get("/search", summary="Full-text search over documents or claims", response_model=SearchResults)
def get_search(
    request: Request,
    q: Annotated[
        str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description='Words, "a phrase", OR, -word, word*.')
    ],
    kind: Literal["document", "claim"] = "document",
    since: Annotated[str | None, Query(max_length=40, description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(max_length=40, description="Published on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> SearchResults:
    """Best matches first, each with a snippet and where in it the query matched."""
    since, until = _date("since", since), _date("until", until)
    store = request.app.state.live.store
    try:
        page = search(store.engine, q, kind=kind, since=since, until=until, limit=limit, offset=offset)
    except InputError as exc:
        raise HTTPException(422, f"query.q: {exc}") from None
    return SearchResults(
        query=q,
        kind=kind,
        total=page.total,
        limit=limit,
        offset=offset,
        hits=[SearchHit(**hit_dict(hit)) for hit in page.hits],
    )
