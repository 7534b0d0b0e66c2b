"""Request and response models of the API: untrusted input is checked here, once."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sitrep.dates import check_iso_date as strict_iso_date
from sitrep.model import Document
from sitrep.nlp.engine import MAX_CHARS

MAX_TEXT_CHARS = MAX_CHARS  # the longest text the parser takes (sitrep.nlp.engine)
MAX_BODY_BYTES = 2_000_000  # a request body over this gets 413 (text is capped at MAX_TEXT_CHARS: 422)
MAX_FIELD_CHARS = 2_000


def check_iso_date(value: str) -> str:
    """Accept exactly YYYY-MM-DD or an ISO datetime (as the CLI does); refuse anything else,
    trailing text included (``sitrep.dates.check_iso_date``)."""
    return strict_iso_date(value)


class ArticleIn(BaseModel):
    """An article to extract: its text and optional metadata."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The article text; offsets index it.")
    title: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    published: str | None = Field(None, max_length=40, description="Publication date, YYYY-MM-DD.")
    source: str | None = Field(None, max_length=MAX_FIELD_CHARS, description="The outlet's name.")
    url: str | None = Field(None, max_length=MAX_FIELD_CHARS)

    @field_validator("text")
    @classmethod
    def text_has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is only whitespace")
        if "\x00" in value:
            raise ValueError("the text contains NUL characters")
        return value

    @field_validator("published")
    @classmethod
    def published_is_date(cls, value: str | None) -> str | None:
        return None if value is None else check_iso_date(value)

    def to_document(self) -> Document:
        return Document(text=self.text, title=self.title, source=self.source, url=self.url, published=self.published)


class SavedOut(BaseModel):
    """What happened to a posted article."""

    id: str = Field(description="The document id: sha256 of its text.")
    new: bool = Field(description="False when the store already held this text.")
    documents: int = Field(description="Documents in the picture now.")


class DocumentRow(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    status: str


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentRow]


class Entity(BaseModel):
    key: str
    kind: str
    name: str
    aliases: list[str]
    type: str | None
    country: str | None
    documents: int


class StoryDocument(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None


class Story(BaseModel):
    story: str = Field(description="The story id: the smallest document id among its copies.")
    documents: list[StoryDocument]


class Health(BaseModel):
    status: str
    documents: int
    version: str


class Problem(BaseModel):
    """Every error answer: one message, and for invalid input which fields were wrong."""

    detail: str
    errors: list[dict[str, Any]] | None = None


class ItemPage(BaseModel):
    """One page of picture items (``sitrep-picture/1`` views), in the picture's stable order."""

    total: int = Field(description="Items matching the filters, on every page.")
    limit: int
    offset: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")
    items: list[dict[str, Any]]


class ContradictionPage(BaseModel):
    """One page of figure contradictions: two incompatible statements of one series, each side sourced."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class EntityPage(BaseModel):
    total: int
    limit: int
    offset: int
    entities: list[Entity]
