"""Syndication in the store: copies of one story grouped at ingest, in the document's transaction.

Each extracted document's MinHash fingerprint (``sitrep.keys.CopyTest``) is
kept in ``stories`` and its LSH band keys in ``story_bands``. A new document is compared
with the documents sharing one of its band keys; the copies it finds, and every copy of
theirs, join one story. A story's id is the smallest document id among its copies, so
stories and their ids are the same whatever order documents arrive in, and they equal
the syndication groups of the fused picture. Deleting a document splits its story again.

Concurrent writers: reading the bands, joining stories and filing the new bands must
happen as one step, or two writers saving an original and its copy at the same moment
each read the bands before the other's commit and file two stories. On SQLite the
write transaction (``BEGIN IMMEDIATE``) already serialises writers. On PostgreSQL
filing takes a transaction-scoped advisory lock (``STORY_LOCK_KEY``) first, held until
the document's transaction commits; under READ COMMITTED the next writer's reads, made
after it gets the lock, see the committed bands. Only the filing step is serialised:
the rest of each document's rows are written in parallel.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from sitrep.keys import Fingerprint, UnionFind, copy_test
from sitrep.store.tables import Story, StoryBand

STORY_LOCK_KEY = 0x5172_6570_0001  # one advisory lock for story filing ("sitrep", 1)


def _fingerprint(row: Any) -> Fingerprint:
    return Fingerprint(np.frombuffer(row.signature, dtype=np.uint32), row.shingles)


def file_story(session: Session, document_id: str, mine: Fingerprint) -> str:
    """File a new document's fingerprint (``copy_test().fingerprint``) and join it to the stories it copies;
    return its story id."""
    lock_stories(session)
    test = copy_test()
    keys = sorted(set(test.band_keys(mine)))
    copies = [row for row in _stored(session, _sharing(session, keys)) if test.is_copy(mine, _fingerprint(row))]
    joined: set[str] = {str(row.story_id) for row in copies}
    story_id = min([document_id, *joined])
    if joined - {story_id}:
        session.execute(update(Story).where(Story.story_id.in_(joined - {story_id})).values(story_id=story_id))
    session.execute(
        insert(Story),
        [
            {
                "document_id": document_id,
                "story_id": story_id,
                "shingles": mine.size,
                "signature": mine.signature.astype(np.uint32).tobytes(),
            }
        ],
    )
    if keys:
        session.execute(insert(StoryBand), [{"band_key": key, "document_id": document_id} for key in keys])
    return story_id


def lock_stories(session: Session) -> None:
    """Serialise story filing with other writers until this transaction ends (PostgreSQL;
    SQLite's write transaction is exclusive already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STORY_LOCK_KEY})


def split_story(session: Session, story_id: str) -> None:
    """Regroup the remaining members of a story after one of its documents was deleted."""
    lock_stories(session)
    members = list(
        session.execute(select(Story.document_id, Story.shingles, Story.signature).where(Story.story_id == story_id))
    )
    if not members:
        return
    groups: UnionFind[str] = UnionFind()
    prints = {row.document_id: _fingerprint(row) for row in members}
    for doc_id in prints:
        groups.add(doc_id)
    test = copy_test()
    for a, b in _candidate_pairs(session, list(prints)):
        if test.is_copy(prints[a], prints[b]):
            groups.union(a, b)
    for doc_id in prints:
        label = min(groups.members(doc_id))
        if label != story_id:
            session.execute(update(Story).where(Story.document_id == doc_id).values(story_id=label))


def _sharing(session: Session, keys: list[int]) -> list[str]:
    """Ids of the documents filed under any of these band keys."""
    if not keys:
        return []
    return list(session.scalars(select(StoryBand.document_id).where(StoryBand.band_key.in_(keys)).distinct()))


def _stored(session: Session, document_ids: list[str]) -> Iterable[Any]:
    if not document_ids:
        return []
    return session.execute(
        select(Story.document_id, Story.story_id, Story.shingles, Story.signature).where(
            Story.document_id.in_(document_ids)
        )
    )


def _candidate_pairs(session: Session, document_ids: list[str]) -> set[tuple[str, str]]:
    """Pairs of these documents that share a band key (the pairs the copy test may join)."""
    by_key: dict[int, list[str]] = {}
    for row in session.execute(
        select(StoryBand.band_key, StoryBand.document_id).where(StoryBand.document_id.in_(document_ids))
    ):
        by_key.setdefault(row.band_key, []).append(row.document_id)
    return {(a, b) for docs in by_key.values() for a in docs for b in docs if a < b}


def story_groups(session: Session, min_size: int = 2) -> list[list[str]]:
    """Every story with at least ``min_size`` documents, as sorted document ids, by story id."""
    groups: dict[str, list[str]] = {}
    for row in session.execute(select(Story.story_id, Story.document_id).order_by(Story.story_id, Story.document_id)):
        groups.setdefault(row.story_id, []).append(row.document_id)
    return [docs for _, docs in sorted(groups.items()) if len(docs) >= min_size]
