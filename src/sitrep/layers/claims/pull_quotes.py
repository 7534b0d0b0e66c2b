"""Pull quotes: a quotation set on a line of its own, signed on the next line.

    "We will rebuild every school."
    — Education Minister Ana Ruiz

The signature line (a dash and a name or description, nothing else) is the speaker; the
quotation is a direct claim with no cue. Some sites set a pull quote without marks and
sign it with a bare name at the paragraph's end ("I was told to leave the ship. Jane Doe"):
first-person words followed by a name that is a sentence of its own. Claims inside such a
paragraph that have no speaker take the signer, and the paragraph is a claim of its own
when nothing was found in it. :func:`find_pull_quotes` and :func:`sign_unmarked` read the
text and the parse; the second fills speakers in place.
"""

from __future__ import annotations

import re

from sitrep.layers.claims.cues import ClaimWords
from sitrep.layers.claims.parts import Found, mention_span, trimmed
from sitrep.layers.claims.quotes import Quote
from sitrep.nlp import Parse, Sentence, Token

SIGNATURE = re.compile(r"[ \t]*[—–―-]{1,2}[ \t]*(?P<who>[^\n]{2,120}?)[ \t]*$", re.MULTILINE)
NAME_POS = frozenset({"PROPN", "NOUN"})
SIGNATURE_TOKENS = (2, 4)  # a signing name has two to four words


def find_pull_quotes(parse: Parse, quotes: list[Quote], found: list[Found]) -> list[Found]:
    """Claims for quotations that fill their line and are signed on the line below."""
    text = parse.text
    made = []
    for quote in quotes:
        if not _alone_on_line(text, quote) or any(
            f.content[0] < quote.end and quote.start < f.content[1] for f in found
        ):
            continue
        line_end = text.find("\n", quote.end)
        if line_end < 0:
            continue
        next_end = text.find("\n", line_end + 1)
        signature = SIGNATURE.match(text, line_end + 1, next_end if next_end >= 0 else len(text))
        if signature is None:
            continue
        head = _signer(parse, *signature.span("who"))
        if head is None:
            continue
        made.append(
            Found(
                content=quote.inner,
                kind="direct",
                frame="pull_quote",
                quote=quote,
                speaker=mention_span(parse, head.i),
                speaker_token=head.i,
            )
        )
    return made


def _alone_on_line(text: str, quote: Quote) -> bool:
    line_start = text.rfind("\n", 0, quote.start) + 1
    line_end = text.find("\n", quote.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start : quote.start].strip() and not text[quote.end : line_end].strip()


def _signer(parse: Parse, start: int, end: int) -> Token | None:
    """The head of the signature: its last name-like token outside a comma-set description."""
    tokens = [t for t in parse.tokens_in(start, end) if t.pos != "SPACE"]
    if not tokens or any(t.pos in ("VERB", "AUX") for t in tokens):
        return None
    before_comma = []
    for token in tokens:
        if token.text == ",":
            break
        before_comma.append(token)
    names = [t for t in before_comma if t.pos in NAME_POS]
    return names[-1] if names else None


def sign_unmarked(parse: Parse, found: list[Found], words: ClaimWords) -> list[Found]:
    """Give the signer of an unmarked pull quote to its paragraph's unattributed claims; returns
    the claims made for signed paragraphs where nothing was found."""
    made = []
    for index, sentence in enumerate(parse.sentences):
        if index == 0 or not _is_signature(parse, sentence):
            continue
        words_before = _paragraph_before(parse, index)
        if not words_before or not any(words.has("first_person", t.lower) for t in words_before):
            continue
        names = [t for t in parse.sentence_tokens(sentence) if t.pos == "PROPN"]
        head = names[-1]
        span = (names[0].start, head.end)
        content = trimmed(parse, words_before[0].i, words_before[-1].i + 1)
        if content is None:
            continue
        inside = [f for f in found if content[0] <= f.content[0] and f.content[1] <= content[1]]
        for claim in inside:
            if claim.speaker is None:
                claim.speaker, claim.speaker_token = span, head.i
        if not inside:
            made.append(Found(content=content, frame="pull_quote", speaker=span, speaker_token=head.i))
    return made


def _is_signature(parse: Parse, sentence: Sentence) -> bool:
    """A sentence that is only a name, ending its paragraph: "Lena Paris"."""
    tokens = [t for t in parse.sentence_tokens(sentence) if t.pos != "SPACE"]
    low, high = SIGNATURE_TOKENS
    if not low <= len(tokens) <= high or not all(t.pos == "PROPN" and t.text[:1].isupper() for t in tokens):
        return False
    after = parse.text[tokens[-1].end : tokens[-1].end + 2]
    return after == "" or after.startswith("\n")


def _paragraph_before(parse: Parse, index: int) -> list[Token]:
    """The tokens of the sentences before sentence ``index`` in its paragraph."""
    text = parse.text
    start = text.rfind("\n", 0, parse.sentences[index].start - 1) + 1
    previous = parse.sentences[index - 1]
    if previous.end > parse.sentences[index].start or not text[previous.start : previous.end].rstrip().endswith(
        (".", "!", "?")
    ):
        return []
    return [t for t in parse.tokens_in(start, previous.end) if t.pos != "SPACE"]
