"""A per-document deadline: extraction that runs past it is stopped and becomes that document's failure.

``time_box(seconds)`` arms a timer for the calling thread; when it fires while the block
is still running, ``Overrun`` is raised in that thread at its next Python instruction
(``PyThreadState_SetAsyncExc``), whatever loop it is in, in the CLI's main thread or
the web server's worker threads alike. ``Overrun`` is a ``BaseException`` so that no
``except Exception`` in a stage can swallow it; ``sitrep.pipeline.extract`` turns it into
an ``ExtractionError`` naming the deadline. Leaving the block disarms the timer and
clears an exception not yet delivered, so nothing fires afterwards.

The limit: a single call into C that never returns cannot be interrupted this way;
the character cap (``sitrep.nlp.engine.MAX_CHARS``) and the 50,000-character parse
pieces keep every such call short.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Overrun(BaseException):
    """Raised inside a time box whose deadline passed."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Schedule ``exception`` in the thread (None clears one still pending)."""
    target = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), target)


@contextmanager
def time_box(seconds: float | None) -> Iterator[None]:
    """Run the block with a deadline of ``seconds`` (None or 0: no deadline); past it, ``Overrun`` is raised."""
    if not seconds:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"open": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["open"]:
                state["fired"] = True
                _raise_in(thread_id, Overrun)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["open"] = False
            timer.cancel()
            if state["fired"]:
                _raise_in(thread_id, None)


__all__ = ["Overrun", "time_box"]
