"""Who acts on whom: an event's source and target, read from its clause and resolved to actors.

:func:`role_tokens` reads the syntax of a trigger's clause by frame (``act``, ``give``,
``send``, ``with``, ``host``, ``nominal``) and returns the noun tokens that fill each
role. :func:`resolve_roles` maps them to actors through ``Analysis.resolve_actor`` and
lifts people and government bodies to the state (or organisation) they act for, so that
"John Kerry contacted Thailand's foreign minister" links the United States to Thailand.
Sending troops or weapons is ``AID``/military when a foreign actor receives them and
``MOBILIZE`` otherwise (:func:`classify_transfer`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sitrep.analysis import Analysis, contains
from sitrep.geo.lexicon import load_lexicon as load_geo_lexicon
from sitrep.layers.events.lexicon import PloverLexicon
from sitrep.layers.events.parties import (
    aimed_targets,
    bare_count,
    counted_group,
    counted_members,
    earlier_group,
    government_state,
    institution_party,
    is_institution,
    official_state,
    officials_state,
    open_pronoun,
    owned_forces,
    place_named,
    record_tie,
    role_list,
    same_force,
    territory_state,
)
from sitrep.layers.events.syntax import (
    actor_of,
    conjuncts,
    direct_object,
    head,
    is_passive,
    joint_members,
    kid,
    kids,
    multiword_objects,
    np_span,
    np_words,
    preposition_objects,
    subject,
    theme,
    trailing_relatives,
    word,
)
from sitrep.layers.events.triggers import Trigger
from sitrep.model import Actor, Extraction, Span
from sitrep.nlp import Parse, Token

ELLIPSIS_WORDS = frozenset({"more", "others", "other"})
Resolved = tuple[str | None, Span | None]
"""An actor id and the span that named it (or None, None)."""


@dataclass
class RoleTokens:
    """The noun tokens that fill an event's roles (None when the clause does not say)."""

    source: Token | None = None
    target: Token | None = None
    theme: Token | None = None
    destination: Token | None = None
    beneficiary: Token | None = None
    fallback_targets: tuple[Token, ...] = ()


@dataclass
class Roles:
    """An event's type, mode and roles once resolved to actor ids."""

    type: str
    source: str | None
    target: str | None
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None


# --- reading the clause ------------------------------------------------------------------------------------------


