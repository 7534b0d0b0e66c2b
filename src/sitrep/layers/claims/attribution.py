"""Reporting verbs: "said that ...", "confirmed the presence of ...", "urged X to ...".

:func:`find_verbal` looks up every verb in the cue lexicon and fills the first frame the
entry allows (a that-clause, a to-infinitive, an object, object and infinitive, object
and predicate, a prepositional object, an impersonal passive), then takes the speaker
from the verb's subject (or the subject of the verb it hangs on, or a "by" agent) and
the outlets it was told to. It reads the parse and writes nothing.
"""

from __future__ import annotations

from sitrep.layers.claims.attitudes import speaks_as
from sitrep.layers.claims.cues import ClaimWords, Cue, CueLexicon, load_claim_words
from sitrep.layers.claims.parts import (
    CONTENT_MARKS,
    OBJECT_DEPS,
    Found,
    agent_of,
    child,
    cited_source,
    cue_span_of,
    is_verb,
    mention_span,
    speaker_head,
    subject_of,
    subtree_span,
    trimmed,
)
from sitrep.layers.claims.quotes import has_quoted_words
from sitrep.model import Span
from sitrep.nlp import Parse, Token

OBJECT_PREPS = frozenset({"of", "from", "in", "about", "against", "over", "between", "among", "with", "on"})
PREDICATE_DEPS = frozenset({"oprd", "ccomp", "xcomp", "attr", "acomp", "nmod", "npadvmod"})


def find_verbal(parse: Parse, lexicon: CueLexicon, words: ClaimWords) -> list[Found]:
    """Claims introduced by reporting verbs, in text order."""
    found = []
    for token in parse.tokens:
        if not is_verb(token):
            continue
        cue = lexicon.verb_cue(parse, token)
        if cue is None:
            continue
        claim = verbal_claim(parse, token, cue, words)
        if claim is not None:
            found.append(claim)
    return found


def verbal_claim(parse: Parse, verb: Token, cue: Cue, words: ClaimWords) -> Found | None:
    """The claim a reporting verb introduces, when one of its frames is filled."""
    passive = child(parse, verb.i, "auxpass") is not None
    if passive and not cue.allows("passive"):
        agent = agent_of(parse, verb.i)
        if agent is None:
            return None
        return _passive_with_agent(parse, verb, cue, agent)
    if passive:
        return _impersonal(parse, verb, cue, words)
    content, frame = _content_of(parse, verb, cue)
    if content is None:
        return None
    content = _after_relative_cue(parse, verb, content)
    if frame == "np" and verb.tag == "VBG" and verb.dep == "advcl" and verb.i < verb.head:
        return None  # "Discussing his concern in a statement, X said ...": a circumstance, not a claim
    if cited_source(parse, verb) is not None:
        return None  # "..., citing officials": names the source of another claim
    subject = subject_of(parse, verb.i, speaking_nouns=words["document_heads"] | words["interview_nouns"])
    found = Found(
        content=content,
        cue=cue,
        cue_span=cue_span_of(parse, verb, cue),
        cue_token=verb.i,
        frame=frame,
    )
    if subject is None:
        subject = _inverted_subject(parse, verb, content)
    if not speaks_as(parse, subject, cue.speaker_condition(frame), words):
        return None  # "Russian forces attacked the village": a deed, not an attitude
    if subject is not None:
        subject = speaker_head(parse, subject)
        found.speaker, found.speaker_token = mention_span(parse, subject.i), subject.i
    content_start = parse.token_at(content[0])
    between = parse.tokens[verb.i + 1 : content_start.i] if content_start is not None else []
    for kid in [*parse.children(verb.i), *between]:
        source = cited_source(parse, kid)
        if source is not None:  # "X said, citing officials, ...": the officials speak through X
            if found.speaker is not None:
                found.via.append(found.speaker)
                found.relayed.append(found.speaker)
            found.speaker, found.speaker_token = mention_span(parse, source.i), source.i
    if frame == "obj_as" and verb.tag == "VBG" and verb.dep == "advcl":
        obj = child(parse, verb.i, *OBJECT_DEPS)
        if obj is not None and obj.pos == "PRON":
            found.elaborates = verb.head  # "..., calling it a serious escalation"
    found.via.extend(intermediaries(parse, verb, frame, words))
    channels = carriers(parse, verb, subject, words)
    found.via.extend(channels)
    found.relayed.extend(channels)
    return found


