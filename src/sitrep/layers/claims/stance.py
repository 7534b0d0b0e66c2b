"""Stance and factuality of a claim, from its cue and the main clause of its content.

The cue gives a stance class (``resources/cues.tsv``); a neutral cue ("said",
"added") takes a sharper one from its content: an appeal ("we urge", "must") is a
call, a first-person "I can confirm" a confirmation, a feared outcome in the future or
conditional a warning. Factuality follows FactBank as the speaker presents the content:
modal "may" is possible, "would" probable, a negated main clause or an unreal past
conditional counterfact, a question unknown; some cues fix it ("denied" → counterfact).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from sitrep.layers.claims.cues import ClaimWords, Cue
from sitrep.nlp import Parse, Token

PAST_TAGS = frozenset({"VBD", "VBN"})
MODAL_TAG = "MD"
NEUTRAL_STANCES = frozenset({"report", "assert"})
SUBORDINATE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "pcomp", "conj"})


@dataclass(frozen=True)
class Clause:
    """The main clause of a claim's content: its head verb, that verb's helpers, and its words."""

    head: Token | None
    helpers: tuple[Token, ...]
    tokens: tuple[Token, ...]

    @property
    def lemmas(self) -> set[str]:
        return {t.lemma.lower() for t in self.tokens}

    @property
    def lowered(self) -> str:
        return " ".join(t.lower for t in self.tokens)


def main_clause(parse: Parse, start: int, end: int) -> Clause:
    """The first sentence of content ``[start, end)`` and the verb that heads it."""
    tokens = [t for t in parse.tokens_in(start, end) if t.pos != "SPACE"]
    if not tokens:
        return Clause(None, (), ())
    first_sentence = tokens[0].sent
    tokens = [t for t in tokens if t.sent == first_sentence]
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head not in inside or t.head == t.i]
    head = next((t for t in heads if t.pos in ("VERB", "AUX")), heads[0] if heads else None)
    helpers: tuple[Token, ...] = ()
    if head is not None:
        helpers = tuple(k for k in parse.children(head.i) if k.dep in ("aux", "auxpass", "neg", "advmod"))
    return Clause(head, helpers, tuple(tokens))


def stance_of(cue: Cue | None, clause: Clause, kind: str, words: ClaimWords, hints: list[Cue] | None = None) -> str:
    """The claim's stance: the cue's class, sharpened by the content when the cue is neutral."""
    for hint in hints or []:
        if not hint.refinable:
            return hint.stance
    if cue is not None and not cue.refinable:
        return cue.stance
    sharper = _stance_from_content(clause, words)
    if sharper is not None:
        return sharper
    if cue is not None and cue.stance not in NEUTRAL_STANCES:
        return cue.stance
    if cue is not None and cue.stance == "assert":
        return "assert"
    if kind == "indirect":
        return "report"
    return "report" if _narrates_past(clause) else "assert"


def _stance_from_content(clause: Clause, words: ClaimWords) -> str | None:
    text = f" {clause.lowered} "
    lemmas = clause.lemmas
    first_person = any(words.has("first_person", t.lower) for t in clause.tokens[:6])
    if any(f" {phrase} " in text for phrase in words["call_phrases"]):
        return "call"
    head = clause.head
    helper_words = {t.lower for t in clause.helpers}
    if helper_words & words["call"] or (head is not None and head.lemma.lower() in words["call"]):
        return "call"
    negated = bool(helper_words & words["negation"])
    if not negated and (_first_person_says(clause, words, "confirm") or _confirms_itself(clause, words)):
        return "confirm"
    if _first_person_says(clause, words, "estimate"):
        return "estimate"
    modal = helper_words & (words["future"] | words["probable"] | words["possible"])
    if modal and lemmas & words["danger"]:
        return "warn"
    if _threatens(clause, words, bool(modal)):
        return "warn"
    if _denies_involvement(clause, words):
        return "deny"
    if hedge_of(clause, words, passive_expect=False) is not None:
        return "estimate"
    if modal & (words["future"] | {"would"}) and _acts_on_its_own(clause, words):
        return "plan"
    if head is not None and head.pos in ("NOUN", "PROPN"):
        if any(t.head == head.i and t.dep == "amod" and t.lower in words["plan"] for t in clause.tokens):
            return "plan"
    elif first_person and (helper_words & words["future"] or (head is not None and head.lemma in words["plan"])):
        return "plan"
    return None


def _governed(clause: Clause, token: Token) -> bool:
    """``token`` belongs to the main clause itself, not to a clause inside it."""
    by_index = {t.i: t for t in clause.tokens}
    current = token
    for _ in range(8):
        if clause.head is not None and current.i == clause.head.i:
            return True
        if current.dep in SUBORDINATE_DEPS:
            return False
        parent = by_index.get(current.head)
        if parent is None or parent.i == current.i:
            return False
        current = parent
    return False


def hedge_of(clause: Clause, words: ClaimWords, passive_expect: bool = True) -> str | None:
    """ "likely", "probably", "possible but unlikely": the factuality a hedge of the main clause gives."""
    for token in clause.tokens:
        lower = token.lower
        if lower not in words["hedge_probable"] and lower not in words["hedge_possible"]:
            continue
        if token.dep not in ("advmod", "acomp", "amod", "attr", "ROOT") and token is not clause.head:
            continue
        if not _governed(clause, token):
            continue
        return "possible" if lower in words["hedge_possible"] else "probable"
    head = clause.head
    if (
        passive_expect
        and head is not None
        and head.lemma.lower() == "expect"
        and any(h.dep == "auxpass" for h in clause.helpers)
    ):
        return "probable"  # "are expected to approve"
    return None


def _threatens(clause: Clause, words: ClaimWords, modal: bool) -> bool:
    """ "would respond militarily", "will not go unanswered", "will be punished": a threat."""
    head = clause.head
    if head is None:
        return False
    lemmas = {t.lemma.lower() for t in clause.tokens if _governed(clause, t)}
    if lemmas & words["threat_words"] and (modal or head.tag == "VB"):
        return True
    if modal and head.lemma.lower() in words["response_verbs"]:
        subject = next((t for t in clause.tokens if t.head == head.i and t.dep == "nsubj"), None)
        manner = lemmas & words["threat_manner"]
        state = subject is not None and (subject.ent_type in ("GPE", "ORG", "NORP") or subject.lower == "we")
        return bool(manner) or state
    return False


def _denies_involvement(clause: Clause, words: ClaimWords) -> bool:
    """ "its fighters had no presence in the area", "no troops were present": the speaker's side was not there."""
    head = clause.head
    if head is None or head.lemma.lower() not in words["involvement"]:
        return False
    negated = any(h.lower in words["negation"] for h in clause.helpers)
    no_object = any(t.lower == "no" and t.dep == "det" and _governed(clause, t) for t in clause.tokens)
    if not (negated or no_object):
        return False
    subject = next((t for t in clause.tokens if t.head == head.i and t.dep in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    own = subject.pos == "PRON" or any(
        k.dep == "poss" and k.pos == "PRON" for k in clause.tokens if k.head == subject.i
    )
    forces = subject.lemma.lower() in words["force_nouns"]
    return own or forces


def _acts_on_its_own(clause: Clause, words: ClaimWords) -> bool:
    """ "Warsaw would raise the issue", "his unit would stay": the speaker's side will act."""
    head = clause.head
    if head is None or head.pos != "VERB" or head.lemma.lower() in words["stative_verbs"]:
        return False
    subject = next((t for t in clause.tokens if t.head == head.i and t.dep == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower in words["person_pronouns"] | words["first_person"] | {"it", "they"}:
        return True
    if subject.ent_type in ("GPE", "ORG", "PERSON") and subject.pos == "PROPN":
        return True
    return any(k.dep == "poss" and k.pos == "PRON" for k in clause.tokens if k.head == subject.i)


def _first_person_says(clause: Clause, words: ClaimWords, category: str) -> bool:
    """ "I can confirm ...", "I think ...": the speaker names the act in the first person."""
    by_index = {t.i: t for t in clause.tokens}
    for token in clause.tokens:
        if token.dep == "nsubj" and words.has("first_person", token.lower):
            verb = by_index.get(token.head)
            if verb is not None and verb.lemma.lower() in words[category]:
                return True
    return False


def _confirms_itself(clause: Clause, words: ClaimWords) -> bool:
    """ "X informed NATO that it had verified ...": the speaker reports its own confirmation."""
    head = clause.head
    if head is None or head.lemma.lower() not in words["confirm"]:
        return False
    return any(t.dep == "nsubj" and t.head == head.i and t.pos == "PRON" for t in clause.tokens)


def _narrates_past(clause: Clause) -> bool:
    """A quotation that tells what happened (past or perfect, no modal) rather than what is."""
    head = clause.head
    if head is None or head.pos not in ("VERB", "AUX"):
        return False
    if any(h.tag == MODAL_TAG for h in clause.helpers):
        return False
    if head.tag == "VBD":
        return True
    return head.tag == "VBN" and any(h.lemma in ("have", "be") for h in clause.helpers)


def factuality_of(cue: Cue | None, clause: Clause, stance: str, words: ClaimWords) -> str:
    """How the speaker presents the content: fact, probable, possible, counterfact or unknown."""
    if cue is not None and cue.factuality in ("counterfact", "unknown"):
        return cue.factuality
    helpers = {t.lower for t in clause.helpers}
    lemmas = clause.lemmas
    if clause.tokens and (clause.tokens[-1].text == "?" or clause.tokens[0].lower in words["question_marks"]):
        return "unknown"
    if (
        stance in ("call", "plan")
        and not (cue and cue.factuality)
        and not (cue and cue.stance not in (stance,) and helpers & words["probable"])
    ):
        return "fact"
    if _unreal_conditional(clause, words):
        return "counterfact"
    if helpers & words["negation"] and clause.head is not None and clause.head.lemma.lower() in words["knowledge"]:
        return "unknown"  # "it could not verify the reports", "could not be independently confirmed"
    if helpers & words["negation"] and stance == "warn" and clause.lemmas & words["threat_words"]:
        return "fact"  # "will not go unanswered": a double negative
    if helpers & words["negation"] and stance not in ("call", "plan"):
        return "counterfact"
    if _negated_subject(clause, words):
        return "counterfact"
    if helpers & words["possible"] or (clause.head is not None and clause.head.lemma in words["possible_verbs"]):
        return "possible"
    hedge = hedge_of(clause, words)
    if hedge is not None:
        return hedge
    if helpers & words["probable"]:
        conditional = bool(lemmas & words["conditional"]) or stance == "warn"
        return "possible" if conditional else "probable"
    if cue is not None and cue.factuality:
        return cue.factuality
    return "fact"


def _unreal_conditional(clause: Clause, words: ClaimWords) -> bool:
    """ "Had it happened later it would have been worse": a past that did not happen."""
    tokens = clause.tokens
    inverted_had = bool(tokens) and tokens[0].lower == "had"
    if_had = any(t.lower == "if" for t in tokens) and any(t.lower == "had" for t in tokens)
    would_have = any(a.lower in ("would", "could", "might") and b.lower == "have" for a, b in pairwise(tokens))
    return (inverted_had or if_had) and would_have


def _negated_subject(clause: Clause, words: ClaimWords) -> bool:
    """ "No injuries were reported", "Nobody was hurt": a negative subject of the main verb."""
    head = clause.head
    if head is None:
        return False
    for token in clause.tokens:
        if token.dep in ("nsubj", "nsubjpass", "expl") and token.head == head.i and words.has("negation", token.lower):
            return True
        if token.dep == "det" and token.lower == "no":
            governor = next((t for t in clause.tokens if t.i == token.head), None)
            if (
                governor is not None
                and governor.dep in ("nsubj", "nsubjpass", "attr", "dobj")
                and governor.head == head.i
            ):
                return True
    return False
