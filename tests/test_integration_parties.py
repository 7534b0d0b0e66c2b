"""An event's party named by a possessive ("its fighters") is the owner's, never a new actor "fighters"."""

from __future__ import annotations

import pytest

from sitrep.model import Document
from sitrep.pipeline import extract


@pytest.mark.parametrize(
    "text",
    [
        "The RSF said in a statement that its fighters had repelled an attack by the army.",
        "Gunmen stormed the village on Sunday and their fighters burned forty homes.",
        "Hamas said its fighters had ambushed an Israeli patrol in Rafah.",
    ],
)
def test_a_possessive_party_is_no_new_actor(text: str) -> None:
    extraction = extract(Document(text=text, published="2024-05-02"))
    assert not any(a.name == "fighters" for a in extraction.actors)
