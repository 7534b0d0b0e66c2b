"""One home for cross-document keys and fingerprints (sitrep.keys), shared by store and fusion."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import sitrep.keys as keys
from sitrep.fuse import entities, graph, rules, sketch, syndication, text

MIGRATIONS = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "store" / "migrations" / "versions"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_migrations_import_no_live_sitrep_code():
    for path in sorted(MIGRATIONS.glob("[0-9]*.py")):
        live = sorted(m for m in imported_modules(path) if m == "sitrep" or m.startswith("sitrep."))
        assert live == [], f"{path.name} imports {live}: a migration keeps frozen copies of what it needs"


def test_the_store_loads_no_fusion_code_and_keys_load_neither():
    probe = (
        "import sys, sitrep.store, sitrep.keys; "
        "print(sorted({m.split('.')[1] for m in sys.modules if m.startswith('sitrep.') and m.count('.') >= 1}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert "fuse" not in out and "store" in out
    assert imported_modules(Path(keys.__file__)) & {"sitrep.fuse", "sitrep.store"} == set()


def test_fusion_uses_the_same_functions_and_rules():
    assert entities.actor_key is keys.actor_key and entities.place_key is keys.place_key
    assert entities.most_common is keys.most_common and graph.UnionFind is keys.UnionFind
    assert syndication.CopyTest is keys.CopyTest and sketch.Sketcher is keys.Sketcher
    assert text.fold is keys.fold and text.words is keys.words and text.stable_hash is keys.stable_hash
    fused = rules.load_rules()
    assert fused.entities == keys.load_key_rules().entities
    assert fused.syndication == keys.load_key_rules().syndication


def test_keys_of_actors_and_places():
    rule = keys.load_key_rules().entities
    assert keys.actor_key({"name": "North Korea", "type": "state", "country": "PRK"}, rule) == "state:PRK"
    assert keys.actor_key({"name": "President Mark Rutte", "type": "person"}, rule) == "actor:mark rutte"
    assert keys.place_key({"name": "Kursk Oblast", "feature": "admin1", "country": "RUS"}, rule) == "admin1:RUS:kursk"


def test_a_copy_is_a_copy_and_another_story_is_not():
    story = "\n".join(
        f"Paragraph {n}: the convoy reached the river crossing near Djibo at dawn on Monday." for n in range(4)
    )
    other = "\n".join(f"Item {n}: the council voted to reopen the schools in the capital next month." for n in range(4))
    test = keys.copy_test()
    mine = test.fingerprint(story, None)
    assert test.is_copy(mine, test.fingerprint("Convoy reaches crossing\n" + story, "Convoy reaches crossing"))
    assert not test.is_copy(mine, test.fingerprint(other, None))
    assert test.band_keys(mine) and all(0 <= k <= keys.KEY_MASK for k in test.band_keys(mine))
