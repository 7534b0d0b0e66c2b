"""Speakers, cues and fallbacks of issue 12, on sentences written for these tests."""

from __future__ import annotations

import pytest

from test_claims import said


def one(text: str):
    claims = said(text)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "Russia's Defence Ministry denied hitting any civilian site in Odesa.",
            "hitting any civilian site in Odesa",
            "Defence Ministry",
        ),
        (
            "Kyiv has previously denied targeting civilian areas inside Russia.",
            "targeting civilian areas inside Russia",
            "Kyiv",
        ),
        (
            "The militia denied recruiting children in the eastern provinces.",
            "recruiting children in the eastern provinces",
            "militia",
        ),
    ],
)
def test_denial_with_a_gerund_complement(text: str, content: str, speaker: str) -> None:
    claim = one(text)
    assert claim.content == content and claim.stance == "deny" and claim.factuality == "counterfact"
    assert claim.speaker is not None and speaker in claim.speaker


@pytest.mark.parametrize(
    "text, content",
    [
        ("An armed group claimed responsibility on Sunday for an attack on an army base.", "an attack on an army base"),
        ("The rebels took responsibility for the kidnapping of two engineers.", "the kidnapping of two engineers"),
        (
            "The movement has claimed responsibility for the drone strike on the airport.",
            "the drone strike on the airport",
        ),
    ],
)
def test_claimed_responsibility(text: str, content: str) -> None:
    claim = one(text)
    assert claim.content == content and claim.stance == "assert" and claim.factuality == "fact"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"The test proved the reliability of our deterrent," added KCNA.', "KCNA"),
        ('"Our air defences intercepted most of the missiles," said the ministry.', "ministry"),
        ('"The road to the port is open again," reported Interfax.', "Interfax"),
    ],
)
def test_inverted_cue_names_the_speaker(text: str, speaker: str) -> None:
    claim = one(text)
    assert claim.kind == "direct" and claim.speaker is not None and speaker in claim.speaker


@pytest.mark.parametrize(
    "text, content, speaker_text",
    [
        (
            "Voters say by a wide margin that the government should tighten controls at the borders.",
            "the government should tighten controls at the borders",
            "Voters",
        ),
        (
            "Energy analysts at Rystad estimate that the ban could affect four million tonnes of gas.",
            "the ban could affect four million tonnes of gas",
            "Energy analysts at Rystad",
        ),
        (
            "Residents in the north say by and large that the water is safe to drink again.",
            "the water is safe to drink again",
            "Residents in the north",
        ),
    ],
)
def test_misparsed_complement_clause_falls_back_on_the_words(text: str, content: str, speaker_text: str) -> None:
    claim = one(text)
    assert claim.content == content and claim.speaker_text == speaker_text


def test_misparsed_clause_owner_named_after_at() -> None:
    claim = one("Energy analysts at Rystad estimate that the ban could affect four million tonnes of gas.")
    assert claim.speaker == "Rystad"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "A South Korean military official, who asked not to be named, said the missile flew 600 km.",
            "South Korean military official",
        ),
        ("Witnesses said the soldiers fired at a group of young men.", "Witnesses"),
        ("Two diplomats said the talks would resume on Monday.", "diplomats"),  # named as the actors layer names it
    ],
)
def test_anonymous_sources_are_actors(text: str, speaker: str) -> None:
    claim = one(text)
    assert claim.speaker is not None and speaker in claim.speaker


def test_partitive_anonymous_source_is_the_same_actor() -> None:
    claims = said(
        "Three diplomats said the vote was delayed. The measure would pass next week, one of the diplomats said."
    )
    assert len(claims) == 2 and claims[0].speaker == claims[1].speaker == "diplomats"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Attacks on schools have tripled, a new analysis by the group Save the Children shows.", "Save the Children"),
        ("The poll, conducted by the Forsa institute, showed that most voters backed the checks.", "Forsa institute"),
        (
            "A leaked letter from the army's information team denied that aircraft had bombed the village.",
            "army's information team",
        ),
    ],
)
def test_documents_speak_for_the_body_behind_them(text: str, speaker: str) -> None:
    claim = one(text)
    assert claim.speaker is not None and speaker in claim.speaker


