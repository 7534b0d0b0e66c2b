"""When to fetch a feed again: the poll interval, backoff after errors, Retry-After, and
a politeness delay between requests to one host.

After ``n`` failed polls in a row a feed waits ``min(BACKOFF_BASE * 2 ** (n - 1), BACKOFF_MAX)``
seconds (1, 2, 4 ... minutes, at most 6 hours) before it is tried again; a ``Retry-After``
(on 429, 503 or any error answer) is honoured when it asks for longer, up to
``RETRY_AFTER_MAX``. Times are ``datetime`` in UTC; the clock is passed in, so tests and
the benchmark can run without waiting.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from sitrep.errors import InputError

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)
RETRY_AFTER_MAX = timedelta(days=1)
DEFAULT_HOST_DELAY = 1.0  # seconds between two requests to one host
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|h|d)?")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL_SECONDS = 10.0


def parse_interval(value: str) -> float:
    """Seconds in an interval such as ``"90s"``, ``"10m"``, ``"1.5h"``, ``"1d"`` (bare numbers are seconds)."""
    match = _INTERVAL.fullmatch(value.strip().lower())
    if not match:
        raise InputError(f"interval {value[:20]!r} is not valid: use a number and s, m, h or d (e.g. 10m)")
    seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]
    if seconds < MIN_INTERVAL_SECONDS:
        raise InputError(f"interval {value!r} is too short: poll at most every {MIN_INTERVAL_SECONDS:g} s")
    return seconds


def backoff(failures: int) -> timedelta:
    """How long a feed waits after ``failures`` failed polls in a row."""
    if failures <= 0:
        return timedelta(0)
    return min(BACKOFF_BASE * 2 ** min(failures - 1, 20), BACKOFF_MAX)


def retry_after(header: str | None, now: datetime) -> timedelta | None:
    """The wait a ``Retry-After`` header asks for (seconds or an HTTP date), capped; None if absent or unreadable."""
    if not header:
        return None
    value = header.strip()
    if value.isdigit():
        wait = timedelta(seconds=int(value[:9]))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        wait = max(when - now, timedelta(0))
    return min(wait, RETRY_AFTER_MAX)


def next_after_error(failures: int, now: datetime, asked: timedelta | None = None) -> datetime:
    """When a feed that has now failed ``failures`` times in a row may be fetched again."""
    wait = backoff(failures)
    if asked is not None:
        wait = max(wait, asked)
    return now + wait


class HostPacer:
    """Keeps ``delay`` seconds between two requests to one host (the clock and sleep are injectable)."""

    def __init__(
        self,
        delay: float = DEFAULT_HOST_DELAY,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait_for(self, host: str) -> float:
        """Sleep until ``host`` may be asked again; return the seconds slept."""
        host = host.lower()
        last = self._last.get(host)
        waited = 0.0
        if last is not None:
            waited = max(0.0, last + self.delay - self._clock())
            if waited:
                self._sleep(waited)
        self._last[host] = self._clock()
        return waited
