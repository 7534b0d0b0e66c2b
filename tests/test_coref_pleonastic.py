"""Pleonastic "it" refers to no one; "it said" does."""

import pytest

from sitrep.layers.actors.coref import is_pleonastic
from sitrep.model import Document
from sitrep.nlp import parse
from sitrep.pipeline import extract


def first_it(text):
    parsed = parse(text)
    return is_pleonastic(parsed, next(t.i for t in parsed.tokens if t.lower == "it"))


@pytest.mark.parametrize(
    "text",
    [
        "It is unclear how many fighters were killed.",
        "It was not clear whether the talks would resume.",
        "It is believed that ten soldiers died.",
        "It seems that the army withdrew overnight.",
        "It remains to be seen whether the ceasefire holds.",
        "It is important to count the dead.",
    ],
)
def test_pleonastic(text):
    assert first_it(text)


@pytest.mark.parametrize(
    "text",
    [
        "It said in a statement that it had lost ten men.",
        "It is likely to attack again.",
        "It is an armed group that operates in the north.",
        "It was founded in 2020.",
    ],
)
def test_referring(text):
    assert not first_it(text)


def test_pleonastic_it_does_not_resolve_to_the_group():
    text = (
        "The Tana Valley Front claimed the attack. It is unclear how many people died. "
        "It said in a statement that it had lost two fighters."
    )
    x = extract(Document(text=text))
    group = next(a for a in x.actors if a.name == "Tana Valley Front")
    unclear = text.index("It is unclear")
    said = text.index("It said")
    from sitrep.analysis import Analysis  # noqa: F401  (resolver is installed on the analysis only)

    speakers = {c.speaker_span[0]: c.speaker for c in x.claims}
    assert speakers.get(said) == group.id
    assert unclear not in speakers or speakers[unclear] is None


def _analysis(text):
    from sitrep.analysis import Analysis
    from sitrep.layers.actors import stage as actors
    from sitrep.layers.places import stage as places
    from sitrep.model import Extraction

    document = Document(text=text)
    analysis = Analysis(document=document, parse=parse(text), extraction=Extraction(document=document))
    places.run(analysis)
    actors.run(analysis)
    return analysis


def test_a_function_word_is_no_description():
    text = "The European Institute for Security Policy spoke on Monday. Support for the plan grew."
    analysis = _analysis(text)
    start = text.index("for the plan")
    assert analysis.resolve_actor((start, start + 3)) is None


def test_the_militants_need_a_determiner():
    text = "The Tana Valley Front, an armed group, attacked a post. Militants also burned a school."
    analysis = _analysis(text)
    start = text.index("Militants")
    group = next(a for a in analysis.extraction.actors if a.name == "Tana Valley Front")
    found = analysis.resolve_actor((start, start + len("Militants")))
    assert found != group.id  # bare "Militants" are unnamed militants of their own, not the group
    assert found is None or analysis.extraction.get(found).type == "armed_group"
    later = text.index("attacked")
    assert analysis.resolve_actor((text.index("an armed group"), later - 1)) in (group.id, None)


@pytest.mark.parametrize(
    "text, pronoun, expected",
    [
        (
            (
                "The Kivu Liberation Army has 5,000 fighters. The government announced on Friday that it would recruit "
                "10,000 volunteers."
            ),
            "it would",
            "The government",
        ),
        ("Mark Rutte met Zelenskyy. Zelenskyy said he would visit Kyiv.", "he would", "Zelenskyy"),
    ],
)
def test_the_subject_of_a_reported_clause_is_the_reporters_own(text: str, pronoun: str, expected: str) -> None:
    extraction = extract(Document(text=text, published="2026-03-09"))
    start = text.index(pronoun)
    names = {a.id: a.name for a in extraction.actors}
    pointed = [names[a.id] for a in extraction.actors if any(s <= start < e for s, e in a.mentions)]
    events = [names.get(e.source) for e in extraction.events if e.span[0] <= start < e.span[1]]
    assert expected in pointed + events
