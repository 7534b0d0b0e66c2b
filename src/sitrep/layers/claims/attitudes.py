"""Attitudes and positions an actor holds: "X supports ...", "X is worried that ...".

By the contract a belief or a position attributed to an actor is a claim, but the words
that carry one ("support", "attack", "worried") also describe things and deeds ("Russian
forces attacked the village"). :func:`speaks_as` decides whether a subject can hold an
attitude (a person, a body, a group), and :func:`find_attitudes` finds the adjectives of
attitude after a copula ("is worried that", "are concerned about", "was confident that",
"are opposed to"). Both read the parse and write nothing.
"""

from __future__ import annotations

from sitrep.layers.claims.cues import ClaimWords, Cue, CueLexicon
from sitrep.layers.claims.parts import CONTENT_MARKS, Found, child, mention_span, speaker_head, subtree_span, trimmed
from sitrep.layers.claims.speakers import classify
from sitrep.nlp import Parse, Token

ATTITUDE_PREPS = frozenset({"about", "over", "of", "at", "with", "by", "to", "on", "regarding"})
HOLDER_KINDS = frozenset({"first_person", "pronoun", "relative", "anonymous", "vague", "proxy", "named", "description"})
NON_SPEAKER_TYPES = frozenset({"armed_forces", "armed_group"})
PERSON_ENTITIES = frozenset({"PERSON"})
BODY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
HOLDER_CATEGORIES = (
    "person_titles",
    "organization_heads",
    "state_bodies",
    "group_heads",
    "anonymous_heads",
    "holder_heads",
)


def speaks_as(parse: Parse, subject: Token | None, condition: str | None, words: ClaimWords) -> bool:
    """Whether ``subject`` may hold the attitude of a cue with this speaker condition (or, for
    "document", speak through a document: "Polls show ...")."""
    if condition is None:
        return True
    if subject is None:
        return False
    head = speaker_head(parse, subject)
    span = mention_span(parse, head.i)
    if span is None:
        return False
    if words.has("non_holders", head.lower):
        return False
    mention = classify(parse, span, head, words)
    if condition == "document":
        if words.has("image_heads", head.lower):
            return False  # "Photos showed bodies": an image, not a source's statement
        return mention.kind == "document" or words.has("document_heads", head.lower)
    if mention.kind not in HOLDER_KINDS or mention.type in NON_SPEAKER_TYPES:
        return False
    if mention.kind == "pronoun" and head.lower in words["thing_pronouns"]:
        return False
    if mention.kind == "relative" and head.lower != "who":
        return False
    if condition == "person":
        return _is_person(head, mention.kind, mention.type, words)
    return _is_body(head, mention.kind, words)


def _is_person(head: Token, kind: str, type_: str, words: ClaimWords) -> bool:
    if kind in ("first_person", "relative"):
        return True
    if kind == "pronoun":
        return head.lower in words["person_pronouns"]
    return head.ent_type in PERSON_ENTITIES or (type_ == "person" and head.lower in words["person_titles"])


def _is_body(head: Token, kind: str, words: ClaimWords) -> bool:
    if kind in ("first_person", "pronoun", "relative", "anonymous", "vague", "proxy"):
        return True
    if head.ent_type in BODY_ENTITIES:
        return True
    forms = {head.lower, head.lemma.lower()}
    return any(form in words[category] for form in forms for category in HOLDER_CATEGORIES)


def find_attitudes(parse: Parse, lexicon: CueLexicon, words: ClaimWords) -> list[Found]:
    """Claims carried by an attitude adjective whose subject is an actor, in text order."""
    found = []
    for token in parse.tokens:
        cue = lexicon.adjective_cue(token)
        if cue is None:
            continue
        claim = _attitude_claim(parse, token, cue, words)
        if claim is not None:
            found.append(claim)
    return found


def _attitude_claim(parse: Parse, word: Token, cue: Cue, words: ClaimWords) -> Found | None:
    subject = _holder(parse, word, words)
    if subject is None or not speaks_as(parse, subject, "actor", words):
        return None
    content = _attitude_content(parse, word, cue)
    if content is None:
        return None
    head = speaker_head(parse, subject)
    return Found(
        content=content,
        cue=cue,
        cue_span=(word.start, word.end),
        cue_token=word.i,
        frame="attitude",
        speaker=mention_span(parse, head.i),
        speaker_token=head.i,
    )


def _holder(parse: Parse, word: Token, words: ClaimWords) -> Token | None:
    """Who holds the attitude: the subject of the copula ("X is worried"), or of the participle
    parsed as a passive ("The Greens are opposed to ...")."""
    if word.dep in ("acomp", "oprd") and word.head != word.i:
        verb = parse.tokens[word.head]
        if verb.lemma.lower() not in words["copulas"]:
            return None
        return child(parse, verb.i, "nsubj")
    if word.tag == "VBN" and child(parse, word.i, "auxpass") is not None:
        return child(parse, word.i, "nsubjpass")
    return None


def _attitude_content(parse: Parse, word: Token, cue: Cue) -> tuple[int, int] | None:
    """What the attitude is about: a that-clause, a to-infinitive or a prepositional object."""
    kids = [k for k in parse.children(word.i) if k.i > word.i]
    if cue.allows("that"):
        clause = next((k for k in kids if k.dep == "ccomp"), None)
        if clause is not None:
            first, last = parse.subtree(clause.i)
            return trimmed(parse, first, last, marks=CONTENT_MARKS)
    if cue.allows("to"):
        clause = next((k for k in kids if k.dep == "xcomp" and child(parse, k.i, "aux") is not None), None)
        if clause is not None:
            first, last = parse.subtree(clause.i)
            return trimmed(parse, first, last)
    if cue.allows("np"):
        prep = next((k for k in kids if k.dep == "prep" and k.lower in ATTITUDE_PREPS), None)
        target = child(parse, prep.i, "pobj", "pcomp") if prep is not None else None
        if target is not None and target.pos != "PRON":
            return subtree_span(parse, target.i, marks=frozenset())
    return None
