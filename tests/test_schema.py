"""The shipped sitrep/1 schema is the contract's, and extractions obey it."""

from __future__ import annotations

import json

from sitrep.model import Document
from sitrep.pipeline import extract
from sitrep.schema import load_schema, problems


def test_shipped_schema_equals_the_contract(shared_dir):
    contract = shared_dir / "contract.schema.json"
    assert load_schema() == json.loads(contract.read_text(encoding="utf-8"))


def test_extraction_of_a_written_article_obeys_the_contract(article_path):
    from sitrep.ingest import read_text_file

    article = read_text_file(article_path)
    document = Document(
        text=article.text, title=article.title, source=article.source, url=article.url, published=article.published
    )
    result = extract(document).to_dict()
    assert problems(result) == []
    assert result["document"]["id"] == document.id


def test_empty_extraction_obeys_the_contract():
    assert problems(extract(Document(text="Nothing happened.")).to_dict()) == []


def test_problems_reports_a_span_that_misses_its_text():
    result = extract(Document(text="Rain fell on Monday.")).to_dict()
    result["times"] = [
        {
            "id": "T1",
            "text": "Sunday",
            "span": [13, 19],
            "start": None,
            "end": None,
            "granularity": "day",
            "relative": True,
        }
    ]
    assert any("does not cover" in p for p in problems(result))
