"""``sitrep check``: verify that the store holds every document once, whole, and a picture
equal to a clean rebuild.

A document is saved in one transaction, so after any crash, kill or concurrent ingest
each stored document must still be complete. ``check_store`` proves it from the data:

- **keys**: a document's id is the sha256 of its text, and its stored sitrep/1 JSON
  names the same id and text (so no document can be stored twice under two keys);
- **layers**: the rows of every table below ``documents`` match, per document, what
  its JSON implies (``row_counts``), and the item ids of each layer are the JSON's ids;
- **orphans**: no row belongs to a document that is not stored;
- **stories**: each extracted document has its story row, and the story ids (copies
  grouped at ingest, one at a time) equal the syndication groups of a picture rebuilt
  from scratch out of every stored extraction;
- **picture**: the rebuilt picture holds exactly the extracted documents.

Each check names what is wrong (document id, table, expected and found); the store is
only read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitrep.errors import StoreError
from sitrep.model import content_id
from sitrep.store.rows import LAYERS, row_counts
from sitrep.store.tables import ALL_MODELS, Document, Story

MAX_PROBLEMS_PER_CHECK = 50  # beyond this a check says how many more it found
ITER_BATCH_SIZE = 100


@dataclass
class CheckResult:
    """One check: how many things it looked at and what it found wrong."""

    name: str
    description: str
    checked: int = 0
    problems: list[str] = field(default_factory=list)
    more: int = 0  # problems found beyond MAX_PROBLEMS_PER_CHECK

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, problem: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_PER_CHECK:
            self.problems.append(problem)
        else:
            self.more += 1


@dataclass
class StoreCheck:
    """Every check of one store, in the order they ran."""

    documents: int
    results: list[CheckResult]

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    def problems(self) -> list[str]:
        """Every problem, each prefixed with its check's name."""
        found = [f"{r.name}: {problem}" for r in self.results for problem in r.problems]
        found += [f"{r.name}: and {r.more} more" for r in self.results if r.more]
        return found


def check_store(store: Any) -> StoreCheck:
    """Run every check over ``store`` (a ``sitrep.store.Store``); reads only."""
    keys = CheckResult("keys", "document id = sha256 of its text, JSON names the same document")
    layers = CheckResult("layers", "rows per table and item ids match each document's JSON")
    orphans = CheckResult("orphans", "no row belongs to a document that is not stored")
    stories = CheckResult("stories", "story ids equal the syndication groups of a clean rebuild")
    picture = CheckResult(
        "picture", "a clean rebuild of the picture holds exactly the extracted documents and equals the persisted one"
    )
    try:
        with store.session() as session:
            stored = _stored_rows(session)
            documents = _check_documents(session, keys, layers)
            _check_orphans(session, documents, orphans)
        _check_picture(store, documents, stories, picture)
    except StoreError:
        raise
    except Exception as exc:  # a database error or an unreadable row: one clear line, not a traceback
        raise StoreError(f"cannot check the store {store!r}: {type(exc).__name__}: {exc}") from exc
    layers.checked = sum(stored.values())
    return StoreCheck(len(documents), [keys, layers, orphans, stories, picture])


def _stored_rows(session: Session) -> dict[str, int]:
    """Rows per table below ``documents``."""
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model.__table__)) or 0
        for model in ALL_MODELS
        if model is not Document
    }


def _per_document_counts(session: Session) -> dict[str, Counter[str]]:
    """For each table below ``documents``: rows per document id."""
    counts: dict[str, Counter[str]] = {}
    for model in ALL_MODELS:
        if model is Document:
            continue
        column = model.__table__.c.document_id
        found = session.execute(select(column, func.count()).group_by(column))
        counts[model.__tablename__] = Counter(dict(found.all()))
    return counts


def _layer_ids(session: Session) -> dict[str, dict[str, set[str]]]:
    """For each layer (``actors``, ``claims``, ...): the stored item ids per document id."""
    ids: dict[str, dict[str, set[str]]] = {}
    for layer in LAYERS:
        table = layer.model.__table__
        by_document: dict[str, set[str]] = defaultdict(set)
        for doc_id, item_id in session.execute(select(table.c.document_id, table.c.id)):
            by_document[doc_id].add(item_id)
        ids[layer.key] = by_document
    return ids


def _documents(session: Session) -> Iterator[Any]:
    query = (
        select(Document.id, Document.text, Document.status, Document.extraction)
        .order_by(Document.id)
        .execution_options(yield_per=ITER_BATCH_SIZE)
    )
    yield from session.execute(query)


