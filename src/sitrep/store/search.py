"""Full-text search over stored documents (title, text) and claims (content, speaker).

The index is built by migration 0004 and kept current by database triggers (SQLite:
FTS5 tables, Porter stemming; PostgreSQL: ``tsvector`` tables with GIN indexes, English
configuration), so whatever writes a document (``sitrep ingest``, ``sitrep watch``, the
API) makes it searchable in the same transaction.

A query is a few words, read the same on both backends (``parse_query``):

* words must all match (stemmed: "strikes" finds "strike");
* ``"a phrase"`` matches those words in that order;
* ``OR`` between two terms matches either; ``-word`` excludes documents with it;
* ``word*`` matches words that begin with ``word``.

Anything else (quotes left open, operators, punctuation) is read as plain words, so no
query is a syntax error. Hits come best first (BM25 on SQLite, ``ts_rank_cd`` on
PostgreSQL), with a snippet of the text around the matches and the matched stretches as
``[start, end)`` offsets into the snippet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Engine, bindparam, text
from sqlalchemy.exc import SQLAlchemyError

from sitrep.errors import InputError
from sitrep.store.connect import store_error

Kind = Literal["document", "claim"]
KINDS: tuple[Kind, ...] = ("document", "claim")
MARK_START, MARK_END = "\ue000", "\ue001"  # private-use characters around matches in snippets
SNIPPET_TOKENS = 24
MAX_QUERY_CHARS = 500
MAX_TERMS = 32
SEARCH_INDEX_TABLES = ("search_documents", "search_claims")
"""Tables (and, on SQLite, their FTS5 shadow tables) the migration owns outside ``Base.metadata``."""

_TOKEN = re.compile(r'-?"[^"]*"?\*?|\S+')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query: its words, and whether the last is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (a group is terms joined by OR); no excluded term may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One search result."""

    kind: Kind
    document_id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in ``snippet``
    claim_id: str | None = None
    speaker: str | None = None
    stance: str | None = None
    score: float = 0.0


@dataclass(frozen=True)
class SearchPage:
    """A page of hits and how many there are in all."""

    total: int
    hits: list[Hit]


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic ``include_object`` hook: leave the search index tables out of schema comparisons
    (they are created by raw SQL in migration 0004, not declared in ``tables.py``)."""
    return not (type_ == "table" and name is not None and is_search_index_table(name))


def is_search_index_table(name: str) -> bool:
    """Whether ``name`` is one of the search index's tables (FTS5 shadow tables included)."""
    return any(name == table or name.startswith(table + "_") for table in SEARCH_INDEX_TABLES)


def parse_query(query: str) -> Query:
    """Read a user's query (see the module docstring); raise ``InputError`` when it has no words."""
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"search query is longer than {MAX_QUERY_CHARS} characters")
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for token in _TOKEN.findall(query):
        if token == "OR":
            join_next = bool(groups)
            continue
        negated = token.startswith("-") and len(token) > 1
        term = _term(token[1:] if negated else token)
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        raise InputError(f"search query {query[:40]!r} has no words to look for")
    if sum(len(g) for g in groups) + len(excluded) > MAX_TERMS:
        raise InputError(f"search query has more than {MAX_TERMS} terms")
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def _term(token: str) -> Term | None:
    prefix = token.endswith("*")
    words = tuple(word.lower() for word in _WORD.findall(token.strip('"*')))
    return Term(words, prefix) if words else None


def fts5_expression(query: Query, columns: tuple[str, ...]) -> str:
    """The query as an FTS5 MATCH expression over ``columns``."""
    positive = " AND ".join("(" + " OR ".join(_fts5_term(t) for t in group) + ")" for group in query.groups)
    expression = positive + "".join(f" NOT {_fts5_term(t)}" for t in query.excluded)
    return "{" + " ".join(columns) + "} : (" + expression + ")"


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


def tsquery_expression(query: Query) -> str:
    """The query in PostgreSQL ``to_tsquery`` syntax (words are ``\\w+`` only: nothing to escape)."""
    positive = " & ".join("(" + " | ".join(_ts_term(t) for t in group) + ")" for group in query.groups)
    return positive + "".join(f" & !{_ts_term(t)}" for t in query.excluded)


