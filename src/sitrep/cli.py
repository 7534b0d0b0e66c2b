"""The ``sitrep`` command line: thin commands over the library, errors as one clear line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from sitrep.display import visible_controls
from sitrep.errors import SitrepError

console = Console(stderr=True)


def stdout_console() -> Console:
    """A console for tables on stdout, wide enough when piped to a file."""
    return Console(width=None if sys.stdout.isatty() else 160)


def shown(value: object) -> str:
    """``value`` safe to print through rich: markup escaped, control characters and
    bidirectional overrides shown as ``\\xNN``/``\\u202e`` (so a file or outlet name can
    neither style the terminal nor pass itself off as another)."""
    return escape(visible_controls(value))


ALLOW_PRIVATE_HELP = (
    "Allow URLs that resolve to loopback or private (RFC 1918, fc00::/7) addresses; "
    "link-local and metadata addresses stay refused."
)
DB_HELP = "Database URL (default: $SITREP_DATABASE_URL or sqlite:///sitrep.db)."


def friendly_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a SitrepError into one red line and exit code 1, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SitrepError as exc:
            console.print(f"[red]error:[/red] {shown(exc)}", highlight=False, soft_wrap=True)
            sys.exit(1)

    return wrapper


class RateColumn(ProgressColumn):
    """Items per second, as the bar's recent average."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "-/s", style="cyan")


