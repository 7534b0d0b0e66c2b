"""Rich tables of a picture, for ``sitrep picture``."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.fuse.picture import Picture

QUALIFIER_WORDS = {
    "exact": "",
    "approx": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "up_to": "up to ",
    "less_than": "less than ",
    "range": "",
}


def _date(date: dict[str, Any] | None) -> str:
    if not date:
        return "?"
    text = date["start"] if date["start"] == date["end"] else f"{date['start']}–{date['end']}"
    return ("~" if date.get("from_published") else "") + text


def _name(item: dict[str, Any] | None) -> str:
    return item["name"] if item and item.get("name") else "—"


def _amount(entry: dict[str, Any]) -> str:
    plus = "+" if entry.get("increment") else ""
    if entry["qualifier"] == "range" or entry["value"] is None:
        return f"{plus}{_num(entry['low'])}–{_num(entry['high'])}"
    return plus + QUALIFIER_WORDS.get(entry["qualifier"], "") + _num(entry["value"])


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _subject(series: dict[str, Any]) -> str:
    return str(series["subject"]["label"])


def _events_table(data: dict[str, Any]) -> Table:
    table = Table(title="Top events", caption="~date: only the publication date is known", expand=True)
    for column in ("Date", "Event", "Who → whom", "Where", "Sources", "First reported"):
        table.add_column(column, overflow="fold")
    for event in data["events"]:
        first = event["first_reported"]
        table.add_row(
            _date(event["date"]),
            f"[bold]{event['type']}[/] {event['status']}\n{event['summary']}",
            f"{_name(event['source'])} → {_name(event['target'])}",
            _name(event["place"]),
            f"{event['independent_sources']} indep. / {event['reports']} reports",
            f"{first['outlet'] or '?'} {first['published'] or ''}",
        )
    return table


def _figures_table(data: dict[str, Any]) -> Table:
    table = Table(title="Figure series", caption="~date: publication date; +: an addition, not a total", expand=True)
    for column in ("Subject", "Figures in time order", "Current range", "Contradictions"):
        table.add_column(column, overflow="fold")
    for series in data["figures"]:
        lines = []
        for entry in series["entries"]:
            who = _name(entry["speaker"]) if entry["speaker"] else "?"
            lines.append(f"{_amount(entry)} — {who}, {_date(entry['date'])} ({entry['independent_sources']} src)")
        now = series["current_range"]
        span = (
            "—"
            if not now
            else f"{_num(now['low'])}–{_num(now['high'])} as of {now['as_of']}"
            + (" [red]contested[/]" if now["contested"] else "")
        )
        clashes = [
            f"[red]{_amount(c['sides'][0])} vs {_amount(c['sides'][1])}[/] ({c['kind']}; "
            f"{', '.join(c['sides'][0]['sources'])} vs {', '.join(c['sides'][1]['sources'])})"
            for c in series["contradictions"]
        ]
        table.add_row(_subject(series), "\n".join(lines), span, "\n".join(clashes) or "none")
    return table


def _developments_table(data: dict[str, Any]) -> Table:
    developments = data["developments"]
    table = Table(title=f"New developments since {developments['since'] or '?'}", expand=True)
    table.add_column("What", overflow="fold")
    table.add_column("Detail", overflow="fold")
    table.add_column("First reported", overflow="fold")
    for event in developments["events"]:
        first = event["first_reported"]
        table.add_row(
            f"event {event['type']} {event['status']}",
            event["summary"],
            f"{first['outlet'] or '?'} {first['published'] or ''}",
        )
    for claim in developments["claims"]:
        first = claim["first_reported"]
        table.add_row(
            f"claim by {_name(claim['speaker'])}",
            claim["content"],
            f"{first['outlet'] or '?'} {first['published'] or ''}",
        )
    for clash in developments["contradictions"]:
        table.add_row(
            f"[red]contradiction[/] ({clash['kind']})",
            f"{clash['subject']}: {_amount(clash['a'])} vs {_amount(clash['b'])}",
            "",
        )
    return table


def _syndication_table(data: dict[str, Any]) -> Table:
    table = Table(title="Syndicated stories (copies count once)", expand=True)
    for column in ("Story", "Copies", "Outlets", "First published"):
        table.add_column(column, overflow="fold")
    for group in data["syndication"]:
        title = data["documents"].get(group["original"], {}).get("title") or group["original"][:12]
        table.add_row(title, str(len(group["documents"])), ", ".join(group["outlets"]), group["first_published"] or "?")
    return table


def render_picture(
    picture: Picture | dict[str, Any],
    console: Console,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    actor: str | None = None,
    limit: int = 10,
) -> None:
    """Print the picture's top events, figure series with contradictions, and new developments."""
    data = (
        picture
        if isinstance(picture, dict)
        else picture.to_dict(since=since, until=until, place=place, actor=actor, limit=limit)
    )
    stats = data["stats"]
    console.print(
        f"[bold]Situation picture[/]: {stats['documents']} documents, {stats['stories']} stories "
        f"({stats['syndicated_documents']} syndicated copies), {stats['events']} events, "
        f"{stats['series']} figure series, {stats['contradictions']} contradictions"
    )
    if data["events"]:
        console.print(_events_table(data))
    if data["figures"]:
        console.print(_figures_table(data))
    developments = data["developments"]
    if developments["events"] or developments["claims"] or developments["contradictions"]:
        console.print(_developments_table(data))
    if data["syndication"]:
        console.print(_syndication_table(data))
