"""The unit of parallel work: one article in, one extraction (or one error) out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from sitrep.errors import SitrepError
from sitrep.ingest import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One article to extract, with the batch's ``published``/``source`` overrides."""

    article: Article
    published: str | None = None
    source: str | None = None

    @property
    def origin(self) -> str:
        return self.article.origin


@dataclass(frozen=True)
class Outcome:
    """What a worker made of a job: the sitrep/1 extraction, or one line saying why not."""

    job: Job
    extraction: dict[str, Any] | None = None
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


Work = Callable[[Job], Outcome]


class Runner(Protocol):
    """Runs jobs somewhere and yields their outcomes as they finish (any order)."""

    def run(self, jobs: Iterator[Job]) -> Iterator[Outcome]: ...


def run_job(job: Job) -> Outcome:
    """Extract one article (in a worker); every error becomes the outcome's message."""
    from sitrep.pipeline import Timings, extract
    from sitrep.workflow import to_document, unexpected

    timings = Timings()
    try:
        extraction = extract(to_document(job.article, job.published, job.source), timings)
        return Outcome(job, extraction=extraction.to_dict(), timings=timings.seconds)
    except SitrepError as exc:
        return Outcome(job, error=str(exc))
    except Exception as exc:  # one document is one failure, whatever went wrong
        log.exception("unexpected error extracting %s", job.origin)
        return Outcome(job, error=unexpected(exc))