def test_an_organisations_own_update_is_the_organisation() -> None:
    claims = said(
        "The Crisis Group said the junta was losing ground. According to its latest monthly update, "
        "fighting has displaced more than 120,000 people."
    )
    assert len(claims) == 2 and claims[0].speaker == claims[1].speaker and "Crisis Group" in claims[0].speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Japan's defence ministry said the missile fell outside its economic zone.", "defence ministry"),
        ("Ukraine's southern military command said the strike destroyed the grain.", "southern military command"),
    ],
)
def test_a_states_body_is_not_the_state(text: str, speaker: str) -> None:
    claim = one(text)
    assert claim.speaker is not None and speaker in claim.speaker


def test_a_spokesmans_he_is_the_spokesman() -> None:
    claims = said(
        "Minister Peter Novak said the talks went well. The Kremlin's spokesman said Moscow would look "
        'for other buyers. "Sanctions only hurt Europe," he told reporters.'
    )
    assert claims[-1].speaker == claims[-2].speaker != "Peter Novak"


@pytest.mark.parametrize(
    "text",
    [
        "The feud, which the senator said had cost him the primary, is over.",
        "He wrote a letter that said the plant would close in May.",
        "It was a decision that critics said would hurt farmers.",
    ],
)
def test_a_relative_pronoun_on_a_common_noun_is_no_actor(text: str) -> None:
    for claim in said(text):
        assert claim.speaker not in ("feud", "letter", "decision")


def test_a_relative_pronoun_on_a_named_speaker_is_that_speaker() -> None:
    claims = said("Senator Tim Kaine, who said the bill would pass, left early.")
    assert claims and claims[0].speaker == "Tim Kaine"


def test_a_relative_pronoun_on_an_anonymous_source() -> None:
    claims = said("A senior official who asked not to be named said the talks had stalled.")
    assert claims and claims[0].speaker is not None and "official" in claims[0].speaker


@pytest.mark.parametrize(
    "text, via",
    [
        (
            "In a statement carried by the state news agency TASS, the ministry said its forces had struck a depot.",
            "TASS",
        ),
        ("Foreign Minister Peter Szijjarto, quoted by the state news agency MTI, said Budapest had won.", "MTI"),
        (
            "A leaked letter from the army's information team, seen by Reuters, denied that jets had bombed the village.",
            "Reuters",
        ),
        (
            "Kremlin spokesman Dmitry Peskov told state news agency RIA Novosti that the weapons would change nothing.",
            "RIA Novosti",
        ),
        ("According to WAFA, citing local sources, at least three other people were wounded.", "WAFA"),
        (
            "The Syrian Observatory said, citing its network of sources, that five fighters were killed.",
            "Syrian Observatory",
        ),
    ],
)
def test_channels_go_to_via(text: str, via: str) -> None:
    claim = one(text)
    assert any(via in v for v in claim.via) and claim.speaker != via


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Governor Vyacheslav Gladkov wrote in a post on Telegram that two civilians were wounded.",
            "Vyacheslav Gladkov",
        ),
        ("The ministry said on Telegram that the bridge had been repaired.", "ministry"),
        ("The mayor wrote on Facebook that the water supply was restored.", "mayor"),
    ],
)
def test_a_platform_is_a_channel_not_a_speaker(text: str, speaker: str) -> None:
    claim = one(text)
    assert claim.speaker is not None and speaker in claim.speaker and len(claim.via) == 1
    assert claim.via[0] in ("Telegram", "Facebook")


def test_a_transcript_label_inside_a_quotation_names_its_turn() -> None:
    text = (
        'Partial transcript:\n\n"HOST: Let us begin with the news of the day. The mayor announced that the bridge '
        'would close.\n\nGUEST: Well, look, the bridge has been unsafe for years and everyone knows it."'
    )
    labelled = [c for c in said(text) if c.cue == ":"]
    assert [c.speaker_text for c in labelled] == ["HOST", "GUEST"]


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "The senator cited remarks the governor had made about the flood as proof of neglect.",
            "remarks the governor had made about the flood as proof of neglect",
        ),
        (
            "The army plans to send two more brigades and build a new base.",
            "to send two more brigades and build a new base",
        ),
        ("She promised to resign and then left the room.", "to resign"),
    ],
)
def test_object_and_infinitive_contents_hold_together(text: str, content: str) -> None:
    assert said(text)[0].content == content