def _after_relative_cue(parse: Parse, verb: Token, content: Span) -> Span:
    """ "..., which aid workers said was likely far higher": the content is what follows the cue."""
    first = parse.token_at(content[0])
    if first is None or first.tag not in ("WDT", "WP") or not content[0] < verb.start < content[1]:
        return content
    rest = [t for t in parse.tokens_in(verb.end, content[1]) if t.pos not in ("SPACE", "PUNCT")]
    return (rest[0].start, content[1]) if rest else content


def _inverted_subject(parse: Parse, verb: Token, content: Span) -> Token | None:
    """ "'...,' added KCNA": a name after a verb whose content came before it, parsed as its object."""
    if content[1] > verb.start:
        return None
    obj = next(
        (k for k in parse.children(verb.i) if k.dep in ("dobj", "attr", "npadvmod", "dep") and k.i > verb.i), None
    )
    if obj is None or obj.pos not in ("PROPN", "NOUN") or parse.tokens[verb.i - 1].lower in ("to", "not"):
        return None
    return obj


def intermediaries(parse: Parse, verb: Token, frame: str, words: ClaimWords) -> list[Span]:
    """Who a statement was made to: "told the Kyiv Post", "in an interview with Reuters".

    Returns every such addressee; the writer keeps those that are news outlets.
    """
    heads = []
    recipient = child(parse, verb.i, "dative") or (child(parse, verb.i, *OBJECT_DEPS) if frame == "that" else None)
    if recipient is not None:
        heads.append(recipient)
    for prep in parse.children(verb.i):
        if prep.dep != "prep" or prep.lower not in ("in", "during"):
            continue
        setting = child(parse, prep.i, "pobj")
        if setting is None or setting.lower not in words["interview_nouns"]:
            continue
        for inner in parse.children(setting.i):
            if inner.dep == "prep" and inner.lower in ("to", "with", "on"):
                target = child(parse, inner.i, "pobj")
                if target is not None:
                    heads.append(target)
    for setting in _statement_nouns(parse, verb, words) + [verb]:
        for inner in parse.children(setting.i):  # "in a post on Telegram", "wrote on Facebook"
            if inner.dep == "prep" and inner.lower == "on":
                target = child(parse, inner.i, "pobj")
                if target is not None and target.lower in words["platforms"]:
                    heads.append(target)
    spans = []
    for head in heads:
        named = next((k for k in parse.children(head.i) if k.dep == "appos" and k.pos == "PROPN"), None)
        head = named or head  # "told state news agency RIA Novosti": the agency's name
        if head.pos in ("PROPN", "NOUN"):
            span = mention_span(parse, head.i)
            if span is not None:
                spans.append(span)
    return spans


def _statement_nouns(parse: Parse, verb: Token, words: ClaimWords) -> list[Token]:
    """ "in a statement", "in a post": the statement a cue was made in."""
    found = []
    for prep in parse.children(verb.i):
        if prep.dep == "prep" and prep.lower in ("in", "during", "through"):
            setting = child(parse, prep.i, "pobj")
            if setting is not None and setting.lower in words["interview_nouns"]:
                found.append(setting)
    return found


def carriers(parse: Parse, verb: Token, subject: Token | None, words: ClaimWords) -> list[Span]:
    """Who carried a statement to the reader: "in a statement carried by TASS", "X, quoted by MTI,",
    "a letter seen by Reuters", "a statement released through its media arm"."""
    holders = _statement_nouns(parse, verb, words)
    if subject is not None:
        first, last = parse.subtree(subject.i)
        holders += [t for t in parse.tokens[first:last] if t.pos in ("NOUN", "PROPN")]
    spans = []
    for holder in holders:
        for participle in parse.children(holder.i):
            if participle.dep != "acl" or participle.lemma.lower() not in words["carrier_verbs"]:
                continue
            by = next(
                (
                    k
                    for k in parse.children(participle.i)
                    if k.dep in ("agent", "prep") and k.lower in ("by", "through", "via")
                ),
                None,
            )
            target = child(parse, by.i, "pobj") if by is not None else None
            if target is None:
                continue
            named = next((k for k in parse.children(target.i) if k.dep == "appos" and k.pos == "PROPN"), None)
            after = parse.tokens[target.i + 1] if target.i + 1 < len(parse.tokens) else None
            if named is None and target.pos == "NOUN" and after is not None and _looks_named(after):
                named = after  # "quoted by the state news agency MTI", the name parsed apart
            target = named or target
            if target.pos == "PROPN" or target.ent_type in ("ORG", "PERSON", "GPE"):
                span = mention_span(parse, target.i)
                if span is not None:
                    spans.append(span)
    return spans


