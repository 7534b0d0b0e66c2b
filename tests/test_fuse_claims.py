"""Claims over time: one speaker saying one thing is one claim with several carriers."""

from __future__ import annotations

from sitrep.fuse import build_picture
from test_fuse_support import Doc


def said(source: str, published: str, speaker: str, content: str, country: str | None = "UKR") -> Doc:
    doc = Doc(source=source, published=published)
    doc.claim(doc.actor(speaker, "person", country), content)
    return doc


def test_one_statement_carried_by_three_outlets_is_one_claim() -> None:
    docs = [
        said(
            "Kyiv Post",
            "2024-10-17",
            "Volodymyr Zelenskyy",
            "Russia plans to train 10,000 North Korean soldiers for combat in Ukraine",
        ),
        said(
            "Reuters",
            "2024-10-18",
            "Zelenskyy",
            "Russia's plan to train 10,000 North Korean soldiers for combat in Ukraine",
        ),
        said(
            "BBC",
            "2024-10-16",
            "President Volodymyr Zelensky",
            "Russia is planning to train 10,000 North Korean soldiers to fight in Ukraine",
        ),
    ]
    claims = build_picture(d.to_dict() for d in docs).to_dict()["claims"]
    assert len(claims) == 1
    claim = claims[0]
    assert len(claim["carriers"]) == 3 and claim["independent_carriers"] == 3
    assert claim["first_reported"]["outlet"] == "BBC"
    assert claim["content"].startswith("Russia is planning")  # the earliest carrier's wording


def test_different_speakers_or_contents_stay_apart() -> None:
    docs = [
        said("Kyiv Post", "2024-10-17", "Volodymyr Zelenskyy", "Russia plans to train 10,000 soldiers"),
        said("Reuters", "2024-10-17", "Kyrylo Budanov", "Russia plans to train 10,000 soldiers"),
        said("BBC", "2024-10-17", "Volodymyr Zelenskyy", "Ukraine needs more air defence systems this winter"),
    ]
    assert len(build_picture(d.to_dict() for d in docs).to_dict()["claims"]) == 3


def test_unresolved_speaker_text_still_groups() -> None:
    docs = []
    for outlet in ("A", "B"):
        doc = Doc(source=outlet, published="2024-10-17")
        doc.claim(None, "the bridge was destroyed overnight by a drone", speaker_text="a local official")
        docs.append(doc)
    anonymous = Doc(source="C", published="2024-10-17")
    anonymous.claim(None, "the bridge was destroyed overnight by a drone")
    claims = build_picture(d.to_dict() for d in [*docs, anonymous]).to_dict()["claims"]
    assert len(claims) == 1 and len(claims[0]["carriers"]) == 2  # an unattributed claim has no speaker to group by
