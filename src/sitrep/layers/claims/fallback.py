"""A surface fallback for reporting clauses the small parser gets wrong.

The small English model sometimes breaks a plain report: "Voters say by a wide margin
that ..." hangs the that-clause on "margin" as a relative clause; "Analysts at Rystad
estimate that ..." reads "estimate" as the object of "at". When a sentence has a cue
word whose entry allows a that-clause but no claim with a speaker was found in it, or
the claim found on that cue does not start where its that-clause does, the words decide:
the cue, at most a short prepositional phrase, then "that" (or a subject pronoun right
after a verb of saying): the rest of the sentence is the content, and the noun phrase
just before the cue (its parsed subject when there is one) the speaker.
"""

from __future__ import annotations

from sitrep.layers.claims.cues import CueLexicon
from sitrep.layers.claims.parts import Found, cue_span_of, mention_span, subject_of, trimmed
from sitrep.model import Span
from sitrep.nlp import Parse, Sentence, Token

GAP_POS = frozenset({"ADP", "DET", "ADJ", "NOUN", "ADV", "NUM"})
MAX_GAP = 6
MIN_CONTENT_TOKENS = 3
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
SPEAKER_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM"})
SPEAKER_LINKS = frozenset({"at", "of", "from", "for", "'s", "’s", "-"})
MAX_SPEAKER_TOKENS = 8


def find_misparsed(parse: Parse, lexicon: CueLexicon, found: list[Found]) -> list[Found]:
    """Claims on cue words of sentences where the parse gave none."""
    result = []
    for sentence in parse.sentences:
        inside = [f for f in found if f.cue_span is not None and sentence.start <= f.cue_span[0] < sentence.end]
        claim = _surface_claim(parse, lexicon, sentence) or _trailing_attribution(parse, lexicon, sentence)
        if claim is None:
            continue
        same_cue = next((f for f in inside if f.cue_token == claim.cue_token), None)
        if same_cue is not None:  # the parse hung the wrong words on this cue: the words decide
            if same_cue.content[0] != claim.content[0]:
                same_cue.content, same_cue.frame = claim.content, claim.frame
            continue
        if any(f.speaker is not None for f in inside):
            continue  # the parse found this sentence's speaker: trust it
        result.append(claim)
    return result


def _surface_claim(parse: Parse, lexicon: CueLexicon, sentence: Sentence) -> Found | None:
    tokens = [t for t in parse.sentence_tokens(sentence) if t.pos != "SPACE"]
    for index, token in enumerate(tokens):
        if index == 0 or token.pos not in ("VERB", "NOUN", "AUX") or not token.tag.startswith(("VB", "NN")):
            continue
        cue = lexicon.verb_cue(parse, token)
        if cue is None or not cue.allows("that") or cue.stance not in ("report", "assert", "estimate", "warn"):
            continue
        start = _content_start(tokens, index)
        if start is None:
            continue
        content = trimmed(parse, tokens[start].i, sentence.last, marks=frozenset({"that"}))
        speaker = _speaker_before(parse, tokens, index)
        if content is None or speaker is None:
            continue
        span, head = speaker
        return Found(
            content=content,
            cue=cue,
            cue_span=cue_span_of(parse, token, cue),
            cue_token=token.i,
            speaker=span,
            speaker_token=head.i,
            frame="that",
        )
    return None


def _trailing_attribution(parse: Parse, lexicon: CueLexicon, sentence: Sentence) -> Found | None:
    """ "14 killed in strike on market, the hospital director said.": a lead whose figure the parser took
    for the cue's subject. The words before the last comma are the content, the noun phrase after it
    the speaker, when nothing but the cue (and a time or a place) follows."""
    tokens = [t for t in parse.sentence_tokens(sentence) if t.pos != "SPACE"]
    while tokens and tokens[-1].pos == "PUNCT":
        tokens = tokens[:-1]
    commas = [k for k, t in enumerate(tokens) if t.text == ","]
    if not commas or commas[-1] < MIN_CONTENT_TOKENS:
        return None
    comma = commas[-1]
    cue_index = next((k for k in range(comma + 2, len(tokens)) if _finite_or_misread(tokens[k])), None)
    if cue_index is None or len(tokens) - cue_index > 4:
        return None
    cue = lexicon.verb_cue(parse, tokens[cue_index])
    if cue is None or not (cue.allows("that") or cue.allows("quote")) or cue.stance not in ("report", "assert"):
        return None
    run = tokens[comma + 1 : cue_index]
    if not run or not all(t.pos in SPEAKER_POS or t.lower in SPEAKER_LINKS for t in run):
        return None
    nouns = [t for t in run if t.pos in ("NOUN", "PROPN")]
    content = trimmed(parse, tokens[0].i, tokens[comma].i)
    if not nouns or content is None:
        return None
    verb = tokens[cue_index]
    return Found(
        content=content,
        cue=cue,
        cue_span=cue_span_of(parse, verb, cue),
        cue_token=verb.i,
        speaker=(run[0].start, run[-1].end),
        speaker_token=nouns[-1].i,
        frame="parenthetical",
    )


def _finite_or_misread(token: Token) -> bool:
    """A finite verb, or one the parser misread: a reduced relative ("..., the agency reported"), a plural
    noun at the root ("..., a new analysis shows")."""
    if token.tag in ("VBD", "VBZ", "VBP") or (token.tag == "VBN" and token.dep == "acl"):
        return True
    return token.tag == "NNS" and token.dep == "ROOT"  # "..., a new analysis shows": the verb read as a plural


def _content_start(tokens: list[Token], index: int) -> int | None:
    """Where the content starts after the cue at ``index``: after "that", or at a subject pronoun."""
    after = tokens[index + 1 : index + 2 + MAX_GAP]
    if after and after[0].lower in SUBJECT_PRONOUNS and tokens[index].tag in ("VBD", "VBZ", "VBP"):
        start = index + 1
    else:
        gap = next((k for k, token in enumerate(after) if token.lower == "that" or token.pos not in GAP_POS), None)
        if gap is None or after[gap].lower != "that":
            return None  # only gap words, or a word other than "that" ends them
        start = index + gap + 2
    if len(tokens) - start < MIN_CONTENT_TOKENS:
        return None
    return start


def _speaker_before(parse: Parse, tokens: list[Token], index: int) -> tuple[Span, Token] | None:
    """The cue's subject, else the noun phrase that ends right before it ("Energy analysts at Rystad")."""
    subject = subject_of(parse, tokens[index].i)
    if subject is not None and subject.i < tokens[index].i:
        span = mention_span(parse, subject.i)
        if span is not None:
            return span, subject
    first = index
    while first > 0 and index - first < MAX_SPEAKER_TOKENS:
        previous = tokens[first - 1]
        if previous.pos in SPEAKER_POS or previous.lower in SPEAKER_LINKS:
            first -= 1
        else:
            break
    run = tokens[first:index]
    nouns = [t for t in run if t.pos in ("NOUN", "PROPN")]
    if not nouns:
        return None
    linked = next((k for k, t in enumerate(run) if t.lower in ("at", "of", "from", "for")), None)
    head = next((t for t in reversed(run[:linked]) if t.pos in ("NOUN", "PROPN")), None) if linked else None
    head = head or nouns[-1]
    return (run[0].start, run[-1].end), head
