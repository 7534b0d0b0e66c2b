"""The cue lexicon and word lists of the claims layer: loading, validation, lookup."""

from __future__ import annotations

import pytest

from sitrep.errors import ResourceError
from sitrep.layers.claims.cues import Cue, load_claim_words, load_cues, parse_cue
from sitrep.model import FACTUALITIES, STANCES
from sitrep.nlp import parse


def test_lexicon_has_at_least_150_entries() -> None:
    assert len(load_cues()) >= 150


def test_lexicon_is_loaded_once() -> None:
    assert load_cues() is load_cues()
    assert load_claim_words() is load_claim_words()


def test_every_entry_has_a_contract_stance_and_factuality() -> None:
    lexicon = load_cues()
    entries = [c for group in lexicon.verbs.values() for c in group]
    entries += list(lexicon.nouns.values()) + [c for group in lexicon.phrases.values() for c in group]
    assert all(c.stance in STANCES for c in entries)
    assert all(c.factuality is None or c.factuality in FACTUALITIES for c in entries)


@pytest.mark.parametrize(
    ("cue", "stance"),
    [
        ("say", "report"),
        ("confirm", "confirm"),
        ("deny", "deny"),
        ("allege", "allege"),
        ("warn", "warn"),
        ("urge", "call"),
        ("plan", "plan"),
        ("estimate", "estimate"),
        ("insist", "assert"),
    ],
)
def test_verb_classes(cue: str, stance: str) -> None:
    entry = next(c for c in load_cues().verbs[cue] if len(c.words) == 1)
    assert entry.stance == stance


def test_deny_fixes_counterfact_and_say_reads_the_content() -> None:
    verbs = load_cues().verbs
    assert verbs["deny"][0].factuality == "counterfact" and not verbs["deny"][0].refinable
    assert verbs["say"][0].factuality is None and verbs["say"][0].refinable


def test_two_word_verb_is_preferred_when_its_particle_is_present() -> None:
    text = "The mayor called for calm."
    parsed = parse(text)
    verb = next(t for t in parsed.tokens if t.lemma == "call")
    assert load_cues().verb_cue(parsed, verb).text == "call for"


def test_single_word_entry_without_the_particle() -> None:
    parsed = parse("She called the plan reckless.")
    verb = next(t for t in parsed.tokens if t.lemma == "call")
    assert load_cues().verb_cue(parsed, verb).text == "call"


def test_phrase_lookup_by_first_word() -> None:
    parsed = parse("According to the ministry, the bridge was closed.")
    assert load_cues().phrase_at(parsed, 0).text == "according to"
    assert load_cues().phrase_at(parsed, 1) is None


def test_parse_cue_accepts_a_well_formed_row() -> None:
    cue = parse_cue(["point out", "verb", "assert", "content", "-", "that,quote"], "row")
    assert isinstance(cue, Cue)
    assert cue.preposition == "out" and cue.allows("quote") and cue.factuality is None


@pytest.mark.parametrize(
    "cells",
    [
        ["say", "verb", "report", "content", "-"],
        ["say", "adjective", "report", "content", "-", "that"],
        ["say", "verb", "shout", "content", "-", "that"],
        ["say", "verb", "report", "maybe", "-", "that"],
        ["say", "verb", "report", "content", "sure", "that"],
        ["say", "verb", "report", "content", "-", "that,telepathy"],
    ],
)
def test_parse_cue_rejects_malformed_rows(cells: list[str]) -> None:
    with pytest.raises(ResourceError, match="row 7"):
        parse_cue(cells, "row 7")


def test_claim_words_categories() -> None:
    words = load_claim_words()
    assert words.has("possible", "may") and words.has("negation", "n't")
    assert words.has("media", "reuters") and words.has("vague_heads", "officials")
    assert words["no such category"] == frozenset()