def _check_documents(session: Session, keys: CheckResult, layers: CheckResult) -> dict[str, bool]:
    """Check each document's key and layers; return every stored id -> whether it is extracted."""
    counts = _per_document_counts(session)
    ids = _layer_ids(session)
    documents: dict[str, bool] = {}
    for row in _documents(session):
        documents[row.id] = row.extraction is not None
        keys.checked += 1
        _check_key(row, keys)
        expected = _expected_counts(row, keys)
        for table, rows in counts.items():
            found = rows.get(row.id, 0)
            if found != expected.get(table, 0):
                layers.fail(
                    f"document {row.id[:12]}: {table} has {found} rows, its JSON implies {expected.get(table, 0)}"
                )
        extraction = row.extraction if isinstance(row.extraction, Mapping) else {}
        for layer in LAYERS:
            wanted = {item.get("id") for item in extraction.get(layer.key) or [] if isinstance(item, Mapping)}
            got = ids[layer.key].get(row.id, set())
            if got != wanted:
                layers.fail(f"document {row.id[:12]}: {layer.key} ids {_listed(got)}, its JSON has {_listed(wanted)}")
    return documents


def _check_key(row: Any, keys: CheckResult) -> None:
    if not isinstance(row.text, str) or content_id(row.text) != row.id:
        keys.fail(f"document {row.id[:12]}: its id is not the sha256 of its text")
    if row.extraction is None:
        return
    document = row.extraction.get("document") if isinstance(row.extraction, Mapping) else None
    if not isinstance(document, Mapping):
        keys.fail(f"document {row.id[:12]}: its stored JSON has no document object")
        return
    if document.get("id") != row.id:
        keys.fail(f"document {row.id[:12]}: its stored JSON names document {str(document.get('id'))[:12]}")
    if document.get("text") != row.text:
        keys.fail(f"document {row.id[:12]}: its stored JSON holds another text")


def _expected_counts(row: Any, keys: CheckResult) -> dict[str, int]:
    """Rows per table the document's JSON implies (none for a document that was not extracted)."""
    if row.extraction is None:
        return {}
    try:
        counts = row_counts(row.extraction)
    except (StoreError, KeyError, TypeError, AttributeError) as exc:
        keys.fail(f"document {row.id[:12]}: its stored JSON is not a valid extraction ({exc})")
        return {}
    counts.pop("documents", None)
    return counts


def _check_orphans(session: Session, documents: Mapping[str, bool], orphans: CheckResult) -> None:
    for table, rows in _per_document_counts(session).items():
        orphans.checked += 1
        for doc_id in sorted(set(rows) - set(documents)):
            orphans.fail(f"{table}: {rows[doc_id]} rows of document {doc_id[:12]}, which is not stored")


def _check_picture(store: Any, documents: Mapping[str, bool], stories: CheckResult, picture: CheckResult) -> None:
    from sitrep.fuse import picture_from_store

    rebuilt = picture_from_store(store)
    extracted = {doc_id for doc_id, is_extracted in documents.items() if is_extracted}
    in_picture = set(rebuilt.state.documents)
    picture.checked = len(in_picture)
    for doc_id in sorted(extracted - in_picture):
        picture.fail(f"document {doc_id[:12]} is stored but not in the rebuilt picture")
    for doc_id in sorted(in_picture - extracted):
        picture.fail(f"document {doc_id[:12]} is in the rebuilt picture but not stored as extracted")
    _check_persisted(store, rebuilt, picture)
    with store.session() as session:
        filed: dict[str, str] = dict(session.execute(select(Story.document_id, Story.story_id)).all())
    syndication = rebuilt.state.syndication
    for doc_id in sorted(in_picture):
        stories.checked += 1
        label = syndication.label(doc_id)
        if doc_id not in filed:
            stories.fail(f"document {doc_id[:12]} has no story row")
        elif filed[doc_id] != label:
            stories.fail(
                f"document {doc_id[:12]} is filed in story {filed[doc_id][:12]}, a clean rebuild puts it "
                f"in {label[:12]}"
            )


def _check_persisted(store: Any, rebuilt: Any, picture: CheckResult) -> None:
    """The persisted picture (``fusion.py``) must equal the clean rebuild (checked when nothing is queued)."""
    if store.picture_pending():
        return  # a queue left by a crash is a state the next picture step resumes from, not a fault
    with store.picture() as persisted:
        if persisted.to_dict() != rebuilt.to_dict():
            picture.fail("the persisted picture differs from a clean rebuild: run `sitrep rebuild`")


def _listed(ids: set[Any]) -> str:
    shown = sorted(str(i) for i in ids)
    return "[" + ", ".join(shown[:8]) + (", ..." if len(shown) > 8 else "") + "]"


__all__ = ["CheckResult", "StoreCheck", "check_store"]
