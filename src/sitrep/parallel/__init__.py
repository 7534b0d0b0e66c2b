"""Extraction spread over processes: a local pool or Dask workers, one writer in the parent.

A runner takes ``Job`` objects (one article each) and yields an ``Outcome`` per job, in
any order; ``sitrep.workflow.ingest_sources`` writes each outcome to the store in its
own transaction, so a killed worker loses nothing (its jobs are run again) and a re-run
after a crash adds nothing twice (stored documents are skipped).
"""

from sitrep.parallel.jobs import Job, Outcome, Runner, run_job

__all__ = ["Job", "Outcome", "Runner", "run_job"]
