"""Cross-layer links made once every layer exists: what each claim contains."""

from __future__ import annotations

from sitrep.analysis import Analysis, contains


def run(analysis: Analysis) -> None:
    """Link figures and places stated inside a claim's content to that claim."""
    extraction = analysis.extraction
    for claim in extraction.claims:
        inside = claim.content_span
        for figure in extraction.figures:
            if contains(inside, figure.span):
                if figure.claim is None:
                    figure.claim = claim.id
                if figure.id not in claim.figures:
                    claim.figures.append(figure.id)
        for place in extraction.places:
            if any(contains(inside, m) for m in place.mentions) and place.id not in claim.places:
                claim.places.append(place.id)
