"""Batch work behind the CLI and the API: sources in, extractions out or stored.

Each document is handled on its own: a bad input or a failing stage is recorded as a
failure and the batch goes on; a stored document is written in one transaction. Even
an error nobody foresaw (a bug, a library failing on odd input) becomes that
document's failure, naming the error, with the traceback in the log only.
"""

from __future__ import annotations

import logging
import time as clock
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitrep import resources
from sitrep.errors import SitrepError
from sitrep.ingest import Article, Failure, IngestOptions, iter_articles
from sitrep.model import LAYERS, Document, Extraction
from sitrep.pipeline import Timings, extract

if TYPE_CHECKING:
    from sitrep.parallel import Job, Outcome, Runner
    from sitrep.store import Store

Progress = Callable[[str], None]

log = logging.getLogger(__name__)
PICTURE_BATCH = 200  # documents saved between two steps of the persisted picture during a batch


@dataclass
class BatchReport:
    """What a batch did: counts, failures, items per layer, time."""

    documents: int = 0
    new: int = 0
    duplicates: int = 0
    skipped_language: int = 0
    failures: list[Failure] = field(default_factory=list)
    items: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LAYERS, 0))
    seconds: float = 0.0
    timings: Timings = field(default_factory=Timings)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def count_items(self, extraction: Extraction) -> None:
        for layer in LAYERS:
            self.items[layer] += len(getattr(extraction, layer))

    def count_extraction(self, extraction: dict[str, Any]) -> None:
        """``count_items`` for a sitrep/1 dict (as a worker returns it)."""
        for layer in LAYERS:
            self.items[layer] += len(extraction.get(layer) or [])


def to_document(article: Article, published: str | None = None, source: str | None = None) -> Document:
    """The document of an ingested article; explicit ``published``/``source`` win over metadata."""
    return Document(
        text=article.text,
        title=article.title,
        source=source or article.source,
        url=article.url,
        published=published or article.published,
        language=article.language or "en",
    )


def is_english(document: Document) -> bool:
    return (document.language or "en").lower().startswith("en")


def _articles(
    sources: Iterable[str], options: IngestOptions | None, report: BatchReport, progress: Progress | None
) -> Iterator[Article]:
    """The good articles of the sources; failures, counts, progress and time go into ``report``."""
    started = clock.perf_counter()
    for item in iter_articles(sources, options):
        report.documents += 1
        if isinstance(item, Failure):
            report.failures.append(item)
        else:
            yield item
        if progress:
            progress(item.origin)
    report.seconds = clock.perf_counter() - started


def extract_sources(
    sources: Iterable[str],
    *,
    options: IngestOptions | None = None,
    published: str | None = None,
    source: str | None = None,
    report: BatchReport | None = None,
    progress: Progress | None = None,
) -> Iterator[Extraction]:
    """Extract every article the sources hold, in input order; failures go into ``report``."""
    report = report if report is not None else BatchReport()
    resources.check()  # a broken data file stops the batch here, once, instead of failing every document
    for article in _articles(sources, options, report, progress):
        extraction = _extract_one(article, published, source, report)
        if extraction is not None:
            report.count_items(extraction)
            yield extraction


def _extract_one(article: Article, published: str | None, source: str | None, report: BatchReport) -> Extraction | None:
    document = to_document(article, published, source)
    try:
        return extract(document, report.timings)
    except SitrepError as exc:
        report.failures.append(Failure(origin=article.origin, message=f"extraction failed: {exc}"))
    except Exception as exc:  # one document is one failure, whatever went wrong
        report.failures.append(Failure(origin=article.origin, message=f"extraction failed: {unexpected(exc)}"))
        log.exception("unexpected error extracting %s", article.origin)
    return None


def unexpected(exc: BaseException) -> str:
    """A one-line description of an unforeseen error: its type and first line."""
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"unexpected error ({type(exc).__name__}{': ' + detail if detail else ''})"