def _looks_named(token: Token) -> bool:
    """A name, even one the tagger took for a verb ("carried by the state agency SANA")."""
    return token.pos == "PROPN" or (token.ent_type in ("ORG", "PERSON") and token.text[:1].isupper())


def _content_of(parse: Parse, verb: Token, cue: Cue) -> tuple[Span | None, str]:
    """The content of an active reporting verb and the frame that found it."""
    kids = parse.children(verb.i)
    if cue.allows("for"):
        span = _responsibility_for(parse, verb, cue)
        if span is not None:
            return span, "for"
    if cue.allows("that") or cue.allows("quote"):
        clause = _reported_clause(parse, verb)
        if clause is not None and (cue.allows("that") or _is_quoted_clause(parse, clause)):
            first, last = parse.subtree(clause.i)
            first = _after_sourcing(parse, clause, first)
            return trimmed(parse, first, _before_aside(parse, first, last), marks=CONTENT_MARKS), "that"
    if cue.preposition and cue.allows("np"):
        prep = next((k for k in kids if k.lower == cue.preposition and k.dep in ("prep", "prt", "dative")), None)
        if prep is not None:
            target = child(parse, prep.i, "pobj", "pcomp")
            if target is not None:
                first, last = parse.subtree(target.i)
                clause = next((k for k in kids if k.dep == "xcomp" and k.i >= last), None)
                if clause is not None:
                    last = parse.subtree(clause.i)[1]
                return trimmed(parse, first, last), "prep"
    if cue.allows("obj_to"):
        span = _object_and_infinitive(parse, verb, cue)
        if span is not None:
            return span, "obj_to"
    if cue.allows("to"):
        clause = next((k for k in kids if k.dep == "xcomp" and child(parse, k.i, "aux") is not None), None)
        if clause is not None and clause.i > verb.i:
            first, last = parse.subtree(clause.i)
            joined = next(
                (
                    k
                    for k in kids
                    if k.dep == "conj"
                    and k.i > clause.i
                    and k.tag in ("VB", "VBP")
                    and child(parse, k.i, "nsubj", "nsubjpass") is None
                ),
                None,
            )
            if joined is not None and parse.tokens[last].lower == "and":  # "to meet and exceed his goals"
                last = parse.subtree(joined.i)[1]
            return trimmed(parse, first, last), "to"
    if cue.allows("obj_as"):
        span = _object_and_predicate(parse, verb)
        if span is not None:
            return span, "obj_as"
    if cue.allows("np"):
        obj = next((k for k in kids if k.dep in OBJECT_DEPS and k.i > verb.i), None)
        if obj is not None and obj.pos not in ("PRON", "NUM") and not _is_bare_pronoun_phrase(parse, obj):
            return _object_phrase(parse, verb, obj), "np"
    if cue.allows("gerund"):
        gerund = next(
            (
                k
                for k in kids
                if k.dep in ("xcomp", "ccomp", "dobj", "pcomp")
                and k.tag == "VBG"
                and k.i > verb.i
                and child(parse, k.i, "nsubj", "aux") is None
            ),
            None,
        )
        if gerund is not None:
            return subtree_span(parse, gerund.i, marks=frozenset()), "np"
    if (cue.allows("that") or cue.allows("quote")) and verb.dep == "parataxis":
        return _host_clause(parse, verb), "parenthetical"
    return None, ""


def _responsibility_for(parse: Parse, verb: Token, cue: Cue) -> Span | None:
    """ "claimed responsibility (on Sunday) for the attack": the object of "for", on the verb or its noun."""
    noun = next((k for k in parse.children(verb.i) if k.lower == cue.preposition and k.dep in OBJECT_DEPS), None)
    if noun is None:
        return None
    for holder in (noun, verb):
        prep = next((k for k in parse.children(holder.i) if k.dep == "prep" and k.lower == "for"), None)
        target = child(parse, prep.i, "pobj", "pcomp") if prep is not None else None
        if target is not None:
            return subtree_span(parse, target.i, marks=frozenset())
    return None


