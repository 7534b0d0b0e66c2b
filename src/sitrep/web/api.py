"""The HTTP API under ``/api``: the picture and its items, stored documents, entities, stories, extraction.

Every route is a thin shell over one library call, as the CLI commands are. Endpoints
are plain ``def``: FastAPI runs them in its thread pool, and ``LivePicture`` locks.
Reads of the persisted picture (``/api/picture``, ``/api/events``, ``/api/claims``,
``/api/series``, ``/api/contradictions``, ``/api/timeline``) carry an ETag made of the
picture's version token and the query: a client sending it back in ``If-None-Match``
gets 304 until the picture changes. Lists are in the picture's stable order, paged by
``offset`` or by the opaque ``cursor`` of the previous page, with the total.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from sitrep.fuse.text import day_number
from sitrep.fuse.timeline import timeline
from sitrep.store.entities import summary_dict
from sitrep.store.picture_read import (
    ClaimFilters,
    EventFilters,
    SeriesFilters,
    claim_clauses,
    contradictions_page,
    event_clauses,
    item,
    page,
    series_clauses,
)
from sitrep.store.picture_tables import PictureClaim, PictureEvent, PictureSeries
from sitrep.web.schemas import (
    ArticleIn,
    ContradictionPage,
    DocumentPage,
    DocumentRow,
    Entity,
    Health,
    ItemPage,
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
    return Response(content=body, media_type="application/json", headers={"Cache-Control": "no-cache"})


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
    response: Response,
    kind: Literal["actor", "place"] | None = None,
    q: TextParam = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[Entity]:
    """Most widely reported first (ties by key); the total is in the `X-Total-Count` header."""
    if offset == 0:
        found = live.store.entities(kind=kind, query=q or None, limit=limit)
        response.headers["X-Total-Count"] = str(live.store.entity_page(kind, q or None, 1)[0])
        return [Entity(**summary_dict(e)) for e in found]
    total, rows = live.store.entity_page(kind, q or None, limit, offset)
    response.headers["X-Total-Count"] = str(total)
    return [Entity(**row) for row in rows]


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


# -- items of the persisted picture ------------------------------------------------------------

KeyParam = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="A canonical key, e.g. state:UKR.")]
WordParam = Annotated[str | None, Query(max_length=40)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip (ignored with a cursor).")]
Cursor = Annotated[str | None, Query(max_length=200, description="`next_cursor` of the previous page.")]
MinSources = Annotated[int | None, Query(ge=1, le=1_000_000, description="At least this many independent sources.")]
Coordinate = Annotated[float | None, Query(ge=-180, le=180)]


def no_nul(**params: str | None) -> None:
    """422 for a NUL character in a text parameter (PostgreSQL cannot compare with one)."""
    for name, value in params.items():
        if value is not None and "\x00" in value:
            raise HTTPException(422, f"query.{name}: contains a NUL character")


def day_of(name: str, value: str | None) -> int | None:
    checked = checked_date(name, value)
    return None if checked is None else day_number(checked)


def decode_cursor(cursor: str | None) -> str | None:
    if not cursor:
        return None
    try:
        padded = cursor.encode("ascii") + b"=" * (-len(cursor) % 4)
        rank = base64.b64decode(padded, altchars=b"-_", validate=True).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        rank = ""
    if not (len(rank) > 10 and rank[:10].isdigit()):
        raise HTTPException(422, "query.cursor: not a cursor this API gave out")
    return rank


def encode_cursor(rank: str | None) -> str | None:
    return None if rank is None else base64.urlsafe_b64encode(rank.encode("utf-8")).decode("ascii").rstrip("=")


def cached_read(request: Request, live: LivePicture, build: Callable[[], Any]) -> Any:
    """Answer 304 when the client's ETag names the current picture and this query; else build the body."""
    tag = (
        '"' + hashlib.sha256(f"{live.version()}|{request.url.path}?{request.url.query}".encode()).hexdigest()[:32] + '"'
    )
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"ETag": tag})
    body = build()
    response = body if isinstance(body, Response) else None
    if response is None:
        from fastapi.encoders import jsonable_encoder
        from fastapi.responses import JSONResponse

        response = JSONResponse(jsonable_encoder(body))
    response.headers["ETag"] = tag
    response.headers["Cache-Control"] = "no-cache"
    return response


def item_page(live: LivePicture, model: Any, where: Callable[[Any], list[Any]], limit: int, offset: int,
              cursor: str | None, order: Any = None, shape: Callable[[dict[str, Any]], dict[str, Any]] | None = None
              ) -> ItemPage:  # fmt: skip
    import json

    after = decode_cursor(cursor)
    with live.store.picture() as picture:
        total, rows, next_rank = page(picture.session, model, where(picture.session), limit, offset, after, order)
    views = [json.loads(view) for _, view in rows]
    return ItemPage(
        total=total,
        limit=limit,
        offset=0 if after is not None else offset,
        next_cursor=encode_cursor(next_rank),
        items=[shape(v) for v in views] if shape else views,
    )


def bounding_box(west: float | None, south: float | None, east: float | None, north: float | None
                 ) -> tuple[float, float, float, float] | None:  # fmt: skip
    given = [v is not None for v in (west, south, east, north)]
    if not any(given):
        return None
    if not all(given):
        raise HTTPException(422, "query.west/south/east/north: a bounding box needs all four")
    if south > north or west > east:  # type: ignore[operator]
        raise HTTPException(422, "query.south/north/west/east: south must be <= north and west <= east")
    return (west, south, east, north)  # type: ignore[return-value]


