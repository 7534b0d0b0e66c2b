"""Reading a dependency parse for event clauses: subjects, objects, prepositions, spans.

Small pure functions over :class:`sitrep.nlp.Parse` token indices. They encode the
grammar the event rules rely on (passives, control and relative clauses, conjunctions)
and tolerate the usual mistakes of a small parser (a perfect participle tagged as an
adjective still finds its subject).
"""

from __future__ import annotations

from collections.abc import Collection

from sitrep.nlp import Parse, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "dative", "obj")
NP_LEFT_DEPS = ("compound", "amod", "det", "poss", "nummod", "nmod", "quantmod", "predet", "case", "advmod")
RELATIVE_PRONOUNS = ("who", "which", "that", "whom")
CLIMB_LIMIT = 6


def word(token: Token) -> str:
    """A token's lemma in lower case (the text when the lemmatiser gives nothing useful)."""
    lemma = token.lemma.lower()
    return lemma if lemma and lemma != "-pron-" else token.text.lower()


def hyphenated(parse: Parse, i: int) -> str | None:
    """ "sit-in", "walk-out": the hyphenated word the tokeniser split, ending at token ``i`` (None when none)."""
    if i < 2:
        return None
    left, hyphen, right = parse.tokens[i - 2], parse.tokens[i - 1], parse.tokens[i]
    if hyphen.text != "-" or left.end != hyphen.start or hyphen.end != right.start:
        return None
    return f"{left.text.lower()}-{word(right)}"


def kids(parse: Parse, i: int, *deps: str) -> list[Token]:
    """Children of token ``i``, optionally only those with one of ``deps``."""
    return [c for c in parse.children(i) if not deps or c.dep in deps]


def kid(parse: Parse, i: int, *deps: str) -> Token | None:
    """The first child of ``i`` with one of ``deps``."""
    found = kids(parse, i, *deps)
    return found[0] if found else None


def head(parse: Parse, i: int) -> Token:
    return parse.tokens[parse.tokens[i].head]


def is_passive(parse: Parse, i: int) -> bool:
    """True when the verb ``i`` is passive ("were killed", "has been deployed", "a pact signed in Rome")."""
    return reduced_relative(parse, i) or any(c.dep in ("auxpass", "nsubjpass") for c in parse.children(i))


def misread_main_verb(parse: Parse, i: int) -> bool:
    """ "The envoy, Jane Doe, *called* for…": a finite verb the parser hung on the appositive: the main verb."""
    token = parse.tokens[i]
    return token.dep == "acl" and token.tag == "VBD" and head(parse, i).dep == "appos"


def reduced_relative(parse: Parse, i: int) -> bool:
    """ "A pact *signed* in Rome": a past participle modifying a noun, a passive without its auxiliary."""
    token = parse.tokens[i]
    if token.dep != "acl" or token.tag != "VBN":
        return False
    return not any(c.dep in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in parse.children(i))


def has_aux_to(parse: Parse, i: int) -> bool:
    """True when ``i`` is a to-infinitive ("to send")."""
    return any(c.dep == "aux" and c.lower == "to" for c in parse.children(i))


def after_perfect_have(parse: Parse, i: int) -> bool:
    """True when a form of *have* precedes ``i`` closely: a perfect the parser mistook for an adjective."""
    sentence_first = parse.sentences[parse.tokens[i].sent].first
    for k in range(i - 1, max(sentence_first, i - 4) - 1, -1):
        token = parse.tokens[k]
        if token.lemma.lower() == "have" and token.pos in ("AUX", "VERB"):
            return True
        if token.pos not in ("ADV", "SCONJ", "ADP", "PART"):
            return False
    return False


def preposition_objects(parse: Parse, i: int, preps: Collection[str]) -> list[tuple[str, Token]]:
    """``(preposition, object)`` pairs for prepositions of ``i`` among ``preps`` ("on Iran")."""
    out = []
    for prep in kids(parse, i, "prep", "agent", "dative"):
        if prep.lower not in preps:
            continue
        obj = kid(parse, prep.i, "pobj", "pcomp")
        if obj is not None:
            out.append((prep.lower, obj))
    return out


def multiword_objects(parse: Parse, i: int, phrase: tuple[str, ...]) -> list[Token]:
    """Objects of a multi-word preposition such as "in support of" or "on the side of" under ``i``."""
    first, middle, last = phrase[0], phrase[1:-1], phrase[-1]
    found: list[Token] = []
    for _, noun in preposition_objects(parse, i, (first,)):
        if word(noun) != middle[-1] and noun.lower != middle[-1]:
            continue
        found.extend(obj for _, obj in preposition_objects(parse, noun.i, (last,)))
    return found


