"""Attitudes, positions, pull quotes, negated cues and source phrases (issue 12, session 4),
on sentences written for these tests."""

from __future__ import annotations

import pytest

from test_claims import said


def one(text: str):
    claims = said(text)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            "Senator Alvarez supports the new sanctions on Caracas.",
            "supports",
            "the new sanctions on Caracas",
            "Alvarez",
        ),
        ("The Liberal Party opposes the fuel tax.", "opposes", "the fuel tax", "Liberal Party"),
        ("Chancellor Weber backs a ceasefire in the north.", "backs", "a ceasefire in the north", "Weber"),
        ("The farmers' union favours lowering the import quota.", "favours", "lowering the import quota", "union"),
    ],
)
def test_a_position_an_actor_holds(text: str, cue: str, content: str, speaker: str) -> None:
    claim = one(text)
    assert (claim.cue, claim.content) == (cue, content)
    assert claim.speaker is not None and speaker in claim.speaker


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces attacked the village at dawn.",
        "Militants attacked a convoy near the border on Tuesday.",
        "The new law supports small farms.",
    ],
)
def test_deeds_and_things_hold_no_attitude(text: str) -> None:
    assert said(text) == []


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        ("Prime Minister Dahl attacked the opposition for its silence.", "the opposition for its silence", "Dahl"),
        ("She attacked the governor over the water shortages.", "the governor", None),
    ],
)
def test_a_person_attacking_someone_in_words(text: str, content: str, speaker: str | None) -> None:
    claim = one(text)
    assert claim.content.startswith(content) and claim.stance == "allege"
    if speaker:
        assert claim.speaker is not None and speaker in claim.speaker


@pytest.mark.parametrize(
    "text, cue, content, stance",
    [
        ("Mayor Okafor is worried that the river will flood again.", "worried", "the river will flood again", "warn"),
        ("The teachers' union is concerned about the school closures.", "concerned", "the school closures", "warn"),
        ("The envoy was confident that a deal would be reached.", "confident", "a deal would be reached", "estimate"),
        ("Aid agencies remain convinced that the port can reopen.", "convinced", "the port can reopen", "assert"),
    ],
)
def test_attitude_adjectives_after_a_copula(text: str, cue: str, content: str, stance: str) -> None:
    claim = one(text)
    assert (claim.cue, claim.content, claim.stance) == (cue, content, stance)


def test_an_attitude_adjective_needs_an_actor() -> None:
    assert said("The bridge is certain to close for repairs.") == []


def test_a_pull_quote_is_signed_on_the_next_line() -> None:
    claim = one('Schools reopen\n\n"We will rebuild every school."\n— Education Minister Ana Ruiz\n')
    assert claim.kind == "direct" and claim.content == "We will rebuild every school."
    assert claim.speaker is not None and "Ruiz" in claim.speaker


def test_a_lone_quote_line_without_a_signature_is_no_claim() -> None:
    assert said('Floods\n\n"Not again."\n\nThe river rose overnight.\n') == []


@pytest.mark.parametrize(
    "text, content",
    [
        ("He did not say that the talks had failed.", "the talks had failed"),
        ("The ministry never claimed that the dam was safe.", "the dam was safe"),
        ("The governor has not said whether the curfew will be lifted.", "whether the curfew will be lifted"),
    ],
)
def test_a_negated_cue_leaves_its_content_unknown(text: str, content: str) -> None:
    claim = one(text)
    assert claim.content == content and claim.factuality == "unknown"


def test_a_negated_claim_of_responsibility_is_still_no_claim() -> None:
    assert said("No group has claimed responsibility for the bombing.") == []