@contextmanager
def progress_bar(total: int | None, label: str) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on stderr; yields a callback to advance it by one item."""
    columns = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[item]}", style="dim"),
    ]
    with Progress(*columns, console=console, transient=False, disable=total is not None and total < 2) as bar:
        task = bar.add_task(label, total=total, item="")

        def advance(origin: str) -> None:
            bar.update(task, advance=1, item=shown(Path(origin).name[:40]))

        yield advance


def ingest_options(max_bytes: int, allow_private: bool) -> Any:
    from sitrep.ingest import IngestOptions

    return IngestOptions(max_bytes=max_bytes, allow_private=allow_private)


def report_failures(report: Any) -> None:
    for failure in report.failures:
        console.print(
            f"[red]failed:[/red] {shown(failure.origin)}: {shown(failure.message)}", highlight=False, soft_wrap=True
        )


def summary_table(report: Any, title: str) -> Table:
    table = Table(title=title, show_header=True, header_style="bold")
    for column in ("documents", "new", "duplicates", "failed", *report.items.keys(), "seconds"):
        table.add_column(column, justify="right")
    table.add_row(
        str(report.documents),
        str(report.new),
        str(report.duplicates),
        str(report.failed),
        *(str(n) for n in report.items.values()),
        f"{report.seconds:.1f}",
    )
    return table


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: turn news reports into a sourced situation picture."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (an array for several inputs).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON object per line, in input order.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for relative dates, overriding metadata.")
@click.option("--source", help="Outlet name, overriding metadata.")
@click.option("--max-bytes", default=5_000_000, show_default=True, help="Refuse inputs larger than this.")
@click.option("--allow-private", is_flag=True, help=ALLOW_PRIVATE_HELP)
@friendly_errors
def extract(
    files: tuple[str, ...],
    as_json: bool,
    as_jsonl: bool,
    published: str | None,
    source: str | None,
    max_bytes: int,
    allow_private: bool,
) -> None:
    """Extract the sitrep/1 layers of articles and print them.

    Example: sitrep extract article.txt --json --published 2024-10-28
    """
    from sitrep.ingest import count_items
    from sitrep.workflow import BatchReport, extract_sources

    check_date(published)
    report = BatchReport()
    options = ingest_options(max_bytes, allow_private)
    with progress_bar(count_items(files), "extracting") as advance:
        results = [
            e.to_dict()
            for e in extract_sources(
                files, options=options, published=published, source=source, report=report, progress=advance
            )
        ]
    report_failures(report)
    if as_jsonl:
        for result in results:
            click.echo(json.dumps(result, ensure_ascii=False))
    else:  # --json, the default
        payload: Any = results[0] if len(results) == 1 and report.documents == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    sys.exit(1 if report.failed else 0)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", help=DB_HELP)
@click.option("--published", help="Publication date for every input, overriding metadata.")
@click.option("--source", help="Outlet name for every input, overriding metadata.")
@click.option("--max-bytes", default=5_000_000, show_default=True, help="Refuse inputs larger than this.")
@click.option("--allow-private", is_flag=True, help=ALLOW_PRIVATE_HELP)
@click.option("--workers", type=click.IntRange(min=1), help="Extract in N local processes (this one writes).")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Extract on Dask workers: a scheduler address, or local:N for a local cluster (needs sitrep[dask]).",
)
@friendly_errors
def ingest(
    sources: tuple[str, ...],
    db: str | None,
    published: str | None,
    source: str | None,
    max_bytes: int,
    allow_private: bool,
    workers: int | None,
    dask_address: str | None,
) -> None:
    """Ingest files, directories, JSONL, URLs and feeds into the store.

    Example: sitrep ingest demo/corpus --db sqlite:///sitrep.db --workers 2
    """
    from sitrep.ingest import count_items
    from sitrep.store import Store
    from sitrep.workflow import ingest_sources

    check_date(published)
    if workers is not None and dask_address is not None:
        raise SitrepError("choose --workers or --dask, not both")
    with (
        extraction_runner(workers, dask_address) as runner,
        Store.open(db) as store,
        progress_bar(count_items(sources), "ingesting") as advance,
    ):
        report = ingest_sources(
            sources,
            store,
            options=ingest_options(max_bytes, allow_private),
            published=published,
            source=source,
            progress=advance,
            runner=runner,
        )
    report_failures(report)
    console.print(summary_table(report, "ingest"))
    sys.exit(1 if report.failed else 0)


@contextmanager
def extraction_runner(workers: int | None, dask_address: str | None) -> Iterator[Any]:
    """The runner ``--workers``/``--dask`` ask for, or None to extract in this process."""
    if dask_address is not None:
        from sitrep.parallel.dask_runner import DaskRunner

        with DaskRunner(dask_address) as runner:
            yield runner
    elif workers is not None and workers > 1:
        from sitrep.parallel.local import LocalPool

        yield LocalPool(workers)
    else:
        yield None


@main.command(name="eval")
@click.argument("directories", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--predictions", type=click.Path(file_okay=False), help="Also write each prediction here.")
@friendly_errors
def evaluate(directories: tuple[str, ...], as_json: bool, predictions: str | None) -> None:
    """Score extraction against gold files (NAME.gold.json) and print a per-layer table.

    Example: sitrep eval ../shared/eval ../shared/examples
    """
    from sitrep.evaluate import run_eval

    result = run_eval([Path(d) for d in directories], Path(predictions) if predictions else None, console)
    if as_json:
        click.echo(json.dumps(result))
    else:
        stdout_console().print(eval_table(result))


def eval_table(result: dict[str, Any]) -> Table:
    table = Table(title=f"sitrep eval: {result['documents']} documents", header_style="bold")
    scored = [layer for layer in result["layers"].values() if isinstance(layer, dict)]
    sides = sorted({k for layer in scored for k in layer if k not in ("p", "r", "f1")})
    for column in ("set", "layer", "P", "R", "F1", *sides):
        table.add_column(column, justify="right" if column not in ("set", "layer") else "left")
    for set_name, layers in result["sets"].items():
        for layer, scores in layers.items():
            if not isinstance(scores, dict):
                continue
            table.add_row(
                set_name,
                layer,
                *(f"{scores[k]:.3f}" for k in ("p", "r", "f1")),
                *("" if scores.get(k) is None else f"{scores[k]:.3f}" for k in sides),
            )
        table.add_section()
    return table


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--since", help="Only events and figures on or after this date.")
@click.option("--until", help="Only events and figures on or before this date.")
@click.option("--place", help="Only what happened at this place (name).")
@click.option("--actor", help="Only what involves this actor (name).")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="Keep the top N events, claims and figure series (tables: 10 unless given; JSON: all).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the picture as JSON (see picture.schema.json).")
@friendly_errors
def picture(
    db: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    actor: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Show the fused picture across every stored article.

    Example: sitrep picture --since 2026-03-05 --place Kharkiv
    """
    from sitrep.fuse import render_picture

    check_date(since)
    check_date(until)
    with open_store(db, must_exist=True) as store:  # the persisted picture, read with indexed queries
        view = store.picture_view(
            since=since, until=until, place=place, actor=actor, limit=limit if limit or as_json else 10
        )
    if as_json:
        click.echo(json.dumps(view, ensure_ascii=False, indent=1))
    else:
        render_picture(view, stdout_console())


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--batch", type=click.IntRange(min=1), default=500, show_default=True, help="Documents per step.")
@friendly_errors
def rebuild(db: str | None, batch: int) -> None:
    """Recompute the persisted picture from every stored extraction (after changing the fusion rules, say).

    Example: sitrep rebuild --db sqlite:///sitrep.db
    """
    import time

    started = time.perf_counter()
    with open_store(db, must_exist=True) as store:
        count = store.rebuild_picture(batch=batch)
    console.print(f"sitrep: picture rebuilt from {count} documents in {time.perf_counter() - started:.1f} s")


EXPORT_FORMATS = ["jsonl", "csv", "parquet", "geojson", "graphml", "acled"]


