"""Full-text search over documents and claims, on SQLite (FTS5) and PostgreSQL (tsvector + GIN)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_samples import sample_articles
from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.store import Store
from sitrep.store.search import (
    MARK_END,
    MARK_START,
    include_object,
    marked_snippet,
    parse_query,
    search,
)
from sitrep.store.tables import Base
from sitrep.web import create_app
from web_support import make_client

pytest_plugins = ["store_fixtures"]


@pytest.fixture
def filled(store: Store) -> Store:
    for extraction in sample_articles():
        store.save_document(extraction, origin="test")
    return store


def titles(page: Any) -> list[str]:
    return [hit.title for hit in page.hits]


def test_words_match_stemmed_and_all_must_match(filled: Store) -> None:
    assert set(titles(search(filled.engine, "strikes"))) == {"Port of Velmar closed after strike"}
    assert set(titles(search(filled.engine, "Velmar wages"))) == {
        "Port of Velmar closed after strike",
        "Talks on the port dispute resume",
    }
    assert search(filled.engine, "Velmar floods").total == 0


def test_phrases_or_exclusion_and_prefix(filled: Store) -> None:
    assert titles(search(filled.engine, '"valley road"')) == ["Floods cut road to Tarn"]
    assert search(filled.engine, '"road valley"').total == 0
    assert search(filled.engine, "Tarn OR dockers").total == 2
    assert titles(search(filled.engine, "port -strike")) == ["Talks on the port dispute resume"]
    assert titles(search(filled.engine, "negot*")) == ["Talks on the port dispute resume"]


def test_snippets_highlight_the_matches(filled: Store) -> None:
    (hit,) = search(filled.engine, "stranding").hits
    assert [hit.snippet[a:b].lower() for a, b in hit.highlights] == ["stranding"]
    assert MARK_START not in hit.snippet and MARK_END not in hit.snippet
    assert hit.source == "Northern Wire"


def test_claims_are_searched_by_content_and_speaker(filled: Store) -> None:
    page = search(filled.engine, "wages", kind="claim")
    assert {hit.speaker for hit in page.hits} == {"The union leader Mara Osei", "A company spokesperson"}
    assert all(hit.claim_id == "C1" for hit in page.hits)
    by_speaker = search(filled.engine, "Osei", kind="claim")
    assert [hit.speaker for hit in by_speaker.hits] == ["The union leader Mara Osei"]
    assert search(filled.engine, "debris", kind="document").total == 1


def test_dates_filter_inclusively(filled: Store) -> None:
    assert search(filled.engine, "Velmar", since="2026-03-03").total == 1
    assert search(filled.engine, "Velmar", until="2026-03-06").total == 2
    assert search(filled.engine, "Velmar", since="2026-03-07").total == 0
    assert search(filled.engine, "wages", kind="claim", until="2026-03-02").total == 1


def test_pages_and_totals(filled: Store) -> None:
    whole = search(filled.engine, "said", limit=10)
    assert whole.total == 3
    pages = [search(filled.engine, "said", limit=1, offset=n).hits[0].document_id for n in range(3)]
    assert pages == [hit.document_id for hit in whole.hits]


def test_deleted_documents_leave_the_index(filled: Store) -> None:
    (hit,) = search(filled.engine, "stranding").hits
    assert filled.delete_document(hit.document_id)
    assert search(filled.engine, "stranding").total == 0
    assert search(filled.engine, "debris", kind="claim").total == 0


def test_the_index_is_the_only_schema_outside_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": include_object})
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-only", "OR OR"])
def test_queries_without_words_are_refused(query: str) -> None:
    with pytest.raises(InputError, match="no words"):
        parse_query(query)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=40))
def test_no_query_is_a_syntax_error(filled: Store, query: str) -> None:
    with contextlib.suppress(InputError):
        search(filled.engine, query)


def test_marked_snippets_ignore_unbalanced_markers() -> None:
    assert marked_snippet(f"a{MARK_START}b{MARK_END}c{MARK_END}d{MARK_START}") == ("abcd", [(1, 2)])


def test_cli_search_prints_hits_and_json(filled: Store) -> None:
    url = filled.engine.url.render_as_string(hide_password=False)
    table = CliRunner().invoke(main, ["search", "strike", "--db", url])
    assert table.exit_code == 0, table.output
    assert "Velmar Daily" in table.output
    found = json.loads(CliRunner().invoke(main, ["search", "wages", "--kind", "claim", "--json", "--db", url]).output)
    assert found["total"] == 2
    bad = CliRunner().invoke(main, ["search", "port", "--since", "2026-03-05garbage", "--db", url])
    assert bad.exit_code == 2
    assert "YYYY-MM-DD" in bad.output


def test_api_search(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/api.db"
    with Store.open(url) as store:
        for extraction in sample_articles():
            store.save_document(extraction, origin="test")
    with make_client(create_app(url)) as client:
        found = client.get("/api/search", params={"q": "port", "since": "2026-03-01"}).json()
        assert found["total"] == 2
        assert {h["source"] for h in found["hits"]} == {"Velmar Daily", None}
        claims = client.get("/api/search", params={"q": "wages", "kind": "claim"}).json()
        assert {h["speaker"] for h in claims["hits"]} == {"The union leader Mara Osei", "A company spokesperson"}
        for params in (
            {"q": "port", "since": "2026-03-05garbage"},
            {"q": "!!!"},
            {"q": "port", "offset": "9223372036854775808"},
            {"q": "port", "kind": "event"},
            {"q": ""},
        ):
            assert client.get("/api/search", params=params).status_code == 422, params
