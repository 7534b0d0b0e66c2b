"""Language codes and detection."""

from __future__ import annotations

import pytest

from sitrep.ingest.language import detect_language, normalise_language

SENTENCES = {
    "en": "The border guards said on Wednesday that the crossing would stay closed for now.",
    "de": "Die Grenzpolizei teilte am Mittwoch mit, dass der Übergang vorerst geschlossen bleibt.",
    "fr": "Les garde-frontières ont annoncé mercredi que le passage resterait fermé.",
    "es": "Los guardias fronterizos dijeron el miércoles que el paso seguirá cerrado por ahora.",
    "ru": "Пограничники заявили в среду, что переход пока останется закрытым.",
    "uk": "Прикордонники заявили в середу, що перехід поки залишатиметься закритим.",
}


@pytest.mark.parametrize(("code", "text"), SENTENCES.items())
def test_detects_language_of_a_sentence(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "Hello", "12 345 678 -- 9/10", "!!! ??? ..."])
def test_abstains_without_evidence(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("en", "en"),
        ("EN-gb", "en"),
        ("de_AT", "de"),
        ("eng", "en"),
        ("ger", "de"),
        ("French", "fr"),
        (" uk ", "uk"),
        ("fil", "fil"),
    ],
)
def test_normalise_language(value: str, code: str) -> None:
    assert normalise_language(value) == code


@pytest.mark.parametrize("value", ["", "zz", "xx-YY", "Klingonese", "e"])
def test_normalise_language_rejects_unknown(value: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 639"):
        normalise_language(value)
