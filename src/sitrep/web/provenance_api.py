"""``GET /api/provenance``: how stored documents arrived (file, URL, feed, API) and from which outlet."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from sitrep.store.provenance import provenances
from sitrep.web.schemas import Problem

MAX_DOCUMENTS = 200

router = APIRouter(prefix="/api", responses={422: {"model": Problem, "description": "Invalid parameters."}})


class DocumentProvenance(BaseModel):
    arrival: Literal["file", "url", "feed", "api"] = Field(description="How the document arrived.")
    origin: str | None = Field(description="The path, URL or feed entry it was read from.")
    outlet: str | None = Field(description="The outlet; null when unknown (never independent of another unknown).")
    feed: str | None = Field(description="The feed URL, when it came by feed.")
    url: str | None = Field(description="The article's address, when known.")


@router.get(
    "/provenance",
    summary="How documents arrived and from which outlet",
    response_model=dict[str, DocumentProvenance],
)
def get_provenance(
    request: Request,
    document: Annotated[
        list[str], Query(min_length=1, max_length=MAX_DOCUMENTS, description="Document ids (repeat the parameter).")
    ],
) -> dict[str, DocumentProvenance]:
    """One entry per stored document among those asked for (unknown ids are left out)."""
    ids = [doc_id[:64] for doc_id in document]
    found = provenances(request.app.state.live.store.engine, ids)
    return {doc_id: DocumentProvenance(**asdict(found[doc_id])) for doc_id in ids if doc_id in found}
