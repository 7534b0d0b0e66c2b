"""The entity registry of the persisted picture: ``fusion_mentions`` and ``fusion_entities``.

As ``fuse.entities.EntityRegistry``: per canonical key, counters of the names, types and
countries its items give (display name = the most common name), the documents naming it,
and the surname merge (a lone-surname person key joins the one full-name person key
of that surname, when their countries agree). A batch applies its documents' items as
deltas to the counters of the keys they name, so the cost does not grow with how often a
key was named before; merges are recomputed for the persons of the surnames touched.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from sitrep.fuse.entities import most_common
from sitrep.store.fusion_context import StoredRecords, chunks
from sitrep.store.picture_tables import FusionEntity, FusionMention, table_of

ENTITIES = table_of(FusionEntity)
MENTIONS = table_of(FusionMention)
COLUMNS = ("kind", "display", "surname", "person", "country", "merged_into", "names", "types", "countries", "own",
           "documents", "rank")  # fmt: skip
BIG = 10**9


def surname(key: str) -> str | None:
    """The last word of an ``actor:`` key (persons are merged by it)."""
    if not key.startswith("actor:"):
        return None
    tokens = key[len("actor:") :].split()
    return tokens[-1] if tokens else None


def entity_rank(documents: int, key: str) -> str:
    return f"{BIG - documents:010d}{key}"


def update_entities(session: Session, old: dict[str, StoredRecords], new: dict[str, StoredRecords]) -> set[str]:
    """Take the removed (``old``) and added (``new``) documents' items in; return the keys whose display
    name or merge changed (items naming them must be rendered again)."""
    touched = {m.key for r in (*old.values(), *new.values()) for m in r.mentions}
    _write_mentions(session, old, new)
    surnames = {s for k in touched if (s := surname(k)) is not None}
    before = _rows(session, ENTITIES.c.key, touched)
    before.update(_rows(session, ENTITIES.c.surname, surnames))
    after = {k: {**v, **{n: Counter(v[n]) for n in ("names", "types", "countries")}} for k, v in before.items()}
    _apply_items(after, old, -1)
    _apply_items(after, new, +1)
    for key in touched:
        row = after.get(key)
        if row is not None and row["own"] <= 0:
            del after[key]
        elif row is not None:
            _describe(row)
    _merge(after, surnames)
    _count_groups(session, before, after, old, new)
    _write_rows(session, before, after)
    return {k for k in set(before) | set(after) if _shown(before.get(k)) != _shown(after.get(k))}


def fan_out(session: Session, changed: set[str]) -> set[str]:
    """Changed keys and every key merged into one of them."""
    found = set(changed)
    for batch in chunks(sorted(changed)):
        found.update(session.scalars(select(ENTITIES.c.key).where(ENTITIES.c.merged_into.in_(batch))))
    return found


def _shown(row: dict[str, Any] | None) -> tuple[Any, Any]:
    return (None, None) if row is None else (row["display"], row["merged_into"])


def _write_mentions(session: Session, old: dict[str, StoredRecords], new: dict[str, StoredRecords]) -> None:
    for batch in chunks(list(old)):
        session.execute(delete(MENTIONS).where(MENTIONS.c.document_id.in_(batch)))
    rows = [
        {
            "key": m.key,
            "document_id": doc,
            "item_id": m.item_id,
            "kind": m.kind,
            "name": m.name,
            "type": m.type,
            "country": m.country,
            "spans": json.dumps([list(p) for p in m.spans]),
        }
        for doc, r in new.items()
        for m in r.mentions
    ]
    for part in chunks(rows, 2000):
        session.execute(insert(MENTIONS), part)


def _rows(session: Session, column: Any, values: Iterable[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for batch in chunks(sorted(values)):
        for row in session.execute(select(ENTITIES.c.key, *(ENTITIES.c[c] for c in COLUMNS)).where(column.in_(batch))):
            values_ = {c: getattr(row, c) for c in COLUMNS}
            for name in ("names", "types", "countries"):
                values_[name] = Counter(json.loads(values_[name]))
            found[row.key] = values_
    return found


def _apply_items(rows: dict[str, dict[str, Any]], docs: dict[str, StoredRecords], sign: int) -> None:
    for records in docs.values():
        seen: set[str] = set()
        for m in records.mentions:
            row = rows.get(m.key)
            if row is None:
                row = rows[m.key] = {
                    "kind": m.kind, "display": m.name, "surname": surname(m.key), "person": 0, "country": None,
                    "merged_into": None, "names": Counter(), "types": Counter(), "countries": Counter(), "own": 0,
                    "documents": 0, "rank": "",
                }  # fmt: skip
            row["names"][m.name] += sign
            row["types"][m.type] += sign
            if m.country:
                row["countries"][m.country] += sign
            if m.key not in seen:
                row["own"] += sign
                seen.add(m.key)


def _describe(row: dict[str, Any]) -> None:
    for name in ("names", "types", "countries"):
        row[name] = Counter({k: n for k, n in row[name].items() if n > 0})
    row["display"] = most_common(row["names"]) or row["display"]
    row["person"] = int(row["kind"] == "actor" and most_common(row["types"]) == "person")
    row["country"] = most_common(row["countries"])


def _merge(rows: dict[str, dict[str, Any]], surnames: set[str]) -> None:
    """``EntityRegistry.surname_merges`` for the persons of these surnames."""
    persons: dict[str, list[str]] = defaultdict(list)
    for key, row in rows.items():
        if row["surname"] in surnames:
            row["merged_into"] = None
            if row["person"]:
                persons[row["surname"]].append(key)
    for keys in persons.values():
        fuller = [k for k in keys if len(k[len("actor:") :].split()) > 1]
        if len(fuller) != 1:
            continue
        for key in keys:
            if len(key[len("actor:") :].split()) == 1:
                a, b = rows[key]["country"], rows[fuller[0]]["country"]
                if a is None or b is None or a == b:
                    rows[key]["merged_into"] = fuller[0]


def _count_groups(
    session: Session,
    before: dict[str, dict[str, Any]],
    after: dict[str, dict[str, Any]],
    old: dict[str, StoredRecords],
    new: dict[str, StoredRecords],
) -> None:
    """Documents naming each merged group (on its head): by delta when the group kept its parts, else counted."""

    def parts(rows: dict[str, dict[str, Any]], head: str) -> frozenset[str]:
        return frozenset(k for k, r in rows.items() if k == head or r["merged_into"] == head)

    heads = {r["merged_into"] or k for k, r in after.items()}
    for head in heads:
        row = after[head]
        now = parts(after, head)
        if head in before and before[head]["merged_into"] is None and parts(before, head) == now:
            delta = sum(1 for r in new.values() if any(m.key in now for m in r.mentions))
            delta -= sum(1 for r in old.values() if any(m.key in now for m in r.mentions))
            row["documents"] = before[head]["documents"] + delta
        elif len(now) == 1:
            row["documents"] = row["own"]
        else:
            row["documents"] = (
                session.scalar(
                    select(func.count(func.distinct(MENTIONS.c.document_id))).where(MENTIONS.c.key.in_(sorted(now)))
                )
                or 0
            )
    for key, row in after.items():
        if row["merged_into"] is not None:
            row["documents"] = row["own"]
        row["rank"] = entity_rank(row["own"], key)  # per key, as the store's entity list ranks them


def _write_rows(session: Session, before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> None:
    gone = sorted(k for k in before if k not in after)
    for batch in chunks(gone):
        session.execute(delete(ENTITIES).where(ENTITIES.c.key.in_(batch)))
    fresh, changed = [], []
    for key, row in after.items():
        stored = {
            **row,
            **{
                n: json.dumps(dict(sorted(row[n].items())), ensure_ascii=False) for n in ("names", "types", "countries")
            },
        }
        if key not in before:
            fresh.append({"key": key, **stored})
        elif row != before[key]:
            changed.append({"b_key": key, **stored})
    for part in chunks(fresh, 1000):
        session.execute(insert(ENTITIES), part)
    if changed:
        statement = (
            update(ENTITIES).where(ENTITIES.c.key == bindparam("b_key")).values({c: bindparam(c) for c in COLUMNS})
        )
        session.connection().execute(statement, changed)