@router.get("/events", summary="Fused events, most independently sourced first", response_model=ItemPage)
def get_events(
    request: Request,
    live: Live,
    type: WordParam = None,
    status: WordParam = None,
    actor: KeyParam = None,
    place: KeyParam = None,
    west: Coordinate = None,
    south: Annotated[float | None, Query(ge=-90, le=90)] = None,
    east: Coordinate = None,
    north: Annotated[float | None, Query(ge=-90, le=90)] = None,
    since: DateParam = None,
    until: DateParam = None,
    min_sources: MinSources = None,
    limit: Limit = 50,
    offset: Offset = 0,
    cursor: Cursor = None,
) -> Any:
    """Events as in `/api/picture`; `actor`/`place` are keys (`/api/entities`), the box is in degrees."""
    no_nul(type=type, status=status, actor=actor, place=place)
    filters = EventFilters(type or None, status or None, actor or None, place or None,
                           bounding_box(west, south, east, north), day_of("since", since), day_of("until", until),
                           min_sources)  # fmt: skip
    return cached_read(
        request, live, lambda: item_page(live, PictureEvent, lambda s: event_clauses(s, filters), limit, offset, cursor)
    )


@router.get("/events/{event_id}", summary="One fused event", responses={404: {"model": Problem}})
def get_event(request: Request, live: Live, event_id: Annotated[str, Path(max_length=32)]) -> Any:
    return cached_read(request, live, lambda: one(live, PictureEvent, event_id, "event"))


@router.get("/timeline", summary="Fused events in date order, each with its evidence", response_model=ItemPage)
def get_timeline(
    request: Request,
    live: Live,
    type: WordParam = None,
    actor: KeyParam = None,
    place: KeyParam = None,
    since: DateParam = None,
    until: DateParam = None,
    min_sources: MinSources = None,
    limit: Limit = 50,
    offset: Offset = 0,
    cursor: Cursor = None,
) -> Any:
    """Earliest first, undated last (the picture's `timeline`)."""
    no_nul(type=type, actor=actor, place=place)
    filters = EventFilters(type or None, None, actor or None, place or None, None, day_of("since", since),
                           day_of("until", until), min_sources)  # fmt: skip
    return cached_read(
        request,
        live,
        lambda: item_page(
            live,
            PictureEvent,
            lambda s: event_clauses(s, filters),
            limit,
            offset,
            cursor,
            order=PictureEvent.timeline_rank,
            shape=lambda v: timeline([v])[0],
        ),
    )


@router.get("/claims", summary="Fused claims: one speaker saying one thing", response_model=ItemPage)
def get_claims(
    request: Request,
    live: Live,
    speaker: KeyParam = None,
    stance: WordParam = None,
    factuality: WordParam = None,
    text: TextParam = None,
    since: DateParam = None,
    until: DateParam = None,
    min_sources: MinSources = None,
    limit: Limit = 50,
    offset: Offset = 0,
    cursor: Cursor = None,
) -> Any:
    """`text` is a substring of the claim (case- and accent-insensitive); dates are the carriers' publication."""
    no_nul(speaker=speaker, stance=stance, factuality=factuality, text=text)
    filters = ClaimFilters(speaker or None, stance or None, factuality or None, text or None,
                           day_of("since", since), day_of("until", until), min_sources)  # fmt: skip
    return cached_read(
        request, live, lambda: item_page(live, PictureClaim, lambda s: claim_clauses(s, filters), limit, offset, cursor)
    )


@router.get("/claims/{claim_id}", summary="One fused claim", responses={404: {"model": Problem}})
def get_claim(request: Request, live: Live, claim_id: Annotated[str, Path(max_length=32)]) -> Any:
    return cached_read(request, live, lambda: one(live, PictureClaim, claim_id, "claim"))


@router.get("/series", summary="Figure series, most contradicted first", response_model=ItemPage)
def get_series(
    request: Request,
    live: Live,
    category: WordParam = None,
    actor: KeyParam = None,
    contradicted: bool | None = None,
    since: DateParam = None,
    until: DateParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
    cursor: Cursor = None,
) -> Any:
    no_nul(category=category, actor=actor)
    filters = SeriesFilters(category or None, actor or None, contradicted, day_of("since", since),
                            day_of("until", until))  # fmt: skip
    return cached_read(
        request,
        live,
        lambda: item_page(live, PictureSeries, lambda s: series_clauses(s, filters), limit, offset, cursor),
    )


@router.get("/series/{series_id}", summary="One figure series", responses={404: {"model": Problem}})
def get_one_series(request: Request, live: Live, series_id: Annotated[str, Path(max_length=32)]) -> Any:
    return cached_read(request, live, lambda: one(live, PictureSeries, series_id, "series"))


@router.get("/contradictions", summary="Figures that cannot both be true", response_model=ContradictionPage)
def get_contradictions(
    request: Request,
    live: Live,
    category: WordParam = None,
    actor: KeyParam = None,
    since: DateParam = None,
    until: DateParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Each contradiction with its series, subject and both sides (values, speakers, dates, sources)."""
    no_nul(category=category, actor=actor)
    filters = SeriesFilters(category or None, actor or None, True, day_of("since", since), day_of("until", until))

    def build() -> ContradictionPage:
        with live.store.picture() as picture:
            total, items = contradictions_page(picture.session, filters, limit, offset)
        return ContradictionPage(total=total, limit=limit, offset=offset, items=items)

    return cached_read(request, live, build)


def one(live: LivePicture, model: Any, item_id: str, what: str) -> dict[str, Any]:
    with live.store.picture() as picture:
        found = item(picture.session, model, item_id)
    if found is None:
        raise HTTPException(404, f"no {what} with id {item_id!r} in the picture")
    return found


@router.get("/health", summary="Liveness and the size of the picture", response_model=Health)
def get_health(live: Live) -> Health:
    return Health(status="ok", documents=live.stats()["documents"], version=package_version())


def package_version() -> str:
    try:
        return version("sitrep")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"
