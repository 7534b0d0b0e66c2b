"""From text to a sitrep/1 extraction: the stages in order, one straight line.

Each stage is a function ``run(analysis) -> None`` that reads the parse and the layers
before it and appends its own layer. The order below is the data's way through.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sitrep.analysis import Analysis
from sitrep.errors import ExtractionError, SitrepError
from sitrep.layers.actors import stage as actors
from sitrep.layers.claims import stage as claims
from sitrep.layers.events import stage as events
from sitrep.layers.figures import stage as figures
from sitrep.layers.links import stage as links
from sitrep.layers.places import stage as places
from sitrep.layers.times import stage as times
from sitrep.model import Document, Extraction
from sitrep.nlp import Parse, parse, parse_many

Stage = Callable[[Analysis], None]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("places", places.run),
    ("actors", actors.run),
    ("times", times.run),
    ("claims", claims.run),
    ("figures", figures.run),
    ("events", events.run),
    ("links", links.run),
)


@dataclass
class Timings:
    """Seconds spent per stage, summed over documents."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


def analyse(document: Document, parsed: Parse, timings: Timings | None = None) -> Extraction:
    """Run every stage over one parsed document."""
    analysis = Analysis(document=document, parse=parsed, extraction=Extraction(document=document))
    for name, stage in STAGES:
        started = clock.perf_counter()
        try:
            stage(analysis)
        except SitrepError:
            raise
        except Exception as exc:  # a bug in a stage must name the stage, not crash a batch
            raise ExtractionError(name, f"{type(exc).__name__}: {exc}") from exc
        if timings is not None:
            timings.add(name, clock.perf_counter() - started)
    analysis.extraction.renumber()
    return analysis.extraction


def extract(document: Document, timings: Timings | None = None) -> Extraction:
    """Extract every layer from one document."""
    started = clock.perf_counter()
    parsed = parse(document.text)
    if timings is not None:
        timings.add("parse", clock.perf_counter() - started)
    return analyse(document, parsed, timings)


def extract_many(documents: Iterable[Document], timings: Timings | None = None) -> Iterator[Extraction]:
    """Extract many documents, parsing them in batches."""
    documents = list(documents)
    started = clock.perf_counter()
    for document, parsed in zip(documents, parse_many(d.text for d in documents), strict=True):
        if timings is not None:
            timings.add("parse", clock.perf_counter() - started)
        yield analyse(document, parsed, timings)
        started = clock.perf_counter()
