"""Syndication: copies of one story are grouped, different stories on one event are not."""

from __future__ import annotations

import pytest

from sitrep.fuse import build_picture
from sitrep.fuse.rules import load_rules
from sitrep.fuse.syndication import SyndicationIndex, shingle_hashes, story_body
from test_fuse_support import Doc

HEADLINE = "Floodwaters cut the Marrow valley railway as rain continues"
WIRE_STORY = """Floodwaters cut the Marrow valley railway as rain continues
KESTON, April 9 (Northgate Wire) - Floodwaters swept away a section of the railway line through the Marrow valley on Tuesday, stranding two freight trains and forcing the regional government to close three schools, officials said.
The river rose by more than two metres overnight after four days of heavy rain, the regional water authority said in a statement, adding that levels were expected to keep rising until Thursday.
"We have never seen the river climb this fast in April," said Edda Varning, who heads the authority's monitoring station at Keston. "The embankments held in the town, but upstream the water simply went around them."
Rescue teams used boats to evacuate about 140 residents from farms along the lower valley road, the fire service said. No deaths or serious injuries were reported.
The railway operator said engineers could not inspect the damaged section until the water receded and that repairs were likely to take several weeks. Passenger services between Keston and Alder Cross were replaced by buses.
Farmers in the valley said the floods came just as spring sowing was due to begin. Several said they had moved livestock to higher pastures over the weekend after warnings from the authority.
The regional governor, Tomas Brevik, visited an evacuation centre in the town hall on Tuesday afternoon and promised emergency payments to families whose homes were damaged.
Forecasters expect the rain to ease on Wednesday evening, but warned that water from the hills would keep the river high for several more days."""

INDEPENDENT_STORY = """Valley farmers count losses as Marrow river bursts its banks
By our correspondent in Keston
For the second time in three years, the Marrow has left Hanna Solberg's fields under a brown lake. Standing on the dyke behind her barn on Tuesday, she pointed at the fence posts that were the only sign of where her potato plots begin.
"We moved the cows on Saturday because the water authority told us to," she said. "But you cannot move a field."
Local officials estimate that more than thirty farms in the lower valley have been flooded. Many were still recovering from the 2021 floods, when the region promised new embankments that have not yet been built.
Edda Varning of the regional water authority told this newspaper the river had risen faster than at any time in April since records began. "The embankments held in the town, but upstream the water simply went around them," she said.
The damage to the railway, which carries most of the valley's grain to the coast, worries traders more than the lost sowing season. A grain merchant in Alder Cross said prices had already started to climb.
Governor Tomas Brevik has promised emergency payments, but farmers at a meeting in the village hall on Tuesday evening said they wanted a date for the embankment work instead."""


def paragraphs(text: str) -> list[str]:
    return text.split("\n")


def variant(kind: str) -> tuple[str, str]:
    """(title, text) of a syndicated copy of WIRE_STORY."""
    lines = paragraphs(WIRE_STORY)
    if kind == "republished":
        return HEADLINE, WIRE_STORY + "\n(Reporting by Northgate Wire; editing by the desk)"
    if kind == "reheadlined":
        title = "Rail line washed away in Marrow valley floods"
        return title, "\n".join([title, *lines[1:]])
    if kind == "truncated":
        return HEADLINE, "\n".join(lines[:5])
    if kind == "edited":
        text = (
            WIRE_STORY.replace("Tuesday", "Tuesday morning", 1)
            .replace("about 140", "around 140")
            .replace("several weeks", "a few weeks")
            .replace("promised", "pledged")
        )
        return HEADLINE, text
    if kind == "reordered":
        body = lines[1:]
        return HEADLINE, "\n".join([lines[0], *body[3:], *body[:3]])
    if kind == "american":
        return HEADLINE, WIRE_STORY.replace("metres", "meters").replace("programme", "program")
    raise ValueError(kind)


@pytest.fixture(scope="module")
def index() -> SyndicationIndex:
    return SyndicationIndex(load_rules().syndication)


@pytest.mark.parametrize("kind", ["republished", "reheadlined", "truncated", "edited", "reordered", "american"])
def test_variants_of_one_story_are_copies(index: SyndicationIndex, kind: str) -> None:
    title, text = variant(kind)
    assert index.test.is_copy(index.test.fingerprint(WIRE_STORY, HEADLINE), index.test.fingerprint(text, title))


def test_another_outlets_story_on_the_same_event_is_not_a_copy(index: SyndicationIndex) -> None:
    own = index.test.fingerprint(INDEPENDENT_STORY, None)
    assert not index.test.is_copy(index.test.fingerprint(WIRE_STORY, HEADLINE), own)


def test_short_texts_are_never_called_copies(index: SyndicationIndex) -> None:
    short = "Rain fell."
    assert not index.test.is_copy(index.test.fingerprint(short, None), index.test.fingerprint(short + " Again.", None))


def test_headline_line_is_dropped_from_the_body() -> None:
    assert story_body("Big news\nBody text here.", "Big News") == "Body text here."
    assert story_body("Other first line\nBody.", "Big news") == "Other first line\nBody."


def test_shingles_stay_inside_paragraphs() -> None:
    found = set(shingle_hashes("one two three four five six\nseven eight", 5).tolist())
    assert len(found) == 3  # two 5-grams and one short paragraph
    assert found == set(shingle_hashes("seven eight\nOne two three four five six", 5).tolist())
    assert found != set(shingle_hashes("one two three four five six seven eight", 5).tolist())


def test_copies_are_grouped_and_count_as_one_source() -> None:
    docs = [Doc(text=WIRE_STORY, title=HEADLINE, source="Northgate Wire", published="2025-04-09")]
    for outlet, kind in (("Keston Courier", "reheadlined"), ("Daily Alder", "truncated"), ("Coast Post", "edited")):
        title, text = variant(kind)
        docs.append(Doc(text=text, title=title, source=outlet, published="2025-04-09"))
    independent = Doc(text=INDEPENDENT_STORY, source="Valley Times", published="2025-04-10")
    docs.append(independent)
    for doc in docs:  # every article reports the same flood
        state = doc.actor("Marrow valley residents", "population", None)
        town = doc.place("Keston", "city", "NOR", 60.0, 10.0)
        doc.event("AID", None, state, town, doc.time("2025-04-09"), text="rescue teams evacuated residents")
    data = build_picture(d.to_dict() for d in docs).to_dict()
    assert len(data["syndication"]) == 1
    group = data["syndication"][0]
    assert group["documents"] == sorted(d.id for d in docs[:4])
    assert group["original"] == min(d.id for d in docs[:4])  # all published the same day: smallest id first
    event = data["events"][0]
    assert event["reports"] == 5
    assert event["independent_sources"] == 2


def test_one_outlets_two_stories_count_once_as_a_source() -> None:
    docs = [
        Doc(source="The Keston Courier", published="2025-04-09"),
        Doc(source="keston courier", published="2025-04-09"),
    ]
    for doc in docs:
        target = doc.actor("Norway", "state", "NOR")
        doc.event("AID", doc.actor("Red Cross", "organization"), target, None, doc.time("2025-04-09"))
    event = build_picture(d.to_dict() for d in docs).to_dict()["events"][0]
    assert event["reports"] == 2 and event["independent_sources"] == 1