def test_denied_saying_is_a_denial_of_the_saying() -> None:
    claim = one("The general denied saying that the border would close.")
    assert claim.stance == "deny" and claim.content.startswith("saying")


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "The death toll could rise to 40, according to the health ministry, far more than first thought.",
            "The death toll could rise to 40",
            "health ministry",
        ),
        (
            "According to the opposition leader Ana Ruiz, the decree reeks of panic.",
            "the decree reeks of panic",
            "Ruiz",
        ),
    ],
)
def test_according_to_takes_the_clause_with_the_verb(text: str, content: str, speaker: str) -> None:
    claim = next(c for c in said(text) if c.cue and c.cue.lower() == "according to")
    assert claim.content == content
    assert claim.speaker is not None and speaker in claim.speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Attorney General Roy Cooper, the governor's opponent in the upcoming election, called Friday for"
            " releasing the police videos.",
            "Cooper",
        ),
        (
            "Amina Diallo, the head of the farmers' cooperative in Kayes, said the harvest had failed.",
            "Diallo",
        ),
    ],
)
def test_a_speaker_before_an_apposition_when_the_verb_is_misread(text: str, speaker: str) -> None:
    claim = one(text)
    assert claim.speaker is not None and speaker in claim.speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Rescuers pulled 40 people from the rubble of the collapsed market, the state news agency reported on"
            " Tuesday.",
            "agency",
        ),
        ("Two more tankers were seized in the strait overnight, the coast guard reported.", "coast guard"),
    ],
)
def test_a_trailing_attribution_read_as_a_reduced_relative(text: str, speaker: str) -> None:
    claims = said(text)
    assert any(c.cue == "reported" and c.speaker and speaker in c.speaker.lower() for c in claims), claims


@pytest.mark.parametrize(
    "text, speaker, via",
    [
        (
            "The Iranian foreign ministry issued a warning on Monday. In a statement carried by the state news"
            " agency IRNA, it said its navy had seized a tanker in the Gulf.",
            "ministry",
            "IRNA",
        ),
        (
            "The Syrian defence ministry spoke of heavy fighting. In a statement carried by the state agency SANA,"
            " it said its troops had retaken two villages.",
            "ministry",
            "SANA",
        ),
    ],
)
def test_it_is_the_body_of_the_previous_sentence_not_the_carrier(text: str, speaker: str, via: str) -> None:
    claim = next(c for c in said(text) if c.cue == "said")
    assert claim.speaker is not None and speaker in claim.speaker.lower()
    assert any(via in v for v in claim.via)


@pytest.mark.parametrize(
    "text",
    [
        "Food prices have doubled since March, a new analysis shows.",
        "Wheat exports fell by a third last year, a customs report shows.",
    ],
)
def test_a_trailing_document_cue_read_as_a_plural_noun(text: str) -> None:
    claim = one(text)
    assert claim.cue == "shows" and claim.speaker_text is not None


@pytest.mark.parametrize(
    "text, content",
    [
        ("Polls show the governor with a narrow lead.", "the governor with a narrow lead"),
        ("The survey found deep distrust of the election commission.", "deep distrust of the election commission"),
    ],
)
def test_a_poll_or_study_shows_an_object(text: str, content: str) -> None:
    assert one(text).content == content


@pytest.mark.parametrize(
    "text",
    ["Police found a body near the river.", "Photos of the scene showed burnt-out cars in the square."],
)
def test_finding_things_and_images_showing_them_are_no_claims(text: str) -> None:
    assert said(text) == []


@pytest.mark.parametrize("text", ["All this seems to fear a new war.", "That supports the view of the court."])
def test_demonstratives_hold_no_attitude(text: str) -> None:
    assert said(text) == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Ship\n\nShe left in 2007.\n\nI was told that my mother had betrayed the group and that I had to cut"
            " ties with her. Valeska Moreau\n\nShe later moved to Lyon.\n",
            "Valeska Moreau",
        ),
        (
            "Strike\n\nThe mine closed in May.\n\nWe lost our jobs overnight and nobody from the company came to"
            " explain why. Tomas Hrabal\n\nThe union met on Friday.\n",
            "Tomas Hrabal",
        ),
    ],
)
def test_an_unmarked_pull_quote_signed_with_a_bare_name(text: str, speaker: str) -> None:
    claims = [c for c in said(text) if c.speaker_text == speaker]
    assert claims and claims[0].speaker is not None and speaker in claims[0].speaker


def test_a_paragraph_ending_in_a_name_without_first_person_is_no_pull_quote() -> None:
    text = "Award\n\nThe prize went to a novel about the war. Anna Berg\n\nThe ceremony was held in Oslo.\n"
    assert all(c.speaker_text != "Anna Berg" for c in said(text))
