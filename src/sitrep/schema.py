"""The sitrep/1 JSON Schema shipped with the package, and validation against it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitrep import resources

SCHEMA_FILE = "sitrep-1.schema.json"


@lru_cache(maxsize=4)
def load_schema(name: str = SCHEMA_FILE) -> dict[str, Any]:
    """A JSON Schema bundled in sitrep/resources."""
    return resources.json_object(name)


def problems(extraction: dict[str, Any]) -> list[str]:
    """Every way an extraction breaks the contract: schema errors and spans that miss their text."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema())
    found = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(extraction)]
    text = extraction.get("document", {}).get("text", "")
    for layer, span_key, text_key in (
        ("times", "span", "text"),
        ("figures", "span", "text"),
        ("events", "span", "text"),
        ("claims", "content_span", "content"),
        ("claims", "speaker_span", "speaker_text"),
        ("claims", "cue_span", "cue"),
    ):
        for item in extraction.get(layer, []):
            span = item.get(span_key)
            if span is not None and text[span[0] : span[1]] != item.get(text_key):
                found.append(f"{layer}/{item.get('id')}: {span_key} {span} does not cover {item.get(text_key)!r}")
    for layer in ("actors", "places"):
        for item in extraction.get(layer, []):
            for start, end in item.get("mentions", []):
                if not 0 <= start < end <= len(text):
                    found.append(f"{layer}/{item.get('id')}: mention [{start}, {end}] lies outside the text")
    return found
