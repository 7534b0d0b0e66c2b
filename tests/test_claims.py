"""The claims layer on sentences written for these tests: one construction per test."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.analysis import Analysis
from sitrep.layers.claims import stage as claims
from sitrep.model import FACTUALITIES, STANCES, Actor, Document, Extraction, Time
from sitrep.nlp import parse

KINDS = ("direct", "indirect", "mixed")


@dataclass
class Said:
    """A written claim, with its speaker's actor name for easy asserts."""

    content: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    kind: str
    stance: str
    factuality: str
    via: list[str]
    time: str | None


def analyse(text: str, *, times: list[Time] | None = None, actors: list[Actor] | None = None) -> Analysis:
    document = Document(text=text, published="2024-10-28")
    extraction = Extraction(document=document, times=list(times or []), actors=list(actors or []))
    analysis = Analysis(document=document, parse=parse(text), extraction=extraction)
    claims.run(analysis)
    return analysis


def said(text: str, **kwargs: object) -> list[Said]:
    analysis = analyse(text, **kwargs)  # type: ignore[arg-type]
    extraction = analysis.extraction
    out = []
    for claim in extraction.claims:
        assert text[claim.content_span[0] : claim.content_span[1]] == claim.content
        if claim.speaker_span:
            assert text[claim.speaker_span[0] : claim.speaker_span[1]] == claim.speaker_text
        if claim.cue_span:
            assert text[claim.cue_span[0] : claim.cue_span[1]] == claim.cue
        speaker = extraction.get(claim.speaker)
        out.append(
            Said(
                content=claim.content,
                speaker=speaker.name if speaker else None,
                speaker_text=claim.speaker_text,
                cue=claim.cue,
                kind=claim.kind,
                stance=claim.stance,
                factuality=claim.factuality,
                via=[extraction.get(v).name for v in claim.via],
                time=claim.time,
            )
        )
    return out


