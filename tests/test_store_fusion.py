"""Cross-document keys kept by the store: syndication stories filed at ingest, entity keys."""

from __future__ import annotations

import itertools
from pathlib import Path

from alembic import command

from sitrep.fuse import build_picture
from sitrep.store import Store
from sitrep.store.migrate import alembic_config
from test_fuse_support import Doc
from test_fuse_syndication import HEADLINE, INDEPENDENT_STORY, WIRE_STORY, variant

pytest_plugins = ["store_fixtures"]  # the store_url and store fixtures


def flood_documents() -> list[Doc]:
    """A wire story, three copies of it (re-headlined, truncated, edited) and one independent story."""
    docs = [Doc(text=WIRE_STORY, title=HEADLINE, source="Northgate Wire")]
    for outlet, kind in (("Keston Courier", "reheadlined"), ("Daily Alder", "truncated"), ("Coast Post", "edited")):
        title, text = variant(kind)
        docs.append(Doc(text=text, title=title, source=outlet))
    docs.append(Doc(text=INDEPENDENT_STORY, source="Valley Times"))
    for doc in docs:
        doc.actor("Marrow Valley Rescue Service", "organization", "NOR")
        doc.place("Keston", "city", "NOR", 60.0, 10.0)
    return docs


def test_copies_form_one_story_at_ingest(store: Store) -> None:
    docs = flood_documents()
    for doc in docs:
        store.save_document(doc.to_dict())
    copies = sorted(d.id for d in docs[:4])
    assert store.story_groups() == [copies]
    assert store.story_groups(min_size=1) == sorted([copies, [docs[4].id]])


def test_stories_match_the_fused_picture_and_do_not_depend_on_order(tmp_path: Path) -> None:
    docs = flood_documents()
    picture_groups = [g["documents"] for g in build_picture(d.to_dict() for d in docs).to_dict()["syndication"]]
    for number, order in enumerate(itertools.islice(itertools.permutations(docs), 0, 120, 23)):
        with Store.open(f"sqlite:///{tmp_path / f'order{number}.db'}") as store:
            for doc in order:
                store.save_document(doc.to_dict())
            assert store.story_groups() == picture_groups


def test_deleting_the_copy_that_linked_two_others_splits_the_story(store: Store) -> None:
    full = Doc(text=WIRE_STORY, title=HEADLINE, source="Northgate Wire")
    paragraphs = WIRE_STORY.split("\n")
    head = Doc(text="\n".join(paragraphs[:3]), source="Keston Courier")  # a truncated copy
    tail = Doc(text="\n".join(paragraphs[3:]), source="Coast Post")  # the rest only: shares nothing with head
    for doc in (head, tail, full):
        store.save_document(doc.to_dict())
    assert store.story_groups() == [sorted([full.id, head.id, tail.id])]
    store.delete_document(full.id)
    assert store.story_groups() == []
    assert store.story_groups(min_size=1) == sorted([[head.id], [tail.id]])


def test_one_actor_in_many_documents_is_one_entity_with_its_aliases(store: Store) -> None:
    first, second, third = Doc(), Doc(), Doc()
    first.actor("President Maria Okafor", "person", "NGA")
    second.actor("Maria Okafor", "person", "NGA")
    third.actor("Nigerian Army", "armed_forces", "NGA")
    third.actor("Nigeria's army", "armed_forces", "NGA")
    for doc in (first, second, third):
        store.save_document(doc.to_dict())
    people = store.entities(kind="actor", query="okafor")
    assert [(e.key, e.documents, e.aliases) for e in people] == [
        ("actor:maria okafor", 2, ("Maria Okafor", "President Maria Okafor"))
    ]
    army = store.entities(query="nigeria's")
    assert [(e.key, e.documents, e.type_or_feature, e.country) for e in army] == [
        ("forces:NGA", 1, "armed_forces", "NGA")
    ]
    assert store.entities(kind="place") == []


def test_upgrading_an_older_store_fills_in_keys_and_stories(store_url: str) -> None:
    url = store_url
    docs = flood_documents()
    with Store.open(url) as store:
        for doc in docs:
            store.save_document(doc.to_dict())
        expected_groups, expected_entities = store.story_groups(), store.entities()
        command.downgrade(alembic_config(url=url), "0001")  # back to a store written before keys existed
    with Store.open(url) as store:  # migrates to head, filling in from the stored extractions
        assert store.story_groups() == expected_groups
        assert store.entities() == expected_entities
