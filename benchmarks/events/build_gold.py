"""Write NAME.txt and NAME.gold.json (sitrep/1 shape, layers events and actors) for every story in stories.json
and roles-stories.json.

usage: python benchmarks/events/build_gold.py   (then: sitrep eval benchmarks/events)
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).parent


def locate(text: str, needle: str) -> list[int]:
    """Offsets of ``needle`` ("words#N" takes the N-th occurrence) in ``text``."""
    phrase, _, nth = needle.partition("#")
    found = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)]
    if len(found) < int(nth or 1):
        raise ValueError(f"{needle!r} not found")
    start = found[int(nth or 1) - 1]
    return [start, start + len(phrase)]


def gold_for(name: str, story: dict) -> dict:
    text = story["text"]
    actors, ids = [], {}
    for number, (actor_name, kind, country, mentions) in enumerate(story["actors"], 1):
        ids[actor_name] = f"A{number}"
        actors.append(
            {
                "id": f"A{number}",
                "name": actor_name,
                "type": kind,
                "country": country,
                "role": None,
                "affiliation": None,
                "mentions": [locate(text, m) for m in mentions],
            }
        )
    events = []
    for number, (kind, span_text, source, target, status, *rest) in enumerate(story["events"], 1):
        span = locate(text, span_text)
        event = {
            "id": f"E{number}",
            "type": kind,
            "mode": None,
            "source": ids.get(source),
            "target": ids.get(target),
            "place": None,
            "time": None,
            "status": status,
            "figures": [],
            "claims": [],
            "text": text[span[0] : span[1]],
            "span": span,
        }
        if rest and rest[0]:
            event["optional"] = True
        events.append(event)
    document = {
        "id": hashlib.sha256(text.encode()).hexdigest(),
        "title": None,
        "source": "sitrep events benchmark",
        "url": None,
        "published": story["published"],
        "language": "en",
        "text": text,
    }
    return {
        "schema": "sitrep/1",
        "layers": ["events", "actors"],
        "document": document,
        "actors": actors,
        "places": [],
        "times": [],
        "figures": [],
        "claims": [],
        "events": events,
    }


STORY_FILES = ("stories.json", "roles-stories.json")


def main() -> None:
    stories = {}
    for file in STORY_FILES:
        stories.update(json.loads((HERE / file).read_text(encoding="utf-8"))["stories"])
    for name, story in stories.items():
        (HERE / f"{name}.txt").write_text(story["text"], encoding="utf-8")
        gold = json.dumps(gold_for(name, story), indent=1, ensure_ascii=False)
        (HERE / f"{name}.gold.json").write_text(gold + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
