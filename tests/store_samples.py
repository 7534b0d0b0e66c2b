"""Hand-made sitrep/1 extractions for the store tests, and a completeness check.

``sample_extraction`` fills every layer and list; ``tiny_extraction(n)`` generates
documents of varying size for bulk and crash tests (``store_writer.py``).
"""

from __future__ import annotations

from typing import Any

from sitrep.model import content_id
from sitrep.store import Store, row_counts

SAMPLE_TEXT = (
    "Ruritanian troops crossed into Eastland on Monday, the Eastland defence ministry said. "
    "\u201cAbout 300 soldiers entered the village of Kova,\u201d minister Ana Novak told the Daily Courier. "
    "Ruritania denied sending any troops."
)


def span(text: str, phrase: str, occurrence: int = 0) -> list[int]:
    """``[start, end]`` of the ``occurrence``-th ``phrase`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return [start, start + len(phrase)]


def document(text: str, **fields: Any) -> dict[str, Any]:
    """A contract ``document`` object for ``text``."""
    base = {
        "id": content_id(text),
        "title": None,
        "source": None,
        "url": None,
        "published": None,
        "language": "en",
        "text": text,
    }
    return {**base, **fields}


def sample_extraction() -> dict[str, Any]:
    """A small but complete extraction: every layer and every list is non-empty."""
    t = SAMPLE_TEXT
    return {
        "schema": "sitrep/1",
        "document": document(
            t,
            title="Troops cross into Eastland",
            source="Daily Courier",
            url="https://example.org/eastland",
            published="2024-03-06",
        ),
        "actors": [
            {
                "id": "A1",
                "name": "Ruritanian armed forces",
                "type": "armed_forces",
                "country": "RUR",
                "role": None,
                "affiliation": "A4",
                "mentions": [span(t, "Ruritanian troops")],
            },
            {
                "id": "A2",
                "name": "Eastland Ministry of Defence",
                "type": "organization",
                "country": "EAS",
                "role": None,
                "affiliation": None,
                "mentions": [span(t, "the Eastland defence ministry")],
            },
            {
                "id": "A3",
                "name": "Ana Novak",
                "type": "person",
                "country": "EAS",
                "role": "minister",
                "affiliation": "A2",
                "mentions": [span(t, "minister Ana Novak")],
            },
            {
                "id": "A4",
                "name": "Ruritania",
                "type": "state",
                "country": "RUR",
                "role": None,
                "affiliation": None,
                "mentions": [span(t, "Ruritania", 1)],
            },
            {
                "id": "A5",
                "name": "Daily Courier",
                "type": "media",
                "country": None,
                "role": None,
                "affiliation": None,
                "mentions": [span(t, "the Daily Courier")],
            },
        ],
        "places": [
            {
                "id": "P1",
                "name": "Eastland",
                "feature": "country",
                "country": "EAS",
                "lat": 47.25,
                "lon": 19.5,
                "geonames_id": 9999001,
                "mentions": [span(t, "Eastland"), span(t, "Eastland", 1)],
            },
            {
                "id": "P2",
                "name": "Kova",
                "feature": "city",
                "country": "EAS",
                "lat": 47.1,
                "lon": 19.9,
                "geonames_id": None,
                "mentions": [span(t, "Kova")],
            },
        ],
        "times": [
            {
                "id": "T1",
                "text": "on Monday",
                "span": span(t, "on Monday"),
                "start": "2024-03-04",
                "end": "2024-03-04",
                "granularity": "day",
                "relative": True,
            },
        ],
        "figures": [
            {
                "id": "F1",
                "text": "About 300 soldiers",
                "span": span(t, "About 300 soldiers"),
                "value": 300,
                "low": None,
                "high": None,
                "qualifier": "approx",
                "unit": "person",
                "noun": "soldiers",
                "category": "troops",
                "actor": "A1",
                "place": "P2",
                "time": None,
                "claim": "C2",
            },
        ],
        "claims": [
            {
                "id": "C1",
                "speaker": "A2",
                "speaker_text": "the Eastland defence ministry",
                "speaker_span": span(t, "the Eastland defence ministry"),
                "cue": "said",
                "cue_span": span(t, "said"),
                "content": "Ruritanian troops crossed into Eastland on Monday",
                "content_span": span(t, "Ruritanian troops crossed into Eastland on Monday"),
                "kind": "indirect",
                "via": [],
                "stance": "report",
                "factuality": "fact",
                "time": None,
                "figures": [],
                "places": ["P1"],
            },
            {
                "id": "C2",
                "speaker": "A3",
                "speaker_text": "minister Ana Novak",
                "speaker_span": span(t, "minister Ana Novak"),
                "cue": "told",
                "cue_span": span(t, "told"),
                "content": "About 300 soldiers entered the village of Kova,",
                "content_span": span(t, "About 300 soldiers entered the village of Kova,"),
                "kind": "direct",
                "via": ["A5"],
                "stance": "assert",
                "factuality": "fact",
                "time": None,
                "figures": ["F1"],
                "places": ["P2"],
            },
            {
                "id": "C3",
                "speaker": "A4",
                "speaker_text": "Ruritania",
                "speaker_span": span(t, "Ruritania", 1),
                "cue": "denied",
                "cue_span": span(t, "denied"),
                "content": "sending any troops",
                "content_span": span(t, "sending any troops"),
                "kind": "indirect",
                "via": [],
                "stance": "deny",
                "factuality": "counterfact",
                "time": None,
                "figures": [],
                "places": [],
            },
        ],
        "events": [
            {
                "id": "E1",
                "type": "ASSAULT",
                "mode": None,
                "source": "A1",
                "target": None,
                "place": "P1",
                "time": "T1",
                "status": "occurred",
                "figures": ["F1"],
                "claims": ["C1", "C2"],
                "text": "Ruritanian troops crossed into Eastland on Monday",
                "span": span(t, "Ruritanian troops crossed into Eastland on Monday"),
            },
        ],
    }


def tiny_extraction(number: int) -> dict[str, Any]:
    """A generated extraction whose layer sizes vary with ``number`` (for bulk tests)."""
    speakers = number % 4 + 1
    town = f"Town{number}"
    text = f"Report {number}."
    actors, figures, claims, town_mentions = [], [], [], []
    for k in range(1, speakers + 1):
        name, amount = f"Officer {number}-{k}", f"{k + number % 7} shells"
        sentence_start = len(text) + 1
        text += f" {name} said {amount} hit {town}."
        name_span = [sentence_start, sentence_start + len(name)]
        cue_span = [name_span[1] + 1, name_span[1] + 5]
        content_span = [cue_span[1] + 1, len(text) - 1]
        town_mentions.append([len(text) - 1 - len(town), len(text) - 1])
        actors.append(
            {
                "id": f"A{k}",
                "name": name,
                "type": "person",
                "country": None,
                "role": None,
                "affiliation": None,
                "mentions": [name_span],
            }
        )
        figures.append(
            {
                "id": f"F{k}",
                "text": amount,
                "span": [content_span[0], content_span[0] + len(amount)],
                "value": k + number % 7,
                "low": None,
                "high": None,
                "qualifier": "exact",
                "unit": "shell",
                "noun": "shells",
                "category": "weapons",
                "actor": None,
                "place": "P1",
                "time": None,
                "claim": f"C{k}",
            }
        )
        claims.append(
            {
                "id": f"C{k}",
                "speaker": f"A{k}",
                "speaker_text": name,
                "speaker_span": name_span,
                "cue": "said",
                "cue_span": cue_span,
                "content": text[content_span[0] : content_span[1]],
                "content_span": content_span,
                "kind": "indirect",
                "via": [],
                "stance": "report",
                "factuality": "fact",
                "time": None,
                "figures": [f"F{k}"],
                "places": ["P1"],
            }
        )
    return {
        "schema": "sitrep/1",
        "document": document(text, source="generator"),
        "actors": actors,
        "places": [
            {
                "id": "P1",
                "name": town,
                "feature": "city",
                "country": None,
                "lat": None,
                "lon": None,
                "geonames_id": None,
                "mentions": town_mentions,
            }
        ],
        "times": [],
        "figures": figures,
        "claims": claims,
        "events": [
            {
                "id": "E1",
                "type": "ASSAULT",
                "mode": "artillery",
                "source": None,
                "target": None,
                "place": "P1",
                "time": None,
                "status": "occurred",
                "figures": ["F1"],
                "claims": ["C1"],
                "text": claims[0]["content"],
                "span": claims[0]["content_span"],
            }
        ],
    }


def incomplete_documents(store: Store) -> list[str]:
    """Ids of stored extractions whose layer rows differ from what their JSON implies.

    Works for any extraction (also those written by ``sitrep ingest``): a document
    saved atomically always has exactly ``row_counts(extraction)`` rows.
    """
    return [
        extraction["document"]["id"]
        for extraction in store.iter_extractions()
        if store.counts(extraction["document"]["id"]) != row_counts(extraction)
    ]