@main.command()
@click.option("--db", help=DB_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl: sitrep/1 lines; csv, parquet: one table per layer in the folder -o; geojson: places "
    "and fused events; graphml: the actor network; acled: ACLED-style CSV.",
)
@click.option("--output", "-o", help="Write here, not stdout (a folder for csv and parquet).")
@click.option(
    "--unlocated", is_flag=True, help="ACLED: also export events placed in no country (ACLED itself codes none)."
)
@friendly_errors
def export(db: str | None, fmt: str, output: str | None, unlocated: bool) -> None:
    """Export stored extractions and the fused picture for other tools.

    ACLED: one row per fused violent or protest event (syndicated copies and repeated reports
    count once; see docs/acled.md).

    Example: sitrep export --format geojson -o events.geojson
    """
    from sitrep.export.formats import FOLDER_FORMATS, export_store

    if fmt in FOLDER_FORMATS:
        if not output:
            raise click.UsageError(f"--format {fmt} writes one file per table: give a folder with -o")
        with open_store(db, must_exist=True) as store:
            written = export_store(store, fmt, output)
            console.print(f"wrote {', '.join(str(p) for p in written)}", highlight=False, soft_wrap=True)
        return
    with open_store(db, must_exist=True) as store, open_output(output) as out:
        export_store(store, fmt, out, unlocated=unlocated)


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--since", help="Only events and figures on or after this date.")
@click.option("--until", help="Only events and figures on or before this date.")
@click.option("--place", help="Only what happened at this place (name or ISO3).")
@click.option("--actor", help="Only what involves this actor (name or ISO3).")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "pdf"]), default="html", show_default=True)
@click.option("--output", "-o", required=True, help="The report file to write.")
@friendly_errors
def report(
    db: str | None, since: str | None, until: str | None, place: str | None, actor: str | None, fmt: str, output: str
) -> None:
    """Write a briefing report: developments, events, figures, contradictions, every statement footnoted.

    Example: sitrep report --since 2026-03-05 --format pdf -o briefing.pdf
    """
    from sitrep.report import write_report

    check_date(since)
    check_date(until)
    with open_store(db, must_exist=True) as store:
        path = write_report(store, output, fmt, since=since, until=until, place=place, actor=actor)
    console.print(f"wrote {path}", highlight=False, soft_wrap=True)


@main.command()
@click.option("--db", help=DB_HELP)
@friendly_errors
def status(db: str | None) -> None:
    """Show what the store holds: rows per table.

    Example: sitrep status --db sqlite:///sitrep.db
    """

    with open_store(db, must_exist=True) as store:
        counts = store.counts()
    table = Table(title="sitrep store", header_style="bold")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in counts.items():
        table.add_row(name, str(rows))
    stdout_console().print(table)


