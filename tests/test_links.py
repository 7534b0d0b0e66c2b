"""Cross-layer links: figures to the claims that state them and the events that count them."""

from __future__ import annotations

from sitrep.analysis import Analysis
from sitrep.layers.figures import stage as figures
from sitrep.layers.links import stage as links
from sitrep.model import Document, Event, Extraction
from sitrep.nlp import parse


def analysis_with_event(text: str, event_text: str, event_type: str = "ASSAULT") -> Analysis:
    document = Document(text=text, title=None, source=None, url=None, published="2025-06-14")
    analysis = Analysis(document, parse(text), Extraction(document=document))
    figures.run(analysis)
    start = text.index(event_text)
    analysis.extraction.events.append(
        Event(id="E1", type=event_type, text=event_text, span=(start, start + len(event_text)))
    )
    return analysis


def cited(analysis: Analysis) -> list[str]:
    return [analysis.extraction.get(fid).text for fid in analysis.extraction.events[0].figures]


def test_a_count_whose_verb_is_in_the_event_is_cited() -> None:
    text = "Hospital records list 31 people killed in Monday's attack on the market."
    analysis = analysis_with_event(text, "killed in Monday's attack on the market")
    links.run(analysis)
    assert cited(analysis) == ["31 people"]


def test_a_count_of_another_kind_is_not_cited() -> None:
    text = "Hospital records list 31 people killed in Monday's attack on the market."
    analysis = analysis_with_event(text, "killed in Monday's attack on the market", event_type="AGREE")
    links.run(analysis)
    assert cited(analysis) == []


def test_a_follow_up_toll_right_after_the_event_is_cited() -> None:
    text = (
        "Hospital records list 31 people killed in Monday's attack on the market. "
        "The interior ministry maintained on Tuesday that 14 people had died."
    )
    analysis = analysis_with_event(text, "killed in Monday's attack on the market")
    links.run(analysis)
    assert cited(analysis) == ["31 people", "14 people"]


def test_a_toll_far_from_the_event_is_not_cited() -> None:
    text = (
        "Hospital records list 31 people killed in Monday's attack on the market. "
        "Traders closed their stalls. Prices rose. The roads were shut. "
        "Separately, officials said 14 people had died in floods."
    )
    analysis = analysis_with_event(text, "killed in Monday's attack on the market")
    links.run(analysis)
    assert cited(analysis) == ["31 people"]


def test_an_aggregate_toll_after_the_event_is_not_its_count() -> None:
    text = (
        "A drone strike on the bus station in Kassala killed 14 people on Sunday. "
        "More than 40,000 people have been killed in the war, according to aid groups."
    )
    analysis = analysis_with_event(text, "A drone strike on the bus station in Kassala killed 14 people")
    links.run(analysis)
    assert cited(analysis) == ["14 people"]


def test_an_aggregate_toll_cited_by_the_events_stage_is_taken_off() -> None:
    text = "The shelling of Avdiivka, where the war has killed at least 3,000 civilians, went on overnight."
    analysis = analysis_with_event(text, text[:-1])
    analysis.extraction.events[0].figures = [f.id for f in analysis.extraction.figures]
    links.run(analysis)
    assert cited(analysis) == []


def cited_after_events_stage(text: str, event_text: str, event_type: str) -> list[str]:
    """Cite every figure of the sentence as a clause-scoped events stage would, then run the links stage."""
    analysis = analysis_with_event(text, event_text, event_type)
    analysis.extraction.events[0].figures = [
        f.id for f in analysis.extraction.figures if f.category in ("killed", "wounded")
    ]
    links.run(analysis)
    return cited(analysis)


def test_a_toll_of_another_happening_named_in_the_clause_is_taken_off() -> None:
    text = (
        "Hundreds of residents marched through Dori on Friday, a day after an attack on the depot left 20 people dead."
    )
    assert cited_after_events_stage(text, "Hundreds of residents marched through Dori on Friday", "PROTEST") == []


def test_a_toll_in_a_relative_clause_on_another_attack_is_taken_off() -> None:
    text = "Students rallied in Kano on Monday, days after a bombing that killed 14 people at a bus station."
    assert cited_after_events_stage(text, "Students rallied in Kano on Monday", "PROTEST") == []


def test_the_events_own_toll_stays() -> None:
    text = "A drone attack on the depot left 20 people dead on Friday."
    assert cited_after_events_stage(text, "A drone attack on the depot left 20 people dead", "ASSAULT") == ["20 people"]
    text = "Police shot dead 3 protesters during a march in Lagos on Saturday."
    assert cited_after_events_stage(text, "a march in Lagos", "PROTEST") == ["3 protesters"]


def test_a_toll_after_an_attack_named_beside_a_march_is_the_attacks() -> None:
    text = (
        "Hundreds of traders marched through Maiduguri yesterday to demand more patrols, two days after a "
        "bombing at the market left the town without power and, by hospital counts, 31 people dead."
    )
    assert cited_after_events_stage(text, "Hundreds of traders marched through Maiduguri yesterday", "PROTEST") == []
