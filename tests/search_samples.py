"""Hand-written articles with one claim each, for the search tests and benchmark."""

from __future__ import annotations

from typing import Any

from store_samples import document, span

ARTICLES = [
    (
        "Port of Velmar closed after strike",
        "Velmar Daily",
        "2026-03-02",
        "Dock workers in Velmar walked out on Monday, closing the port to container ships. "
        "The union leader Mara Osei said the strike would continue until wages rose.",
        "The union leader Mara Osei",
        "the strike would continue until wages rose",
    ),
    (
        "Floods cut road to Tarn",
        "Northern Wire",
        "2026-03-04",
        "Heavy rain flooded the valley road to Tarn, stranding about 200 drivers overnight. "
        "Regional officials said crews were clearing debris from the bridges.",
        "Regional officials",
        "crews were clearing debris from the bridges",
    ),
    (
        "Talks on the port dispute resume",
        None,
        "2026-03-06T09:30:00+00:00",
        "Negotiators for the Velmar port company and the dockers' union met again on Friday. "
        "A company spokesperson said an agreement on wages was close.",
        "A company spokesperson",
        "an agreement on wages was close",
    ),
]


def article_extraction(
    title: str, source: str | None, published: str, text: str, speaker: str, content: str
) -> dict[str, Any]:
    """An extraction with no layers but one claim (speaker as text only)."""
    return {
        "schema": "sitrep/1",
        "document": document(text, title=title, source=source, published=published),
        "claims": [
            {
                "id": "C1",
                "speaker": None,
                "speaker_text": speaker,
                "speaker_span": span(text, speaker),
                "cue": "said",
                "cue_span": span(text, "said"),
                "content": content,
                "content_span": span(text, content),
                "kind": "indirect",
                "via": [],
                "stance": "assert",
                "factuality": "fact",
                "time": None,
                "figures": [],
                "places": [],
            }
        ],
    }


def sample_articles() -> list[dict[str, Any]]:
    return [article_extraction(*article) for article in ARTICLES]
