"""MinHash signatures (datasketch) and a compact LSH band index over them.

Two sets whose signatures agree on every row of at least one band become candidates;
the caller then verifies them. Candidate-ness is symmetric and depends only on the two
signatures, so which pairs get compared never depends on arrival order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]

from sitrep.fuse.rules import SketchRules

SCHEME = "affine32"  # 32-bit hash values: half the memory of the legacy scheme
KEY_MASK = (1 << 30) - 1  # bucket keys below 2**30 are CPython's smallest int objects


def _identity(value: int) -> int:
    return value


class Sketcher:
    """Signs sets of byte strings with one fixed family of permutations."""

    def __init__(self, rules: SketchRules) -> None:
        self.rules = rules
        template = MinHash(num_perm=rules.num_perm, seed=rules.seed, hashfunc=_identity, scheme=SCHEME)
        self._permutations = template.permutations

    def signature_of_hashes(self, hashes: np.ndarray) -> np.ndarray:
        """The MinHash signature of a set already hashed to 32-bit integers."""
        sketch = MinHash(num_perm=self.rules.num_perm, seed=self.rules.seed, hashfunc=_identity,
                         permutations=self._permutations, scheme=SCHEME)
        sketch.update_batch(hashes.tolist())
        return np.asarray(sketch.hashvalues, dtype=np.uint32)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One 30-bit bucket key per band (small ints: a collision only adds a candidate to verify)."""
        rows, keys = self.rules.rows, []
        raw = signature.tobytes()
        width = rows * signature.itemsize
        for band in range(self.rules.bands):
            chunk = raw[band * width:(band + 1) * width]
            digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=4).digest()
            keys.append(int.from_bytes(digest, "little") & KEY_MASK)
        return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment(j: float, size_a: int, size_b: int) -> float:
    """The share of the smaller set found in the larger, from Jaccard and the two set sizes."""
    if min(size_a, size_b) == 0:
        return 0.0
    overlap = j * (size_a + size_b) / (1.0 + j)
    return min(1.0, overlap / min(size_a, size_b))


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
