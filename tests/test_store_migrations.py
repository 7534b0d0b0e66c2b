"""Opening a database: URL choice, migrations, and clear errors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from sitrep.errors import StoreError
from sitrep.store import DATABASE_URL_ENV, DEFAULT_DATABASE_URL, Store, database_url
from sitrep.store.migrate import MIGRATIONS_DIR, alembic_config, current_revision, head_revision
from sitrep.store.search import include_object
from sitrep.store.tables import Base
from store_samples import sample_extraction

pytest_plugins = ["store_fixtures"]  # the store_url and store fixtures


def test_migrated_schema_matches_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": include_object})
        assert compare_metadata(context, Base.metadata) == []  # the search index (raw SQL, migration 0004) aside


def test_open_migrates_to_head_and_is_idempotent(store_url: str) -> None:
    with Store.open(store_url) as first:
        assert current_revision(first.engine) == head_revision()
        first.save_document(sample_extraction())
    with Store.open(store_url) as second:
        assert current_revision(second.engine) == head_revision()
        assert second.counts()["documents"] == 1


def test_every_table_has_its_indexes(store: Store) -> None:
    inspector = inspect(store.engine)
    indexed = {
        (table, tuple(index["column_names"]))
        for table in inspector.get_table_names()
        for index in inspector.get_indexes(table)
    }
    for wanted in [
        ("actors", ("name",)),
        ("places", ("geonames_id",)),
        ("places", ("country",)),
        ("figures", ("category",)),
        ("events", ("type",)),
        ("times", ("start_date",)),
        ("documents", ("status",)),
        ("claims", ("document_id", "speaker_id")),
    ]:
        assert wanted in indexed


def test_downgrade_to_nothing_and_back(store_url: str) -> None:
    with Store.open(store_url) as opened, opened.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    with Store.open(store_url) as reopened:
        assert reopened.save_document(sample_extraction())


def test_parallel_opens_of_a_new_database_all_succeed(store_url: str) -> None:
    def open_and_count(_: int) -> int:
        with Store.open(store_url) as opened:
            return opened.counts()["documents"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(open_and_count, range(4))) == [0, 0, 0, 0]


def test_a_database_from_a_newer_sitrep_is_refused(store_url: str) -> None:
    with Store.open(store_url) as opened, opened.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))

    with pytest.raises(StoreError, match=r"revision '9999'.*newer version"):
        Store.open(store_url)


def test_migrations_ship_inside_the_package() -> None:
    assert MIGRATIONS_DIR.parent.name == "store"
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert head_revision() is not None
    assert not (Path(__file__).parents[1] / "alembic.ini").exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url://", "is not valid"),
        ("mysql://user@localhost/db", "backend 'mysql' is not supported"),
        ("postgresql+psycopg://postgres@127.0.0.1:1/none", "cannot open database postgresql"),
        ("sqlite:////nonexistent-dir/sub/x.db", "cannot open database sqlite:////nonexistent-dir/sub/x.db"),
    ],
)
def test_unusable_databases_raise_a_clear_store_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        Store.open(url)


def test_passwords_are_masked_in_messages() -> None:
    with pytest.raises(StoreError) as raised:
        Store.open("postgresql://spy:hunter2@127.0.0.1:1/none")
    assert "hunter2" not in str(raised.value)


def test_database_url_prefers_explicit_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    assert database_url(None) == DEFAULT_DATABASE_URL == "sqlite:///sitrep.db"
    monkeypatch.setenv(DATABASE_URL_ENV, "sqlite:///from-env.db")
    assert database_url(None) == "sqlite:///from-env.db"
    assert database_url("sqlite:///explicit.db") == "sqlite:///explicit.db"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("corpus.db", "sqlite:///corpus.db"),
        ("/data/corpus.db", "sqlite:////data/corpus.db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_database_url_accepts_paths_and_short_postgres_urls(given: str, expected: str) -> None:
    assert database_url(given) == expected


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'wal.db'}") as opened, opened.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_in_memory_sqlite_works() -> None:
    with Store.open("sqlite://") as opened:
        assert opened.save_document(sample_extraction())
        assert opened.counts()["documents"] == 1
