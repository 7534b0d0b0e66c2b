"""``sitrep check``: a whole store passes; each kind of damage is found and named."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import text

from sitrep.cli import main
from sitrep.store import STATUS_SKIPPED_LANGUAGE, Store
from sitrep.store.check import check_store
from store_samples import document, sample_extraction, tiny_extraction
from test_store_fusion import flood_documents

pytest_plugins = ["store_fixtures"]  # the store_url and store fixtures


def fill(store: Store) -> list[str]:
    """A sample document, small generated ones, a syndicated story and a skipped one; their ids."""
    extractions = [
        sample_extraction(),
        *(tiny_extraction(n) for n in range(5)),
        *(doc.to_dict() for doc in flood_documents()),
    ]
    for extraction in extractions:
        store.save_document(extraction)
    store.save_unextracted(
        document("Ein kurzer Bericht aus Nordland.", language="de"), origin="de.txt", status=STATUS_SKIPPED_LANGUAGE
    )
    return [e["document"]["id"] for e in extractions]


def run_sql(store: Store, statement: str, **values: object) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(statement), values)


def failed_checks(store: Store) -> dict[str, list[str]]:
    return {r.name: r.problems for r in check_store(store).results if not r.ok}


def test_a_whole_store_passes_every_check(store: Store) -> None:
    ids = fill(store)
    result = check_store(store)
    assert result.ok, result.problems()
    assert result.documents == len(ids) + 1
    checked = {r.name: r.checked for r in result.results}
    assert checked["keys"] == len(ids) + 1
    assert checked["stories"] == checked["picture"] == len(ids)
    assert checked["layers"] > 0


def test_an_empty_store_passes(store: Store) -> None:
    assert check_store(store).ok


def test_a_missing_layer_row_is_named(store: Store) -> None:
    ids = fill(store)
    run_sql(store, "DELETE FROM claim_figures WHERE document_id = :doc", doc=ids[0])
    problems = failed_checks(store)
    assert list(problems) == ["layers"]
    assert problems["layers"] == [f"document {ids[0][:12]}: claim_figures has 0 rows, its JSON implies 1"]


def test_a_missing_item_is_named_with_its_id(store: Store) -> None:
    ids = fill(store)
    run_sql(store, "DELETE FROM events WHERE document_id = :doc", doc=ids[1])
    problems = failed_checks(store)["layers"]
    assert f"document {ids[1][:12]}: events ids [], its JSON has [E1]" in problems


def test_a_text_that_is_not_its_key_is_named(store: Store) -> None:
    ids = fill(store)
    run_sql(store, "UPDATE documents SET text = 'edited afterwards' WHERE id = :doc", doc=ids[2])
    problems = failed_checks(store)["keys"]
    assert problems == [
        f"document {ids[2][:12]}: its id is not the sha256 of its text",
        f"document {ids[2][:12]}: its stored JSON holds another text",
    ]


def test_a_story_that_differs_from_a_clean_rebuild_is_named(store: Store) -> None:
    ids = fill(store)
    copy = sorted(ids[6:10])[-1]  # one of the four copies of the wire story
    run_sql(store, "UPDATE stories SET story_id = document_id WHERE document_id = :doc", doc=copy)
    problems = failed_checks(store)
    assert list(problems) == ["stories"]
    assert problems["stories"][0].startswith(f"document {copy[:12]} is filed in story {copy[:12]}, a clean rebuild")


def test_a_document_without_its_story_row_is_named(store: Store) -> None:
    ids = fill(store)
    run_sql(store, "DELETE FROM story_bands WHERE document_id = :doc", doc=ids[3])
    run_sql(store, "DELETE FROM stories WHERE document_id = :doc", doc=ids[3])
    problems = failed_checks(store)
    assert f"document {ids[3][:12]} has no story row" in problems["stories"]
    assert any("stories has 0 rows, its JSON implies 1" in p for p in problems["layers"])


def test_orphan_rows_are_named(tmp_path: Path) -> None:
    path = tmp_path / "orphans.db"
    with Store.open(f"sqlite:///{path}") as store:
        ids = fill(store)
    with closing(sqlite3.connect(path)) as connection:  # foreign keys off: rows outlive their document
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM documents WHERE id = ?", (ids[0],))
        connection.commit()
    with Store.open(f"sqlite:///{path}") as store:
        problems = failed_checks(store)
    assert f"actors: 5 rows of document {ids[0][:12]}, which is not stored" in problems["orphans"]


def test_the_command_prints_its_checks_and_exits_0(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'whole.db'}"
    with Store.open(url) as store:
        fill(store)
    result = CliRunner().invoke(main, ["check", "--db", url])
    assert result.exit_code == 0, result.output
    assert "sitrep check: 12 documents" in result.output
    for name in ("keys", "layers", "orphans", "stories", "picture"):
        assert name in result.output


def test_the_command_names_what_is_wrong_and_exits_1(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'damaged.db'}"
    with Store.open(url) as store:
        ids = fill(store)
        run_sql(store, "DELETE FROM actor_mentions WHERE document_id = :doc", doc=ids[0])
    result = CliRunner().invoke(main, ["check", "--db", url])
    assert result.exit_code == 1
    assert f"wrong: layers: document {ids[0][:12]}: actor_mentions has 0 rows" in result.output


def test_the_command_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--db", f"sqlite:///{tmp_path / 'nowhere.db'}"])
    assert result.exit_code == 1
    assert "no database at" in result.output
