"""``sitrep watch``: poll feeds and OPML lists into the store, with a live table."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType

import click

from sitrep.cli import ALLOW_PRIVATE_HELP, DB_HELP, console, friendly_errors, open_store
from sitrep.errors import InputError


def feed_sources(sources: tuple[str, ...], options: object) -> list[str]:
    """Feed URLs: each source is a feed URL, an OPML file, or an OPML URL (its path ends in .opml)."""
    from sitrep.ingest.fetch import Fetcher
    from sitrep.ingest.files import read_capped
    from sitrep.ingest.sources import is_url
    from sitrep.watch.opml import feed_urls

    urls: list[str] = []
    for source in sources:
        if is_url(source):
            if source.split("?", 1)[0].lower().endswith(".opml"):
                with Fetcher(options) as fetcher:  # type: ignore[arg-type]
                    urls.extend(feed_urls(fetcher.fetch(source).body, origin=source))
            else:
                urls.append(source)
        elif Path(source).is_file():
            urls.extend(feed_urls(read_capped(Path(source), 5_000_000), origin=source))
        else:
            raise InputError(f"{source}: not a feed URL and not an OPML file")
    return list(dict.fromkeys(urls))


def _stop_on_sigterm() -> None:
    """SIGTERM stops the watcher as Ctrl+C does (between two writes, never inside one)."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", help=DB_HELP)
@click.option("--every", default="10m", show_default=True, help="Poll each feed this often (90s, 10m, 1h).")
@click.option("--once", is_flag=True, help="Poll every feed once (feeds backing off excepted) and exit.")
@click.option(
    "--host-delay",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds between requests to one host.",
)
@click.option("--max-bytes", default=5_000_000, show_default=True, help="Refuse responses larger than this.")
@click.option("--allow-private", is_flag=True, help=ALLOW_PRIVATE_HELP)
@friendly_errors
def watch(
    sources: tuple[str, ...],
    db: str | None,
    every: str,
    once: bool,
    host_delay: float,
    max_bytes: int,
    allow_private: bool,
) -> None:
    """Follow RSS/Atom feeds and OPML lists: store each new entry, fetching its link when the feed
    holds only a summary. Conditional GET, backoff on errors and Retry-After, a pause between
    requests to one host; the state is in the store, so Ctrl+C stops and a new run resumes.

    Example: sitrep watch https://example.org/feed.xml feeds.opml --every 10m
    """
    from rich.live import Live

    from sitrep.cli import ingest_options
    from sitrep.watch import Watcher
    from sitrep.watch.live import watch_view
    from sitrep.watch.schedule import parse_interval
    from sitrep.watch.watcher import utc_now

    seconds = parse_interval(every)
    options = ingest_options(max_bytes, allow_private)
    urls = feed_sources(sources, options)
    _stop_on_sigterm()
    with open_store(db) as store:
        watcher = Watcher(store, urls, every=seconds, options=options, host_delay=host_delay)
        with Live(console=console, auto_refresh=False, transient=False) as live:

            def show(report: object) -> None:
                live.update(watch_view(report, utc_now()), refresh=True)  # type: ignore[arg-type]

            try:
                if once:
                    report = watcher.poll_round(ignore_interval=True, on_feed=lambda: show(watcher.snapshot()))
                    show(report)
                else:
                    watcher.run(on_round=show)
            except KeyboardInterrupt:
                show(watcher.snapshot())
                console.print("stopped: the state is in the store; run the same command to resume", highlight=False)
                return
    sys.exit(1 if once and report.errors else 0)


__all__ = ["feed_sources", "watch"]
