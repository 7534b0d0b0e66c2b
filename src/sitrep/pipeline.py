"""From text to a sitrep/1 extraction: the stages in order, one straight line.

Each stage is a function ``run(analysis) -> None`` that reads the parse and the layers
before it and appends its own layer. The order below is the data's way through, and
each stage says what it requires and what it provides (a layer such as ``actors``, or a
side result: ``toponyms``, the places stage's resolved toponyms; ``resolver``, the
actors stage's coreference; ``dateline_place``). ``check_order`` refuses a table in
which a stage would run before something it requires; ``STAGES`` is checked on import.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sitrep.analysis import Analysis
from sitrep.errors import ExtractionError, PipelineError, SitrepError
from sitrep.layers.actors import stage as actors
from sitrep.layers.claims import stage as claims
from sitrep.layers.events import stage as events
from sitrep.layers.figures import stage as figures
from sitrep.layers.links import stage as links
from sitrep.layers.places import stage as places
from sitrep.layers.times import stage as times
from sitrep.model import Document, Extraction
from sitrep.nlp import Parse, parse, parse_many
from sitrep.timebox import Overrun, time_box

StageRun = Callable[[Analysis], None]

#: Seconds one document's extraction may take (parse and every stage) before it is stopped and
#: fails; the 500,000-character cap takes a few minutes on a loaded machine, far less alone.
DOCUMENT_DEADLINE_SECONDS = 900.0

#: What every stage can read from the start: the document and its parse.
GIVEN: frozenset[str] = frozenset({"document", "parse"})


@dataclass(frozen=True)
class Stage:
    """One extraction stage: its name, its function, what it reads and what it adds."""

    name: str
    run: StageRun
    requires: frozenset[str]
    provides: frozenset[str]


def stage(name: str, run: StageRun, requires: tuple[str, ...], provides: tuple[str, ...]) -> Stage:
    return Stage(name, run, frozenset(requires), frozenset(provides))


def check_order(stages: Iterable[Stage], given: frozenset[str] = GIVEN) -> tuple[Stage, ...]:
    """The stages, unchanged, once each one's requirements are provided before it runs.

    Raises :class:`PipelineError` naming the first stage that would run too early (and what
    it lacks), a stage listed twice, or a result two stages both claim to provide.
    """
    table = tuple(stages)
    available = set(given)
    seen: set[str] = set()
    for entry in table:
        if entry.name in seen:
            raise PipelineError(f"stage {entry.name!r} is listed twice")
        seen.add(entry.name)
        missing = sorted(entry.requires - available)
        if missing:
            providers = {name: [s.name for s in table if name in s.provides] for name in missing}
            detail = "; ".join(f"{name} (from {', '.join(by) or 'no stage'})" for name, by in providers.items())
            raise PipelineError(f"stage {entry.name!r} runs before what it requires: {detail}")
        twice = sorted(entry.provides & available)
        if twice:
            raise PipelineError(f"stage {entry.name!r} provides {', '.join(twice)}, which an earlier stage provides")
        available |= entry.provides
    return table


STAGES: tuple[Stage, ...] = check_order(
    (
        stage("places", places.run, requires=("parse",), provides=("places", "toponyms", "dateline_place")),
        stage("actors", actors.run, requires=("parse", "toponyms"), provides=("actors", "resolver")),
        stage("times", times.run, requires=("parse",), provides=("times",)),
        stage("claims", claims.run, requires=("actors", "resolver", "times"), provides=("claims",)),
        stage(
            "figures", figures.run, requires=("actors", "resolver", "places", "times", "claims"), provides=("figures",)
        ),
        stage(
            "events",
            events.run,
            requires=("actors", "resolver", "places", "dateline_place", "times", "claims", "figures"),
            provides=("events",),
        ),
        stage("links", links.run, requires=("claims", "figures", "events", "places"), provides=("links",)),
    )
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
    for entry in STAGES:
        started = clock.perf_counter()
        try:
            entry.run(analysis)
        except SitrepError:
            raise
        except Exception as exc:  # a bug in a stage must name the stage, not crash a batch
            raise ExtractionError(entry.name, f"{type(exc).__name__}: {exc}") from exc
        if timings is not None:
            timings.add(entry.name, clock.perf_counter() - started)
    analysis.extraction.renumber()
    return analysis.extraction


def extract(
    document: Document, timings: Timings | None = None, deadline: float | None = DOCUMENT_DEADLINE_SECONDS
) -> Extraction:
    """Extract every layer from one document, within ``deadline`` seconds (None: no deadline).

    Past the deadline the extraction stops wherever it is and ExtractionError is raised.
    """
    started = clock.perf_counter()
    try:
        with time_box(deadline):
            parsed = parse(document.text)
            if timings is not None:
                timings.add("parse", clock.perf_counter() - started)
            return analyse(document, parsed, timings)
    except Overrun:
        raise ExtractionError(
            "deadline",
            f"stopped after {clock.perf_counter() - started:.0f} s; the limit per document is {deadline:g} s",
        ) from None


def extract_many(documents: Iterable[Document], timings: Timings | None = None) -> Iterator[Extraction]:
    """Extract many documents, parsing them in batches."""
    documents = list(documents)
    started = clock.perf_counter()
    for document, parsed in zip(documents, parse_many(d.text for d in documents), strict=True):
        if timings is not None:
            timings.add("parse", clock.perf_counter() - started)
        yield analyse(document, parsed, timings)
        started = clock.perf_counter()
