"""Pull quotes: a quotation set on a line of its own, signed on the next line.

    "We will rebuild every school."
    — Education Minister Ana Ruiz

The signature line (a dash and a name or description, nothing else) is the speaker; the
quotation is a direct claim with no cue. :func:`find_pull_quotes` reads the text and the
parse and writes nothing.
"""

from __future__ import annotations

import re

from sitrep.layers.claims.parts import Found, mention_span
from sitrep.layers.claims.quotes import Quote
from sitrep.nlp import Parse, Token

SIGNATURE = re.compile(r"[ \t]*[—–―-]{1,2}[ \t]*(?P<who>[^\n]{2,120}?)[ \t]*$", re.MULTILINE)
NAME_POS = frozenset({"PROPN", "NOUN"})


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
