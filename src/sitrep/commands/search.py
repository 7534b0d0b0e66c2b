"""``sitrep search``: full-text search over stored documents and claims."""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from sitrep.cli import DB_HELP, check_date, friendly_errors, open_store, stdout_console
from sitrep.display import visible_controls


def highlighted(snippet: str, highlights: list[tuple[int, int]]) -> Text:
    """A snippet as inert rich Text with its matches in bold yellow; a snippet holding control
    characters is shown escaped, without highlights (escaping moves the offsets)."""
    visible = visible_controls(snippet)
    shown = Text(visible)
    if visible == snippet:
        for start, end in highlights:
            shown.stylize("bold yellow", start, end)
    return shown


@click.command()
@click.argument("query")
@click.option("--db", help=DB_HELP)
@click.option("--kind", type=click.Choice(["document", "claim"]), default="document", show_default=True)
@click.option("--since", help="Only documents published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only documents published on or before this date (YYYY-MM-DD).")
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(min=1, max=1000), help="Show at most this many."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (total and hits) instead of a table.")
@friendly_errors
def search(
    query: str, db: str | None, kind: str, since: str | None, until: str | None, limit: int, as_json: bool
) -> None:
    """Search stored documents (title and text) or claims (content and speaker), best match first,
    with the matches highlighted. Words must all match (stemmed); "a phrase", OR, -word and word*
    work too.

    Example: sitrep search '"fuel depot" Dori' --kind document --since 2026-03-01
    """
    from sitrep.store.search import hit_dict
    from sitrep.store.search import search as run_search

    check_date(since)
    check_date(until)
    with open_store(db, must_exist=True) as store:
        page = run_search(store.engine, query, kind=kind, since=since, until=until, limit=limit)  # type: ignore[arg-type]
    if as_json:
        click.echo(
            json.dumps({"total": page.total, "hits": [hit_dict(h) for h in page.hits]}, ensure_ascii=False, indent=1)
        )
        return
    table = Table(title=f"search {kind}s: {page.total} found, {len(page.hits)} shown", header_style="bold")
    for column in ("published", "outlet", "title" if kind == "document" else "speaker", "snippet", "document"):
        table.add_column(column)
    for hit in page.hits:
        table.add_row(
            Text(visible_controls(hit.published or "")),
            Text(visible_controls(hit.source or "?")),
            Text(visible_controls((hit.title if kind == "document" else hit.speaker) or "")),
            highlighted(hit.snippet, hit.highlights),
            hit.document_id[:12] + (f" {hit.claim_id}" if hit.claim_id else ""),
        )
    stdout_console().print(table)
