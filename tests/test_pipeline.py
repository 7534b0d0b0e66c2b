"""The stage contract: each stage declares what it requires and provides, and order is checked."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from sitrep.errors import PipelineError
from sitrep.pipeline import GIVEN, STAGES, Stage, check_order, stage


def by_name(name: str) -> Stage:
    return next(s for s in STAGES if s.name == name)


def noop(analysis) -> None:
    pass


def test_the_pipeline_order_satisfies_every_stage():
    assert check_order(STAGES) == STAGES
    assert [s.name for s in STAGES] == ["places", "actors", "times", "claims", "figures", "events", "links"]


@pytest.mark.parametrize(
    ("moved", "before", "missing"),
    [
        ("claims", "actors", "actors (from actors)"),
        ("actors", "places", "toponyms (from places)"),
        ("events", "figures", "figures (from figures)"),
        ("links", "events", "events (from events)"),
    ],
)
def test_a_reordered_pipeline_is_refused_naming_the_stage_and_what_it_lacks(moved, before, missing):
    names = [s.name for s in STAGES]
    names.remove(moved)
    names.insert(names.index(before), moved)
    with pytest.raises(PipelineError, match=rf"stage '{moved}' runs before what it requires: .*{re.escape(missing)}"):
        check_order(by_name(n) for n in names)


def test_a_requirement_nobody_provides_is_named():
    table = (*STAGES, stage("summary", noop, requires=("sentiment",), provides=("summary",)))
    with pytest.raises(PipelineError, match=r"sentiment \(from no stage\)"):
        check_order(table)


def test_a_stage_listed_twice_or_providing_twice_is_refused():
    with pytest.raises(PipelineError, match="listed twice"):
        check_order((*STAGES, by_name("links")))
    again = replace(by_name("times"), name="dates")
    with pytest.raises(PipelineError, match="provides times, which an earlier stage provides"):
        check_order((*STAGES, again))


def test_every_stage_requires_only_what_is_given_or_provided():
    provided = set(GIVEN).union(*(s.provides for s in STAGES))
    assert set().union(*(s.requires for s in STAGES)) <= provided


def test_the_declared_side_results_are_there_after_each_stage():
    from sitrep.analysis import Analysis
    from sitrep.model import Document, Extraction
    from sitrep.nlp import parse

    text = "DORI, Burkina Faso — Police said on Monday that gunmen killed 12 people in the town."
    document = Document(text=text, published="2026-03-10")
    analysis = Analysis(document=document, parse=parse(text), extraction=Extraction(document=document))
    for entry in STAGES:
        entry.run(analysis)
        if "toponyms" in entry.provides:
            assert analysis.toponyms is not None
        if "resolver" in entry.provides:
            assert analysis.resolver is not None and analysis.coref is not None
        if "dateline_place" in entry.provides:
            assert analysis.dateline_place is not None
