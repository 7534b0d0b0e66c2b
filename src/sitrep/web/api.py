"""The HTTP API under ``/api``: the picture, stored documents, entities, stories, extraction.

Every route is a thin shell over one library call, as the CLI commands are. Endpoints
are plain ``def``: FastAPI runs them in its thread pool, and ``LivePicture`` locks.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from sitrep.store.entities import summary_dict
from sitrep.web.schemas import (
    ArticleIn,
    DocumentPage,
    DocumentRow,
    Entity,
    Health,
    Problem,
    SavedOut,
    Story,
    StoryDocument,
    check_iso_date,
)
from sitrep.web.state import LivePicture

MAX_FILTER_CHARS = 200
MAX_PAGE = 1000
MAX_OFFSET = 1_000_000_000  # past any real store; a bigger number would overflow the database's integer
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "The library refused the input (message says why)."},
    422: {"model": Problem, "description": "Invalid parameters or body: each bad field and why."},
}

router = APIRouter(prefix="/api", responses=ERRORS)


def live_picture(request: Request) -> LivePicture:
    return request.app.state.live


Live = Annotated[LivePicture, Depends(live_picture)]
DateParam = Annotated[str | None, Query(max_length=40, description="ISO date, YYYY-MM-DD.")]
TextParam = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)]


def checked_date(name: str, value: str | None) -> str | None:
    """A date query parameter, or 422 naming it."""
    if value is None or value == "":
        return None
    try:
        return check_iso_date(value)
    except ValueError as exc:
        raise HTTPException(422, f"query.{name}: {exc}") from None


@router.get(
    "/picture",
    summary="The fused picture (sitrep-picture/1)",
    response_description="The picture JSON: see src/sitrep/resources/picture.schema.json.",
)
def get_picture(
    live: Live,
    since: DateParam = None,
    until: DateParam = None,
    place: Annotated[
        str | None, Query(max_length=MAX_FILTER_CHARS, description="Name, key or ISO3 code (substring).")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=MAX_FILTER_CHARS, description="Name, key or ISO3 code (substring).")
    ] = None,
    limit: Annotated[int | None, Query(ge=1, le=100_000, description="Top N events, claims and series.")] = None,
) -> Response:
    """The picture across every stored article, with documents ingested since the last call added first.

    `since`/`until` keep items dated in the span; `place` and `actor` keep items whose place or
    actors match; `limit` keeps the top N events, claims and figure series.
    """
    body = live.view_json(
        since=checked_date("since", since),
        until=checked_date("until", until),
        place=place or None,
        actor=actor or None,
        limit=limit,
    )
    return Response(content=body, media_type="application/json")


@router.get("/documents", summary="Stored documents, newest first", response_model=DocumentPage)
def get_documents(
    live: Live,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> DocumentPage:
    total, rows = live.store.list_documents(limit, offset)
    return DocumentPage(total=total, limit=limit, offset=offset, documents=[DocumentRow(**row) for row in rows])


@router.get(
    "/documents/{doc_id}",
    summary="One stored sitrep/1 extraction",
    responses={404: {"model": Problem, "description": "No extracted document with this id."}},
)
def get_document(
    live: Live, doc_id: Annotated[str, Path(max_length=64, description="sha256 of the text.")]
) -> dict[str, Any]:
    """The stored extraction, with the document's text (spans index it)."""
    extraction = live.store.get_extraction(doc_id)
    if extraction is not None:
        return extraction
    if live.store.has_document(doc_id):
        raise HTTPException(404, f"document {doc_id} is stored but was not extracted (not English?)")
    raise HTTPException(404, f"no document with id {doc_id!r}")


@router.get("/entities", summary="Actors and places across stored articles", response_model=list[Entity])
def get_entities(
    live: Live,
    kind: Literal["actor", "place"] | None = None,
    q: TextParam = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> list[Entity]:
    return [Entity(**summary_dict(found)) for found in live.store.entities(kind=kind, query=q or None, limit=limit)]


@router.get("/stories", summary="Syndicated stories: stored articles that copy one another", response_model=list[Story])
def get_stories(live: Live) -> list[Story]:
    stories = []
    for group in live.store.story_groups():
        rows = [(doc_id, live.store.get_document(doc_id) or {}) for doc_id in group]
        stories.append(
            Story(
                story=group[0],
                documents=[
                    StoryDocument(
                        id=doc_id, title=row.get("title"), source=row.get("source"), published=row.get("published")
                    )
                    for doc_id, row in rows
                ],
            )
        )
    return stories


@router.post("/extract", summary="Extract one article (not stored)")
def post_extract(live: Live, article: ArticleIn) -> dict[str, Any]:
    """The sitrep/1 extraction of the posted article; nothing is stored."""
    return live.extract(article.to_document())


@router.post("/documents", summary="Extract, store and add one article to the picture", response_model=SavedOut)
def post_document(live: Live, article: ArticleIn) -> SavedOut:
    """The article is extracted, stored (keyed by the sha256 of its text) and fused into the picture."""
    saved = live.submit(article.to_document())
    return SavedOut(id=saved.id, new=saved.new, documents=live.stats()["documents"])


@router.get("/health", summary="Liveness and the size of the picture", response_model=Health)
def get_health(live: Live) -> Health:
    return Health(status="ok", documents=live.stats()["documents"], version=package_version())


def package_version() -> str:
    try:
        return version("sitrep")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"
