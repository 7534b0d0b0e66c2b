"""Cross-document keys and fingerprints, shared by the store and the picture.

The store files every actor and place under a key and every document's MinHash
fingerprint at ingest; the picture (``sitrep.fuse``) computes the same keys and
fingerprints when it fuses. Both import them from here, and this module imports
neither of them, so the rules live in one place:

- text folding: ``fold``, ``words``, ``stable_hash``;
- entity keys: ``actor_key``, ``place_key`` (from ``name_words``) and ``most_common``,
  the order-free pick of a key's display name;
- fingerprints: ``CopyTest`` turns a story's body into a ``Fingerprint`` (MinHash over
  word shingles, ``Sketcher``), its LSH band keys, and the copy test between two;
- ``UnionFind``, the order-free grouping that turns copy pairs into stories;
- the rules they follow, the ``entities`` and ``syndication`` sections of
  ``resources/fusion.json`` (``load_key_rules``).

Store migrations do not import this module: each keeps a frozen copy of what it
applied, so changing a rule here never changes what an old upgrade wrote.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

import numpy as np

from sitrep import resources
from sitrep.errors import ResourceError

RULES_FILE = "fusion.json"
T = TypeVar("T", bound=Hashable)

# -- text ------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")  # combining marks


def fold(text: str) -> str:
    """Casefolded text without accents or typographic quotes, for comparisons."""
    if text.isascii():
        return text.casefold()
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return bare.replace("\u2019", "'").replace("\u2018", "'").casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text`` ("10,000" stays one word: "10000")."""
    return _WORD.findall(_THOUSANDS.sub("", fold(text)))


def stable_hash(text: str) -> int:
    """A 32-bit hash that is the same in every process (unlike ``hash``)."""
    return zlib.crc32(text.encode("utf-8"))


# -- rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SketchRules:
    """MinHash/LSH settings and the thresholds that make two sketched texts "the same"."""

    num_perm: int
    seed: int
    bands: int
    rows: int
    jaccard: float
    containment: float


@dataclass(frozen=True)
class SyndicationRules(SketchRules):
    shingle_words: int
    min_shingles: int


@dataclass(frozen=True)
class EntityRules:
    country_level_types: dict[str, str]  # contract actor type -> key prefix
    titles: tuple[str, ...]  # longest first
    transliterations: tuple[tuple[re.Pattern[str], str], ...]
    aliases: dict[str, str]
    place_generic_words: tuple[str, ...]


@dataclass(frozen=True)
class KeyRules:
    """The rules behind keys and fingerprints."""

    entities: EntityRules
    syndication: SyndicationRules


SKETCH_FIELDS = ("num_perm", "seed", "bands", "rows", "jaccard", "containment")


def sketch_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """The ``SketchRules`` fields of a rules section."""
    return {k: raw[k] for k in SKETCH_FIELDS}


def check_sketch(name: str, raw: dict[str, Any]) -> None:
    if raw["bands"] * raw["rows"] > raw["num_perm"]:
        raise ResourceError(f"{RULES_FILE}: {name} bands x rows exceeds num_perm")


def syndication_rules(raw: dict[str, Any]) -> SyndicationRules:
    """The ``syndication`` section of the fusion rules."""
    check_sketch("syndication", raw)
    return SyndicationRules(**sketch_fields(raw), shingle_words=raw["shingle_words"], min_shingles=raw["min_shingles"])


def entity_rules(raw: dict[str, Any]) -> EntityRules:
    """The ``entities`` section of the fusion rules."""
    return EntityRules(
        country_level_types=dict(raw["country_level_types"]),
        titles=tuple(sorted(raw["titles"], key=len, reverse=True)),
        transliterations=tuple((re.compile(p), r) for p, r in raw["transliterations"]),
        aliases=dict(raw["aliases"]),
        place_generic_words=tuple(raw["place_generic_words"]),
    )


