"""Our own view of a parsed text: tokens, sentences, entities with character offsets."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from sitrep.nlp.dateline import Dateline


@dataclass(frozen=True)
class Token:
    """One token. ``head`` is the index of its syntactic head (itself for a root)."""

    i: int
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""
    sent: int = 0
    space_after: bool = True

    @cached_property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Sentence:
    """A sentence: tokens ``[first, last)`` and characters ``[start, end)``."""

    index: int
    first: int
    last: int
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A named-entity span: tokens ``[first, last)``, characters ``[start, end)``."""

    label: str
    first: int
    last: int
    start: int
    end: int
    text: str


@dataclass
class Parse:
    """A parsed text. All offsets index ``text``."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dateline: Dateline | None = None

    @cached_property
    def _children(self) -> list[list[int]]:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head != token.i:
                kids[token.head].append(token.i)
        return kids

    @cached_property
    def _starts(self) -> list[int]:
        return [token.start for token in self.tokens]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    @cached_property
    def _subtrees(self) -> dict[int, tuple[int, int]]:
        return {}

    def children(self, i: int) -> list[Token]:
        """The syntactic dependents of token ``i``, left to right."""
        return [self.tokens[k] for k in self._children[i]]

    def subtree(self, i: int) -> tuple[int, int]:
        """Token range ``[first, last)`` covered by token ``i`` and its dependents."""
        found = self._subtrees.get(i)
        if found is None:
            low = high = i
            stack = [i]
            while stack:
                k = stack.pop()
                low, high = min(low, k), max(high, k)
                stack.extend(self._children[k])
            found = self._subtrees[i] = (low, high + 1)
        return found

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Characters covered by tokens ``[first, last)``."""
        return self.tokens[first].start, self.tokens[last - 1].end

    def token_at(self, char: int) -> Token | None:
        """The token that covers character offset ``char``, if any."""
        k = bisect.bisect_right(self._starts, char) - 1
        if 0 <= k < len(self.tokens) and self.tokens[k].start <= char < self.tokens[k].end:
            return self.tokens[k]
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens that lie within characters ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        out = []
        for token in self.tokens[lo:]:
            if token.start >= end:
                break
            if token.end <= end:
                out.append(token)
        return out

    def sentence_of(self, char: int) -> Sentence | None:
        """The sentence that contains character ``char``."""
        k = bisect.bisect_right(self._sentence_starts, char) - 1
        if 0 <= k < len(self.sentences) and char < self.sentences[k].end:
            return self.sentences[k]
        return None

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first : sentence.last]

    def root_of(self, sentence: Sentence) -> Token:
        """The syntactic root of a sentence."""
        for token in self.sentence_tokens(sentence):
            if token.head == token.i:
                return token
        return self.tokens[sentence.first]


def join_parses(text: str, parts: Sequence[tuple[int, Parse]], dateline: Dateline | None = None) -> Parse:
    """One parse of ``text`` from parses of consecutive pieces of it, each given with the
    character offset where its piece starts; token, sentence and character offsets are
    shifted so that they index ``text``."""
    joined = Parse(text=text, dateline=dateline)
    for offset, part in parts:
        first_token, first_sentence = len(joined.tokens), len(joined.sentences)
        joined.tokens.extend(
            dataclasses.replace(
                t,
                i=t.i + first_token,
                start=t.start + offset,
                end=t.end + offset,
                head=t.head + first_token,
                sent=t.sent + first_sentence,
            )
            for t in part.tokens
        )
        joined.sentences.extend(
            Sentence(
                index=s.index + first_sentence,
                first=s.first + first_token,
                last=s.last + first_token,
                start=s.start + offset,
                end=s.end + offset,
            )
            for s in part.sentences
        )
        joined.entities.extend(
            dataclasses.replace(
                e, first=e.first + first_token, last=e.last + first_token, start=e.start + offset, end=e.end + offset
            )
            for e in part.entities
        )
    return joined
