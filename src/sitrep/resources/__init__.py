"""The data files bundled with sitrep (word lists, rules, patterns, the gazetteer), read through one loader.

Every module reads its files with these functions, so that a missing, unreadable or
malformed file, a row with the wrong number of cells or a missing key fails with one
:class:`~sitrep.errors.ResourceError` naming the file (and the row), never with a
``KeyError`` from inside a stage. :func:`check` loads every lexicon once, before a batch
starts, so a broken file stops the run at once instead of failing each document.

TSV files: one row a line, cells separated by tabs; blank lines and lines starting
with ``#`` are skipped; cells are stripped of surrounding spaces.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from sitrep.errors import ResourceError

__all__ = [
    "LOADERS",
    "Row",
    "check",
    "json_lines",
    "json_object",
    "read_bytes",
    "read_text",
    "reading",
    "records",
    "rows",
]

# Every cached loader of bundled data, as "module:function"; :func:`check` runs them all.
LOADERS = (
    "sitrep.schema:load_schema",
    "sitrep.keys:load_key_rules",
    "sitrep.fuse.rules:load_rules",
    "sitrep.geo.gazetteer:load_gazetteer",
    "sitrep.geo.lexicon:load_lexicon",
    "sitrep.nlp.outlets:outlet_heads",
    "sitrep.layers.places.stage:load_context",
    "sitrep.layers.places.stage:load_stoplist",
    "sitrep.layers.actors.names:not_names",
    "sitrep.layers.actors.drafts:load_patterns",
    "sitrep.layers.actors.collectives:load_collectives",
    "sitrep.layers.times.stage:grammar",
    "sitrep.layers.figures.numbers:lexicon",
    "sitrep.layers.figures.stage:lexicon",
    "sitrep.layers.figures.context:rules",
    "sitrep.layers.claims.cues:load_cues",
    "sitrep.layers.claims.cues:load_claim_words",
    "sitrep.layers.events.lexicon:load_lexicon",
    "sitrep.layers.links.tolls:patterns",
    "sitrep.export.acled_report:load_mapping",
)


@dataclass(frozen=True)
class Row:
    """One data line of a TSV resource: the file, its 1-based line number and its cells."""

    file: str
    number: int
    cells: list[str]

    @property
    def where(self) -> str:
        """``file:line``, for error messages."""
        return f"{self.file}:{self.number}"

    def error(self, problem: str) -> ResourceError:
        """A ResourceError naming this row."""
        return ResourceError(f"{self.where}: {problem}")

    def expect(self, least: int, most: int | None = None) -> list[str]:
        """The cells, after checking there are between ``least`` and ``most`` of them."""
        most = least if most is None else most
        if not least <= len(self.cells) <= most:
            wanted = str(least) if least == most else f"{least} to {most}"
            raise self.error(f"expected {wanted} tab-separated cells, found {len(self.cells)}")
        return self.cells


def _root() -> Traversable:
    return resources.files(__name__)


def read_bytes(name: str) -> bytes:
    """The raw bytes of a bundled file."""
    path = _root().joinpath(name)
    if not path.is_file():
        raise ResourceError(f"{name}: bundled resource file is missing from sitrep/resources")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ResourceError(f"{name}: cannot be read ({exc.strerror or exc})") from exc


def read_text(name: str) -> str:
    """A bundled text file (UTF-8)."""
    try:
        return read_bytes(name).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{name}: not UTF-8 text (byte {exc.start})") from exc


def json_object(name: str) -> dict[str, Any]:
    """A bundled JSON file whose top level is an object."""
    try:
        data = json.loads(read_text(name))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{name}:{exc.lineno}: malformed JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise ResourceError(f"{name}: expected a JSON object at the top level")
    return data


def json_lines(name: str) -> list[dict[str, Any]]:
    """A bundled JSON Lines file: one object a non-blank line."""
    found = []
    for number, line in enumerate(read_text(name).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ResourceError(f"{name}:{number}: malformed JSON ({exc.msg})") from exc
        if not isinstance(item, dict):
            raise ResourceError(f"{name}:{number}: expected a JSON object")
        found.append(item)
    return found


def rows(name: str) -> list[Row]:
    """The data rows of a bundled TSV file (comments and blank lines skipped, cells stripped)."""
    found = []
    for number, line in enumerate(read_text(name).splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            found.append(Row(name, number, [cell.strip() for cell in line.split("\t")]))
    return found


def records(name: str) -> list[dict[str, str]]:
    """The rows of a bundled TSV file whose first data line names the columns."""
    table = rows(name)
    if not table:
        raise ResourceError(f"{name}: no header line")
    header = table[0].cells
    found = []
    for row in table[1:]:
        if len(row.cells) > len(header):
            raise row.error(f"{len(row.cells)} cells, more than the header's {len(header)}")
        found.append(dict(zip(header, row.cells + [""] * (len(header) - len(row.cells)), strict=True)))
    return found


@contextmanager
def reading(name: str) -> Iterator[None]:
    """Turn a missing key or a value of the wrong kind met while building from ``name`` into one ResourceError."""
    try:
        yield
    except ResourceError:
        raise
    except KeyError as exc:
        raise ResourceError(f"{name}: missing key {exc}") from exc
    except (TypeError, ValueError, IndexError, AttributeError) as exc:
        raise ResourceError(f"{name}: unexpected content ({type(exc).__name__}: {exc})") from exc


def _loader(path: str) -> Callable[[], object]:
    module, function = path.split(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def check() -> int:
    """Load every bundled resource once (cached for the run); the number of loaders, or a ResourceError."""
    for path in LOADERS:
        _loader(path)()
    return len(LOADERS)
