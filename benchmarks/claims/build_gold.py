"""Build the gold files of the claims benchmark from the articles and a compact spec.

usage: python benchmarks/claims/build_gold.py

Each ``NAME.txt`` beside this script is an article written for the benchmark (first line:
the title); ``specs.py`` says, per article, its publication date, the actors and the claims
by the words they are written in. This script finds the character offsets (a cue or a
speaker mention is the occurrence nearest its content) and writes ``NAME.gold.json`` in the
sitrep/1 shape with ``"layers": ["claims", "actors"]``. It stops on a phrase it cannot find.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from specs import ARTICLES


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every word-bounded occurrence of ``phrase`` in ``text``."""
    pattern = r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def nearest(text: str, phrase: str, anchor: tuple[int, int], name: str) -> list[int]:
    found = occurrences(text, phrase)
    if not found:
        raise SystemExit(f"{name}: cannot find {phrase!r}")

    def distance(span: tuple[int, int]) -> int:
        if span[1] <= anchor[0]:
            return anchor[0] - span[1]
        if span[0] >= anchor[1]:
            return span[0] - anchor[1]
        return 0

    return list(min(found, key=distance))


def build(name: str, spec: dict) -> dict:
    raw = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    title = raw.split("\n", 1)[0]
    text = raw
    actors, keys = [], {}
    for index, (key, actor_name, type_, country, phrases, *rest) in enumerate(spec["actors"], start=1):
        mentions = sorted({m for phrase in phrases for m in occurrences(text, phrase)})
        if not mentions:
            raise SystemExit(f"{name}: actor {actor_name!r} has no mention")
        actor = {
            "id": f"A{index}",
            "name": actor_name,
            "type": type_,
            "country": country,
            "role": None,
            "affiliation": None,
            "mentions": [list(m) for m in mentions],
        }
        for flag in rest:
            actor[flag] = True  # "mention_only" or "optional"
        actors.append(actor)
        keys[key] = actor["id"]
    claims = []
    for index, row in enumerate(spec["claims"], start=1):
        content = row["content"]
        found = occurrences(text, content)
        if len(found) != 1:
            raise SystemExit(f"{name}: content {content!r} found {len(found)} times")
        span = found[0]
        speaker_text = row.get("speaker_text")
        claim = {
            "id": f"C{index}",
            "speaker": keys[row["speaker"]] if row.get("speaker") else None,
            "speaker_text": speaker_text,
            "speaker_span": nearest(text, speaker_text, span, name) if speaker_text else None,
            "cue": row["cue"],
            "cue_span": nearest(text, row["cue"], span, name),
            "content": content,
            "content_span": list(span),
            "kind": row.get("kind", "indirect"),
            "via": [keys[v] for v in row.get("via", [])],
            "stance": row.get("stance"),
            "factuality": row.get("factuality"),
            "time": None,
            "figures": [],
            "places": [],
        }
        if row.get("optional"):
            claim["optional"] = True
        claims.append(claim)
    document = {
        "id": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "title": title,
        "source": "sitrep claims benchmark (written for the project)",
        "url": None,
        "published": spec.get("published"),
        "language": "en",
        "text": text,
    }
    return {
        "schema": "sitrep/1",
        "layers": ["claims", "actors"],
        "document": document,
        "actors": actors,
        "places": [],
        "times": [],
        "figures": [],
        "claims": claims,
        "events": [],
    }


def main() -> None:
    for name, spec in ARTICLES.items():
        gold = build(name, spec)
        (HERE / f"{name}.gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{name}: {len(gold['actors'])} actors, {len(gold['claims'])} claims")


if __name__ == "__main__":
    main()
