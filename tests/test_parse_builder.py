"""Hand-built parses (tests/parse_builder.py): the Parse they give, and stages run on them without spaCy."""

from __future__ import annotations

import pytest

from parse_builder import build_parse, parse_table
from sitrep.analysis import Analysis
from sitrep.layers.times import stage as times
from sitrep.model import Document, Extraction
from sitrep.pipeline import analyse
from sitrep.schema import problems

CASUALTIES = """
Police NOUN nsubj 1
said VERB ROOT -
12 NUM nummod 3 CARDINAL
people NOUN nsubjpass 5
were AUX auxpass 5
hurt VERB ccomp 1
in ADP prep 5
Dori PROPN pobj 6 GPE
on ADP prep 5
Monday PROPN pobj 8 DATE
. PUNCT punct 1
"""


def analysis_of(parse, published: str | None = None) -> Analysis:
    document = Document(text=parse.text, published=published)
    return Analysis(document=document, parse=parse, extraction=Extraction(document=document))


def test_offsets_index_the_joined_text():
    parse = build_parse(["The", "ceasefire", "held", ",", "officials", "said", "."])
    assert parse.text == "The ceasefire held, officials said."
    assert all(parse.text[t.start : t.end] == t.text for t in parse.tokens)
    assert [t.space_after for t in parse.tokens[2:4]] == [False, True]


def test_heads_give_children_subtrees_and_roots():
    parse = parse_table(CASUALTIES)
    sentence = parse.sentences[0]
    assert parse.root_of(sentence).text == "said"
    assert [t.text for t in parse.children(5)] == ["people", "were", "in", "on"]
    first, last = parse.subtree(5)
    assert (
        parse.text[parse.char_span(first, last)[0] : parse.char_span(first, last)[1]]
        == "12 people were hurt in Dori on Monday"
    )
    assert [(e.label, e.text) for e in parse.entities] == [("CARDINAL", "12"), ("GPE", "Dori"), ("DATE", "Monday")]


def test_sentences_split_after_full_stops_or_where_the_table_says():
    parse = build_parse(["Shelling", "resumed", ".", "Two", "died", "."])
    assert [(s.first, s.last) for s in parse.sentences] == [(0, 3), (3, 6)]
    assert parse.sentence_of(parse.tokens[4].start).index == 1
    table = parse_table("Talks VERB ROOT -\nstalled VERB ROOT -\n\nAid NOUN ROOT -")
    assert [s.first for s in table.sentences] == [0, 2]


def test_lengths_that_disagree_are_refused():
    with pytest.raises(ValueError, match="heads has 1 values for 2 words"):
        build_parse(["Troops", "withdrew"], heads=[0])


def test_the_times_stage_runs_on_a_hand_built_parse():
    analysis = analysis_of(parse_table(CASUALTIES), published="2026-03-10")
    times.run(analysis)
    monday = analysis.extraction.times[0]
    assert (monday.text, monday.start, monday.relative) == ("Monday", "2026-03-09", True)


def test_actor_for_creates_one_actor_per_mention_it_cannot_resolve():
    analysis = analysis_of(build_parse(["Rebels", "shelled", "the", "port", "."]))
    first = analysis.actor_for((0, 6), "armed_group")
    assert analysis.actor_for((0, 6)) == first
    assert analysis.extraction.actors[0].name == "Rebels"


def test_the_whole_pipeline_runs_on_a_hand_built_parse_without_spacy():
    parse = parse_table(CASUALTIES)
    extraction = analyse(Document(text=parse.text, published="2026-03-10"), parse).to_dict()
    assert problems(extraction) == []
    assert [p["name"] for p in extraction["places"]] == ["Dori"]
    assert [(f["value"], f["category"]) for f in extraction["figures"]] == [(12, "wounded")]
