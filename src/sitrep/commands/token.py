"""``sitrep token create|list|revoke``: API tokens for writing to a shared server."""

from __future__ import annotations

import json

import click
from rich.table import Table

from sitrep.cli import DB_HELP, console, friendly_errors, open_store, shown, stdout_console
from sitrep.errors import SitrepError


@click.group()
def token() -> None:
    """Manage API tokens: writes to the API (POST) need one, and so do reads when `sitrep serve`
    listens beyond loopback without --public-read. Only a hash of each token is stored.

    Example: sitrep token create --name newsroom-laptop
    """


@token.command("create")
@click.option("--name", required=True, help="A name for the token (who or what uses it).")
@click.option("--db", help=DB_HELP)
@friendly_errors
def create(name: str, db: str | None) -> None:
    """Create a token and print it once (it cannot be shown again).

    Example: sitrep token create --name newsroom-laptop
    """
    from sitrep.store.tokens import TokenStore
    from sitrep.watch.watcher import utc_now

    with open_store(db) as store:
        secret = TokenStore(store.engine).create(name, utc_now())
    click.echo(secret)
    console.print(
        f"token {shown(name)} created; send it as 'Authorization: Bearer TOKEN'. It is not stored and cannot be shown again.",
        highlight=False,
    )


@token.command("list")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@friendly_errors
def list_tokens(db: str | None, as_json: bool) -> None:
    """List tokens (name, prefix, created, last used, revoked); never the tokens themselves.

    Example: sitrep token list
    """
    from sitrep.store.tokens import TokenStore

    with open_store(db, must_exist=True) as store:
        found = TokenStore(store.engine).list()

    def when(value: object) -> str:
        return value.isoformat(timespec="seconds") if value is not None else ""  # type: ignore[attr-defined]

    rows = [
        {
            "name": t.name,
            "prefix": t.prefix,
            "created": when(t.created_at),
            "last_used": when(t.last_used_at),
            "revoked": when(t.revoked_at),
        }
        for t in found
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=1))
        return
    table = Table(title=f"API tokens ({sum(1 for t in found if t.active)} active)", header_style="bold")
    for column in ("name", "prefix", "created", "last_used", "revoked"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(shown(row[c]) for c in ("name", "prefix", "created", "last_used", "revoked")))
    stdout_console().print(table)


@token.command("revoke")
@click.option("--name", required=True, help="The name of the token to revoke.")
@click.option("--db", help=DB_HELP)
@friendly_errors
def revoke(name: str, db: str | None) -> None:
    """Revoke a token: from now on the API refuses it.

    Example: sitrep token revoke --name newsroom-laptop
    """
    from sitrep.store.tokens import TokenStore
    from sitrep.watch.watcher import utc_now

    with open_store(db, must_exist=True) as store:
        if not TokenStore(store.engine).revoke(name, utc_now()):
            raise SitrepError(f"no active token named {name!r} (see `sitrep token list`)")
    console.print(f"token {shown(name)} revoked", highlight=False)
