"""Language codes: normalise the ones users give, detect the ones they don't.

Detection uses ``py3langid`` (a maintained fork of langid.py: a naive Bayes model over
byte n-grams, 97+ languages, no network, model bundled in the wheel). It is loaded once,
on first use, with normalised probabilities so that a low-confidence guess can be
turned into ``None`` rather than reported as a fact.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pycountry

MIN_LETTERS = 20  # fewer letters than this: too little evidence to say
MIN_CONFIDENCE = 0.5  # normalised probability below which detection abstains
SAMPLE_CHARS = 10_000  # the opening of a long article decides, to keep detection fast
NO_LANGUAGE = "zxx"  # py3langid's label for "no linguistic content"

_CODE_SEPARATOR = re.compile(r"[-_]")


def normalise_language(value: str) -> str:
    """Turn "en", "EN-gb", "eng" or "English" into an ISO 639-1 code ("en").

    Languages without a two-letter code keep their three-letter ISO 639-3 code.
    Raises ``ValueError`` when the value names no known language.
    """
    cleaned = value.strip()
    primary = _CODE_SEPARATOR.split(cleaned, maxsplit=1)[0].lower()
    record: Any = None
    if len(primary) == 2:
        record = pycountry.languages.get(alpha_2=primary)
    elif len(primary) == 3:
        record = pycountry.languages.get(alpha_3=primary) or _bibliographic(primary)
    if record is None and len(cleaned) > 3:
        record = _by_name(cleaned)
    if record is None:
        raise ValueError(f"{value!r} is not an ISO 639 language code or name")
    return str(getattr(record, "alpha_2", None) or record.alpha_3)


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of ``text``'s language, or ``None`` if unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    label, confidence = _identifier().classify(sample)
    if label == NO_LANGUAGE or confidence < MIN_CONFIDENCE:
        return None
    return str(label)


@cache
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities, loaded once (~0.5 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _bibliographic(code: str) -> Any:
    try:
        return pycountry.languages.get(bibliographic=code)
    except (KeyError, LookupError):
        return None


def _by_name(name: str) -> Any:
    try:
        return pycountry.languages.lookup(name)
    except LookupError:
        return None