@main.command()
@click.option("--db", help=DB_HELP)
@friendly_errors
def check(db: str | None) -> None:
    """Verify the store: every document stored once with all its layers, and stories equal to a clean rebuild.

    Exits 1, naming each document and table that is wrong, when a check fails.

    Example: sitrep check --db sqlite:///sitrep.db
    """
    from sitrep.store.check import check_store

    with open_store(db, must_exist=True) as store:
        result = check_store(store)
    table = Table(title=f"sitrep check: {result.documents} documents", header_style="bold")
    for column, justify in (("check", "left"), ("what", "left"), ("checked", "right"), ("problems", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for found in result.results:
        verdict = "[green]0[/green]" if found.ok else f"[red]{len(found.problems) + found.more}[/red]"
        table.add_row(found.name, found.description, str(found.checked), verdict)
    stdout_console().print(table)
    for problem in result.problems():
        console.print(f"[red]wrong:[/red] {shown(problem)}", highlight=False, soft_wrap=True)
    sys.exit(0 if result.ok else 1)


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--kind", type=click.Choice(["actor", "place"]), help="Only actors or only places.")
@click.option("--query", "-q", help="Keep entities whose key or any alias contains this (case-insensitive).")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(min=1), help="Show at most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@friendly_errors
def entities(db: str | None, kind: str | None, query: str | None, limit: int, as_json: bool) -> None:
    """List actors and places across stored articles, one row per entity, with its aliases.

    Example: sitrep entities --kind actor -q army
    """
    from sitrep.store.entities import summary_dict

    with open_store(db, must_exist=True) as store:
        found = store.entities(kind=kind, query=query, limit=limit)
    if as_json:
        click.echo(json.dumps([summary_dict(e) for e in found], ensure_ascii=False, indent=1))
        return
    table = Table(title=f"entities ({len(found)})", header_style="bold")
    for column, justify in (
        ("name", "left"),
        ("kind", "left"),
        ("type", "left"),
        ("country", "left"),
        ("documents", "right"),
        ("aliases", "left"),
        ("key", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for e in found:
        table.add_row(
            shown(e.name),
            e.kind,
            shown(e.type_or_feature or ""),
            shown(e.country or ""),
            str(e.documents),
            shown("; ".join(a for a in e.aliases if a != e.name)),
            shown(e.key),
        )
    stdout_console().print(table)


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@friendly_errors
def stories(db: str | None, as_json: bool) -> None:
    """List syndicated stories: stored articles that are copies of one another (grouped at ingest).

    Example: sitrep stories --json
    """

    with open_store(db, must_exist=True) as store:
        groups = store.story_groups()
        documents = {doc_id: store.get_document(doc_id) or {} for group in groups for doc_id in group}
    if as_json:
        click.echo(json.dumps([{"story": group[0], "documents": group} for group in groups], indent=1))
        return
    table = Table(title=f"syndicated stories ({len(groups)})", header_style="bold")
    for column in ("story", "copies", "outlets", "titles"):
        table.add_column(column)
    for group in groups:
        rows = [documents[d] for d in group]
        table.add_row(
            group[0][:12],
            str(len(group)),
            shown("; ".join(sorted({r.get("source") or "?" for r in rows}))),
            shown("; ".join(sorted({r.get("title") or "(untitled)" for r in rows}))),
        )
    stdout_console().print(table)


@main.command()
@click.option("--db", help=DB_HELP)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; beyond loopback, reads need an API token too (unless --public-read).",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(min=0, max=65535), help="Port to listen on."
)
@click.option("--public-read", is_flag=True, help="Let anyone who reaches the server read without a token.")
@click.option(
    "--writes-per-minute", default=60, show_default=True, type=click.IntRange(min=1), help="Writes allowed per token."
)
@click.option("--cors-origin", multiple=True, help="An origin allowed to call the API from its pages (repeatable).")
@friendly_errors
def serve(
    db: str | None, host: str, port: int, public_read: bool, writes_per_minute: int, cors_origin: tuple[str, ...]
) -> None:
    """Serve the web app and the HTTP API over the store (the picture stays current as articles arrive).

    Writes need an API token (`sitrep token create`); reads too when listening beyond loopback.

    Example: sitrep serve --db sqlite:///sitrep.db --port 8000
    """
    import uvicorn

    from sitrep.web import create_app
    from sitrep.web.access import AccessPolicy
    from sitrep.web.app import LOCAL_HOSTS

    local = host in LOCAL_HOSTS
    access = AccessPolicy.for_server(
        loopback=local, public_read=public_read, writes_per_minute=writes_per_minute, cors_origins=cors_origin
    )
    app = create_app(db, allowed_hosts=LOCAL_HOSTS if local else ["*"], access=access)
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"sitrep: {app.state.live.stats()['documents']} documents in the picture"
        f"{app.state.live.pending_note()}; "
        f"serving http://{shown}:{port}/ (API schema: /openapi.json; Ctrl+C stops)",
        highlight=False,
        soft_wrap=True,
    )
    if not local and public_read:
        console.print(
            f"[yellow]warning:[/yellow] anyone who reaches {host}:{port} can read the store (--public-read)",
            highlight=False,
            soft_wrap=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@contextmanager
def open_output(path: str | None) -> Iterator[Any]:
    if path is None:
        yield sys.stdout
        return
    from sitrep.export.target import check_output_file

    check_output_file(path)
    try:
        handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (OSError apart from the body)
    except OSError as exc:
        raise SitrepError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
    with handle:
        yield handle


def open_store(db: str | None, must_exist: bool = False) -> Any:
    """Open the store; with ``must_exist``, refuse a SQLite file that is not there (a mistyped --db)."""
    from sitrep.store import Store
    from sitrep.store.connect import database_url

    url = database_url(db)
    if must_exist and url.startswith("sqlite:///") and ":memory:" not in url:
        path = Path(url[len("sqlite:///") :].split("?", 1)[0])
        if not path.is_file():
            raise SitrepError(f"no database at {path}: check --db (run `sitrep ingest` to create one)")
    return Store.open(db)


def check_date(value: str | None) -> None:
    """Refuse a malformed date option (trailing text included) with a clear message."""
    from sitrep.dates import check_iso_date

    if value is None:
        return
    try:
        check_iso_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _add_commands() -> None:
    """Register the commands kept in ``sitrep.commands`` (they use the helpers above)."""
    from sitrep.commands.search import search
    from sitrep.commands.token import token
    from sitrep.commands.watch import watch

    for command in (search, token, watch):
        main.add_command(command)


_add_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
