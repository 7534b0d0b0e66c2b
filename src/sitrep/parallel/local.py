"""Extraction in N local processes; the caller (one writer) stores what they return.

A worker that dies (killed, out of memory, a crash in native code) breaks the pool: the
pool is started again and the jobs it was running are run again, one at a time, so the
one that kills its worker is found and reported as that document's failure while the
others come through. Nothing is lost and nothing is yielded twice.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from sitrep.errors import SitrepError
from sitrep.parallel.jobs import Job, Outcome, Work, run_job

WORKER_DIED = "worker process died while extracting this document"


class LocalPool:
    """Run jobs in ``workers`` spawned processes, at most ``window`` in flight."""

    def __init__(self, workers: int, *, work: Work = run_job, window: int | None = None) -> None:
        if workers < 1:
            raise SitrepError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self.work = work
        self.window = window or workers * 4

    def _executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

    def run(self, jobs: Iterator[Job]) -> Iterator[Outcome]:
        """Outcomes as they finish; input is read only as far as the window needs."""
        suspects: deque[Job] = deque()  # jobs in flight when a worker died
        in_flight: dict[Future[Outcome], Job] = {}
        executor = self._executor()
        try:
            while True:
                while suspects:  # run alone, so a job that kills its worker is the only one lost
                    executor, outcome = self._alone(executor, suspects.popleft())
                    yield outcome
                self._fill(executor, jobs, in_flight)
                if not in_flight:
                    return
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    job = in_flight.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken = True
                        suspects.append(job)
                if broken:
                    suspects.extend(in_flight.values())
                    in_flight.clear()
                    executor = self._restart(executor)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _fill(self, executor: ProcessPoolExecutor, jobs: Iterator[Job], in_flight: dict[Future[Outcome], Job]) -> None:
        while len(in_flight) < self.window:
            job = next(jobs, None)
            if job is None:
                return
            in_flight[executor.submit(self.work, job)] = job

    def _alone(self, executor: ProcessPoolExecutor, job: Job) -> tuple[ProcessPoolExecutor, Outcome]:
        try:
            return executor, executor.submit(self.work, job).result()
        except BrokenProcessPool:
            return self._restart(executor), Outcome(job, error=WORKER_DIED)

    def _restart(self, executor: ProcessPoolExecutor) -> ProcessPoolExecutor:
        executor.shutdown(wait=True, cancel_futures=True)
        return self._executor()
