"""Extraction on Dask distributed workers; the client (one writer) stores the results.

``address`` is a scheduler address (``tcp://host:8786``) or ``local:N`` for a
``LocalCluster`` of N single-threaded worker processes on this machine. Dask runs a
task again when the worker holding it dies; a task that has killed several workers
comes back as ``KilledWorker`` and becomes that document's failure. dask and
distributed are the optional extra ``sitrep[dask]``, imported only here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from types import TracebackType
from typing import Any, Self

from sitrep.errors import DependencyError, SitrepError
from sitrep.parallel.jobs import Job, Outcome, Work, run_job

log = logging.getLogger(__name__)
_LOCAL = re.compile(r"local:(\d+)$")
CONNECT_TIMEOUT = "30s"


class DaskError(SitrepError):
    """The Dask cluster cannot be reached or started."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DependencyError(
            "--dask needs dask and distributed: install the extra with `pip install 'sitrep[dask]'`"
        ) from exc
    return distributed


class DaskRunner:
    """Run jobs on a Dask cluster, at most ``window`` in flight (default: 4 per worker thread)."""

    def __init__(
        self, address: str, *, work: Work = run_job, window: int | None = None, connect_timeout: str = CONNECT_TIMEOUT
    ) -> None:
        self.address = address
        self.connect_timeout = connect_timeout
        self.work = work
        self.window = window
        self._cluster: Any = None
        self._client: Any = None

    def __enter__(self) -> Self:
        distributed = _distributed()
        local = _LOCAL.match(self.address)
        try:
            if local:
                workers = int(local.group(1))
                if workers < 1:
                    raise DaskError(f"--dask {self.address}: a local cluster needs at least one worker")
                self._cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self._client = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(self.address, timeout=self.connect_timeout)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            raise DaskError(f"cannot reach the Dask scheduler at {self.address} ({type(exc).__name__}: {exc})") from exc
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def run(self, jobs: Iterator[Job]) -> Iterator[Outcome]:
        """Outcomes as they finish; input is read only as far as the window needs."""
        client = self._client
        if client is None:
            raise DaskError("the Dask runner is not started (use it in a `with` block)")
        distributed = _distributed()
        window = self.window or max(4, 4 * sum(client.nthreads().values()))
        in_flight: dict[Any, Job] = {}
        finished = distributed.as_completed()
        for job in _take(jobs, window):
            self._submit(client, finished, in_flight, job)
        for future in finished:
            job = in_flight.pop(future.key)
            yield _outcome(future, job, distributed)
            future.release()
            for job in _take(jobs, 1):
                self._submit(client, finished, in_flight, job)

    def _submit(self, client: Any, finished: Any, in_flight: dict[Any, Job], job: Job) -> None:
        future = client.submit(self.work, job, pure=False)
        in_flight[future.key] = job
        finished.add(future)


def _take(jobs: Iterator[Job], count: int) -> Iterator[Job]:
    for _ in range(count):
        job = next(jobs, None)
        if job is None:
            return
        yield job


def _outcome(future: Any, job: Job, distributed: Any) -> Outcome:
    try:
        outcome: Outcome = future.result()
    except distributed.KilledWorker:
        return Outcome(job, error="Dask workers died while extracting this document (KilledWorker)")
    except Exception as exc:  # a task that raised: that document's failure
        from sitrep.workflow import unexpected

        log.exception("Dask task for %s failed", job.origin)
        return Outcome(job, error=unexpected(exc))
    return outcome
