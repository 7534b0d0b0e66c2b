"""The live table of ``sitrep watch``: one row per feed, and the latest entry failures."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text

from sitrep.display import visible_controls
from sitrep.watch.watcher import RoundReport

STATUS_STYLES = {"new": "green", "unchanged": "cyan", "error": "red", "backing off": "yellow", "waiting": "dim"}
MAX_FAILURE_LINES = 8


def _when(value: datetime | None, now: datetime) -> str:
    if value is None:
        return "-"
    seconds = int((value - now).total_seconds())
    if seconds <= 0:
        return "now"
    if seconds < 120:
        return f"in {seconds} s"
    if seconds < 7200:
        return f"in {seconds // 60} min"
    return f"in {seconds // 3600} h"


def _plain(value: object, limit: int) -> Text:
    """Untrusted text (a feed title, a server's message) as inert rich Text."""
    shown = visible_controls(value)
    return Text(shown if len(shown) <= limit else shown[: limit - 1] + "…")


def watch_view(report: RoundReport, now: datetime) -> Group:
    """The table of feeds and, under it, the entries that could not be stored."""
    table = Table(
        title=f"sitrep watch: {len(report.feeds)} feeds, {report.stored} new articles, {report.errors} errors",
        header_style="bold",
    )
    for column, justify in (
        ("feed", "left"),
        ("status", "left"),
        ("new", "right"),
        ("dupl.", "right"),
        ("failed", "right"),
        ("next", "right"),
        ("error", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    failures: list[str] = []
    for feed in report.feeds:
        status = Text(feed.status, style=STATUS_STYLES.get(feed.status, ""))
        if feed.failures_in_a_row > 1:
            status.append(f" ×{feed.failures_in_a_row}")
        table.add_row(
            _plain(feed.title or feed.url, 48),
            status,
            str(feed.new),
            str(feed.duplicates),
            str(feed.failed),
            _when(feed.next_fetch_at, now),
            _plain(feed.error or "", 60),
        )
        failures.extend(feed.recent_failures)
    lines = [Text.assemble(("entry failed: ", "red"), _plain(line, 160)) for line in failures[-MAX_FAILURE_LINES:]]
    return Group(table, *lines)