def role_tokens(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> RoleTokens:
    """The tokens filling ``trigger``'s roles, by its frame."""
    if trigger.relation != "verb":
        return _nominal_roles(parse, lexicon, trigger)
    frame = trigger.rule.frame
    readers = {"give": _give_roles, "send": _send_roles, "move": _move_roles, "with": _with_roles, "host": _host_roles}
    return readers.get(frame, _act_roles)(parse, lexicon, trigger)


def _target_preps(lexicon: PloverLexicon, type_: str) -> tuple[str, ...]:
    by_type = lexicon.roles.get("target_preps_by_type", {})
    return lexicon.role_words("target_preps") + tuple(by_type.get(type_, ()))


def _object_and_owner(parse: Parse, lexicon: PloverLexicon, obj: Token | None) -> list[Token]:
    """An object and, behind a non-actor object, its owner: "Russia's proposal", "the request from Kyiv"."""
    if obj is None:
        return []
    found = [obj]
    found += kids(parse, obj.i, "poss")
    found += [o for _, o in preposition_objects(parse, obj.i, lexicon.role_words("owner_preps"))]
    return found


def _noun_host(parse: Parse, verb: int) -> Token | None:
    """The noun a participle was wrongly attached to ("shared intelligence" parsed as an adjective)."""
    token = parse.tokens[verb]
    return head(parse, verb) if token.dep == "amod" else None


def _act_roles(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> RoleTokens:
    verb = trigger.predicate
    if _fronted_passive(parse, verb):  # "*Asked* to point him out, Elliott gestured": Elliott was asked
        return RoleTokens(target=subject(parse, verb))
    sides = _fighting_sides(parse, lexicon, verb)
    if sides is not None:  # "a man was killed in a battle between troops and gunmen": the two sides fought
        return RoleTokens(source=sides[0], target=sides[1])
    obj = theme(parse, verb) or _noun_host(parse, verb) or _shared_passive_subject(parse, verb)
    preps = _target_preps(lexicon, trigger.type)
    prep_targets = [o for _, o in preposition_objects(parse, verb, preps)] + _particle_objects(parse, verb, preps)
    if obj is not None and obj.i != verb:
        prep_targets += [o for _, o in preposition_objects(parse, obj.i, preps)]
    candidates = [obj] if obj is not None else []
    candidates += prep_targets + _object_and_owner(parse, lexicon, obj)[1:]
    return RoleTokens(
        source=actor_of(parse, verb) or _cause_clause_doer(parse, lexicon, verb),
        target=candidates[0] if candidates else None,
        theme=obj,
        fallback_targets=tuple(candidates[1:]),
    )


def _fronted_passive(parse: Parse, verb: int) -> bool:
    """A participle clause before its main clause with no subject of its own ("Asked about the raid, the minister
    said…"): its understood subject, the main clause's, is the one acted on."""
    token = parse.tokens[verb]
    return (
        token.dep == "advcl"
        and token.tag == "VBN"
        and token.i < token.head
        and kid(parse, verb, "nsubj", "nsubjpass", "mark", "aux", "auxpass") is None
    )


def _cause_clause_doer(parse: Parse, lexicon: PloverLexicon, verb: int) -> Token | None:
    """ "12 people were killed and dozens injured *when the RSF shelled the camp*": the doer of the attack a
    casualty clause (or the clause it is conjoined to) says caused it."""
    token = parse.tokens[verb]
    if not (is_passive(parse, verb) or token.tag == "VBN" or word(token) in lexicon.word_class("undergo_verbs")):
        return None
    holders = [verb, *[c.i for c in kids(parse, verb, "conj")]]
    if token.dep == "conj":
        holders.append(token.head)
    for holder in holders:
        for clause in kids(parse, holder, "advcl"):
            marks = {c.lower for c in kids(parse, clause.i, "mark", "advmod")}
            violent = any(r.type == "ASSAULT" for r in lexicon.rules_for(word(clause), "VERB"))
            if violent and marks & set(role_list(lexicon, "cause_marks")) and not is_passive(parse, clause.i):
                return subject(parse, clause.i)
    return None


def _fighting_sides(parse: Parse, lexicon: PloverLexicon, verb: int) -> tuple[Token, Token] | None:
    """The two sides of the fight a casualty verb happened in ("killed *in clashes between X and Y*")."""
    if not (is_passive(parse, verb) or word(parse.tokens[verb]) in lexicon.word_class("undergo_verbs")):
        return None
    holders = [verb, *[c.i for c in kids(parse, verb, "conj")]]  # "killed and five wounded, in a battle…"
    for holder in holders:
        for _, noun in preposition_objects(parse, holder, ("in", "during", "amid")):
            if word(noun) in lexicon.word_class("reciprocal_nouns") | role_list(lexicon, "joint_act_nouns"):
                sides = _pairing(parse, lexicon, noun.i)
                if sides is not None:
                    return sides
    return None


def _shared_passive_subject(parse: Parse, verb: int) -> Token | None:
    """ "130 more were maimed, *injured* and scarred": a passive participle conjoined to one that has the subject."""
    token = parse.tokens[verb]
    if token.dep != "conj" or token.tag != "VBN" or kid(parse, verb, "nsubj", "nsubjpass", "dobj") is not None:
        return None
    current = head(parse, verb)
    for _ in range(4):
        found = kid(parse, current.i, "nsubjpass")
        if found is not None:
            return found
        if current.dep != "conj":
            return None
        current = head(parse, current.i)
    return None


def _particle_objects(parse: Parse, verb: int, preps: Sequence[str]) -> list[Token]:
    """ "Called *on Muslims*": the object the parser hung on a particle rather than on a preposition."""
    return [o for prt in kids(parse, verb, "prt") if prt.lower in preps for o in kids(parse, prt.i, "pobj")]


def _give_roles(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> RoleTokens:
    verb = trigger.predicate
    with_objects = [o for _, o in preposition_objects(parse, verb, ("with",))]
    recipients = kids(parse, verb, "dative")
    recipients += [o for _, o in preposition_objects(parse, verb, lexicon.role_words("recipient_preps"))]
    direct = direct_object(parse, verb)
    gift: Token | None
    if with_objects and direct is not None:
        recipients.insert(0, direct)
        gift = with_objects[0]
    else:
        gift = direct or (with_objects[0] if with_objects else None)
    if is_passive(parse, verb):
        gift = kid(parse, verb, "nsubjpass") or gift
    return RoleTokens(
        source=actor_of(parse, verb),
        target=recipients[0] if recipients else None,
        theme=gift,
        fallback_targets=tuple(recipients[1:]),
    )


def _send_roles(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> RoleTokens:
    verbs = trigger.predicates
    destination = beneficiary = None
    sent = theme(parse, trigger.predicate)
    holders = verbs + ([sent.i] if sent is not None else [])
    for holder in holders:
        destination = destination or _first(preposition_objects(parse, holder, lexicon.role_words("destination_preps")))
        beneficiary = beneficiary or _beneficiary(parse, lexicon, holder)
    return RoleTokens(
        source=actor_of(parse, trigger.predicate), theme=sent, destination=destination, beneficiary=beneficiary
    )


def _move_roles(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> RoleTokens:
    """Forces moving themselves ("Chadian troops crossed into Cameroon"): the movers are what is sent, their
    owner the sender, the place they reach the destination."""
    verb = trigger.predicate
    movers = subject(parse, verb)
    destination = _first(preposition_objects(parse, verb, lexicon.role_words("goal_preps"))) or direct_object(
        parse, verb
    )
    return RoleTokens(
        source=None, theme=movers, destination=destination, beneficiary=_beneficiary(parse, lexicon, verb)
    )


def _first(pairs: list[tuple[str, Token]]) -> Token | None:
    return pairs[0][1] if pairs else None


def _beneficiary(parse: Parse, lexicon: PloverLexicon, verb: int) -> Token | None:
    """Whom a transfer helps: "in support of Russia", "on the side of Russia", "to help Kyiv"."""
    for phrase in lexicon.roles.get("beneficiary_phrases", []):
        found = multiword_objects(parse, verb, tuple(phrase))
        if found:
            return found[0]
    helpers = lexicon.role_words("beneficiary_verbs")
    for clause in kids(parse, verb, "advcl", "xcomp"):
        if word(clause) in helpers:
            obj = direct_object(parse, clause.i)
            if obj is not None:
                return obj
    return None


def _with_roles(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> RoleTokens:
    verb = trigger.predicate
    obj = theme(parse, verb) or _noun_host(parse, verb)
    partners = [o for _, o in preposition_objects(parse, verb, ("with", "to"))]
    if obj is not None and obj.i != verb:
        partners += [o for _, o in preposition_objects(parse, obj.i, ("with",))]
    source = actor_of(parse, verb)
    if obj is not None:
        partners.append(obj)
    if source is not None:
        partners += joint_members(parse, source.i)[1:]
    partners += [o for _, o in preposition_objects(parse, verb, _target_preps(lexicon, trigger.type))]
    return RoleTokens(
        source=source, target=partners[0] if partners else None, theme=obj, fallback_targets=tuple(partners[1:])
    )


def _host_roles(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> RoleTokens:
    verb = trigger.predicate
    return RoleTokens(source=direct_object(parse, verb), target=subject(parse, verb))


def _nominal_roles(parse: Parse, lexicon: PloverLexicon, trigger: Trigger) -> RoleTokens:
    noun, verb = trigger.token, trigger.predicate
    source = _noun_source(parse, lexicon, noun)
    preps = _target_preps(lexicon, trigger.type)
    targets: list[Token | None] = [o for _, o in preposition_objects(parse, noun, preps)]
    if word(parse.tokens[noun]) in lexicon.word_class("victim_of_nouns"):  # "the killing *of* seven protesters"
        victims: list[Token | None] = [
            o for _, o in preposition_objects(parse, noun, ("of",)) if o.ent_type not in ("DATE", "TIME")
        ]
        targets = victims + targets
        if source is not None and source.dep == "poss" and source.pos == "PRON":
            targets.insert(0, source)  # "*her* release", "*his* arrest": the one it was done to
            source = None
    holder = _quantity_holder(parse, noun)
    if holder is not None:  # "€5 million in aid for X"
        targets += [o for _, o in preposition_objects(parse, holder.i, preps)]
    pair = _pairing(parse, lexicon, noun)
    if pair is not None:
        source = source or pair[0]
        targets.insert(0, pair[1])
    if trigger.relation == "light" and verb != noun:
        targets += [o for _, o in preposition_objects(parse, verb, _target_preps(lexicon, trigger.type))]
        if word(parse.tokens[verb]) in lexicon.word_class("light_target_is_subject"):
            targets.insert(0, subject(parse, verb))
        elif is_passive(parse, verb) and word(parse.tokens[verb]) in role_list(lexicon, "handing_verbs"):
            targets.insert(0, kid(parse, verb, "nsubjpass"))  # "*he* was given an ultimatum by his bosses"
            source = source or actor_of(parse, verb)
        elif source is None:
            source = actor_of(parse, verb)
            if source is not None and word(parse.tokens[noun]) in role_list(lexicon, "joint_act_nouns"):
                targets[:0] = joint_members(parse, source.i)[1:2]  # "X and Y held talks", "X and Y signed a truce"
    elif trigger.relation == "impact":
        victim = direct_object(parse, verb)
        if victim is not None:
            targets.append(victim)
    elif trigger.relation == "casualty":
        victim = theme(parse, verb)
        if victim is not None:
            targets.append(victim)
        suffered = word(parse.tokens[verb]) in lexicon.word_class("undergo_verbs")
        if suffered:
            victim = subject(parse, verb)  # "11 people died during the bombing": the subject suffered it
            if victim is not None and victim.i != noun:
                targets.insert(0, victim)
        other = [o for _, o in preposition_objects(parse, noun, ("with",))]
        if (
            source is None
            and other
            and (suffered or is_passive(parse, verb))
            and word(parse.tokens[noun]) in lexicon.word_class("reciprocal_nouns")
        ):
            source = other[0]  # "died after a shootout *with police*", "killed in a firefight *with soldiers*"
            targets = [t for t in targets if t is None or t.i != source.i]
        if not suffered and source is None and not is_passive(parse, verb):
            doer = subject(parse, verb)
            source = None if doer is None or doer.i == noun else doer
    elif (
        trigger.relation == "mention"
        and source is None
        and word(parse.tokens[verb]) in lexicon.word_class("claiming_verbs")
    ):
        source = actor_of(parse, verb)  # "X claimed responsibility for the attack on Y"
    elif trigger.relation == "planned" and source is None and parse.tokens[noun].dep == "dobj":
        source = actor_of(parse, parse.tokens[noun].head)
    targets += aimed_targets(parse, lexicon, noun)  # "bombings targeted at the army"
    present = [t for t in targets if t is not None]
    return RoleTokens(source=source, target=present[0] if present else None, fallback_targets=tuple(present[1:]))


def _quantity_holder(parse: Parse, noun: int) -> Token | None:
    """The quantity a noun completes ("million" in "€5 million in aid"), if any."""
    token = parse.tokens[noun]
    if token.dep != "pobj" or head(parse, noun).lower not in ("in", "of"):
        return None
    holder = head(parse, token.head)
    return holder if holder.pos in ("NUM", "NOUN") else None


def _noun_source(parse: Parse, lexicon: PloverLexicon, noun: int) -> Token | None:
    """Who a noun trigger's act belongs to: "Russia's attack", "Israeli airstrike", "an attack by rebels"."""
    for c in parse.children(noun):
        if c.dep == "poss" and c.ent_type not in ("DATE", "TIME"):  # not "yesterday's attack"
            return c
    for c in parse.children(noun):
        if (
            c.dep in ("amod", "compound")
            and (c.ent_type in ("NORP", "GPE", "ORG", "PERSON") or c.pos == "PROPN")
            and c.ent_type not in ("DATE", "TIME", "EVENT")
        ):  # not "the Bloody Friday attacks"
            return c
    for c in kids(parse, noun, "compound"):  # "a Russian drone strike": the nationality sits on "drone"
        for m in parse.children(c.i):
            if m.dep in ("amod", "compound") and m.ent_type in ("NORP", "GPE"):
                return m
    by = [o for _, o in preposition_objects(parse, noun, lexicon.role_words("source_preps"))]
    if by:
        return by[0]
    for clause in trailing_relatives(parse, noun):  # "the strike on the depot, which the X claimed"
        if word(clause) in lexicon.word_class("claiming_verbs"):
            claimer = kid(parse, clause.i, "nsubj")
            if claimer is not None and claimer.lower not in ("which", "that", "who"):
                return claimer
    return None


def _pairing(parse: Parse, lexicon: PloverLexicon, noun: int) -> tuple[Token, Token] | None:
    """ "Clashes between X and Y": X is the source, Y the target."""
    for _, obj in preposition_objects(parse, noun, lexicon.role_words("pairing_preps")):
        members = conjuncts(parse, obj.i)
        if len(members) >= 2:
            return members[0], members[1]
    return None


# --- resolving to actors ------------------------------------------------------------------------------------------


def resolve_token(analysis: Analysis, lexicon: PloverLexicon, token: Token | None) -> Resolved:
    """The actor a noun token names (its head first, then its noun phrase), with the span used."""
    if token is None:
        return None, None
    parse = analysis.parse
    found = analysis.resolve_actor((token.start, token.end))
    if found:
        return found, (token.start, token.end)
    if is_institution(lexicon, token):
        return None, None  # "a Somali military court" is the court, not the military
    if _joint_modifiers(parse, token):
        return None, None  # "Malian and Nigerien aircraft": two parties, neither alone
    found = analysis.resolve_actor(np_span(parse, token.i))
    if found:
        return found, np_span(parse, token.i)
    if token.lower in lexicon.role_words("first_person"):
        speaker = _quoting_speaker(analysis, (token.start, token.end))
        if speaker:
            return speaker, (token.start, token.end)
    for named in kids(parse, token.i, "appos"):  # "the UN envoy, Jane Doe, called for…"
        found = analysis.resolve_actor(np_span(parse, named.i))
        if found:
            return found, np_span(parse, named.i)
    members = counted_members(parse, lexicon, token)
    if members is not None:  # "two *of the attackers*"
        found, span = resolve_token(analysis, lexicon, members)
        if found:
            return found, span
    found, span = counted_group(analysis, token)  # "charged *the five*"
    if found:
        return found, span
    found, span = _group_of_members(analysis, lexicon, token)
    if found is None:
        found, span = _the_group(analysis, lexicon, token)
    if found is None:
        found, span = earlier_group(analysis, lexicon, token)  # "the attackers", "the gang"
    if found is None and word(token) in lexicon.word_class("territory") | lexicon.word_class("property"):
        for owner in kids(parse, token.i, "poss"):  # "the group's camps", "Russia's embassy"; not "her husband"
            if owner.pos != "PRON" and owner.ent_type not in ("DATE", "TIME"):
                found, span = resolve_token(analysis, lexicon, owner)
    return found, span


def _names_the_place(analysis: Analysis, lexicon: PloverLexicon, token: Token) -> bool:
    """ "The town *of Macomia*": the name of the place an object is, not its owner (as in "the camps *of X*")."""
    parse = analysis.parse
    if token.dep != "pobj" or head(parse, token.i).lower != "of":
        return False
    named = head(parse, head(parse, token.i).i)
    if word(named) in role_list(lexicon, "settlement_nouns"):
        return True
    return word(named) in lexicon.word_class("territory") and place_named(analysis, token)


def _joint_modifiers(parse: Parse, token: Token) -> bool:
    """True when a noun's modifiers name two parties ("Malian and Nigerien aircraft")."""
    return any(c.dep in ("amod", "compound", "nmod") and kids(parse, c.i, "conj") for c in parse.children(token.i))


def _the_group(analysis: Analysis, lexicon: PloverLexicon, token: Token) -> Resolved:
    """ "The group", "the militants": the armed group named last before, when the actors layer left it open."""
    parse = analysis.parse
    determiners = {c.lower for c in kids(parse, token.i, "det")}
    if "the" not in determiners or word(token) not in lexicon.word_class("group_nouns"):
        return None, None
    best: tuple[int, str] | None = None
    for actor in analysis.extraction.actors:
        if not _armed_group(lexicon, actor):
            continue
        before = [m[0] for m in actor.mentions if m[1] <= token.start]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), actor.id)
    return (best[1], (token.start, token.end)) if best else (None, None)


def _armed_group(lexicon: PloverLexicon, actor: Actor) -> bool:
    if actor.type == "armed_group":
        return True
    last = (actor.name or "").split()[-1:] if actor.type == "organization" else []
    return bool(last) and last[0].lower() in lexicon.word_class("armed_group_names")


def _group_of_members(analysis: Analysis, lexicon: PloverLexicon, token: Token) -> Resolved:
    """ "Fighters from the X", "members of the Y", "alliance members": the group the unnamed people belong to."""
    parse = analysis.parse
    if word(token) not in lexicon.word_class("member_nouns") and token.lower not in lexicon.word_class("member_nouns"):
        return None, None
    for group in kids(parse, token.i, "compound"):
        found = analysis.resolve_actor((group.start, group.end))
        if found:
            return found, (group.start, group.end)
    for _, group in preposition_objects(parse, token.i, lexicon.role_words("member_preps")):
        found = analysis.resolve_actor(np_span(parse, group.i))
        if found:
            return found, np_span(parse, group.i)
    return None, None


def _quoting_speaker(analysis: Analysis, span: tuple[int, int]) -> str | None:
    """The speaker of the claim a first-person pronoun is said in ("We urge…", said Rathke)."""
    claims = [c for c in analysis.extraction.claims if contains(c.content_span, span) and c.speaker]
    claims.sort(key=lambda c: c.content_span[1] - c.content_span[0])
    return claims[0].speaker if claims else None


def political_actor(extraction: Extraction, lexicon: PloverLexicon, actor_id: str | None) -> str | None:
    """Lift a person or government body to the state or organisation it acts for (PLOVER codes actors by polity)."""
    if actor_id is None:
        return None
    lift_from, lift_stop = lexicon.role_words("lift_from"), lexicon.role_words("lift_stop")
    actor = extraction.get(actor_id)
    seen = {actor_id}
    while isinstance(actor, Actor) and actor.type in lift_from and actor.affiliation and actor.affiliation not in seen:
        parent = extraction.get(actor.affiliation)
        if not isinstance(parent, Actor) or parent.type == "population":
            break
        if actor.type == "organization" and parent.type not in ("state", "organization"):
            break
        seen.add(parent.id)
        actor = parent
        if actor.type in lift_stop:
            break
    return actor.id if isinstance(actor, Actor) else actor_id


def tied_body(analysis: Analysis, lexicon: PloverLexicon, actor_id: str | None) -> str | None:
    """ "Jeff Rathke, the State Department spokesman", "John Kerry, the Secretary of State": a person the actors
    layer left unaffiliated acts for the government body or state named inside their own noun phrase (its
    appositions and modifiers). Anyone else stays as found."""
    actor = analysis.extraction.get(actor_id)
    if not isinstance(actor, Actor) or actor.type != "person" or actor.affiliation:
        return actor_id
    parse = analysis.parse
    bodies = [a for a in analysis.extraction.actors if a.id != actor.id and a.type in lexicon.role_words("tie_types")]
    for mention in actor.mentions:
        for region in _phrase_regions(parse, mention):
            inside = [
                (m[0], a.id)
                for a in bodies
                for m in a.mentions
                if contains(region, m) and not any(contains(own, m) for own in actor.mentions)
            ]
            if inside:
                return min(inside)[1]
    return actor_id


def _phrase_regions(parse: Parse, mention: Span) -> list[Span]:
    """The noun phrase around a person's mention and the appositions attached to it."""
    tokens = [t for t in parse.tokens_in(*mention) if t.pos != "SPACE"]
    if not tokens:
        return []
    head_token = max(tokens, key=lambda t: t.i if t.head not in {x.i for x in tokens} else -1)
    first, last = parse.subtree(head_token.i)
    for clause in kids(parse, head_token.i, "relcl", "acl"):  # "brothers *who had lived in the US*" act for no one
        if clause.i > head_token.i:
            last = min(last, parse.subtree(clause.i)[0])
    regions = [parse.char_span(first, last)]
    if head_token.dep == "appos":
        regions.append(np_span(parse, head_token.head))
    return regions


def _resolve_first(analysis: Analysis, lexicon: PloverLexicon, tokens: Sequence[Token | None]) -> Resolved:
    for token in tokens:
        found, span = resolve_token(analysis, lexicon, token)
        if found:
            return found, span
    return None, None


def resolve_roles(analysis: Analysis, lexicon: PloverLexicon, trigger: Trigger, tokens: RoleTokens) -> Roles:
    """Source and target actor ids (lifted to polities) and the event type for ``trigger``."""
    if trigger.rule.frame in ("send", "move") and trigger.relation == "verb":
        return classify_transfer(analysis, lexicon, trigger, tokens)
    named = tuple(t for t in tokens.fallback_targets if not _names_the_place(analysis, lexicon, t))
    tokens = replace(tokens, fallback_targets=named)
    violent = trigger.type in lexicon.role_words("forces_source_types")
    source, source_span = owned_forces(analysis, lexicon, tokens.source, lexicon.word_class("forces"), violent)
    if source is None:
        source, source_span = resolve_token(analysis, lexicon, tokens.source)
    if source is not None and trigger.relation != "verb" and _modifier_place(analysis, lexicon, tokens.source):
        source, source_span = None, None  # "the Gao ambush": a place saying where, not who
    if source is not None and _nationality_of_state(analysis, lexicon, tokens.source, source, trigger.type):
        source, source_span = national_party(analysis, lexicon, tokens.source, trigger.type)
    if source is None and tokens.source is not None:
        source, source_span = institution_party(
            analysis, lexicon, tokens.source, _party_span(analysis.parse, tokens.source)
        )
    if source is None:
        source, source_span = national_party(analysis, lexicon, tokens.source, trigger.type)
    if source is None:
        source, source_span = officials_state(analysis, lexicon, tokens.source)
    if source is None:
        source, source_span = same_force(analysis, lexicon, tokens.source)
    if source is None:
        source, source_span = unnamed_party(analysis, lexicon, tokens.source)
    if source is None and tokens.source is not None:
        source, source_span = open_pronoun(analysis, tokens.source, set())
    if (
        source is None
        and tokens.source is not None
        and word(tokens.source) in lexicon.word_class("weapons") | lexicon.word_class("forces")
    ):
        source, source_span = _resolve_first(analysis, lexicon, kids(analysis.parse, tokens.source.i, "poss"))
    target, target_span = resolve_token(analysis, lexicon, tokens.target)
    if target is None:
        target, target_span = territory_state(analysis, lexicon, tokens.target)  # "on British soil"
    if target is None:
        target, target_span = officials_state(analysis, lexicon, tokens.target)  # "met Qatari officials"
    if target is None and trigger.type in lexicon.role_words("party_types_for_targets"):
        target, target_span = unnamed_party(analysis, lexicon, tokens.target, ("armed_group", "population", "person"))
    if tokens.target is not None and (target is None or target == source):  # "prosecutors charged *him*"
        other, other_span = open_pronoun(analysis, tokens.target, {source} if source else set())
        target, target_span = (other, other_span) if other else (target, target_span)
    if target is None:
        target, target_span = _resolve_first(analysis, lexicon, tokens.fallback_targets)
    if target is None and trigger.type in lexicon.role_words("party_types_for_targets"):
        target, target_span = unnamed_target(analysis, lexicon, tokens, kinds=("armed_group", "population", "person"))
    if target is None and tokens.target is not None and _elliptical(analysis.parse, tokens.target):
        target, target_span = _antecedent_object(analysis, lexicon, tokens.target)
    if target is None and tokens.target is not None and trigger.type in lexicon.role_words("party_types_for_targets"):
        target, target_span = bare_count(analysis, lexicon, tokens.target)  # "Hundreds were detained"
    if (
        target is None
        and not _names_people(analysis.parse, lexicon, tokens.target)
        and trigger.type in lexicon.role_words("claim_content_target_types")
    ):
        target, target_span = _claim_content_actor(analysis, analysis.parse.tokens[trigger.token])
        if target is None:
            target, target_span = resolve_token(analysis, lexicon, _relative_clause_doer(analysis.parse, trigger))
    return _finish(analysis, lexicon, trigger.type, source, target, source_span, target_span)


def national_party(analysis: Analysis, lexicon: PloverLexicon, token: Token | None, type_: str) -> Resolved:
    """ "An *Israeli* air strike", "*Russian* artillery": a nationality modifier names the state's armed forces
    (for violence, arrests and threats) or the state; taken from the actors layer, else created here."""
    if token is not None and _joint_modifiers(analysis.parse, token):
        return None, None  # "Turkish and Syrian jets": two parties, neither alone
    if token is not None and word(token) in lexicon.roles.get("party_types", {}).get("armed_group", ()):
        return None, None  # "Sudanese rebels": where they are from, not the state's forces
    if token is not None and token.pos in ("NOUN", "PROPN") and token.ent_type not in ("NORP", "GPE"):
        token = next(
            (
                c
                for c in analysis.parse.children(token.i)
                if c.dep in ("amod", "compound") and c.ent_type in ("NORP", "GPE")
            ),
            None,
        )  # "*Turkish* artillery shelled…"
    if token is None or token.dep not in ("amod", "compound", "nmod") or token.ent_type not in ("NORP", "GPE"):
        return None, None
    names = load_geo_lexicon()
    country = names.country_of_adjective(token.text)
    if country is None:
        return None, None
    span = (token.start, token.end)
    extraction = analysis.extraction
    state = next((a for a in extraction.actors if a.country == country and a.type == "state"), None)
    if type_ in lexicon.role_words("forces_source_types") and country in names.adjectives:
        forces = next((a for a in extraction.actors if a.country == country and a.type == "armed_forces"), None)
        if forces is None:  # named as the actors layer names a state's forces
            forces = Actor(
                id=extraction.next_id("actors"),
                name=f"{names.adjectives[country]} armed forces",
                type="armed_forces",
                country=country,
                affiliation=state.id if state else None,
                mentions=[span],
            )
            extraction.actors.append(forces)
        return forces.id, span
    if state is None:
        state = Actor(
            id=extraction.next_id("actors"),
            name=names.state_display.get(country, token.text),
            type="state",
            country=country,
            mentions=[span],
        )
        extraction.actors.append(state)
    return state.id, span


def unnamed_target(
    analysis: Analysis, lexicon: PloverLexicon, tokens: RoleTokens, kinds: tuple[str, ...] | None = None
) -> Resolved:
    """The first target candidate that names a party by what it is ("fired tear gas *at students*")."""
    for candidate in (tokens.target, *tokens.fallback_targets):
        found, span = unnamed_party(analysis, lexicon, candidate, kinds)
        if found is not None:
            return found, span
    return None, None


def unnamed_party(
    analysis: Analysis, lexicon: PloverLexicon, token: Token | None, kinds: tuple[str, ...] | None = None
) -> Resolved:
    """ "Police", "the gunmen", "two suspects", "protesters": a party the text names only by what it is. The
    actors layer leaves such nouns open; an event needs them as its source or target, so they become actors
    of the type their noun says (plover_roles.json "party_types"), named by the noun and its modifiers."""
    if token is None:
        return None, None
    members = [o for _, o in preposition_objects(analysis.parse, token.i, ("of",))]
    if members and (token.pos == "NUM" or token.lower in lexicon.word_class("quantity_words")):
        return unnamed_party(analysis, lexicon, members[0], kinds)  # "thousands *of workers*"
    if token.pos not in ("NOUN", "PROPN") or token.ent_type in ("DATE", "TIME", "GPE", "LOC", "FAC"):
        return None, None
    if token.ent_type == "NORP" and token.tag in ("NNPS", "NNS") and kinds is not None and "population" in kinds:
        span = (token.start, token.end)  # "called on Muslims", "attacks on Kurds": a people as the side acted on
        return analysis.actor_for(span, "population"), span
    if token.ent_type == "PERSON" and (kinds is None or "person" in kinds):
        entity = next((e for e in analysis.parse.entities if e.start <= token.start < e.end), None)
        if entity is not None:  # a named person the actors layer missed
            span = (entity.start, entity.end)
            return analysis.actor_for(span, "person"), span
    kind = next(
        (
            kind
            for kind, nouns in lexicon.roles.get("party_types", {}).items()
            if word(token) in nouns or token.lower in nouns
        ),
        None,
    )
    if kind in (None, "population") and word(token) in lexicon.word_class("human") and token.pos == "NOUN":
        kind = "population" if token.tag == "NNS" else "person"  # "engineers", "a teacher", "a journalist"
    if kind is None or (kinds is not None and kind not in kinds):
        return None, None
    span = _party_span(analysis.parse, token)
    owner = next((k for k in analysis.parse.children(token.i) if k.dep == "poss" and k.pos == "PRON"), None)
    if owner is not None:  # "its fighters", "their troops": the owner's own, or nobody rather than "fighters"
        found = analysis.resolve_actor((owner.start, owner.end))
        actor = analysis.extraction.get(found) if found else None
        return (actor.id, span) if actor is not None and actor.type == kind else (None, None)
    return analysis.actor_for(span, kind), span


def _party_span(parse: Parse, token: Token) -> Span:
    """The noun and the modifiers that say which ("the *Syrian pro-regime militiamen*"), not determiners or counts."""
    first = token.i
    for c in parse.children(token.i):
        if c.i < token.i and c.dep in ("amod", "compound", "nmod"):
            first = min(first, parse.subtree(c.i)[0])
    while first < token.i and parse.tokens[first].pos in ("DET", "NUM", "PUNCT", "ADV"):
        first += 1
    return parse.tokens[first].start, token.end


def _names_people(parse: Parse, lexicon: PloverLexicon, token: Token | None) -> bool:
    """ "Accused *the two armies* of…": an object naming a party (unresolved), not a policy or an act."""
    if token is None:
        return False
    words = np_words(parse, token.i)
    return token.pos == "PROPN" or bool(words & (lexicon.word_class("armed") | lexicon.word_class("human")))


def _modifier_place(analysis: Analysis, lexicon: PloverLexicon, token: Token | None) -> bool:
    """True when a noun trigger's modifier ("the *Gao* ambush") names a place rather than an actor that acts."""
    if token is None or token.dep not in ("compound", "nmod") or token.ent_type == "NORP":
        return False
    found, _ = resolve_token(analysis, lexicon, token)
    actor = analysis.extraction.get(found)
    return not (isinstance(actor, Actor) and actor.type in lexicon.role_words("modifier_actor_types"))


def _relative_clause_doer(parse: Parse, trigger: Trigger) -> Token | None:
    """ "A policy of turning boats away, which the UN criticised": whoever keeps the criticised policy."""
    verb = parse.tokens[trigger.predicate]
    if verb.dep != "relcl":
        return None
    current = head(parse, verb.i)
    for _ in range(6):
        found = kid(parse, current.i, "nsubj", "nsubjpass")
        if found is not None and current.i != verb.i:
            return found
        if current.head == current.i:
            return None
        current = head(parse, current.i)
    return None


def _elliptical(parse: Parse, token: Token) -> bool:
    """ "200 more", "dozens of others": a quantity standing for a noun said before."""
    words = {token.lower} | {c.lower for c in parse.children(token.i)}
    return (token.pos == "NUM" or token.lower in ELLIPSIS_WORDS) and bool(words & ELLIPSIS_WORDS)


def _antecedent_object(analysis: Analysis, lexicon: PloverLexicon, token: Token) -> Resolved:
    """The actor named by the closest earlier object in the sentence ("rescued 700 asylum seekers … saved 200 more")."""
    parse = analysis.parse
    first = parse.sentences[token.sent].first
    for k in range(token.i - 1, first - 1, -1):
        candidate = parse.tokens[k]
        if candidate.dep == "nsubj" and candidate.head == token.head:
            continue  # "the navy saved 200 more": the saver, not those saved before
        if candidate.dep in ("dobj", "nsubjpass", "pobj", "nsubj") and candidate.pos in ("NOUN", "PROPN"):
            found, span = resolve_token(analysis, lexicon, candidate)
            if found is None:  # "nine people were dead and 130 more injured"
                found, span = unnamed_party(analysis, lexicon, candidate, ("population", "person"))
            if found:
                return found, span
    return None, None


def _claim_content_actor(analysis: Analysis, cue: Token) -> Resolved:
    """Whom a criticism is about when the verb's object says nothing: the first actor of what was criticised."""
    for claim in analysis.extraction.claims:
        if claim.cue_span is None or not (claim.cue_span[0] <= cue.start < claim.cue_span[1]):
            continue
        mentions = [
            (m, a.id) for a in analysis.extraction.actors for m in a.mentions if contains(claim.content_span, m)
        ]
        if mentions:
            mention, actor_id = min(mentions)
            return actor_id, mention
    return None, None


def _finish(
    analysis: Analysis,
    lexicon: PloverLexicon,
    type_: str,
    source: str | None,
    target: str | None,
    source_span: tuple[int, int] | None,
    target_span: tuple[int, int] | None,
) -> Roles:
    extraction = analysis.extraction
    source, target = acting_for(analysis, lexicon, source), acting_for(analysis, lexicon, target)
    source, target = political_actor(extraction, lexicon, source), political_actor(extraction, lexicon, target)
    if source is not None and source == target:
        target, target_span = None, None
    return Roles(type=type_, source=source, target=target, source_span=source_span, target_span=target_span)


def acting_for(analysis: Analysis, lexicon: PloverLexicon, actor_id: str | None) -> str | None:
    """Whom an actor acts for before lifting: the body in a person's own phrase, the state an official's title
    names, the state behind "the government"; a tie found is kept as the person's affiliation."""
    tied = tied_body(analysis, lexicon, actor_id)
    if tied == actor_id:
        tied = official_state(analysis, actor_id) or actor_id
    record_tie(analysis, actor_id, tied)
    return government_state(analysis, lexicon, tied) or tied


def _nationality_of_state(
    analysis: Analysis, lexicon: PloverLexicon, token: Token | None, actor_id: str, type_: str
) -> bool:
    """ "A *Russian* drone strike" where "Russian" resolved to the state: for violence, arrests and threats the
    nationality names the state's forces (as it does when no state actor exists)."""
    actor = analysis.extraction.get(actor_id)
    return (
        token is not None
        and token.ent_type == "NORP"
        and token.dep in ("amod", "compound", "nmod")
        and isinstance(actor, Actor)
        and actor.type == "state"
        and type_ in lexicon.role_words("forces_source_types")
    )


def national_forces(analysis: Analysis, lexicon: PloverLexicon, token: Token | None, country: str | None) -> str | None:
    """The state's side hit when the words say whose it is: "Malian soldiers" (any country), "an army convoy",
    "a police post" (the country the event happens in, ``country``). Plain "soldiers" or "security forces" say
    nothing of whose: they become a party of their own, named by the words ("security forces")."""
    found = _national_forces(analysis, lexicon, token, country)
    if found is None and token is not None and token.pos == "NOUN":  # not "two of its soldiers"
        found, _ = unnamed_party(analysis, lexicon, token, ("armed_forces",))
    return found


def _national_forces(
    analysis: Analysis, lexicon: PloverLexicon, token: Token | None, country: str | None
) -> str | None:
    if token is None:
        return None
    words = np_words(analysis.parse, token.i)
    nationality = _token_country(analysis, token) if words & lexicon.word_class("forces") else None
    if nationality is None and not words & lexicon.word_class("national_force_words"):
        return None
    wanted = nationality or country
    if wanted is None:
        return None
    actors = [a for a in analysis.extraction.actors if a.country == wanted and a.type in ("armed_forces", "state")]
    actors.sort(key=lambda a: a.type != "armed_forces")
    return actors[0].id if actors else None


# --- transfers: AID or MOBILIZE ----------------------------------------------------------------------------------


def classify_transfer(analysis: Analysis, lexicon: PloverLexicon, trigger: Trigger, tokens: RoleTokens) -> Roles:
    """Forces or aid sent somewhere: AID to a foreign receiver, MOBILIZE when nobody foreign receives them."""
    parse = analysis.parse
    source, source_span = resolve_token(analysis, lexicon, tokens.source)
    if source is None and tokens.theme is not None:
        source, source_span = _owner_of_forces(analysis, lexicon, tokens.theme)
    receiver, receiver_span = resolve_token(analysis, lexicon, tokens.beneficiary)
    if receiver is None and tokens.destination is not None:
        receiver, receiver_span = _actor_at(analysis, lexicon, tokens.destination)
    source = political_actor(analysis.extraction, lexicon, source)
    receiver = political_actor(analysis.extraction, lexicon, receiver)
    theme_words = np_words(parse, tokens.theme.i) if tokens.theme is not None else set()
    military = bool(theme_words & (lexicon.word_class("forces") | lexicon.word_class("weapons")))
    source_country = _country(analysis.extraction, source) or _token_country(analysis, tokens.source, tokens.theme)
    receiver_country = _country(analysis.extraction, receiver) or _token_country(
        analysis, tokens.beneficiary, tokens.destination
    )
    foreign = tokens.beneficiary is not None or _foreign(source, receiver, source_country, receiver_country)
    foreign = foreign or _crosses_border(parse, lexicon, trigger, tokens)
    if military and not foreign:
        return Roles(type="MOBILIZE", source=source, target=None, source_span=source_span)
    return _finish(analysis, lexicon, "AID", source, receiver, source_span, receiver_span)


def _crosses_border(parse: Parse, lexicon: PloverLexicon, trigger: Trigger, tokens: RoleTokens) -> bool:
    """ "Sent troops across the border": whatever goes over a border goes abroad."""
    holders = list(trigger.predicates) + ([tokens.theme.i] if tokens.theme is not None else [])
    borders = lexicon.word_class("border_words")
    for holder in holders:
        for _, obj in preposition_objects(parse, holder, lexicon.role_words("crossing_preps")):
            if np_words(parse, obj.i) & borders:
                return True
    return tokens.destination is not None and bool(np_words(parse, tokens.destination.i) & borders)


def _owner_of_forces(analysis: Analysis, lexicon: PloverLexicon, theme_token: Token) -> Resolved:
    """The state whose troops are sent ("North Korean troops have been deployed" → North Korea)."""
    found, span = resolve_token(analysis, lexicon, theme_token)
    if found is None:
        parse = analysis.parse
        owners = [
            c for c in parse.children(theme_token.i) if c.dep in ("amod", "compound", "poss") or c.ent_type == "NORP"
        ]
        owners += [o for _, o in preposition_objects(parse, theme_token.i, ("from", "of"))]
        for owner in owners:
            found, span = resolve_token(analysis, lexicon, owner)
            if found:
                break
    return _forces_state(analysis.extraction, found), span


def _forces_state(extraction: Extraction, actor_id: str | None) -> str | None:
    """A state's armed forces stand for the state when they are sent abroad (PLOVER codes the polity)."""
    actor = extraction.get(actor_id)
    if not isinstance(actor, Actor) or actor.type not in ("armed_forces", "armed_group"):
        return actor_id
    if actor.affiliation:
        return actor.affiliation
    states = [a for a in extraction.actors if a.type == "state" and actor.country and a.country == actor.country]
    return states[0].id if states else actor_id


def _actor_at(analysis: Analysis, lexicon: PloverLexicon, destination: Token) -> Resolved:
    """The actor a destination names, or the state whose territory it is ("to Kursk" → Russia)."""
    found, span = resolve_token(analysis, lexicon, destination)
    if found:
        return found, span
    place_span = np_span(analysis.parse, destination.i)
    for place in analysis.extraction.places:
        mentions = [m for m in place.mentions if m[0] < place_span[1] and place_span[0] < m[1]]
        if not place.country or not mentions:
            continue
        states = [a for a in analysis.extraction.actors if a.type == "state" and a.country == place.country]
        if states:
            return states[0].id, mentions[0] if place.feature == "country" else None
        if place.feature == "country":  # "crossed into Chad" where no actor named Chad exists yet
            state = analysis.extraction.get(analysis.actor_for(mentions[0], "state"))
            if isinstance(state, Actor) and state.country is None:
                state.country = place.country
            return (state.id, mentions[0]) if isinstance(state, Actor) else (None, None)
    return None, None


def _country(extraction: Extraction, actor_id: str | None) -> str | None:
    actor = extraction.get(actor_id)
    return actor.country if isinstance(actor, Actor) else None


def _token_country(analysis: Analysis, *tokens: Token | None) -> str | None:
    """The country a phrase names when no actor resolves it: "North Korean troops", "to Kursk", "Moscow"."""
    names = load_geo_lexicon()
    parse = analysis.parse
    for token in tokens:
        if token is None:
            continue
        start, end = np_span(parse, token.i)
        for text in (analysis.text[start:end], token.text, analysis.text[start : token.start].strip()):
            text = text.removeprefix("the ").removeprefix("The ").removesuffix("'s").removesuffix("’s")
            found = names.country_of_adjective(text) or names.metonyms.get(text)
            if found:
                return found
        for place in analysis.extraction.places:
            if place.country and any(m[0] < end and start < m[1] for m in place.mentions):
                return place.country
    return None


def _foreign(
    source: str | None, receiver: str | None, source_country: str | None, receiver_country: str | None
) -> bool:
    """True when what is sent goes to another country than the sender's."""
    if source_country and receiver_country:
        return source_country != receiver_country
    return source is not None and receiver is not None and source != receiver
