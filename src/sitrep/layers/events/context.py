"""Where, when, how many and says who: attaching places, times, figures and claims to an event.

Each attachment looks in the event's clause first and then its sentence; places and
times fall back on the document's dateline (a date line or a "KYIV, Ukraine —" opener).
A place that names the event's source or target ("sent troops to Russia") is a role, not
the event's location.
"""

from __future__ import annotations

import re

from sitrep.analysis import Analysis, contains, overlaps
from sitrep.layers.events.lexicon import PloverLexicon
from sitrep.model import Claim, Place, Span
from sitrep.nlp.dateline import first_lines

DATE_LINE = re.compile(r"^[\s,.]*(?:[A-Z][a-z]+day,?\s*)?[A-Za-z0-9 ,.]{4,40}$")


def carrying_claims(analysis: Analysis, span: Span) -> list[Claim]:
    """Claims whose content contains ``span``, innermost (shortest content) first."""
    found = [c for c in analysis.extraction.claims if contains(c.content_span, span)]
    return sorted(found, key=lambda c: c.content_span[1] - c.content_span[0])


def _mentions_in(place: Place, region: Span, excluded: list[Span]) -> list[Span]:
    return [m for m in place.mentions if contains(region, m) and not any(overlaps(m, x) for x in excluded)]


def best_place(
    analysis: Analysis, lexicon: PloverLexicon, regions: list[Span], excluded: list[Span], anchor: int
) -> str | None:
    """The most specific place mentioned in the first region that has one (closest to ``anchor`` on ties)."""
    rank = lexicon.roles.get("place_rank", {})
    for region in regions:
        scored = []
        for place in analysis.extraction.places:
            for mention in _mentions_in(place, region, excluded):
                scored.append((rank.get(place.feature, len(rank)), abs(mention[0] - anchor), place.id))
        if scored:
            return min(scored)[2]
    return None


def best_time(analysis: Analysis, regions: list[Span], anchor: int, excluded: list[Span] | None = None) -> str | None:
    """The time expression in the first region that has one (outside ``excluded``), closest to ``anchor``."""
    excluded = excluded or []
    for region in regions:
        inside = [
            (abs(t.span[0] - anchor), t.id)
            for t in analysis.extraction.times
            if contains(region, t.span) and not any(overlaps(t.span, x) for x in excluded)
        ]
        if inside:
            return min(inside)[1]
    return None


def dateline_time(analysis: Analysis) -> str | None:
    """A time standing alone on one of the first lines ("Monday, May 18, 2015"), if any."""
    for offset, line in first_lines(analysis.text)[1:]:
        times = [t for t in analysis.extraction.times if offset <= t.span[0] and t.span[1] <= offset + len(line)]
        if times and DATE_LINE.match(line) and not times[0].relative:
            covered = sum(t.span[1] - t.span[0] for t in times)
            if covered >= 0.5 * len(line.strip()):
                return times[0].id
    return None


def dateline_place(analysis: Analysis, lexicon: PloverLexicon, dateline: Span | None) -> str | None:
    """The place of the wire dateline ("DORI, Burkina Faso, March 5 (Agency) - "): the town the places
    stage read in it, else the most specific place named in it."""
    if dateline is None:
        return None
    return analysis.dateline_place or best_place(analysis, lexicon, [dateline], [], dateline[0])


def event_figures(analysis: Analysis, lexicon: PloverLexicon, type_: str, scope: Span) -> list[str]:
    """Figures stated in the event's clause whose category suits its type (the killed of a strike)."""
    categories = lexicon.roles.get("figure_categories", {}).get(type_, [])
    return [f.id for f in analysis.extraction.figures if f.category in categories and contains(scope, f.span)]


def time_for(
    analysis: Analysis,
    clause: Span,
    sentence: Span,
    anchor: int,
    status: str,
    lexicon: PloverLexicon,
    dateline: str | None,
    excluded: list[Span] | None = None,
) -> str | None:
    """The event's time: in its clause, else its sentence (not for unreal events), else the dateline (for facts)."""
    found = best_time(analysis, [clause], anchor, excluded)
    if found or status in lexicon.role_words("undated_statuses"):
        return found
    found = best_time(analysis, [sentence], anchor, excluded)
    if found or status not in ("occurred", "ongoing"):
        return found
    return dateline