def _ts_term(term: Term) -> str:
    words = list(term.words)
    if term.prefix:
        words[-1] += ":*"
    return "(" + " <-> ".join(words) + ")"


def marked_snippet(marked: str | None) -> tuple[str, list[tuple[int, int]]]:
    """A snippet with ``MARK_START``/``MARK_END`` around matches, as plain text and match offsets."""
    plain: list[str] = []
    highlights: list[tuple[int, int]] = []
    start: int | None = None
    length = 0
    for char in marked or "":
        if char == MARK_START:
            start = length
        elif char == MARK_END:
            if start is not None and length > start:
                highlights.append((start, length))
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), highlights


def date_conditions(since: str | None, until: str | None) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on ``d.published`` (ISO text) for an inclusive date range."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if since:
        conditions.append("d.published >= :since")
        params["since"] = since
    if until:
        conditions.append("substr(d.published, 1, 10) <= :until" if len(until) == 10 else "d.published <= :until")
        params["until"] = until
    return conditions, params


def search(
    engine: Engine,
    query: str,
    *,
    kind: Kind = "document",
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Documents (or claims) matching ``query``, best first; dates are strict ISO (checked by the caller).

    Two steps: the page of hits is ranked without snippets, then snippets are made for that
    page only (making one is far dearer than ranking a match)."""
    if kind not in KINDS:
        raise InputError(f"search kind {kind!r} is not one of {', '.join(KINDS)}")
    plan = _PLANS[(kind, engine.dialect.name == "postgresql")]
    parsed = parse_query(query)
    match = tsquery_expression(parsed) if plan.postgres else fts5_expression(parsed, plan.columns)
    conditions, params = date_conditions(since, until)
    where = " AND ".join([plan.match_condition, *conditions])
    base = f"FROM {plan.source} WHERE {where}"
    params.update(match=match, limit=limit, offset=offset)
    ranked = f"SELECT {plan.ranked_columns} {base} ORDER BY {plan.order} LIMIT :limit OFFSET :offset"
    try:
        with engine.connect() as connection:
            total = connection.execute(text(f"SELECT count(*) {base}"), params).scalar_one()
            rows = [dict(row) for row in connection.execute(text(ranked), params).mappings()]
            snippets = _snippets(connection, plan, match, [row["hit_key"] for row in rows])
    except SQLAlchemyError as exc:
        raise store_error("search", engine.url, exc) from exc
    return SearchPage(total=total, hits=[_hit(kind, {**row, "snippet": snippets.get(row["hit_key"])}) for row in rows])


@dataclass(frozen=True)
class _Plan:
    """The SQL of one kind of search on one backend."""

    postgres: bool
    columns: tuple[str, ...]  # FTS5 columns searched
    source: str
    match_condition: str
    ranked_columns: str  # with ``hit_key``: what ``snippet_sql`` is given back
    order: str
    snippet_sql: str  # :match and the expanding :keys -> (hit_key, snippet)
    keys_by_document: bool = False  # :keys are the document ids of "document:claim" hit keys


_DOCUMENT_COLUMNS = "d.id AS document_id, d.title, d.source, d.published, d.url"
_CLAIM_COLUMNS = f"{_DOCUMENT_COLUMNS}, c.id AS claim_id, c.speaker_text AS speaker, c.stance"
_HEADLINE_OPTIONS = (
    "'StartSel=\ue000, StopSel=\ue001, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"'"
)
_SQLITE_SNIPPET = "snippet({table}, {column}, '\ue000', '\ue001', '…', " + str(SNIPPET_TOKENS) + ")"

_PLANS: dict[tuple[Kind, bool], _Plan] = {
    ("document", False): _Plan(
        postgres=False,
        columns=("title", "text"),
        source="search_documents JOIN documents d ON d.id = search_documents.document_id",
        match_condition="search_documents MATCH :match",
        ranked_columns=f"search_documents.rowid AS hit_key, {_DOCUMENT_COLUMNS}, "
        "bm25(search_documents, 4.0, 1.0, 0.0) AS score",
        order="score, d.id",
        snippet_sql="SELECT rowid AS hit_key, "
        + _SQLITE_SNIPPET.format(table="search_documents", column=1)
        + " AS snippet FROM search_documents WHERE search_documents MATCH :match AND rowid IN :keys",
    ),
    ("claim", False): _Plan(
        postgres=False,
        columns=("content", "speaker"),
        source="search_claims JOIN claims c ON c.document_id = search_claims.document_id "
        "AND c.id = search_claims.claim_id JOIN documents d ON d.id = c.document_id",
        match_condition="search_claims MATCH :match",
        ranked_columns=f"search_claims.rowid AS hit_key, {_CLAIM_COLUMNS}, "
        "bm25(search_claims, 2.0, 1.0, 0.0, 0.0) AS score",
        order="score, d.id, c.id",
        snippet_sql="SELECT rowid AS hit_key, "
        + _SQLITE_SNIPPET.format(table="search_claims", column=0)
        + " AS snippet FROM search_claims WHERE search_claims MATCH :match AND rowid IN :keys",
    ),
    ("document", True): _Plan(
        postgres=True,
        columns=(),
        source="to_tsquery('english', :match) AS q(query), search_documents s JOIN documents d ON d.id = s.document_id",
        match_condition="s.vector @@ q.query",
        ranked_columns=f"d.id AS hit_key, {_DOCUMENT_COLUMNS}, ts_rank(s.vector, q.query) AS score",
        order="score DESC, d.id",
        snippet_sql="SELECT d.id AS hit_key, ts_headline('english', left(d.text, 250000), "
        f"to_tsquery('english', :match), {_HEADLINE_OPTIONS}) AS snippet FROM documents d WHERE d.id IN :keys",
    ),
    ("claim", True): _Plan(
        postgres=True,
        columns=(),
        source="to_tsquery('english', :match) AS q(query), search_claims s "
        "JOIN claims c ON c.document_id = s.document_id AND c.id = s.claim_id "
        "JOIN documents d ON d.id = c.document_id",
        match_condition="s.vector @@ q.query",
        ranked_columns=f"c.document_id || ':' || c.id AS hit_key, {_CLAIM_COLUMNS}, ts_rank(s.vector, q.query) AS score",
        order="score DESC, d.id, c.id",
        snippet_sql="SELECT c.document_id || ':' || c.id AS hit_key, ts_headline('english', c.content, "
        f"to_tsquery('english', :match), {_HEADLINE_OPTIONS}) AS snippet FROM claims c "
        "WHERE c.document_id IN :keys",
        keys_by_document=True,
    ),
}


def _snippets(connection: Any, plan: _Plan, match: str, keys: list[Any]) -> dict[Any, str]:
    """``hit_key -> marked snippet`` for one page of hits."""
    if not keys:
        return {}
    lookup = sorted({str(key).partition(":")[0] for key in keys}) if plan.keys_by_document else keys
    statement = text(plan.snippet_sql).bindparams(bindparam("keys", expanding=True))
    return {row.hit_key: row.snippet for row in connection.execute(statement, {"match": match, "keys": lookup})}


def _hit(kind: Kind, row: Any) -> Hit:
    snippet, highlights = marked_snippet(row["snippet"])
    return Hit(
        kind=kind,
        document_id=row["document_id"],
        title=row["title"],
        source=row["source"],
        published=row["published"],
        url=row["url"],
        snippet=snippet,
        highlights=highlights,
        claim_id=row.get("claim_id"),
        speaker=row.get("speaker"),
        stance=row.get("stance"),
        score=abs(float(row["score"] or 0.0)),
    )


def hit_dict(hit: Hit) -> dict[str, Any]:
    """A hit as JSON-ready data (``highlights`` as ``[start, end]`` pairs)."""
    found: dict[str, Any] = {
        "kind": hit.kind,
        "document": hit.document_id,
        "title": hit.title,
        "source": hit.source,
        "published": hit.published,
        "url": hit.url,
        "snippet": hit.snippet,
        "highlights": [list(pair) for pair in hit.highlights],
        "score": round(hit.score, 6),
    }
    if hit.kind == "claim":
        found.update(claim=hit.claim_id, speaker=hit.speaker, stance=hit.stance)
    return found