def _reported_clause(parse: Parse, verb: Token) -> Token | None:
    """The clausal complement of a verb: after it (with "that" first), else before it ("X, he said")."""
    clauses = [k for k in parse.children(verb.i) if k.dep == "ccomp"]
    if not clauses:  # a reported clause misparsed as an adverbial one: "said he would not accept ..."
        clauses = [
            k
            for k in parse.children(verb.i)
            if k.dep in ("advcl", "dep")
            and k.i > verb.i
            and child(parse, k.i, "nsubj", "nsubjpass") is not None
            and all(m.lower in ("that", "whether") for m in parse.children(k.i) if m.dep == "mark")
            and not any(m.dep == "advmod" and m.tag == "WRB" for m in parse.children(k.i))
        ]
    if not clauses:
        return None
    after = [k for k in clauses if k.i > verb.i]
    if after:
        marked = [k for k in after if any(m.dep == "mark" for m in parse.children(k.i))]
        return (marked or after)[0]
    return clauses[-1]


def _is_quoted_clause(parse: Parse, clause: Token) -> bool:
    first, last = parse.subtree(clause.i)
    span = parse.char_span(first, last)
    return has_quoted_words(parse.text[max(0, span[0] - 2) : span[1] + 2])


def _after_sourcing(parse: Parse, clause: Token, first: int) -> int:
    """Where a clause starts after a sourcing participle at its left edge ("citing officials, that ...")."""
    for kid in parse.children(clause.i):
        if kid.i < clause.i and cited_source(parse, kid) is not None and parse.subtree(kid.i)[0] == first:
            return parse.subtree(kid.i)[1]
    return first


def _before_aside(parse: Parse, first: int, last: int) -> int:
    """Where a clause ends before a closing ", which ..." aside (the reporter's, not the speaker's)."""
    for k in range(first + 1, last):
        token = parse.tokens[k]
        if parse.tokens[k - 1].text != ",":
            continue
        if token.lower == "which" and token.dep in ("nsubj", "nsubjpass", "dobj"):
            clause = parse.tokens[token.head]
            if clause.dep == "ccomp" and parse.tokens[clause.head].dep == "relcl":
                clause = parse.tokens[clause.head]  # ", which aid workers said was higher"
            if clause.dep == "relcl" and parse.subtree(clause.i)[1] >= last - 1:
                return k - 1
        if cited_source(parse, token) is not None and parse.subtree(token.i)[1] >= last - 1:
            return k - 1  # "..., citing the survey": the reporter's sourcing, not the claim
    return last


def _object_phrase(parse: Parse, verb: Token, obj: Token) -> Span | None:
    """The object as content, with the verb's "as ..."/"for ..." complement, without a clause set off by a comma."""
    first, last = parse.subtree(obj.i)
    for kid in parse.children(obj.i):
        if kid.dep in ("relcl", "acl", "appos") and kid.i > obj.i:
            k_first = parse.subtree(kid.i)[0]
            if k_first > 0 and parse.tokens[k_first - 1].text in (",", "(", "—", "–"):
                last = min(last, k_first - 1)
    for kid in parse.children(verb.i):
        if kid.dep in ("prep", "advcl", "oprd") and kid.lower in ("as", "for") and kid.i >= last - 1:
            last = max(last, parse.subtree(kid.i)[1])
        if kid.dep == "ccomp" and parse.subtree(kid.i)[0] == last and child(parse, kid.i, "mark") is None:
            last = parse.subtree(kid.i)[1]  # "cited remarks Trump had made about her": a reduced relative
    for kid in parse.children(verb.i):
        if kid.dep == "prep" and kid.i == last and _describes_object(parse, kid):
            last = parse.subtree(kid.i)[1]  # "unveiled a list of endorsements from 95 generals"
    return trimmed(parse, first, _before_aside(parse, first, last), marks=CONTENT_MARKS)


def _describes_object(parse: Parse, prep: Token) -> bool:
    """A prepositional phrase hung on the verb that belongs to its object: not a time, a setting
    ("in a statement", "on Telegram") or an addressee ("to reporters")."""
    if prep.lower not in OBJECT_PREPS:
        return False
    target = child(parse, prep.i, "pobj")
    if target is None or target.ent_type in ("DATE", "TIME"):
        return False
    words = load_claim_words()
    return not (words.has("interview_nouns", target.lower) or words.has("platforms", target.lower))


