"""The offline gazetteer: countries, first-level divisions, populated places, seas and regions.

The data file ``resources/gazetteer.tsv`` (plain text: reading it is three times faster than
inflating a gzip copy; git compresses it anyway) is built by ``scripts/build_gazetteer.py``
from GeoNames-derived packages (GeoNames, CC BY 4.0). Its first line is
``#sitrep-gazetteer<TAB>places<TAB>countries<TAB>divisions``; then one place per line
(geonames_id, feature, country ISO3, admin1 "CC.code", lat, lon, population, name),
countries first, then first-level divisions, then the rest; then the name index, one
line per normalised name (see :func:`index_keys`) with the line numbers of its places.

Loading splits the file into lines and builds the name dictionary; a place's line is
parsed only when a look-up returns it, which keeps loading fast and memory small.
``load_gazetteer()`` caches the result for the process.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sitrep import resources
from sitrep.errors import ResourceError

GAZETTEER_FILE = "gazetteer.tsv"
MAGIC = "#sitrep-gazetteer"
FEATURE_ORDER = {"country": 0, "admin1": 1}
_SPACES = re.compile(r"\s+")
_KEY_FOLD = str.maketrans(
    {"’": "", "‘": "", "'": "", "`": "", "ʻ": "", "ʼ": "", "–": " ", "—": " ", "‐": " ", "-": " "}
)
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|an|at|az)\s+(?=\w{3})")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The look-up key of a name: no diacritics, apostrophes or hyphens, lower case, single spaces."""
    folded = unicodedata.normalize("NFKD", text.translate(_KEY_FOLD))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _SPACES.sub(" ", folded).strip().lower()


_ABBREVIATIONS = (
    (re.compile(r"^(?:st\.?|ste\.?) "), "saint "),
    (re.compile(r"^mt\.? "), "mount "),
    (re.compile(r"^ft\.? "), "fort "),
)


def expand_abbreviations(key: str) -> str:
    """A name key with "st."/"mt."/"ft." at its start written out: "saint petersburg"."""
    for pattern, full in _ABBREVIATIONS:
        key = pattern.sub(full, key)
    return key


def index_keys(name: str) -> set[str]:
    """The keys a name is indexed under: itself, and without an Arabic article ("Al Qamishli")."""
    key = name_key(name)
    keys = {key}
    bare = _ARTICLE.sub("", key)
    if bare != key:
        keys.add(bare)
    return keys


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer place."""

    key: int
    geonames_id: int | None
    feature: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    name: str

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon), or None when the gazetteer has no coordinates for the place."""
        if self.lat is None or self.lon is None:
            return None
        return self.lat, self.lon


def parse_place(k: int, line: str) -> GeoEntry:
    """One place line of the gazetteer file as an entry."""
    gid, feature, country, admin1, lat, lon, population, name = line.split("\t")
    return GeoEntry(
        key=k,
        geonames_id=int(gid) if gid else None,
        feature=feature,
        country=country or None,
        admin1=admin1 or None,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        population=int(population or 0),
        name=name,
    )


