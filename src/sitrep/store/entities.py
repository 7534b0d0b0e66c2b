"""Entities across documents: every actor and place row carries its canonical ``entity_key``.

One entity is every row sharing a key, in any number of documents; its aliases are the
names those rows use, and its mentions stay in ``actor_mentions``/``place_mentions``
per document. ``entity_summaries`` reads them back, most widely reported first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sitrep.keys import most_common
from sitrep.store.tables import Actor, Place

KINDS: dict[str, type[Actor | Place]] = {"actor": Actor, "place": Place}


@dataclass(frozen=True)
class EntitySummary:
    key: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    type_or_feature: str | None  # the actor type or place feature most rows give
    country: str | None
    documents: int


def entity_summaries(
    session: Session, kind: str | None = None, query: str | None = None, limit: int = 50
) -> list[EntitySummary]:
    """The entities in the most documents (ties by key), optionally of one kind or matching ``query``
    (a case-insensitive substring of a key or of any alias)."""
    found: list[tuple[int, str, str]] = []
    for name, model in KINDS.items():
        if kind not in (None, name):
            continue
        statement = (
            select(model.entity_key, func.count(func.distinct(model.document_id)))
            .where(model.entity_key.is_not(None))
            .group_by(model.entity_key)
        )
        if query:
            pattern = f"%{query.casefold()}%"
            matching = select(model.entity_key).where(
                or_(func.lower(model.entity_key).like(pattern), func.lower(model.name).like(pattern))
            )
            statement = statement.where(model.entity_key.in_(matching))
        found.extend(
            (count, key, name) for key, count in session.execute(statement) if key is not None
        )  # the statement already leaves unkeyed rows out
    found.sort(key=lambda item: (-item[0], item[1]))
    return [_summary(session, key, name, count) for count, key, name in found[:limit]]


def _summary(session: Session, key: str, kind: str, documents: int) -> EntitySummary:
    model = KINDS[kind]
    detail = Actor.type if model is Actor else Place.feature
    rows = list(session.execute(select(model.name, detail, model.country).where(model.entity_key == key)))
    names: Counter[str] = Counter(row[0] for row in rows)
    return EntitySummary(
        key=key,
        kind=kind,
        name=most_common(names) or key,
        aliases=tuple(sorted(names)),
        type_or_feature=most_common(Counter(row[1] for row in rows if row[1])),
        country=most_common(Counter(row[2] for row in rows if row[2])),
        documents=documents,
    )


def summary_dict(summary: EntitySummary) -> dict[str, Any]:
    return {
        "key": summary.key,
        "kind": summary.kind,
        "name": summary.name,
        "aliases": list(summary.aliases),
        "type": summary.type_or_feature,
        "country": summary.country,
        "documents": summary.documents,
    }
