"""Builders of hand-made sitrep/1 extractions for the fusion tests (no tests in here)."""

from __future__ import annotations

import hashlib
import itertools
from typing import Any

_counter = itertools.count()

FILLER = [
    "officials",
    "residents",
    "morning",
    "convoy",
    "border",
    "market",
    "statement",
    "council",
    "district",
    "agency",
    "patrol",
    "road",
    "bridge",
    "river",
    "village",
    "capital",
    "hospital",
    "school",
    "province",
    "envoy",
    "talks",
    "ceasefire",
    "aid",
    "shelter",
    "supply",
]


def filler(seed: int, words: int = 80) -> str:
    """A body of words that no other call reproduces (so documents are not taken for copies)."""
    digest = hashlib.sha256(str(seed).encode()).digest()
    out = [f"{FILLER[digest[i % 32] % len(FILLER)]}{(seed * 31 + i) % 997}" for i in range(words)]
    return "\n".join(" ".join(out[i : i + 20]) for i in range(0, words, 20))


class Doc:
    """One article's extraction, built item by item with contract-shaped dicts."""

    def __init__(
        self,
        text: str | None = None,
        source: str | None = "Outlet",
        published: str | None = "2024-10-20",
        title: str | None = None,
    ) -> None:
        self.text = text if text is not None else filler(next(_counter))
        self.document = {
            "id": hashlib.sha256(self.text.encode()).hexdigest(),
            "title": title,
            "source": source,
            "url": None,
            "published": published,
            "language": "en",
            "text": self.text,
        }
        self.layers: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("actors", "places", "times", "figures", "claims", "events")
        }

    @property
    def id(self) -> str:
        return self.document["id"]

    def _add(self, layer: str, prefix: str, item: dict[str, Any]) -> str:
        item["id"] = f"{prefix}{len(self.layers[layer]) + 1}"
        self.layers[layer].append(item)
        return item["id"]

    def actor(
        self,
        name: str,
        type: str = "state",
        country: str | None = None,
        affiliation: str | None = None,
        mentions: list[list[int]] | None = None,
    ) -> str:
        return self._add(
            "actors",
            "A",
            {
                "name": name,
                "type": type,
                "country": country,
                "role": None,
                "affiliation": affiliation,
                "mentions": mentions or [[0, 1]],
            },
        )

    def place(
        self,
        name: str,
        feature: str = "city",
        country: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
    ) -> str:
        return self._add(
            "places",
            "P",
            {
                "name": name,
                "feature": feature,
                "country": country,
                "lat": lat,
                "lon": lon,
                "geonames_id": None,
                "mentions": [[0, 1]],
            },
        )

    def time(self, start: str, end: str | None = None, granularity: str = "day") -> str:
        return self._add(
            "times",
            "T",
            {
                "text": start,
                "span": [0, 1],
                "start": start,
                "end": end or start,
                "granularity": granularity,
                "relative": False,
            },
        )

    def claim(
        self,
        speaker: str | None,
        content: str,
        time: str | None = None,
        speaker_text: str | None = None,
        stance: str = "assert",
    ) -> str:
        return self._add(
            "claims",
            "C",
            {
                "speaker": speaker,
                "speaker_text": speaker_text,
                "speaker_span": None,
                "cue": "said",
                "cue_span": None,
                "content": content,
                "content_span": [0, len(content)],
                "kind": "indirect",
                "via": [],
                "stance": stance,
                "factuality": "fact",
                "time": time,
                "figures": [],
                "places": [],
            },
        )

    def figure(
        self,
        value: float | None,
        category: str = "troops",
        qualifier: str = "exact",
        actor: str | None = None,
        place: str | None = None,
        time: str | None = None,
        claim: str | None = None,
        low: float | None = None,
        high: float | None = None,
        unit: str = "person",
        text: str | None = None,
        noun: str = "people",
    ) -> str:
        return self._add(
            "figures",
            "F",
            {
                "text": text or f"{value} people",
                "span": [0, 1],
                "value": value,
                "low": low,
                "high": high,
                "qualifier": qualifier,
                "unit": unit,
                "noun": noun,
                "category": category,
                "actor": actor,
                "place": place,
                "time": time,
                "claim": claim,
            },
        )

    def event(
        self,
        type: str,
        source: str | None = None,
        target: str | None = None,
        place: str | None = None,
        time: str | None = None,
        status: str = "occurred",
        text: str = "something happened",
        figures: list[str] | None = None,
        claims: list[str] | None = None,
        mode: str | None = None,
        span: list[int] | None = None,
    ) -> str:
        return self._add(
            "events",
            "E",
            {
                "type": type,
                "mode": mode,
                "source": source,
                "target": target,
                "place": place,
                "time": time,
                "status": status,
                "figures": figures or [],
                "claims": claims or [],
                "text": text,
                "span": span or [0, 1],
            },
        )

    def to_dict(self) -> dict[str, Any]:
        return {"schema": "sitrep/1", "document": dict(self.document), **{k: list(v) for k, v in self.layers.items()}}


def strike_report(
    source: str,
    published: str,
    day: str | None,
    attacker: str = "Russia",
    attacker_code: str = "RUS",
    town: str = "Kharkiv",
    lat: float = 49.99,
    lon: float = 36.23,
    status: str = "occurred",
    text: str = "a missile strike hit the city",
) -> Doc:
    """A report of an ASSAULT by a state's forces on a Ukrainian town."""
    doc = Doc(source=source, published=published)
    attacker_id = doc.actor(f"{attacker} armed forces", "armed_forces", attacker_code)
    target_id = doc.actor("Ukraine", "state", "UKR")
    place_id = doc.place(town, "city", "UKR", lat, lon)
    time_id = doc.time(day) if day else None
    doc.event("ASSAULT", attacker_id, target_id, place_id, time_id, status=status, text=text)
    return doc