class Gazetteer:
    """Name look-up over the gazetteer; entries are parsed on demand and cached."""

    def __init__(self, places: list[str], index: dict[str, str] | LazyIndex, countries: int, divisions: int) -> None:
        self._places = places
        self._index = index
        self._cache: dict[int, GeoEntry] = {}
        self._countries: dict[str, int] = {}
        self._divisions: dict[str, int] = {}
        for k in range(countries):
            self._countries[places[k].split("\t", 3)[2]] = k
        for k in range(countries, countries + divisions):
            self._divisions[places[k].split("\t", 4)[3]] = k

    def __len__(self) -> int:
        return len(self._places)

    def entry(self, k: int) -> GeoEntry:
        found = self._cache.get(k)
        if found is None:
            found = self._cache[k] = parse_place(k, self._places[k])
        return found

    def summary(self, k: int) -> tuple[str, int, str]:
        """Feature, population and name of place ``k``, without parsing the whole line."""
        fields = self._places[k].split("\t")
        return fields[1], int(fields[6] or 0), fields[7]

    def lookup(self, name: str) -> list[GeoEntry]:
        """Every place called ``name`` (main or alternate name), most populous first."""
        return self.lookup_key(name_key(name))

    def lookup_key(self, key: str) -> list[GeoEntry]:
        """The places indexed under a pre-normalised key."""
        found = self._index.get(key)
        if not found:
            return []
        return [self.entry(int(k)) for k in dict.fromkeys(found.split(","))]

    def knows(self, name: str) -> bool:
        return name_key(name) in self._index

    def country(self, iso3: str | None) -> GeoEntry | None:
        """The country entry of an ISO 3166-1 alpha-3 code."""
        k = self._countries.get(iso3 or "")
        return None if k is None else self.entry(k)

    def division(self, admin1: str | None) -> GeoEntry | None:
        """The first-level division with this "CC.code" key."""
        k = self._divisions.get(admin1 or "")
        return None if k is None else self.entry(k)

    def is_main_name(self, entry: GeoEntry, name: str) -> bool:
        """Whether ``name`` is the entry's main name ("St. Petersburg" is "Saint Petersburg")."""
        main, given = expand_abbreviations(name_key(entry.name)), expand_abbreviations(name_key(name))
        return main in index_keys(given) or given in index_keys(main)

    def countries(self) -> list[GeoEntry]:
        return [self.entry(k) for k in self._countries.values()]

    def divisions(self) -> list[GeoEntry]:
        return [self.entry(k) for k in self._divisions.values()]

    def names_of(self, predicate) -> list[str]:
        """Index keys whose places satisfy ``predicate(entry)`` (for building patterns)."""
        return [key for key, ks in self._index.items() if any(predicate(self.entry(int(k))) for k in ks.split(","))]


class LazyIndex:
    """The name index, read shard by shard: the keys sharing their first two characters become a dict when first asked for.

    The index block is sorted by key, so a shard is found by binary search over the
    block's lines and parsed only when a look-up needs it; loading costs no parsing.
    """

    def __init__(self, block: str) -> None:
        self._block = block
        self._shards: dict[str, dict[str, str]] = {}

    def _line_key(self, start: int) -> tuple[str, int]:
        end = self._block.find("\n", start)
        end = len(self._block) if end < 0 else end
        tab = self._block.find("\t", start, end)
        return self._block[start : tab if tab >= 0 else end], end

    def _lower_bound(self, prefix: str) -> int:
        """Offset of the first line whose key is not below ``prefix``."""
        block = self._block
        lo, hi = 0, len(block)
        while lo < hi:
            mid = block.rfind("\n", lo, (lo + hi) // 2) + 1
            mid = max(mid, lo)
            key, end = self._line_key(mid)
            if key < prefix:
                lo = end + 1
            else:
                hi = mid
        return min(lo, len(block))

    def _shard(self, key: str) -> dict[str, str]:
        prefix = key[:2]
        shard = self._shards.get(prefix)
        if shard is None:
            chunk = self._block[self._lower_bound(prefix) : self._lower_bound(prefix + "\uffff")].strip("\n")
            parts = chunk.replace("\t", "\n").split("\n") if chunk else []
            shard = self._shards[prefix] = dict(zip(parts[0::2], parts[1::2], strict=False))
        return shard

    def get(self, key: str) -> str | None:
        return self._shard(key).get(key) if key else None

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def items(self):
        """Every (key, line numbers) pair; parses the whole block (for building patterns)."""
        parts = self._block.strip("\n").replace("\t", "\n").split("\n")
        return zip(parts[0::2], parts[1::2], strict=False)


def parse_gazetteer(text: str, source: str = GAZETTEER_FILE) -> Gazetteer:
    """Build a :class:`Gazetteer` from the decompressed file; the name index stays lazy (:class:`LazyIndex`)."""
    head = text[: text.find("\n")].split("\t")
    if head[0] != MAGIC or len(head) != 4:
        raise ResourceError(f"{source}: not a sitrep gazetteer file (bad first line)")
    try:
        n_places, n_countries, n_divisions = (int(v) for v in head[1:])
    except ValueError as exc:
        raise ResourceError(f"{source}: bad counts in the first line") from exc
    lines = text.split("\n", n_places + 1)
    if len(lines) < n_places + 2:
        raise ResourceError(f"{source}: fewer place lines than the first line says")
    return Gazetteer(lines[1 : n_places + 1], LazyIndex(lines[n_places + 1]), n_countries, n_divisions)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    text = resources.read_text(GAZETTEER_FILE)
    return parse_gazetteer(text)
