"""MinHash signatures (``sitrep.keys.Sketcher``, re-exported) and a compact LSH band index over them.

Two sets whose signatures agree on every row of at least one band become candidates;
the caller then verifies them. Candidate-ness is symmetric and depends only on the two
signatures, so which pairs get compared never depends on arrival order.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from sitrep.keys import KEY_MASK as KEY_MASK
from sitrep.keys import Sketcher as Sketcher
from sitrep.keys import containment as containment
from sitrep.keys import jaccard as jaccard


class Buckets:
    """Members filed by integer bucket key, for candidate lookup (LSH bands, blocking keys).

    A bucket holds its one member directly, or a list once it has several: most buckets
    stay single, which halves the memory of an index over millions of documents.
    """

    def __init__(self) -> None:
        self._buckets: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._buckets)

    def candidates(self, keys: Iterable[int]) -> list[Hashable]:
        """Every member filed under any of ``keys``, each once, in filing order."""
        found: dict[Hashable, None] = {}
        for key in keys:
            bucket = self._buckets.get(key)
            if bucket is None:
                continue
            if isinstance(bucket, list):
                found.update(dict.fromkeys(bucket))
            else:
                found[bucket] = None
        return list(found)

    def add(self, keys: Iterable[int], member: Hashable) -> None:
        for key in keys:
            bucket = self._buckets.get(key)
            if bucket is None:
                self._buckets[key] = member
            elif isinstance(bucket, list):
                bucket.append(member)
            else:
                self._buckets[key] = [bucket, member]
