"""API tokens (stored hashed), what needs one, per-token write limits, and CORS."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from sitrep.cli import main
from sitrep.errors import StoreError
from sitrep.store import Store
from sitrep.store.tokens import TokenStore, hash_token
from sitrep.web import create_app
from sitrep.web.access import AccessPolicy, WriteLimiter
from web_support import make_client, make_store

pytest_plugins = ["store_fixtures"]
NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
BAD_ARTICLE = {"text": ""}  # refused by validation (422) after the access check, so no model is needed


def test_tokens_are_stored_only_as_hashes(store: Store) -> None:
    tokens = TokenStore(store.engine)
    secret = tokens.create("desk-laptop", NOW)
    assert secret.startswith("sitrep_") and len(secret) > 40
    with store.engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash, prefix FROM api_tokens")).one()
    assert stored.token_hash == hash_token(secret) and secret not in stored
    assert tokens.verify(secret).name == "desk-laptop"
    assert tokens.verify(secret + "x") is None
    assert tokens.verify("not-a-token") is None


def test_revoked_tokens_are_refused_and_names_can_be_reused(store: Store) -> None:
    tokens = TokenStore(store.engine)
    first = tokens.create("ci", NOW)
    with pytest.raises(StoreError, match="exists already"):
        tokens.create("ci", NOW)
    assert tokens.revoke("ci", NOW)
    assert tokens.verify(first) is None
    assert not tokens.revoke("ci", NOW)
    second = tokens.create("ci", NOW)
    assert tokens.verify(second) is not None
    assert [(t.name, t.active) for t in tokens.list()] == [("ci", False), ("ci", True)]


@pytest.mark.parametrize("name", ["", "-x", "a b", "x" * 65, "naïve"])
def test_token_names_are_checked(store: Store, name: str) -> None:
    with pytest.raises(StoreError, match="not valid"):
        TokenStore(store.engine).create(name, NOW)


def test_cli_token_create_list_revoke(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/t.db"
    created = CliRunner().invoke(main, ["token", "create", "--name", "analyst", "--db", db])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[0]
    listed = CliRunner().invoke(main, ["token", "list", "--db", db])
    assert "analyst" in listed.output and secret not in listed.output
    assert CliRunner().invoke(main, ["token", "revoke", "--name", "analyst", "--db", db]).exit_code == 0
    again = CliRunner().invoke(main, ["token", "revoke", "--name", "analyst", "--db", db])
    assert again.exit_code == 1 and "no active token" in again.output


def served(tmp_path: Path, **policy: Any) -> tuple[Any, str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    url = make_store(tmp_path)
    with Store.open(url) as store:
        secret = TokenStore(store.engine).create("tester", NOW)
    app = create_app(url, access=AccessPolicy(**policy))
    return make_client(app), secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_on_loopback_reads_are_open_and_writes_need_a_token(tmp_path: Path) -> None:
    client, secret = served(tmp_path, **vars(AccessPolicy.for_server(loopback=True, public_read=False)))
    with client:
        assert client.get("/api/health").status_code == 200
        refused = client.post("/api/documents", json=BAD_ARTICLE)
        assert refused.status_code == 401
        assert "needs an API token" in refused.json()["detail"]
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert client.post("/api/documents", json=BAD_ARTICLE, headers=bearer("sitrep_wrong")).status_code == 401
        assert client.post("/api/documents", json=BAD_ARTICLE, headers=bearer(secret)).status_code == 422


def test_beyond_loopback_reads_need_a_token_unless_public(tmp_path: Path) -> None:
    client, secret = served(tmp_path, **vars(AccessPolicy.for_server(loopback=False, public_read=False)))
    with client:
        assert client.get("/api/health").status_code == 401
        assert client.get("/api/health", headers=bearer(secret)).status_code == 200
        assert client.get("/static/app.css").status_code == 200
        page = client.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        assert client.post("/login", data={"token": "sitrep_nope"}, follow_redirects=False).headers["location"] == (
            "/login?refused=1"
        )
        signed_in = client.post("/login", data={"token": secret}, follow_redirects=False)
        assert "HttpOnly" in signed_in.headers["set-cookie"] and "SameSite=Strict" in signed_in.headers["set-cookie"]
        assert client.get("/api/health").status_code == 200  # the cookie now rides along
    public, _ = served(tmp_path / "p", **vars(AccessPolicy.for_server(loopback=False, public_read=True)))
    with public:
        assert public.get("/api/health").status_code == 200
        assert public.post("/api/documents", json=BAD_ARTICLE).status_code == 401


def test_writes_are_rate_limited_per_token(tmp_path: Path) -> None:
    client, secret = served(tmp_path, writes_per_minute=2)
    with client:
        codes = [client.post("/api/documents", json=BAD_ARTICLE, headers=bearer(secret)).status_code for _ in range(3)]
        assert codes == [422, 422, 429]
        limited = client.post("/api/documents", json=BAD_ARTICLE, headers=bearer(secret))
        assert int(limited.headers["retry-after"]) >= 1
        assert "2 writes a minute" in limited.json()["detail"]


def test_the_write_limiter_refills() -> None:
    now = [0.0]
    limiter = WriteLimiter(6, clock=lambda: now[0])
    assert [limiter.take(1) for _ in range(6)] == [None] * 6
    assert limiter.take(1) == pytest.approx(10.0)
    assert limiter.take(2) is None
    now[0] += 10.0
    assert limiter.take(1) is None


def test_cors_is_closed_unless_configured(tmp_path: Path) -> None:
    closed, _ = served(tmp_path)
    with closed:
        answer = closed.get("/api/health", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in answer.headers
    opened, _ = served(tmp_path / "o", cors_origins=("https://desk.example",))
    with opened:
        allowed = opened.get("/api/health", headers={"Origin": "https://desk.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
        other = opened.get("/api/health", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
