"""Contested events in the fused picture: one party asserts who did it, another denies it.

The extractions are built by hand with sitrep.model objects, as the claims and events layers
would produce them (an allegation or denial is a claim linked to the event via ``claims``).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema

from sitrep.fuse import build_picture
from sitrep.model import Actor, Claim, Document, Event, Extraction, Place, Time


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def strike_article(
    text: str,
    source: str,
    speaker: str,
    speaker_type: str,
    speaker_country: str | None,
    claim_part: str,
    stance: str,
    event_part: str,
) -> dict[str, Any]:
    """One article about a market strike in Gao, with one claim about who did it linked to the event."""
    extraction = Extraction(Document(text=text, source=source, published="2025-02-11"))
    extraction.actors.append(Actor("A1", speaker, speaker_type, speaker_country, mentions=[_span(text, speaker)]))
    extraction.actors.append(Actor("A2", "Malian armed forces", "armed_forces", "MLI"))
    extraction.places.append(Place("P1", "Gao", "city", "MLI", 16.27, -0.04, mentions=[_span(text, "Gao")]))
    extraction.times.append(Time("T1", "Monday", _span(text, "Monday"), "2025-02-10", "2025-02-10", "day"))
    extraction.claims.append(
        Claim("C1", claim_part, _span(text, claim_part), speaker="A1", speaker_text=speaker, stance=stance)
    )
    extraction.events.append(
        Event(
            "E1",
            "ASSAULT",
            event_part,
            _span(text, event_part),
            mode="aerial",
            source="A2",
            place="P1",
            time="T1",
            claims=["C1"],
        )
    )
    return extraction.to_dict()


ACCUSATION = (
    "Residents of Gao said on Tuesday that an air strike on the cattle market on Monday killed nine "
    "herders. The Coordination of Azawad Movements said the Malian army carried out the air strike "
    "on the market."
)
DENIAL = (
    "Mali's army on Tuesday denied that its aircraft struck the cattle market in Gao on Monday, where "
    "local officials say nine herders died. An army spokesman said no army aircraft flew over Gao."
)


def accusation() -> dict[str, Any]:
    return strike_article(
        ACCUSATION,
        "Sahara Wire",
        "Coordination of Azawad Movements",
        "armed_group",
        "MLI",
        "the Malian army carried out the air strike on the market",
        "allege",
        "an air strike on the cattle market on Monday killed nine herders",
    )


def denial() -> dict[str, Any]:
    return strike_article(
        DENIAL,
        "Bamako Daily",
        "Mali's army",
        "armed_forces",
        "MLI",
        "no army aircraft flew over Gao",
        "deny",
        "its aircraft struck the cattle market in Gao on Monday",
    )


def picture_schema() -> dict[str, Any]:
    return json.loads(resources.files("sitrep.resources").joinpath("picture.schema.json").read_text("utf-8"))


def the_event(picture: dict[str, Any]) -> dict[str, Any]:
    assert len(picture["events"]) == 1, [e["summary"] for e in picture["events"]]
    return picture["events"][0]


def test_an_allegation_and_a_denial_make_the_event_contested_with_both_speakers_and_claims() -> None:
    picture = build_picture([accusation(), denial()]).to_dict()
    jsonschema.validate(picture, picture_schema())
    event = the_event(picture)
    assert event["status"] == "contested"
    contested = event["contested"]
    assert [s["name"] for s in contested["asserted"]["speakers"]] == ["Coordination of Azawad Movements"]
    assert [s["key"] for s in contested["denied"]["speakers"]] == ["forces:MLI"]  # Mali's army, as an entity
    asserted, denied = contested["asserted"]["claims"][0], contested["denied"]["claims"][0]
    assert asserted["stance"] == "allege" and asserted["outlet"] == "Sahara Wire"
    assert asserted["content"] == "the Malian army carried out the air strike on the market"
    assert denied["stance"] == "deny" and denied["content"] == "no army aircraft flew over Gao"
    assert denied["speaker"]["key"] == "forces:MLI" and denied["outlet"] == "Bamako Daily"


def test_the_contest_is_the_same_whatever_the_order_of_the_articles() -> None:
    one = build_picture([accusation(), denial()]).to_dict()
    other = build_picture([denial(), accusation()]).to_dict()
    assert the_event(one)["contested"] == the_event(other)["contested"]


def test_an_allegation_alone_is_not_contested() -> None:
    event = the_event(build_picture([accusation()]).to_dict())
    assert event["contested"] is None and event["status"] == "occurred"


def test_a_party_denying_what_it_says_itself_is_not_a_contest() -> None:
    text = (
        "The Coordination of Azawad Movements said its fighters ambushed a patrol near Gao on Monday. "
        "The Coordination of Azawad Movements denied that civilians were hurt."
    )
    doc = strike_article(
        text,
        "Sahara Wire",
        "Coordination of Azawad Movements",
        "armed_group",
        "MLI",
        "its fighters ambushed a patrol near Gao on Monday",
        "assert",
        "its fighters ambushed a patrol near Gao on Monday",
    )
    doc["claims"].append(
        {
            **doc["claims"][0],
            "id": "C2",
            "content": "civilians were hurt",
            "content_span": list(_span(text, "civilians were hurt")),
            "stance": "deny",
        }
    )
    doc["events"][0]["claims"] = ["C1", "C2"]
    assert the_event(build_picture([doc]).to_dict())["contested"] is None
