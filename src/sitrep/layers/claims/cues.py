"""The cue lexicon: reporting verbs, nouns and phrases with their stance class and frames.

The words live in ``resources/cues.tsv`` (see its header for the columns); the words
that shade a claim's stance and factuality (modals, hedges, negation, call and danger
words, media and vague-source nouns) live in ``resources/claim_words.tsv``. Both are
read once per process by :func:`load_cues` and :func:`load_claim_words`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from sitrep import resources
from sitrep.errors import ResourceError
from sitrep.model import FACTUALITIES, STANCES
from sitrep.nlp import Parse, Token

CUES_FILE = "cues.tsv"
WORDS_FILE = "claim_words.tsv"
POS_KINDS = ("verb", "noun", "prep", "adv", "adj")
FRAMES = frozenset(
    {
        "that",
        "quote",
        "np",
        "gerund",
        "for",
        "to",
        "obj_to",
        "obj_as",
        "prep",
        "passive",
        "via",
        "actor",
        "person",
        "document",
        "-",
    }
)
SPEAKER_CONDITIONS = frozenset({"actor", "person", "document"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dative"})


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: a reporting word or phrase and how it frames its content."""

    words: tuple[str, ...]
    pos: str
    stance: str
    refinable: bool
    factuality: str | None
    frames: frozenset[str]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def preposition(self) -> str | None:
        """The preposition or particle of a two-word verb entry ("for" in "call for")."""
        return self.words[1] if self.pos == "verb" and len(self.words) > 1 else None

    def allows(self, frame: str) -> bool:
        return frame in self.frames

    def speaker_condition(self, frame: str) -> str | None:
        """ "person", "actor" or "document" when only such a subject makes the word a cue in this frame
        (see cues.tsv; "document" binds the object frame only)."""
        if "person" in self.frames:
            return "person"
        if "actor" in self.frames:
            return "actor"
        return "document" if "document" in self.frames and frame == "np" else None


@dataclass(frozen=True)
class CueLexicon:
    """Cue entries indexed for lookup by a token's lemma."""

    verbs: dict[str, tuple[Cue, ...]]
    nouns: dict[str, Cue]
    phrases: dict[str, tuple[Cue, ...]]
    adjectives: dict[str, Cue] = field(default_factory=dict)

    def __len__(self) -> int:
        return (
            sum(len(v) for v in self.verbs.values())
            + len(self.nouns)
            + sum(len(v) for v in self.phrases.values())
            + len(self.adjectives)
        )

    def adjective_cue(self, token: Token) -> Cue | None:
        """The entry for an attitude adjective or participle ("worried", "confident"), or None."""
        return self.adjectives.get(token.lower)

    def verb_cue(self, parse: Parse, token: Token) -> Cue | None:
        """The entry for a verb token, preferring a two-word entry whose particle it governs."""
        entries = None
        for key in _lemma_guesses(token):
            entries = self.verbs.get(key)
            if entries:
                break
        if not entries:
            return None
        governed = {child.lower for child in parse.children(token.i) if child.dep in PARTICLE_DEPS}
        following = parse.tokens[token.i + 1].lower if token.i + 1 < len(parse.tokens) else ""
        single = None
        for entry in entries:
            particle = entry.preposition
            if particle is None:
                single = entry
            elif particle in governed or particle == following:
                return entry
        return single

    def noun_cue(self, token: Token) -> Cue | None:
        """The entry for a noun token ("claim", "statement"), or None."""
        return self.nouns.get(token.lemma.lower())

    def phrase_at(self, parse: Parse, i: int) -> Cue | None:
        """A prepositional or adverbial entry whose words start at token ``i``."""
        for entry in self.phrases.get(parse.tokens[i].lower, ()):
            n = len(entry.words)
            window = parse.tokens[i : i + n]
            if len(window) == n and all(t.lower == w for t, w in zip(window, entry.words, strict=True)):
                return entry
        return None


def _lemma_guesses(token: Token) -> tuple[str, ...]:
    """The tagger's lemma, then the word itself and its plain stems ("hopes" may come back as "hop")."""
    lemma, word = token.lemma.lower(), token.lower
    guesses = [lemma, word]
    for ending, replacement in (
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            guesses.append(word[: -len(ending)] + replacement)
    return tuple(dict.fromkeys(guesses))


@dataclass(frozen=True)
class ClaimWords:
    """Word lists that shade stance and factuality, and classify speakers."""

    lists: dict[str, frozenset[str]]

    def __getitem__(self, category: str) -> frozenset[str]:
        return self.lists.get(category, frozenset())

    def has(self, category: str, word: str) -> bool:
        return word.lower() in self.lists.get(category, frozenset())


def parse_cue(cells: list[str], where: str) -> Cue:
    """One lexicon row as a :class:`Cue`; raises ResourceError naming the row when malformed."""
    if len(cells) != 6:
        raise ResourceError(f"{where}: expected 6 tab-separated columns, found {len(cells)}")
    words, pos, stance, refine, factuality, frames = cells
    if pos not in POS_KINDS:
        raise ResourceError(f"{where}: unknown part of speech {pos!r}")
    if stance not in STANCES:
        raise ResourceError(f"{where}: unknown stance {stance!r}")
    if refine not in ("content", "fixed"):
        raise ResourceError(f"{where}: refine must be 'content' or 'fixed', not {refine!r}")
    if factuality != "-" and factuality not in FACTUALITIES:
        raise ResourceError(f"{where}: unknown factuality {factuality!r}")
    frame_set = frozenset(f.strip() for f in frames.split(","))
    if not frame_set <= FRAMES:
        raise ResourceError(f"{where}: unknown frame(s) {sorted(frame_set - FRAMES)}")
    return Cue(
        words=tuple(words.lower().split()),
        pos=pos,
        stance=stance,
        refinable=refine == "content",
        factuality=None if factuality == "-" else factuality,
        frames=frame_set - {"-"},
    )


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The cue lexicon, read once from ``resources/cues.tsv``."""
    verbs: dict[str, list[Cue]] = {}
    nouns: dict[str, Cue] = {}
    adjectives: dict[str, Cue] = {}
    phrases: list[Cue] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    for row in resources.rows(CUES_FILE):
        cue = parse_cue(row.cells, row.where)
        if (cue.words, cue.pos) in seen:
            raise row.error(f"duplicate entry {cue.text!r} ({cue.pos})")
        seen.add((cue.words, cue.pos))
        if cue.pos == "verb":
            verbs.setdefault(cue.words[0], []).append(cue)
        elif cue.pos == "noun":
            nouns[cue.words[0]] = cue
        elif cue.pos == "adj":
            adjectives[cue.words[0]] = cue
        else:
            phrases.append(cue)
    by_first: dict[str, list[Cue]] = {}
    for cue in sorted(phrases, key=lambda c: -len(c.words)):
        by_first.setdefault(cue.words[0], []).append(cue)
    return CueLexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns=nouns,
        phrases={k: tuple(v) for k, v in by_first.items()},
        adjectives=adjectives,
    )


@lru_cache(maxsize=1)
def load_claim_words() -> ClaimWords:
    """The stance, factuality and speaker word lists, read once from ``resources/claim_words.tsv``."""
    lists: dict[str, set[str]] = {}
    for row in resources.rows(WORDS_FILE):
        if len(row.cells) != 2 or not row.cells[1]:
            raise row.error("expected 'category<TAB>words'")
        category, words = row.cells
        lists.setdefault(category, set()).update(w.strip().lower() for w in words.split(",") if w.strip())
    return ClaimWords(lists={k: frozenset(v) for k, v in lists.items()})