@pytest.mark.parametrize(
    "text, content, speaker_text",
    [
        (
            "Fourteen killed in strike on market, the hospital director said.",
            "Fourteen killed in strike on market",
            "the hospital director",
        ),
        (
            "Three soldiers dead after ambush near border, army says.",
            "Three soldiers dead after ambush near border",
            "army",
        ),
        ("Two killed as storm hits coast, officials say.", "Two killed as storm hits coast", "officials"),
    ],
)
def test_a_lead_figure_has_the_speaker_after_it(text: str, content: str, speaker_text: str) -> None:
    claim = one(text)
    assert (claim.content, claim.speaker_text) == (content, speaker_text) and claim.speaker is not None


@pytest.mark.parametrize(
    "text, stance, factuality",
    [
        ("The UN said it could not verify the reports.", "report", "unknown"),
        ("Officials said the figures could not be independently confirmed.", "report", "unknown"),
        ("Aid workers said the toll was likely far higher.", "estimate", "probable"),
        ("Analysts said an attack was possible but unlikely.", "estimate", "possible"),
        ("The general said Russia would respond militarily to any deployment.", "warn", "possible"),
        ('"The attacks will not go unanswered," the governor added.', "warn", "fact"),
        ("The RSF said its fighters had no presence in the area.", "deny", "counterfact"),
        ("Hamas said no fighters were present at the school.", "deny", "counterfact"),
        ("Police said no injuries were reported.", "report", "counterfact"),
        ("The foreign minister said Warsaw would raise the issue in Brussels.", "plan", "probable"),
        ("The package would include interceptors, one of the officials said.", "report", "probable"),
        ("Diplomats said the governments are expected to approve the ban next week.", "report", "probable"),
    ],
)
def test_stance_and_factuality_from_content_and_cue(text: str, stance: str, factuality: str) -> None:
    claim = said(text)[0]
    assert (claim.stance, claim.factuality) == (stance, factuality)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Internet access has been cut, according to the monitoring group NetBlocks.", "NetBlocks"),
        ("North Korea's main news agency KCNA reported that the launch succeeded.", "KCNA"),
        ("The state news agency SANA said the attack had failed.", "SANA"),
    ],
)
def test_an_agency_is_named_by_its_name_not_its_description(text: str, speaker: str) -> None:
    claim = one(text)
    assert claim.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        '"We do not target civilians," the commander said.',
        "The army said it had not used chemical weapons.",
        "The ministry said no troops had crossed the border.",
    ],
)
def test_the_speakers_side_denying_an_act_is_a_denial(text: str) -> None:
    claim = said(text)[0]
    assert (claim.stance, claim.factuality) == ("deny", "counterfact")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Hezbollah rejected the charge. In a statement, the group said it would respond to any aggression.",
            ["Hezbollah", "Hezbollah"],
        ),
        (
            "The Houthi movement denied the attack. The movement said its drones had hit only military ships.",
            ["Houthi movement", "Houthi movement"],
        ),
    ],
)
def test_a_groups_description_after_it_spoke_is_that_group(text: str, expected: list[str]) -> None:
    claims = said(text)
    assert [c.speaker for c in claims] and all(e in (c.speaker or "") for c, e in zip(claims, expected, strict=True))


def test_a_body_description_does_not_take_a_persons_claim() -> None:
    claims = said("Mayor Ana Ruiz said the dam held. The ministry said the water was safe.")
    assert claims[1].speaker != "Ana Ruiz"


@pytest.mark.parametrize(
    "text, content, stance",
    [
        ("The governor complained about the slow pace of the repairs.", "the slow pace of the repairs", "allege"),
        ("Local farmers worry about the closure of the border crossing.", "the closure of the border crossing", "warn"),
        ("The colonel bragged about his unit's capture of the bridge.", "his unit's capture of the bridge", "assert"),
    ],
)
def test_speaking_about_something(text: str, content: str, stance: str) -> None:
    claim = one(text)
    assert (claim.content, claim.stance) == (content, stance)


def test_declining_to_comment_on_is_no_claim_about_the_thing() -> None:
    assert not [c for c in said("Israel has not commented on the strike.") if c.content == "the strike"]
