"""Briefing reports: the fused picture as a document to hand to someone who does not run sitrep.

:func:`write_report` builds the picture from a store, keeps what the filters select, and
writes it as self-contained HTML, Markdown or PDF (``sitrep report``). Every statement
carries footnotes to the articles it rests on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.report.content import briefing

FORMATS = ("html", "md", "pdf")


def report_title(place: str | None, actor: str | None) -> str:
    about = " · ".join(v for v in (place, actor) if v)
    return f"Situation briefing: {about}" if about else "Situation briefing"


def render(view: dict[str, Any], fmt: str, title: str = "Situation briefing") -> str:
    """The report text (HTML for html and pdf, Markdown for md) of a picture view."""
    content = briefing(view, title)
    if fmt == "md":
        from sitrep.report.markdown import render_markdown

        return render_markdown(content)
    from sitrep.report.html import render_html

    return render_html(content)


def write_report(
    store: Any,
    output: str | Path,
    fmt: str = "html",
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    actor: str | None = None,
) -> Path:
    """Write the briefing of ``store`` (filtered like ``sitrep picture``) to ``output``; return its path."""
    from sitrep.export.target import check_output_file
    from sitrep.fuse import build_picture
    from sitrep.fuse.picture import country_code
    from sitrep.fuse.regions import keep_region

    if fmt not in FORMATS:
        raise InputError(f"report format {fmt!r}: expected one of {', '.join(FORMATS)}")
    path = check_output_file(output)
    picture = build_picture(store.iter_extractions())
    view = picture.to_dict(since=since, until=until, place=place, actor=actor)
    if place and country_code(place) is None:  # a first-level division's name keeps every town inside it
        view = keep_region(picture.to_dict(since=since, until=until, actor=actor), place) or view
    text = render(view, fmt, report_title(place, actor))
    if fmt == "pdf":
        from sitrep.report.pdf import html_to_pdf

        html_to_pdf(text, path)
    else:
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
    return path
