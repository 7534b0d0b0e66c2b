"""The object that flows through the extraction stages of one document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sitrep.model import Actor, Document, Extraction, Span
from sitrep.nlp import Parse
from sitrep.nlp.dateline import Dateline

if TYPE_CHECKING:
    from sitrep.layers.actors.coref import CorefState
    from sitrep.layers.places.stage import Toponym

Resolver = Callable[["Analysis", Span], "str | None"]


def overlaps(a: Span, b: Span) -> bool:
    """True when two character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def contains(outer: Span, inner: Span) -> bool:
    """True when ``inner`` lies within ``outer``."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


@dataclass
class Analysis:
    """A document, its parse and the extraction being built, shared by every stage.

    Stages read the parse and earlier layers and append to ``extraction``. The actors
    stage installs ``resolver`` (coreference: "He", "the minister" → an actor id), which
    later stages reach through :meth:`resolve_actor` and :meth:`actor_for`.

    Two side results pass between stages beside the extraction, each in a typed field:
    ``toponyms`` (the places stage's resolved toponyms, read by the actors stage) and
    ``coref`` (the actors stage's coreference state, read by its resolver).
    """

    document: Document
    parse: Parse
    extraction: Extraction
    resolver: Resolver | None = None
    toponyms: list[Toponym] | None = None  # set by the places stage
    coref: CorefState | None = None  # set by the actors stage
    dateline_place: str | None = None  # the place id of the dateline's town, set by the places stage

    @property
    def dateline(self) -> Dateline | None:
        """The wire dateline opening the text ("DJIBO, Burkina Faso —"), if any: its span and parts."""
        return self.parse.dateline

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def published(self) -> date | None:
        """The publication day, when the metadata gives one."""
        value = self.document.published
        if not value:
            return None
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None

    def resolve_actor(self, span: Span) -> str | None:
        """The id of the actor this mention refers to, or None."""
        if self.resolver is not None:
            return self.resolver(self, span)
        for actor in self.extraction.actors:
            if any(overlaps(span, mention) for mention in actor.mentions):
                return actor.id
        return None

    def actor_for(self, span: Span, type_: str = "other") -> str:
        """Resolve a mention to an actor, creating a new actor named by it when none fits."""
        found = self.resolve_actor(span)
        if found:
            return found
        actor = Actor(
            id=self.extraction.next_id("actors"),
            name=self.text[span[0] : span[1]],
            type=type_,
            mentions=[span],
        )
        self.extraction.actors.append(actor)
        return actor.id