def particles(parse: Parse, i: int) -> set[str]:
    """Particles and prepositions directly under ``i`` and after it ("down" in "crack down", "on" in "call on");
    a fronted adverbial ("*On* Friday, he called…") is not one."""
    return {c.lower for c in parse.children(i) if c.dep in ("prt", "prep", "agent", "dative", "advmod") and c.i > i}


def subject(parse: Parse, i: int) -> Token | None:
    """The grammatical subject of the clause of verb ``i``, following control, conjunction and relatives."""
    current = i
    for _ in range(CLIMB_LIMIT):
        found = _preferred_subject(kids(parse, current, *SUBJECT_DEPS))
        if found is not None:
            if found.lower in RELATIVE_PRONOUNS and parse.tokens[current].dep == "relcl":
                return head(parse, current)
            return found
        token = parse.tokens[current]
        controller = _object_controller(parse, token)
        if controller is not None:
            return controller
        if misread_main_verb(parse, current):
            return head(parse, token.head)
        if token.dep == "relcl" or token.dep == "acl":
            return head(parse, current)
        if token.dep in ("xcomp", "conj", "advcl", "amod", "prep", "pobj", "pcomp", "aux") and token.head != current:
            current = token.head
            continue
        return None
    return None


def _object_controller(parse: Parse, token: Token) -> Token | None:
    """The object that does what a gerund after a preposition says: "charged *a colonel* with ordering",
    "accused *the RSF* of shelling", "stopped *protesters* from marching" (not the verb's subject)."""
    if token.dep != "pcomp" or token.pos != "VERB":
        return None
    prep = parse.tokens[token.head]
    if prep.dep != "prep" or prep.head == prep.i or parse.tokens[prep.head].pos != "VERB":
        return None
    return next(iter(kids(parse, prep.head, "dobj")), None)


def _preferred_subject(found: list[Token]) -> Token | None:
    """A real subject over a relative pronoun the parser also marked as one."""
    for token in found:
        if token.lower not in RELATIVE_PRONOUNS:
            return token
    return found[0] if found else None


def agent(parse: Parse, i: int) -> Token | None:
    """The *by*-phrase of a passive verb ("killed by gunmen" → gunmen)."""
    for prep in kids(parse, i, "agent"):
        obj = kid(parse, prep.i, "pobj")
        if obj is not None:
            return obj
    by_phrases = preposition_objects(parse, i, ("by",))
    return by_phrases[0][1] if by_phrases else None


def direct_object(parse: Parse, i: int) -> Token | None:
    """The direct object of ``i``; a relative pronoun stands for the noun its clause modifies."""
    objects = kids(parse, i, "dobj", "obj")
    found = objects[0] if objects else None
    if found is not None and found.lower in RELATIVE_PRONOUNS and parse.tokens[i].dep == "relcl":
        return head(parse, i)
    if found is not None and found.lower in RELATIVE_PRONOUNS and len(objects) > 1:
        found = objects[1]  # "told X that Guinea plans to send a battalion": a stray "that" taken for an object
    token = parse.tokens[i]
    if (
        found is None
        and token.dep == "relcl"
        and kid(parse, i, *SUBJECT_DEPS) is not None
        and not any(c.tag in ("WRB", "WDT", "WP") for c in parse.children(i))
    ):
        return head(parse, i)  # "the agreement the two countries signed": a relative clause without its pronoun
    if found is None:  # "recruit and arm volunteers": the object of the last conjunct is shared
        for verb in kids(parse, i, "conj"):
            if verb.pos == "VERB" and verb.i > i and kid(parse, verb.i, *SUBJECT_DEPS) is None:
                return kid(parse, verb.i, "dobj", "obj")
    return found


def theme(parse: Parse, i: int) -> Token | None:
    """What the verb acts on: its object, or the subject of a passive."""
    if reduced_relative(parse, i):
        return head(parse, i)
    if is_passive(parse, i):
        return kid(parse, i, "nsubjpass")
    return direct_object(parse, i)


def actor_of(parse: Parse, i: int) -> Token | None:
    """Who performs verb ``i``: the subject, or the *by*-agent of a passive."""
    if is_passive(parse, i):
        return agent(parse, i)
    return subject(parse, i)


def negated(parse: Parse, i: int) -> bool:
    """True when ``i`` has a negation child ("not", "never")."""
    return any(c.dep == "neg" for c in parse.children(i))


def conjuncts(parse: Parse, i: int) -> list[Token]:
    """``i`` and the tokens conjoined to it ("Russia and DPRK")."""
    out = [parse.tokens[i]]
    for c in kids(parse, i, "conj"):
        out.extend(conjuncts(parse, c.i))
    return out


