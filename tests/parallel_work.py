"""Stand-in work functions for the parallel tests: no model, and crashes on request.

They live in their own module so spawned pool processes and Dask workers can import
them by name. An article whose text holds ``CRASH-ONCE:<path>`` kills its worker the
first time (creating ``<path>``); ``CRASH-ALWAYS`` kills it every time.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from sitrep.model import Extraction
from sitrep.parallel import Job, Outcome
from sitrep.workflow import to_document

_ONCE = re.compile(r"CRASH-ONCE:(\S+)")


def empty_extraction(job: Job) -> Outcome:
    """The document with no items, or a dead worker when the text asks for it."""
    text = job.article.text
    once = _ONCE.search(text)
    if once and not Path(once.group(1)).exists():
        Path(once.group(1)).touch()
        os._exit(1)
    if "CRASH-ALWAYS" in text:
        os._exit(1)
    if "REFUSE" in text:
        return Outcome(job, error="extraction failed: refused on request")
    time.sleep(0.05)  # long enough that several jobs are in flight when one worker dies
    document = to_document(job.article, job.published, job.source)
    return Outcome(job, extraction=Extraction(document=document).to_dict(), timings={"fake": 0.05})