@lru_cache(maxsize=1)
def rules_data() -> dict[str, Any]:
    """The bundled ``fusion.json``, parsed (the fusion rules read the rest of it)."""
    return resources.json_object(RULES_FILE)


@lru_cache(maxsize=1)
def load_key_rules() -> KeyRules:
    """The bundled rules for entity keys and syndication fingerprints."""
    raw = rules_data()
    try:
        return KeyRules(entities=entity_rules(raw["entities"]), syndication=syndication_rules(raw["syndication"]))
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ResourceError(f"{RULES_FILE}: cannot load the key rules ({type(exc).__name__}: {exc})") from exc


# -- entity keys -----------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"[\s-]+")


def name_words(name: str, rules: EntityRules, strip_titles: bool = False) -> list[str]:
    """Folded words of a name, titles removed for persons, transliteration variants unified."""
    text = _SPACES.sub(" ", _NON_WORD.sub(" ", fold(name))).strip()
    text = rules.aliases.get(text, text)
    if strip_titles:
        changed = True
        while changed:
            changed = False
            for title in rules.titles:
                if text.startswith(title + " ") and len(text) > len(title) + 1:
                    text, changed = text[len(title) + 1 :], True
    out = []
    for written in text.split():
        word = written
        for pattern, replacement in rules.transliterations:
            word = pattern.sub(replacement, word)
        out.append(word)
    return out


def actor_key(actor: dict[str, Any], rules: EntityRules) -> str:
    """The canonical key of an actor item: by country for country-level actors, else by name."""
    prefix = rules.country_level_types.get(actor.get("type") or "")
    country = actor.get("country")
    if prefix and country:
        return f"{prefix}:{country}"
    words = name_words(actor.get("name") or "", rules, strip_titles=actor.get("type") == "person")
    return "actor:" + " ".join(words)


def place_key(place: dict[str, Any], rules: EntityRules) -> str:
    """The canonical key of a place item: its country, or feature, country and folded name."""
    feature = place.get("feature") or "other"
    country = place.get("country") or "-"
    if feature == "country" and place.get("country"):
        return f"country:{country}"
    words = name_words(place.get("name") or "", rules)
    kept = [w for w in words if w not in rules.place_generic_words] or words
    return f"{feature}:{country}:{' '.join(kept)}"


def most_common(counter: Counter[str]) -> str | None:
    """The most frequent value; ties broken alphabetically so the answer is order-free."""
    if not counter:
        return None
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


# -- fingerprints ----------------------------------------------------------------------

SCHEME = "affine32"  # 32-bit hash values: half the memory of the legacy scheme
KEY_MASK = (1 << 30) - 1  # bucket keys below 2**30 are CPython's smallest int objects
_MULTIPLIER = np.uint64(0x01000193)  # the FNV prime: spreads word hashes across shingle positions
_LOW32 = np.uint64(0xFFFFFFFF)


def _identity(value: int) -> int:
    return value


def _minhash() -> Any:
    """datasketch's MinHash, imported on first use (datasketch pulls in scipy: seconds at start)."""
    from datasketch import MinHash

    return MinHash