def only(text: str, **kwargs: object) -> Said:
    found = said(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- direct quotations


def test_straight_quote_with_speaker_after() -> None:
    claim = only('"We will not give up the bridge," the commander said.')
    assert claim.content == "We will not give up the bridge"
    assert claim.kind == "direct" and claim.cue == "said" and claim.speaker_text == "the commander"


def test_curly_quote_with_inverted_speaker() -> None:
    claim = only("“The hospital has no power,” said Dr. Amal Haddad, who runs the clinic.")
    assert claim.content == "The hospital has no power"
    assert claim.speaker == "Amal Haddad" or claim.speaker == "Dr. Amal Haddad"


def test_quote_of_several_sentences() -> None:
    claim = only('"The shelling began at dawn. Nobody slept. We counted forty explosions," a resident said.')
    assert claim.content.startswith("The shelling began") and claim.content.endswith("forty explosions")
    assert claim.kind == "direct"


def test_speaker_before_the_quote() -> None:
    claim = only('The foreign minister said: "Talks will resume on Monday in Geneva."')
    assert claim.content == "Talks will resume on Monday in Geneva."
    assert claim.speaker_text == "The foreign minister" and claim.kind == "direct"


def test_quote_interrupted_by_its_attribution_is_two_claims() -> None:
    first, second = said('"The city is calm," Mayor Ana Ruiz said, "but shelling continues in the east."')
    assert first.content == "The city is calm" and second.content == "but shelling continues in the east."
    assert first.speaker == second.speaker == "Ana Ruiz"
    assert first.cue == second.cue == "said"


def test_quote_continued_after_a_full_stop_keeps_its_speaker() -> None:
    first, second = said('"The dam held," Ana Ruiz said. "The road to the valley is gone."')
    assert second.content == "The road to the valley is gone."
    assert second.speaker == first.speaker == "Ana Ruiz" and second.kind == "direct"


def test_quote_opened_in_one_paragraph_and_continued_in_the_next() -> None:
    text = (
        'Governor Lena Park told reporters: "Power is back in most districts.\n\n'
        '"Repairs in the north will take another week."\n\nSchools reopen on Monday.'
    )
    claim = only(text)
    assert claim.content.startswith("Power is back") and claim.content.endswith("another week.")
    assert claim.speaker == "Lena Park"


def test_scare_quotes_do_not_make_a_claim() -> None:
    assert said("The so-called “peace plan” was published on Friday.") == []


def test_first_person_cue_inside_a_quote_belongs_to_the_quote() -> None:
    claim = only('"Today, I can confirm that the convoy has arrived," the envoy said.')
    assert claim.stance == "confirm" and claim.kind == "direct"


# ---------------------------------------------------------------- indirect speech


@pytest.mark.parametrize(
    ("sentence", "cue", "stance"),
    [
        ("The minister said that the border would stay closed.", "said", "report"),
        ("Officials told Reuters that the border would stay closed.", "told", "report"),
        ("The army warned that the border would stay closed.", "warned", "warn"),
        ("She added that the border would stay closed.", "added", "report"),
        ("The agency revealed that the border would stay closed.", "revealed", "report"),
        ("The ministry announced that the border would stay closed.", "announced", "report"),
        ("The ministry confirmed that the border would stay closed.", "confirmed", "confirm"),
        ("The ministry denied that the border would stay closed.", "denied", "deny"),
    ],
)
def test_reporting_verbs_with_that_clauses(sentence: str, cue: str, stance: str) -> None:
    claim = only(sentence)
    assert claim.content == "the border would stay closed"
    assert claim.cue == cue and claim.stance == stance and claim.kind == "indirect"


def test_that_may_be_left_out() -> None:
    assert only("Rescuers said two villages were still cut off.").content == "two villages were still cut off"


def test_object_noun_phrase_as_content() -> None:
    claim = only("The general confirmed the withdrawal of two brigades from the city.")
    assert claim.content == "the withdrawal of two brigades from the city" and claim.stance == "confirm"


def test_according_to() -> None:
    claim = only("Three bridges were destroyed overnight, according to the regional governor.")
    assert claim.content == "Three bridges were destroyed overnight"
    assert claim.cue == "according to" and claim.speaker_text == "the regional governor"


def test_spokesperson_speaks_for_the_organisation() -> None:
    claim = only("The Health Ministry's spokesperson said that 40 patients had been evacuated.")
    assert claim.speaker_text == "The Health Ministry's spokesperson"
    assert claim.speaker is not None and "Health Ministry" in claim.speaker


def test_in_a_statement() -> None:
    claim = only("In a statement, the interior ministry said the curfew would be lifted.")
    assert claim.speaker_text == "the interior ministry" and claim.content == "the curfew would be lifted"


def test_outlet_reports() -> None:
    claim = only("The Daily Courier reported that the factory had closed.")
    assert claim.speaker == "The Daily Courier" and claim.stance == "report"


def test_impersonal_passive() -> None:
    claim = only("Later, it was reported that the talks had collapsed.")
    assert claim.speaker is None and claim.speaker_text is None
    assert claim.cue == "it was reported" and claim.content == "the talks had collapsed"


def test_quoted_as_saying() -> None:
    claim = only("The colonel was quoted as saying that the town had been retaken.")
    assert claim.speaker_text == "The colonel" and claim.content == "the town had been retaken"


def test_headline_claim_is_found() -> None:
    claim = only("Mayor confirms evacuation of coastal villages\n\nStorms hit the coast on Sunday.")
    assert claim.cue == "confirms" and claim.content == "evacuation of coastal villages"


def test_headline_restated_by_the_lead_is_one_claim() -> None:
    text = (
        "Governor Tom Reyes confirms evacuation of coastal villages\n"
        "Governor Tom Reyes has confirmed the evacuation of all coastal villages in the province.\n"
    )
    claim = only(text)
    assert claim.content == "the evacuation of all coastal villages in the province"


def test_nested_claim_is_relayed_by_the_outer_speaker() -> None:
    found = said("Mayor Ana Ruiz said that the Red Cross informed her office that it had reached the valley.")
    outer = next(c for c in found if c.cue == "said")
    inner = next(c for c in found if c.cue == "informed")
    assert (inner.content == "it had reached the valley" and inner.speaker == "the Red Cross") or "Red Cross" in (
        inner.speaker or ""
    )
    assert outer.speaker in inner.via


def test_labelled_line_names_its_speaker() -> None:
    claim = only("The interview went on for an hour.\nHARRIS: We never agreed to those terms.")
    assert claim.speaker_text == "HARRIS" and claim.content == "We never agreed to those terms"


def test_quote_signed_with_a_dash() -> None:
    claim = only("Readers wrote in overnight.\n“We were never asked about the dam.” ― Maria Lopez\n")
    assert claim.content == "We were never asked about the dam." and claim.speaker_text == "Maria Lopez"


def test_statement_after_a_colon_is_the_claim() -> None:
    text = (
        "In a statement, the ministry denied the reports:\n\n"
        "The convoy never crossed the border. No soldiers were involved.\n\nTalks continue on Friday."
    )
    claim = only(text)
    assert claim.content == "The convoy never crossed the border. No soldiers were involved"
    assert claim.kind == "direct" and claim.stance == "deny" and claim.factuality == "counterfact"


def test_reporting_verb_citing_its_sources() -> None:
    claim = only("Reuters reported, citing two witnesses, that the bridge had collapsed.")
    assert claim.speaker == "two witnesses" and claim.speaker_text == "two witnesses" and claim.via == ["Reuters"]


def test_reported_clause_misparsed_as_adverbial_still_counts() -> None:
    assert only("Trump said he would not accept the endorsement if it were offered.").content.startswith("he would")


# ---------------------------------------------------------------- continuation and speakers


def test_sentence_continuing_reported_speech() -> None:
    first, second = said(
        "General Omar Diallo reminded that the rebels had seized two mines. "
        "In exchange, they have been selling gold to foreign buyers."
    )
    assert second.content == "they have been selling gold to foreign buyers"
    assert second.cue is None and second.speaker == first.speaker == "Omar Diallo"


def test_pronoun_speaker_is_the_last_person_who_spoke() -> None:
    first, second = said(
        "Kyra Novak, head of the harbour authority, said the port was closed. "
        "She added that ships were waiting offshore."
    )
    assert second.speaker_text == "She" and second.speaker == first.speaker == "Kyra Novak"


def test_title_resolves_to_the_person_who_holds_it() -> None:
    text = (
        "UN Secretary General Lea Martin said the aid convoy had been stopped. "
        '"We call on both sides to open the road," emphasized the Secretary General.'
    )
    first, second = said(text)
    assert second.speaker_text == "the Secretary General" and second.speaker == first.speaker
    assert second.stance == "call"


def test_description_resolves_to_an_earlier_organisation() -> None:
    text = (
        "Brazil's space agency said the satellite had been launched. "
        "The agency added that the first images would arrive on Friday."
    )
    first, second = said(text)
    assert second.speaker == first.speaker


def test_anonymous_source_is_an_actor_of_its_own() -> None:
    claim = only("Sources said that the minister would resign.")
    assert claim.speaker == "sources" and claim.speaker_text == "Sources"  # named as the actors layer names it


def test_vague_source_without_a_person_has_no_actor() -> None:
    claim = only("Many said that the minister would resign.")
    assert claim.speaker is None and claim.speaker_text == "Many"


def test_document_source_is_attributed_to_its_owner() -> None:
    claim = only("A report by Amnesty International said that 12 prisoners had died.")
    assert claim.speaker is not None and "Amnesty International" in claim.speaker


def test_existing_actor_is_reused_by_surname() -> None:
    actor = Actor(id="A1", name="Ana Ruiz", type="person", mentions=[(0, 8)])
    claim = only("Ana Ruiz arrived. Ruiz said the road was open.", actors=[actor])
    assert claim.speaker == "Ana Ruiz"


# ---------------------------------------------------------------- intermediaries


def test_as_reported_by_an_outlet() -> None:
    claim = only("The governor said the dam was stable, as reported by the Valley Herald.")
    assert claim.via == ["the Valley Herald"]


def test_told_an_outlet() -> None:
    claim = only("The minister told the Kyiv Post that the talks had failed.")
    assert claim.via == ["the Kyiv Post"] and claim.speaker_text == "The minister"


def test_told_someone_who_is_not_an_outlet_is_no_intermediary() -> None:
    assert only("The minister told reporters that the talks had failed.").via == []


def test_according_to_an_outlet_citing_officials() -> None:
    claim = only("According to Reuters, citing two officials, the convoy was turned back at the border.")
    assert claim.speaker == "officials" and claim.speaker_text == "two officials"
    assert claim.via == ["Reuters"]


# ---------------------------------------------------------------- stance and factuality


@pytest.mark.parametrize(
    ("sentence", "stance", "factuality"),
    [
        ("The minister warned that the rebels may attack the airport.", "warn", "possible"),
        ("The ministry said the army plans to send two more brigades.", "report", "fact"),
        ("The army plans to send two more brigades.", "plan", "probable"),
        ("The ministry denied that troops had entered the town.", "deny", "counterfact"),
        ("Police said no injuries were reported.", "report", "counterfact"),
        ("Police said that nobody was hurt.", "report", "counterfact"),
        ("The mayor said the city would respond if the dam failed.", "report", "possible"),
        ("The mayor said the bridge would reopen next week.", "report", "probable"),
        ("The agency estimated that 300 homes were damaged.", "estimate", "probable"),
        ("The president urged both sides to hold their fire.", "call", "fact"),
        ("The mayor said the army was considering an evacuation.", "report", "possible"),
        ("The commander confirmed that the town had been retaken.", "confirm", "fact"),
        ("The envoy asked whether the ceasefire would hold?", "call", "unknown"),
    ],
)
def test_stance_and_factuality(sentence: str, stance: str, factuality: str) -> None:
    claim = said(sentence)[0]
    assert (claim.stance, claim.factuality) == (stance, factuality)


def test_unreal_past_is_counterfact() -> None:
    claim = only('"Had the warning come an hour later, it would have been a disaster," the pilot said.')
    assert claim.factuality == "counterfact"


def test_direct_quote_of_an_opinion_asserts() -> None:
    assert only('"This is a dangerous moment for the region," the envoy said.').stance == "assert"


def test_direct_quote_of_an_appeal_calls() -> None:
    assert only('"We urge everyone to stay indoors," the police chief said.').stance == "call"


# ---------------------------------------------------------------- time


def test_time_attached_to_the_cue() -> None:
    text = "The minister warned on October 8 that the rebels may attack."
    start = text.index("October 8")
    moment = Time(id="T1", text="October 8", span=(start, start + 9), start="2024-10-08", end="2024-10-08")
    claim = only(text, times=[moment])
    assert claim.time == "T1"


def test_time_inside_the_content_is_not_when_it_was_said() -> None:
    text = "The ministry reported that on October 23 troops were seen near the border."
    start = text.index("October 23")
    moment = Time(id="T1", text="October 23", span=(start, start + 10), start="2024-10-23", end="2024-10-23")
    assert only(text, times=[moment]).time is None


# ---------------------------------------------------------------- the worked example


@pytest.mark.slow
def test_worked_example_finds_its_claims_with_the_right_speakers(shared_dir: Path) -> None:
    text = (shared_dir / "examples" / "kursk-deployment.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_dir / "examples" / "kursk-deployment.gold.json").read_text(encoding="utf-8"))
    analysis = analyse(text)
    predicted = analysis.extraction.claims
    actors = {a["id"]: a["name"] for a in gold["actors"]}
    for expected in (c for c in gold["claims"] if not c.get("optional")):
        match = next(
            (
                c
                for c in predicted
                if c.content_span[0] < expected["content_span"][1] and expected["content_span"][0] < c.content_span[1]
            ),
            None,
        )
        assert match is not None, expected["content"]
        if expected["speaker"] is None:
            assert match.speaker is None
            continue
        speaker = analysis.extraction.get(match.speaker)
        assert speaker is not None, expected["content"]
        same_words = set(speaker.name.lower().split()) & set(actors[expected["speaker"]].lower().split())
        assert same_words or match.speaker_text == expected["speaker_text"], (speaker.name, expected["content"])
    assert len(predicted) <= len(gold["claims"])


@pytest.mark.slow
def test_worked_example_pronoun_and_title_speakers(shared_dir: Path) -> None:
    text = (shared_dir / "examples" / "kursk-deployment.txt").read_text(encoding="utf-8")
    extraction = analyse(text).extraction
    by_text: dict[str, set[str]] = {}
    for claim in extraction.claims:
        if claim.speaker_text and claim.speaker:
            by_text.setdefault(claim.speaker_text.lower(), set()).add(extraction.get(claim.speaker).name)
    assert by_text["the secretary general"] == {"Mark Rutte"}
    assert by_text["he"] == {"Mark Rutte", "Kyrylo Budanov"}


# ---------------------------------------------------------------- invariants

SENTENCES = [
    '"We will hold the line," the commander said.',
    "The ministry denied that troops had crossed the border.",
    "According to the governor, two bridges were destroyed.",
    "He added that the convoy may arrive on Monday.",
    "“Nobody was hurt,” said Dr. Amal Haddad.",
    "In exchange, the rebels released ten prisoners.",
    "Officials told the Daily Courier that talks had failed:",
    "The talks failed.",
    'She said: "It is over.',
    "MAYOR: We need help now.",
    "",
]


def test_empty_text_has_no_claims() -> None:
    assert analyse("").extraction.claims == []


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), st.sampled_from([" ", "\n", "\n\n"]))
def test_every_claim_points_back_at_the_text(parts: list[str], joiner: str) -> None:
    text = joiner.join(parts)
    extraction = analyse(text).extraction
    ids = [c.id for c in extraction.claims]
    assert len(ids) == len(set(ids))
    for claim in extraction.claims:
        assert text[claim.content_span[0] : claim.content_span[1]] == claim.content and claim.content.strip()
        for span, words in ((claim.speaker_span, claim.speaker_text), (claim.cue_span, claim.cue)):
            assert (span is None) == (words is None)
            if span is not None:
                assert text[span[0] : span[1]] == words
        assert claim.stance in STANCES and claim.factuality in FACTUALITIES and claim.kind in KINDS
        assert claim.speaker is None or extraction.get(claim.speaker) is not None
        assert all(extraction.get(v) is not None for v in claim.via)