def _is_bare_pronoun_phrase(parse: Parse, obj: Token) -> bool:
    first, last = parse.subtree(obj.i)
    return last - first == 1 and obj.pos == "PRON"


def _object_and_infinitive(parse: Parse, verb: Token, cue: Cue) -> Span | None:
    """ "urged Russia to withdraw", "called on Russia to withdraw": object through the infinitive."""
    kids = parse.children(verb.i)
    obj = next((k for k in kids if k.dep in OBJECT_DEPS and k.i > verb.i), None)
    if obj is None and cue.preposition:
        prep = next((k for k in kids if k.lower == cue.preposition), None)
        obj = child(parse, prep.i, "pobj") if prep is not None else None
    clause = next((k for k in kids if k.dep in ("xcomp", "ccomp") and k.i > verb.i), None)
    if clause is None and obj is not None:
        clause = next((k for k in parse.children(obj.i) if k.dep in ("relcl", "acl", "xcomp")), None)
    if obj is None or clause is None:
        return None
    if child(parse, clause.i, "aux") is None and child(parse, clause.i, "nsubj") is None:
        return None
    start = parse.subtree(obj.i)[0]
    end = parse.subtree(clause.i)[1]
    return trimmed(parse, start, end)


def _object_and_predicate(parse: Parse, verb: Token) -> Span | None:
    """ "called it a serious escalation", "described the plan as reckless": object and predicate."""
    right = [k for k in parse.children(verb.i) if k.i > verb.i and k.dep not in ("punct", "advmod", "cc", "conj")]
    has_as = any(k.lower == "as" and k.dep == "prep" for k in right)
    nominal = [k for k in right if k.dep in OBJECT_DEPS or k.dep in PREDICATE_DEPS]
    if not any(k.dep in OBJECT_DEPS for k in right):
        return None  # "a group called X" names, it does not claim
    if not (has_as or len(nominal) >= 2 or any(k.dep == "oprd" for k in right)):
        return None
    keep = [
        k for k in right if k.dep in OBJECT_DEPS or k.dep in PREDICATE_DEPS or (k.dep == "prep" and k.lower == "as")
    ]
    start = min(parse.subtree(k.i)[0] for k in keep)
    end = max(parse.subtree(k.i)[1] for k in keep)
    return trimmed(parse, start, end)


def _host_clause(parse: Parse, verb: Token) -> Span | None:
    """The clause a parenthetical "he said" interrupts."""
    first, last = parse.subtree(verb.head)
    return trimmed(parse, first, last)


def _impersonal(parse: Parse, verb: Token, cue: Cue, words: ClaimWords) -> Found | None:
    """ "it was reported that ...", "X is said to have ...": no speaker unless an agent is given."""
    subject = child(parse, verb.i, "nsubjpass")
    clause = child(parse, verb.i, "ccomp")
    infinitive = child(parse, verb.i, "xcomp")
    agent = agent_of(parse, verb.i)
    cue_span = cue_span_of(parse, verb, cue)
    if clause is not None and (subject is None or words.has("expletives", subject.lower)):
        content = subtree_span(parse, clause.i)
        if subject is not None:
            cue_span = (subject.start, cue_span[1])
    elif subject is not None and infinitive is not None and infinitive.i > verb.i:
        start = parse.subtree(subject.i)[0]
        content = trimmed(parse, start, parse.subtree(infinitive.i)[1])
    elif agent is not None:
        return _passive_with_agent(parse, verb, cue, agent)
    else:
        return None
    if content is None:
        return None
    found = Found(content=content, cue=cue, cue_span=cue_span, cue_token=verb.i, frame="passive")
    if agent is not None:
        found.speaker, found.speaker_token = mention_span(parse, agent.i), agent.i
    return found


def _passive_with_agent(parse: Parse, verb: Token, cue: Cue, agent: Token) -> Found | None:
    """ "The deployment was confirmed by Seoul": the passive subject is the content."""
    if not cue.allows("np"):
        return None
    subject = child(parse, verb.i, "nsubjpass")
    if subject is None or subject.pos == "PRON":
        return None
    content = subtree_span(parse, subject.i)
    if content is None:
        return None
    return Found(
        content=content,
        cue=cue,
        cue_span=cue_span_of(parse, verb, cue),
        cue_token=verb.i,
        frame="passive",
        speaker=mention_span(parse, agent.i),
        speaker_token=agent.i,
    )
