"""The lazy name index: every key found, shards parsed on demand."""

from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import LazyIndex, expand_abbreviations, load_gazetteer

KEYS = {"a": "1", "aa": "2", "ab": "3,4", "abc": "5", "b": "6", "ba x": "7", "~zz": "8", "\u00e9t": "9"}


def _index() -> LazyIndex:
    return LazyIndex("\n".join(f"{k}\t{v}" for k, v in sorted(KEYS.items())) + "\n")


@pytest.mark.parametrize(("key", "value"), [*KEYS.items(), ("zz", None), ("", None), ("ac", None), ("abd", None)])
def test_every_key_is_found_and_no_other(key: str, value: str | None) -> None:
    assert _index().get(key) == value


def test_items_give_the_whole_index() -> None:
    assert dict(_index().items()) == KEYS


def test_a_lookup_parses_only_its_shard() -> None:
    index = _index()
    index.get("ab")
    assert list(index._shards) == ["ab"]


def test_the_bundled_gazetteer_loads_lazily_and_finds_names() -> None:
    gazetteer = load_gazetteer()
    assert any(e.name == "Kursk" for e in gazetteer.lookup("Kursk"))
    assert gazetteer.knows("Khan Yunis")


@pytest.mark.parametrize(
    ("key", "expanded"), [("st. petersburg", "saint petersburg"), ("mt pleasant", "mount pleasant"), ("stow", "stow")]
)
def test_abbreviations_are_written_out(key: str, expanded: str) -> None:
    assert expand_abbreviations(key) == expanded
