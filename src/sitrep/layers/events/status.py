"""Did it happen? An event's status from its clause's verb form and the claim that carries it.

The clause speaks first: negation ("did not send") is ``denied``; control verbs and
modals set ``planned`` ("plans to send", "will deploy"), ``possible`` ("may deploy",
"was considering providing"), ``threatened`` ("threatened to strike") or ``ongoing``
("continues to shell"); a progressive material act ("has been providing", "are
training") is ``ongoing``. Then the claim: content its speaker presents as counterfactual
is ``denied``, as merely possible is ``possible``, as a plan is ``planned``. Otherwise
the event ``occurred``.
"""

from __future__ import annotations

from sitrep.layers.events.lexicon import PloverLexicon
from sitrep.layers.events.syntax import kid, kids, negated, word
from sitrep.layers.events.triggers import Trigger, control_chain
from sitrep.model import Claim
from sitrep.nlp import Parse, Token

PRECEDENCE = ("denied", "threatened", "possible", "planned", "ongoing", "occurred")
OCCURRED = "occurred"


def strongest(statuses: list[str]) -> str | None:
    """The status that dominates a list of cues (denial over threat over possibility...)."""
    present = [s for s in PRECEDENCE if s in statuses]
    return present[0] if present else None


def verb_form_status(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> str | None:
    """The status the event's own clause gives it, or None when it states a plain fact."""
    status = lexicon.status
    cues: list[str] = []
    noun = parse.tokens[trigger.token]
    if trigger.relation == "planned":
        modifiers = {word(c) for c in kids(parse, noun.i, "amod")}
        cues.append("possible" if modifiers & set(status["possible_modifiers"]) else "planned")
    if trigger.relation != "verb" and any(c.lower == "no" for c in kids(parse, noun.i, "det")):
        cues.append("denied")
    verb = parse.tokens[trigger.predicate]
    if trigger.relation == "verb" and any(
        d.lower == "no" for s in kids(parse, verb.i, "nsubjpass", "nsubj") for d in kids(parse, s.i, "det")
    ):
        cues.append("denied")  # "no ceasefire was agreed"
    if trigger.relation == "light":
        cues += _light_verb_cues(lexicon, verb)
    chain = [verb, *control_chain(parse, verb.i)]
    control = status["control"]
    for governor in chain[1:]:
        value = control.get(word(governor))
        if value and value != "drop":
            cues.append(value)
    for clause_verb in chain + _governing_clause(parse, chain[-1]):
        cues += _clause_cues(parse, lexicon, clause_verb)
    if chain[-1].dep == "ccomp" and control.get(word(parse.tokens[chain[-1].head])) == "denied":
        cues.append("denied")  # "denied that its troops had burned villages"
    if _progressive(parse, verb) and trigger.type in status["ongoing_types"]:
        cues.append("ongoing")
    return strongest(cues)


def _governing_clause(parse: Parse, verb: Token) -> list[Token]:
    """The clause a participle or gerund depends on ("…would be violating the charter by attacking"):
    its modality and negation carry over."""
    if verb.dep == "advcl" and verb.tag in ("VBG", "VBN"):
        return [parse.tokens[verb.head]]
    if verb.dep == "pcomp":
        prep = parse.tokens[verb.head]
        return [parse.tokens[prep.head]] if prep.head != prep.i else []
    return []


def _light_verb_cues(lexicon: PloverLexicon, verb: Token) -> list[str]:
    lemma = word(verb)
    if lemma in lexicon.word_class("light_prevented"):
        return ["denied"]
    value = lexicon.status["light_verbs"].get(lemma)
    return [value] if value else []


def _clause_cues(parse: Parse, lexicon: PloverLexicon, verb: Token) -> list[str]:
    """Negation, modals and conditionals on one verb of the chain."""
    status = lexicon.status
    cues = []
    if negated(parse, verb.i):
        cues.append("denied")
    for aux in kids(parse, verb.i, "aux"):
        if aux.tag != "MD":
            continue
        modal = aux.lower
        if modal == status["reported_future_modal"] and any(a.lower == "have" for a in kids(parse, verb.i, "aux")):
            cues.append("denied")  # "would have condemned": it did not happen
        elif modal == status["reported_future_modal"] and _reported(parse, verb):
            cues.append("planned")
        elif modal in status["modals"]:
            cues.append(status["modals"][modal])
    mark = kid(parse, verb.i, "mark")
    if mark is not None and mark.lower in status["conditional_marks"]:
        cues.append("possible")
    return cues


def _reported(parse: Parse, verb: Token) -> bool:
    """True when ``verb`` is the complement of a past-tense report ("said they would send")."""
    current = verb
    while current.dep == "xcomp":
        current = parse.tokens[current.head]
    if current.dep != "ccomp":
        return False
    governor = parse.tokens[current.head]
    return governor.tag == "VBD" or any(a.lower in ("had", "has", "have") for a in kids(parse, governor.i, "aux"))


def _progressive(parse: Parse, verb: Token) -> bool:
    """ "Are training", "has been providing": a form of *be* with a present participle."""
    return verb.tag == "VBG" and any(a.lemma.lower() == "be" for a in kids(parse, verb.i, "aux"))


def claim_status(lexicon: PloverLexicon, claim: Claim | None) -> str | None:
    """The status a carrying claim imposes: counterfactual → denied, possible → possible, a plan → planned."""
    if claim is None:
        return None
    by_factuality = lexicon.status["claim_factuality"]
    by_stance = lexicon.status["claim_stance"]
    return by_factuality.get(claim.factuality) or by_stance.get(claim.stance)


def event_status(parse: Parse, lexicon: PloverLexicon, trigger: Trigger, claim: Claim | None) -> str:
    """The event's status: the claim's denial first, then the clause's own form, then the claim."""
    from_claim = claim_status(lexicon, claim)
    if from_claim == "denied":
        return "denied"
    return verb_form_status(parse, lexicon, trigger) or from_claim or OCCURRED
