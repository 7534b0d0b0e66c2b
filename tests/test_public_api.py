"""The public Python API: the names ``import sitrep`` gives, and what they do."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sitrep
from sitrep.errors import DependencyError, InputError
from sitrep.model import Actor, Claim, Document, Event, Extraction, Figure, Place, Time

PUBLIC_NAMES = [
    "Actor",
    "Claim",
    "Document",
    "Event",
    "Extraction",
    "Figure",
    "Place",
    "SitrepError",
    "Span",
    "Time",
    "__version__",
    "extract",
    "extract_many",
    "open_store",
    "picture",
    "to_frames",
]
TEXT = "Police said 12 people were hurt in Dori on Monday, and that gunmen had fled."


def hand_made() -> Extraction:
    """An extraction built by hand: one of every layer, linked by ids, spans indexing the text."""
    document = Document(text=TEXT, title="Dori", source="Sahel Wire", published="2026-03-10")
    return Extraction(
        document=document,
        actors=[Actor(id="A1", name="Police", type="organization", mentions=[(0, 6)])],
        places=[
            Place(
                id="P1",
                name="Dori",
                feature="city",
                country="BFA",
                lat=14.03,
                lon=-0.03,
                geonames_id=2361082,
                mentions=[(35, 39)],
            )
        ],
        times=[Time(id="T1", text="Monday", span=(43, 49), start="2026-03-09", end="2026-03-09", relative=True)],
        figures=[
            Figure(
                id="F1",
                text="12 people",
                span=(12, 21),
                value=12.0,
                noun="people",
                category="wounded",
                place="P1",
                time="T1",
                claim="C1",
            )
        ],
        claims=[
            Claim(
                id="C1",
                content="12 people were hurt in Dori on Monday",
                content_span=(12, 49),
                speaker="A1",
                speaker_text="Police",
                speaker_span=(0, 6),
                cue="said",
                cue_span=(7, 11),
                figures=["F1"],
                places=["P1"],
            )
        ],
        events=[
            Event(
                id="E1",
                type="ASSAULT",
                text="hurt",
                span=(27, 31),
                place="P1",
                time="T1",
                figures=["F1"],
                claims=["C1"],
            )
        ],
    )


def test_the_public_names_are_pinned():
    assert sorted(sitrep.__all__) == sorted(PUBLIC_NAMES)
    for name in sitrep.__all__:
        assert getattr(sitrep, name) is not None
    assert sitrep.Extraction is Extraction and issubclass(sitrep.SitrepError, Exception)


@pytest.mark.parametrize(
    "code",
    [
        "import sitrep",
        "import sys; sys.argv = ['sitrep', '--help']\nfrom sitrep.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass",
    ],
)
def test_import_and_help_load_no_heavy_library(code):
    probe = (
        code
        + "\nimport sys; print('LOADED:', *(m for m in ('spacy', 'pandas', 'sqlalchemy', 'fastapi') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert out.splitlines()[-1] == "LOADED:"


def test_to_dict_and_from_dict_round_trip():
    data = hand_made().to_dict()
    again = Extraction.from_dict(data)
    assert again.to_dict() == data
    assert again.figures[0].value == 12.0 and again.actors[0].mentions == [(0, 6)]
    assert again.claims[0].speaker_span == (0, 6)


def test_from_dict_ignores_extra_fields_and_names_what_is_wrong():
    data = hand_made().to_dict()
    data["places"][0]["optional"] = True
    assert Extraction.from_dict(data).places[0].name == "Dori"
    del data["times"][0]["span"]
    with pytest.raises(InputError, match=r"times/T1: the required field 'span' is missing"):
        Extraction.from_dict(data)
    bad_span = hand_made().to_dict()
    bad_span["events"][0]["span"] = [27]
    with pytest.raises(InputError, match=r"events/E1.span: a span must be \[start, end\]"):
        Extraction.from_dict(bad_span)
    wrong_id = hand_made().to_dict()
    wrong_id["document"]["id"] = "0" * 64
    with pytest.raises(InputError, match="is not the sha256 of its text"):
        Extraction.from_dict(wrong_id)
    with pytest.raises(InputError, match="schema 'sitrep/2'"):
        Extraction.from_dict({**hand_made().to_dict(), "schema": "sitrep/2"})


def test_to_frames_gives_one_frame_per_layer():
    pytest.importorskip("pandas")
    frames = hand_made().to_frames()
    assert list(frames) == ["documents", "actors", "places", "times", "figures", "claims", "events"]
    claims = frames["claims"]
    assert claims.loc[0, "content_span_start"] == 12 and claims.loc[0, "speaker"] == "A1"
    assert frames["figures"].loc[0, "value"] == 12
    assert frames["documents"].loc[0, "id"] == hand_made().document.id
    assert (frames["figures"]["document_id"] == frames["documents"].loc[0, "id"]).all()


def test_frames_of_many_extractions_and_of_none():
    pytest.importorskip("pandas")
    one = hand_made().to_dict()
    other = Extraction(document=Document(text="Nothing happened.")).to_dict()
    frames = sitrep.to_frames([one, other])
    assert len(frames["documents"]) == 2 and len(frames["places"]) == 1
    empty = sitrep.to_frames([])
    assert empty["events"].empty and "span_start" in empty["events"].columns


def test_to_frames_without_pandas_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(DependencyError, match=r'pip install "sitrep\[frames\]"'):
        hand_made().to_frames()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": ""}, "text: the article is empty"),
        ({"text": 12}, "text: expected a string, not int"),
        ({"text": "Shots were fired.", "published": "10 March"}, "published: '10 March' is not a date"),
    ],
)
def test_extract_refuses_bad_input_before_loading_anything(kwargs, message):
    text = kwargs.pop("text")
    with pytest.raises(InputError, match=message):
        sitrep.extract(text, **kwargs)


def test_picture_of_extractions_and_of_a_store(tmp_path):
    extraction = hand_made()
    view = sitrep.picture([extraction])
    assert view["documents"] and view["events"]
    with sitrep.open_store(f"sqlite:///{tmp_path / 'api.db'}") as store:
        assert store.save_document(extraction.to_dict())
        stored = sitrep.picture(store, since="2026-03-01", limit=5)
    assert [e["type"] for e in stored["events"]] == [e["type"] for e in view["events"]]


def test_picture_refuses_unknown_filters_and_inputs():
    with pytest.raises(InputError, match="unknown filter"):
        sitrep.picture([], country="BFA")
    with pytest.raises(InputError, match="expected a store or a list of extractions"):
        sitrep.picture(hand_made())


def test_extract_and_extract_many_agree():
    one = sitrep.extract(TEXT, published="2026-03-10", source="Sahel Wire", title="Dori")
    assert one.document.source == "Sahel Wire" and one.document.published == "2026-03-10"
    assert [t.start for t in one.times] == ["2026-03-09"]
    many = list(sitrep.extract_many([TEXT, one.document], published="2026-03-10"))
    assert [m.to_dict()["figures"] for m in many] == [one.to_dict()["figures"]] * 2
    assert Extraction.from_dict(one.to_dict()).to_dict() == one.to_dict()


@pytest.mark.parametrize("value", ["2026-03-05garbage", "2026-03-05 not a date", "20260305", "2026-W10", "2026-02-30"])
def test_dates_are_checked_as_strictly_as_the_cli(value: str) -> None:
    """``sitrep.document`` and ``sitrep.picture`` refuse what ``--since`` refuses, naming the argument."""
    from sitrep.api import document

    with pytest.raises(InputError, match="published"):
        document("Troops moved.", published=value)
