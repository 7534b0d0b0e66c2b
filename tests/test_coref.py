"""Coreference: names, titles, descriptions and pronouns join their actor."""

import pytest

from sitrep.analysis import Analysis
from sitrep.layers.actors import stage as actors
from sitrep.layers.actors.coref import pronoun_chains
from sitrep.layers.places import stage as places
from sitrep.model import Document, Extraction
from sitrep.nlp import parse

TEXT = (
    "NATO Secretary General Mark Rutte confirmed the deployment on Monday. "
    "He said the move was a serious escalation. "
    "The Ukrainian Defence Ministry said it had tracked the convoy for weeks. "
    "Rutte added that allies would respond. "
    "The Secretary General also praised the ministry for its work."
)


@pytest.fixture(scope="module")
def analysis():
    document = Document(text=TEXT)
    result = Analysis(document=document, parse=parse(TEXT), extraction=Extraction(document=document))
    places.run(result)
    actors.run(result)
    return result


def span_of(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def actor_named(analysis, name):
    return next(a for a in analysis.extraction.actors if a.name == name)


def test_resolver_is_installed(analysis):
    assert analysis.resolver is not None


def test_pronoun_he_joins_the_person_but_is_not_a_mention(analysis):
    rutte = actor_named(analysis, "Mark Rutte")
    he = span_of(TEXT, "He")
    assert analysis.resolve_actor(he) == rutte.id
    assert he not in rutte.mentions


def test_it_joins_the_organisation(analysis):
    ministry = actor_named(analysis, "Ministry of Defence of Ukraine")
    assert analysis.resolve_actor(span_of(TEXT, "it had")[:1] + (span_of(TEXT, "it had")[0] + 2,)) == ministry.id


def test_surname_joins_the_person(analysis):
    rutte = actor_named(analysis, "Mark Rutte")
    assert analysis.resolve_actor(span_of(TEXT, "Rutte", 1)) == rutte.id


def test_title_joins_the_office_holder_and_becomes_a_mention(analysis):
    rutte = actor_named(analysis, "Mark Rutte")
    title = span_of(TEXT, "The Secretary General")
    assert analysis.resolve_actor(title) == rutte.id
    assert span_of(TEXT, "Secretary General", 1) in rutte.mentions


def test_description_joins_the_latest_fitting_organisation(analysis):
    ministry = actor_named(analysis, "Ministry of Defence of Ukraine")
    assert analysis.resolve_actor(span_of(TEXT, "the ministry")) == ministry.id


def test_unknown_description_is_none(analysis):
    assert analysis.resolve_actor(span_of(TEXT, "the convoy")) is None


def test_she_prefers_a_woman_over_a_nearer_man():
    text = "Prime Minister Anna Lindqvist met President Karl Berger. She said the talks went well."
    document = Document(text=text)
    result = Analysis(document=document, parse=parse(text), extraction=Extraction(document=document))
    actors.run(result)
    she = span_of(text, "She")
    anna = actor_named(result, "Anna Lindqvist")
    assert result.resolve_actor(she) == anna.id
    chains = pronoun_chains(result.parse, result.extraction.actors, {anna.id: "f"})
    assert chains[she[0]] == anna.id