class Sketcher:
    """Signs sets of byte strings with one fixed family of permutations."""

    def __init__(self, rules: SketchRules) -> None:
        self.rules = rules
        template = _minhash()(num_perm=rules.num_perm, seed=rules.seed, hashfunc=_identity, scheme=SCHEME)
        self._permutations = template.permutations

    def signature_of_hashes(self, hashes: np.ndarray) -> np.ndarray:
        """The MinHash signature of a set already hashed to 32-bit integers."""
        sketch = _minhash()(
            num_perm=self.rules.num_perm,
            seed=self.rules.seed,
            hashfunc=_identity,
            permutations=self._permutations,
            scheme=SCHEME,
        )
        sketch.update_batch(hashes.tolist())
        return np.asarray(sketch.hashvalues, dtype=np.uint32)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One 30-bit bucket key per band (small ints: a collision only adds a candidate to verify)."""
        rows, keys = self.rules.rows, []
        raw = signature.tobytes()
        width = rows * signature.itemsize
        for band in range(self.rules.bands):
            chunk = raw[band * width : (band + 1) * width]
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


def story_body(text: str, title: str | None) -> str:
    """The text without a first line that only repeats the headline."""
    first, _, rest = text.partition("\n")
    if title and " ".join(words(first)) == " ".join(words(title)):
        return rest
    return text


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """Distinct 32-bit hashes of the word ``size``-grams within each paragraph (a short
    paragraph is one shingle). Each word is hashed once; a shingle's hash is a polynomial
    of its words' hashes, computed for all shingles of a paragraph at once."""
    found = []
    for paragraph in text.splitlines():
        tokens = words(paragraph)
        if not tokens:
            continue
        ids = np.fromiter((stable_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
        width = min(size, len(ids))
        count = len(ids) - width + 1
        rolled = np.zeros(count, dtype=np.uint64)
        for k in range(width):
            rolled = (rolled * _MULTIPLIER + ids[k : k + count]) & _LOW32
        found.append(rolled)
    if not found:
        return np.zeros(0, dtype=np.uint64)
    return np.unique(np.concatenate(found))


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A document's MinHash signature and the number of shingles it summarises."""

    signature: np.ndarray
    size: int


class CopyTest:
    """Fingerprints documents and tells copies apart from other stories (no index, no state)."""

    def __init__(self, rules: SyndicationRules) -> None:
        self.rules = rules
        self._sketcher = Sketcher(rules)

    def fingerprint(self, text: str, title: str | None) -> Fingerprint:
        found = shingle_hashes(story_body(text, title), self.rules.shingle_words)
        return Fingerprint(self._sketcher.signature_of_hashes(found), len(found))

    def band_keys(self, mine: Fingerprint) -> list[int]:
        """The LSH bucket keys of a fingerprint; none when it is too small to compare."""
        return [] if mine.size < self.rules.min_shingles else self._sketcher.band_keys(mine.signature)

    def is_copy(self, a: Fingerprint, b: Fingerprint) -> bool:
        """Whether two fingerprints belong to copies of one story."""
        if min(a.size, b.size) < self.rules.min_shingles:
            return False
        similarity = jaccard(a.signature, b.signature)
        if similarity >= self.rules.jaccard:
            return True
        return containment(similarity, a.size, b.size) >= self.rules.containment


@lru_cache(maxsize=1)
def copy_test() -> CopyTest:
    """The copy test of the bundled syndication rules."""
    return CopyTest(load_key_rules().syndication)


# -- grouping --------------------------------------------------------------------------


class UnionFind(Generic[T]):
    """Disjoint sets that also know their members; unions only, never splits.

    Only sets of two or more keep a member list, so a million singletons cost one dict entry each.
    """

    def __init__(self) -> None:
        self._parent: dict[T, T] = {}
        self._members: dict[T, list[T]] = {}

    def __contains__(self, item: object) -> bool:
        return item in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def add(self, item: T) -> None:
        if item not in self._parent:
            self._parent[item] = item

    def find(self, item: T) -> T:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> T:
        """Join the sets of ``a`` and ``b``; return the root of the joined set."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return root_a
        if self.size(root_a) < self.size(root_b):
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        joined = self._members.setdefault(root_a, [root_a])
        joined.extend(self._members.pop(root_b, [root_b]))
        return root_a

    def size(self, item: T) -> int:
        return len(self._members.get(self.find(item), (item,)))

    def members(self, item: T) -> list[T]:
        """Every item in the set of ``item`` (in no particular order)."""
        root = self.find(item)
        return self._members.get(root) or [root]

    def components(self) -> Iterator[list[T]]:
        """Each set once (in no particular order)."""
        yield from self._members.values()
        for item, parent in self._parent.items():
            if item == parent and item not in self._members:
                yield [item]
