"""Live feeds: ``sitrep watch`` polls RSS/Atom feeds and OPML lists into the store.

:mod:`.watcher` (the loop and what it stores), :mod:`.poll` (one conditional GET and the
entries it brings), :mod:`.schedule` (intervals, backoff, Retry-After, per-host delay),
:mod:`.opml` (subscription lists), :mod:`.live` (the terminal table). The state lives in
the store (``sitrep.store.feeds``), so a watcher can stop and resume at any time.
"""

from sitrep.watch.watcher import FeedReport, RoundReport, Watcher, store_article

__all__ = ["FeedReport", "RoundReport", "Watcher", "store_article"]