def ingest_sources(
    sources: Iterable[str],
    store: Store,
    *,
    options: IngestOptions | None = None,
    published: str | None = None,
    source: str | None = None,
    progress: Progress | None = None,
    runner: Runner | None = None,
) -> BatchReport:
    """Ingest, extract and store every article; a document already stored is skipped.

    With a ``runner`` (``sitrep.parallel``) the extraction runs in its workers and this
    process stays the one writer: each outcome is stored in its own transaction.
    """
    report = BatchReport()
    resources.check()  # a broken data file stops the batch here, once, instead of failing every document
    with _picture_in_batches(store, report) as stored:
        if runner is None:
            for article in _articles(sources, options, report, progress):
                _store_one(article, store, published, source, report)
                stored()
            return report
        started = clock.perf_counter()
        jobs = _jobs(_articles(sources, options, report, progress), store, published, source, report)
        for outcome in runner.run(jobs):
            _store_outcome(outcome, store, report)
            stored()
        report.seconds = clock.perf_counter() - started
    return report


@contextmanager
def _picture_in_batches(store: Store, report: BatchReport, every: int = PICTURE_BATCH) -> Iterator[Callable[[], None]]:
    """Take saved documents into the persisted picture every ``every`` documents and once at the end, instead of
    one picture step per document. The queue is written with each document, so a crash loses nothing: the
    next step (or ``sitrep rebuild``) takes in what is still queued."""
    deferred = store.sync_after_write
    store.sync_after_write = False
    count = 0

    def stored() -> None:
        nonlocal count
        count += 1
        if count % every == 0:
            _sync(store, report)

    try:
        yield stored
    finally:
        store.sync_after_write = deferred
        _sync(store, report)


def _sync(store: Store, report: BatchReport) -> None:
    try:
        store.sync_picture()
    except SitrepError as exc:  # the documents are saved; their changes stay queued for the next step
        report.failures.append(Failure(origin="picture", message=str(exc)))


def _jobs(
    articles: Iterable[Article], store: Store, published: str | None, source: str | None, report: BatchReport
) -> Iterator[Job]:
    """The articles still to extract; stored ones and non-English ones are settled here."""
    from sitrep.parallel import Job

    for article in articles:
        document = to_document(article, published, source)
        try:
            if store.has_document(document.id):
                report.duplicates += 1
            elif not is_english(document):
                store.save_unextracted(
                    document.to_dict(),
                    origin=article.origin,
                    status="skipped_language",
                    extra=dict(article.extra or {}),
                )
                report.skipped_language += 1
            else:
                yield Job(article, published, source)
        except SitrepError as exc:
            report.failures.append(Failure(origin=article.origin, message=str(exc)))


def _store_outcome(outcome: Outcome, store: Store, report: BatchReport) -> None:
    """Write one worker's result in one transaction; an error is that document's failure."""
    origin = outcome.job.origin
    for stage, seconds in outcome.timings.items():
        report.timings.add(stage, seconds)
    if outcome.extraction is None:
        report.failures.append(Failure(origin=origin, message=outcome.error or "extraction failed"))
        return
    try:
        if store.save_document(outcome.extraction, origin=origin, extra=dict(outcome.job.article.extra or {})):
            report.new += 1
            report.count_extraction(outcome.extraction)
        else:
            report.duplicates += 1
    except SitrepError as exc:
        report.failures.append(Failure(origin=origin, message=str(exc)))
    except Exception as exc:  # one document is one failure; the store's transaction left nothing behind
        report.failures.append(Failure(origin=origin, message=unexpected(exc)))
        log.exception("unexpected error storing %s", origin)


def _store_one(article: Article, store: Store, published: str | None, source: str | None, report: BatchReport) -> None:
    document = to_document(article, published, source)
    extra = dict(article.extra or {})
    try:
        if store.has_document(document.id):
            report.duplicates += 1
            return
        if not is_english(document):
            store.save_unextracted(document.to_dict(), origin=article.origin, status="skipped_language", extra=extra)
            report.skipped_language += 1
            return
        extraction = extract(document, report.timings)
        if store.save_document(extraction.to_dict(), origin=article.origin, extra=extra):
            report.new += 1
            report.count_items(extraction)
        else:
            report.duplicates += 1
    except SitrepError as exc:
        report.failures.append(Failure(origin=article.origin, message=str(exc)))
    except Exception as exc:  # one document is one failure; the store's transaction left nothing behind
        report.failures.append(Failure(origin=article.origin, message=unexpected(exc)))
        log.exception("unexpected error ingesting %s", article.origin)
