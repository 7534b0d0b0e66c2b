"""Long texts: parsed in bounded pieces with every offset right, or refused over the cap."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.model import Document
from sitrep.nlp import engine
from sitrep.nlp.engine import check_length, parse, piece_bounds
from sitrep.pipeline import extract
from sitrep.workflow import BatchReport, extract_sources

PARAGRAPHS = [
    "KHARKIV, Ukraine (AP) — Shelling hit two districts of the city overnight, the regional governor said.",
    "About 3,000 residents left the village of Vovchansk on Tuesday, officials told reporters.",
    "The United Nations said it was alarmed by reports of strikes on civilian buildings in the region.",
    "Police in Nairobi arrested 40 protesters outside parliament on Wednesday, witnesses said.",
]


def long_text(paragraphs: int) -> str:
    return "\n\n".join(PARAGRAPHS[n % 4] for n in range(paragraphs))


@given(st.text(alphabet=st.sampled_from("ab .\n\t!"), max_size=3000), st.integers(min_value=20, max_value=400))
@settings(max_examples=200, deadline=None)
def test_pieces_cover_the_text_exactly_and_stay_under_the_size(text: str, size: int) -> None:
    bounds = piece_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(bounds))
    assert all(0 < end - start <= size for start, end in bounds) or text == ""


def test_pieces_are_cut_at_paragraph_breaks_when_there_are_some() -> None:
    text = long_text(40)
    for _, end in piece_bounds(text, 500)[:-1]:
        assert text[:end].endswith("\n\n")


def test_a_text_parsed_in_pieces_has_offsets_into_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_text(24)
    whole = parse(text)
    monkeypatch.setattr(engine, "CHUNK_CHARS", 400)
    pieced = parse(text)
    assert len(piece_bounds(text, 400)) > 5
    assert pieced.text == text
    assert [t.text for t in pieced.tokens if not t.text.isspace()] == [
        t.text for t in whole.tokens if not t.text.isspace()
    ]
    for k, token in enumerate(pieced.tokens):
        assert token.i == k and text[token.start : token.end] == token.text
        assert pieced.sentences[token.sent].first <= token.head < pieced.sentences[token.sent].last
    assert [s.index for s in pieced.sentences] == list(range(len(pieced.sentences)))
    assert all(a.end <= b.start for a, b in zip(pieced.sentences, pieced.sentences[1:], strict=False))
    assert all(text[e.start : e.end] == e.text for e in pieced.entities)
    assert {e.text for e in pieced.entities} >= {"Nairobi", "Vovchansk"}
    assert pieced.dateline == whole.dateline and pieced.dateline is not None


def test_a_dateline_in_a_later_piece_is_the_whole_texts_dateline(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(PARAGRAPHS[1:] + PARAGRAPHS[:1])  # the dateline paragraph starts a later piece
    whole = parse(text)
    monkeypatch.setattr(engine, "CHUNK_CHARS", 200)
    pieced = parse(text)
    assert pieced.dateline == whole.dateline
    kharkiv = text.index("KHARKIV")
    assert [e.label for e in pieced.entities if e.start == kharkiv] == [
        e.label for e in whole.entities if e.start == kharkiv
    ]


def test_extraction_of_a_pieced_text_keeps_evidence_spans_right(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CHUNK_CHARS", 300)
    text = long_text(12)
    extraction = extract(Document(text=text)).to_dict()
    spans = [(item["text"], item["span"]) for layer in ("figures", "events") for item in extraction[layer]]
    assert spans and all(text[start:end] == phrase for phrase, (start, end) in spans)


def test_a_text_over_the_cap_is_refused_with_its_length() -> None:
    with pytest.raises(InputError, match=r"text too long to extract \(2,000,001 characters; the limit is 500,000\)"):
        check_length("a" * 2_000_001)


def test_an_overlong_document_is_one_failure_in_a_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_CHARS", 1000)
    (tmp_path / "a-long.txt").write_text(long_text(30))
    (tmp_path / "b-short.txt").write_text(PARAGRAPHS[3])
    report = BatchReport()
    results = list(extract_sources([str(tmp_path)], report=report))
    assert len(results) == 1
    [failure] = report.failures
    assert failure.origin.endswith("a-long.txt")
    assert failure.message.startswith("extraction failed: text too long to extract")


def test_an_unforeseen_error_in_extraction_is_one_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep import workflow

    real = workflow.extract

    def flaky(document: Document, timings: object = None) -> object:
        if "Nairobi" in document.text:
            raise ValueError("[E088] Text of length 2000001 exceeds maximum")
        return real(document, timings)  # type: ignore[arg-type]

    monkeypatch.setattr(workflow, "extract", flaky)
    (tmp_path / "a.txt").write_text(PARAGRAPHS[3])
    (tmp_path / "b.txt").write_text(PARAGRAPHS[1])
    report = BatchReport()
    assert len(list(extract_sources([str(tmp_path)], report=report))) == 1
    assert [f.message for f in report.failures] == [
        "extraction failed: unexpected error (ValueError: [E088] Text of length 2000001 exceeds maximum)"
    ]


@pytest.mark.slow
def test_a_quarter_million_characters_parse_within_bounded_memory() -> None:
    import tracemalloc

    text = long_text(2600)[:250_000]
    tracemalloc.start()
    try:
        parsed = parse(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert parsed.tokens[-1].end <= len(text)
    assert peak < 600_000_000