def joint_members(parse: Parse, i: int) -> list[Token]:
    """The members of a coordinated noun phrase headed by ``i``, also when the parser hung the second member
    on a modifier of the first ("General A of Chad and Colonel B of Mali": B is a conjunct of Chad)."""
    out = conjuncts(parse, i)
    for prep in kids(parse, i, "prep"):
        for obj in kids(parse, prep.i, "pobj"):
            out += [c for c in conjuncts(parse, obj.i)[1:] if c.pos in ("PROPN", "NOUN") and c not in out]
    return out


def trailing_relatives(parse: Parse, noun: int, depth: int = 3) -> list[Token]:
    """Relative clauses about a noun phrase: its own, and a comma-set-off one the parser hung on a noun of its
    complements ("the strike on the post in Kano, which X claimed")."""
    found = kids(parse, noun, "relcl")
    frontier = [noun]
    for _ in range(depth):
        frontier = [o.i for n in frontier for prep in kids(parse, n, "prep") for o in kids(parse, prep.i, "pobj")]
        for holder in frontier:
            found += [c for c in kids(parse, holder, "relcl") if _after_comma(parse, c.i)]
    return found


def np_span(parse: Parse, i: int) -> tuple[int, int]:
    """Characters of the noun phrase headed by ``i`` without what follows the head ("Thailand's foreign minister")."""
    first = i
    for c in parse.children(i):
        if c.i < i and c.dep in NP_LEFT_DEPS:
            first = min(first, parse.subtree(c.i)[0])
    return parse.tokens[first].start, parse.tokens[i].end


def np_words(parse: Parse, i: int) -> set[str]:
    """Lemmas of a noun phrase's head, its modifiers and an *of*-complement ("batch of personnel")."""
    words = {word(parse.tokens[i])}
    for c in parse.children(i):
        if c.dep in ("compound", "amod", "nmod", "conj", "appos"):
            words.add(word(c))
        if c.dep == "prep" and c.lower == "of":
            for obj in kids(parse, c.i, "pobj"):
                words |= np_words(parse, obj.i)
    return words


def sentence_words(parse: Parse, i: int) -> set[str]:
    """Lemmas (and lower-cased forms) of the sentence around token ``i``."""
    sentence = parse.sentences[parse.tokens[i].sent]
    out: set[str] = set()
    for token in parse.sentence_tokens(sentence):
        out.add(word(token))
        out.add(token.lower)
    return out


def subtree_tokens(parse: Parse, i: int) -> list[Token]:
    first, last = parse.subtree(i)
    return [t for t in parse.tokens[first:last] if t.pos != "SPACE"]


def clause_span(parse: Parse, i: int, skip_deps: tuple[str, ...], skip_preps: tuple[str, ...] = ()) -> tuple[int, int]:
    """Characters of the clause of ``i``: its subtree without dependents in ``skip_deps``, asides
    ("according to …") and edge punctuation."""
    kept = {i}
    stack = [i]
    while stack:
        k = stack.pop()
        for c in parse.children(k):
            if k == i and (c.dep in skip_deps or _fronted_adverbial(parse, c.i, i) or c.lower in skip_preps):
                continue
            if c.dep in ("relcl", "appos", "acl") and _after_comma(parse, c.i):
                continue
            if c.dep == "prep" and c.lower in ("including", "among") and _after_comma(parse, c.i):
                continue
            kept.add(c.i)
            stack.append(c.i)
    ordered = sorted(kept)
    while len(ordered) > 1 and parse.tokens[ordered[0]].pos in ("PUNCT", "CCONJ", "SCONJ", "SPACE"):
        ordered.pop(0)
    while len(ordered) > 1 and parse.tokens[ordered[-1]].pos in ("PUNCT", "CCONJ", "SPACE"):
        ordered.pop()
    return parse.tokens[ordered[0]].start, parse.tokens[ordered[-1]].end


def _fronted_adverbial(parse: Parse, child: int, verb: int) -> bool:
    """ "In exchange, …" / "On October 4, …": a phrase before the verb closed by a comma."""
    if child > verb or parse.tokens[child].dep in ("nsubj", "nsubjpass", "aux", "auxpass", "neg"):
        return False
    last = parse.subtree(child)[1]
    return last < len(parse.tokens) and parse.tokens[last].text == ","


def _after_comma(parse: Parse, i: int) -> bool:
    first = parse.subtree(i)[0]
    return first > 0 and parse.tokens[first - 1].text in (",", "(", "—", "–")
