"""Build a :class:`sitrep.nlp.Parse` by hand, for unit tests of stages without spaCy.

Like spaCy's ``Doc(vocab, words=..., heads=..., deps=...)``: give the words and, where a
test needs them, heads (absolute token indices; a root is its own head), dependency
labels, part-of-speech tags, lemmas, entity spans and sentence starts. The text is the
words joined by one space (none before punctuation), and every offset indexes it::

    parse = build_parse(
        ["Police", "said", "12", "people", "were", "hurt", "."],
        heads=[1, 1, 3, 5, 5, 1, 1],
        deps=["nsubj", "ROOT", "nummod", "nsubjpass", "auxpass", "ccomp", "punct"],
        ents=[("CARDINAL", 2, 3)],
    )

``parse_table`` reads the same from a table, one token a line: ``word POS dep head``
(head as a 0-based index, ``-`` for the root), an optional entity label, and a blank
line between sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.nlp import Entity, Parse, Sentence, Token

NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "'s", "’s", "n't", "%", "'", "”"})
NO_SPACE_AFTER = frozenset({"(", "“", "$"})


def _default_spaces(words: Sequence[str]) -> list[bool]:
    spaces = []
    for n, word in enumerate(words):
        following = words[n + 1] if n + 1 < len(words) else None
        spaces.append(following is not None and following not in NO_SPACE_BEFORE and word not in NO_SPACE_AFTER)
    return spaces


def _default_sent_starts(words: Sequence[str]) -> list[bool]:
    starts, after_stop = [], True
    for word in words:
        starts.append(after_stop)
        after_stop = word in {".", "!", "?"}
    return starts


def _sentences(sent_starts: Sequence[bool], tokens_start: list[int], tokens_end: list[int]) -> list[Sentence]:
    firsts = [n for n, start in enumerate(sent_starts) if start or n == 0]
    lasts = [*firsts[1:], len(sent_starts)]
    return [
        Sentence(index=k, first=first, last=last, start=tokens_start[first], end=tokens_end[last - 1])
        for k, (first, last) in enumerate(zip(firsts, lasts, strict=True))
    ]


def build_parse(
    words: Sequence[str],
    *,
    heads: Sequence[int] | None = None,
    deps: Sequence[str] | None = None,
    pos: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    lemmas: Sequence[str] | None = None,
    ents: Sequence[tuple[str, int, int]] = (),
    sent_starts: Sequence[bool] | None = None,
    spaces: Sequence[bool] | None = None,
) -> Parse:
    """A Parse of these words. Missing heads make every token a root of its own; ``ents`` are
    ``(label, first, last)`` token ranges, end exclusive; sentences start after ``.``/``!``/``?``
    unless ``sent_starts`` says otherwise."""
    count = len(words)
    for name, values in (
        ("heads", heads),
        ("deps", deps),
        ("pos", pos),
        ("tags", tags),
        ("lemmas", lemmas),
        ("sent_starts", sent_starts),
        ("spaces", spaces),
    ):
        if values is not None and len(values) != count:
            raise ValueError(f"{name} has {len(values)} values for {count} words")
    spaces = list(spaces) if spaces is not None else _default_spaces(words)
    starts, ends, text = [], [], ""
    for word, space in zip(words, spaces, strict=True):
        starts.append(len(text))
        text += word
        ends.append(len(text))
        text += " " if space else ""
    sentences = _sentences(sent_starts if sent_starts is not None else _default_sent_starts(words), starts, ends)
    sentence_of = [s.index for s in sentences for _ in range(s.first, s.last)]
    entity_of = {k: label for label, first, last in ents for k in range(first, last)}
    tokens = [
        Token(
            i=n,
            text=word,
            start=starts[n],
            end=ends[n],
            lemma=lemmas[n] if lemmas else word.lower(),
            pos=pos[n] if pos else "X",
            tag=tags[n] if tags else "",
            dep=deps[n] if deps else "",
            head=heads[n] if heads else n,
            ent_type=entity_of.get(n, ""),
            sent=sentence_of[n],
            space_after=spaces[n],
        )
        for n, word in enumerate(words)
    ]
    entities = [
        Entity(
            label=label,
            first=first,
            last=last,
            start=starts[first],
            end=ends[last - 1],
            text=text[starts[first] : ends[last - 1]],
        )
        for label, first, last in sorted(ents, key=lambda e: e[1])
    ]
    return Parse(text=text, tokens=tokens, sentences=sentences, entities=entities)


def parse_table(table: str) -> Parse:
    """A Parse from ``word POS dep head [ENT]`` lines (blank line = new sentence); consecutive
    tokens with the same entity label form one entity."""
    words: list[str] = []
    pos: list[str] = []
    deps: list[str] = []
    heads: list[int] = []
    labels: list[str] = []
    sent_starts: list[bool] = []
    new_sentence = True
    for line in table.strip("\n").splitlines():
        fields = line.split()
        if not fields:
            new_sentence = True
            continue
        if len(fields) not in (4, 5):
            raise ValueError(f"expected 'word POS dep head [ENT]', got {line!r}")
        word, tag, dep, head = fields[:4]
        words.append(word)
        pos.append(tag)
        deps.append(dep)
        heads.append(len(words) - 1 if head == "-" else int(head))
        labels.append(fields[4] if len(fields) == 5 else "")
        sent_starts.append(new_sentence)
        new_sentence = False
    return build_parse(words, heads=heads, deps=deps, pos=pos, ents=_entity_runs(labels), sent_starts=sent_starts)


def _entity_runs(labels: list[str]) -> list[tuple[str, int, int]]:
    runs: list[tuple[str, int, int]] = []
    for n, label in enumerate(labels):
        if not label:
            continue
        if runs and runs[-1][0] == label and runs[-1][2] == n:
            runs[-1] = (label, runs[-1][1], n + 1)
        else:
            runs.append((label, n, n + 1))
    return runs
