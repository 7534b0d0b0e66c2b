"""Finding PLOVER event triggers in a parse: which words state an event, and of what type.

A verb is a trigger when a row of ``plover_triggers.tsv`` matches its lemma, particles,
object and conditions *and* it heads a clause that asserts something happened (not a
purpose infinitive, not the content of a request, not a nominalised mention). A noun
("strike", "talks", "sanctions") is a trigger only when a verb licenses it: a light verb
("launched an attack", "imposed sanctions"), a casualty verb it explains ("killed in a
missile strike"), an impact verb it is the subject of ("an airstrike killed five"), an
occurrence verb ("clashes erupted") or a planning adjective ("upcoming talks").

:func:`find_triggers` is pure: it reads the parse, the lexicon and a callable telling
what kind of actor a noun phrase names (so conditions such as "an armed subject" can use
the actors layer when it exists and entity labels when it does not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from sitrep.layers.events.lexicon import PloverLexicon, TriggerRule
from sitrep.layers.events.syntax import (
    actor_of,
    after_perfect_have,
    has_aux_to,
    head,
    hyphenated,
    joint_members,
    kid,
    kids,
    misread_main_verb,
    np_words,
    particles,
    preposition_objects,
    reduced_relative,
    sentence_words,
    subject,
    theme,
    trailing_relatives,
    word,
)
from sitrep.nlp import Parse, Token

ActorKind = Callable[[int], "str | None"]
"""Given a noun's token index: the type of the actor it names ("state", "person", ...) or None."""

ARMED_KINDS = ("armed_forces", "armed_group", "state")
HUMAN_KINDS = ("person", "population", "armed_forces", "armed_group")
ACTOR_ENTITIES = ("PERSON", "ORG", "GPE", "NORP")
BLOCKED_VERB_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "compound", "csubj", "appos", "npadvmod", "oprd")
SEND_FRAMES = ("send", "move")
CLIMB_LIMIT = 8
HYPOTHETICAL_CLIMB = 5


@dataclass
class Trigger:
    """One event statement found in the text."""

    rule: TriggerRule
    token: int
    predicate: int
    relation: str = "verb"
    merged: list[Trigger] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.rule.type

    @property
    def predicates(self) -> list[int]:
        """This event's clause verbs: its own first, then those of the triggers folded into it."""
        out = [self.predicate]
        for part in self.merged:
            out += [p for p in part.predicates if p not in out]
        return out

    @property
    def tokens(self) -> list[int]:
        """The trigger words of this event and of the triggers folded into it."""
        return [self.token] + [t for part in self.merged for t in part.tokens]


@dataclass(frozen=True)
class TriggerContext:
    """What the trigger rules read: the parse, the lexicon and the actor kinds of noun phrases."""

    parse: Parse
    lexicon: PloverLexicon
    actor_kind: ActorKind
    document_words: frozenset[str] = frozenset()

    def words(self, name: str) -> frozenset[str]:
        return self.lexicon.word_class(name)

    def token(self, i: int) -> Token:
        return self.parse.tokens[i]


def find_triggers(
    parse: Parse,
    lexicon: PloverLexicon,
    actor_kind: ActorKind | None = None,
    skip_sentences: Iterable[int] = (),
) -> list[Trigger]:
    """Every event trigger in ``parse`` outside ``skip_sentences``, merged so one event has one trigger."""
    document = frozenset(word(t) for t in parse.tokens) | frozenset(t.lower for t in parse.tokens)
    ctx = TriggerContext(parse, lexicon, actor_kind or (lambda i: None), document)
    skipped = set(skip_sentences)
    found: list[Trigger] = []
    for token in parse.tokens:
        if token.sent in skipped or token.pos == "SPACE":
            continue
        trigger = _verb_trigger(ctx, token) if token.pos == "VERB" else None
        if trigger is None and token.pos == "NOUN":
            trigger = _noun_trigger(ctx, token)
        if trigger is not None:
            found.append(trigger)
    return merge_triggers(ctx, found)


# --- verbs ---------------------------------------------------------------------------------------------------------


def _verb_trigger(ctx: TriggerContext, token: Token) -> Trigger | None:
    rules = ctx.lexicon.rules_for(word(token), "VERB") or ctx.lexicon.rules_for(token.lower, "VERB")
    if not rules or not eventive_verb(ctx, token.i):
        return None
    for rule in rules:
        if _rule_holds(ctx, rule, token.i, token.i, "verb"):
            if rule.type in ctx.lexicon.status.get("habitual_present_types", ()) and habitual(ctx.parse, token):
                return None
            return Trigger(rule=rule, token=token.i, predicate=token.i)
    return None


def habitual(parse: Parse, token: Token) -> bool:
    """ "They burn our markets too", "rebels often attack convoys": an act in the simple present tells what
    happens as a rule, not a happening (news reports happenings in the past; headlines are read apart)."""
    children = parse.children(token.i)
    if any(c.dep in ("aux", "auxpass") for c in children):
        return False
    if token.tag in ("VBP", "VBZ"):
        return True
    governor = parse.tokens[token.head]  # "police arrest anyone…, activists say", not "witnesses saw soldiers shoot"
    past = governor.i != token.i and governor.tag in ("VBD", "VBN")
    return token.tag == "VB" and any(c.dep == "nsubj" for c in children) and not past


def _imperative(parse: Parse, token: Token) -> bool:
    """ "Fight them with all you have": an order (its REQUEST is coded elsewhere), not an event."""
    if token.tag != "VB" or token.dep not in ("ROOT", "conj"):
        return False
    while token.dep == "conj" and token.head != token.i:  # "would recruit and arm": the first verb's subject
        token = parse.tokens[token.head]
    return not any(c.dep in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in parse.children(token.i))


def _bare_infinitive(parse: Parse, token: Token) -> bool:
    """ "(help them) fight": an infinitive complement without "to" or a modal."""
    return (
        token.tag == "VB"
        and token.dep in ("ccomp", "xcomp")
        and not any(c.tag == "MD" or (c.dep == "aux" and c.lower == "to") for c in parse.children(token.i))
    )


def _dated(parse: Parse, i: int) -> bool:
    """ "A pact signed in Rome on Sunday": a participle whose own words say when, so it reports a happening."""
    first, last = parse.subtree(i)
    return any(t.ent_type in ("DATE", "TIME") and t.i != i for t in parse.tokens[first:last])


def _aside_with_agent(parse: Parse, i: int) -> bool:
    """ "The gunman, shot dead by police, had…": a participle set off by a comma or dash that says who did it
    adds a happening to the sentence; "the deal signed by both sides" only names one."""
    before = parse.tokens[i - 1] if i > 0 else None
    if before is None or before.text not in (",", "-", "–", "—", "("):
        return False
    return kid(parse, i, "agent") is not None


def aggregate_toll(ctx: TriggerContext, token: Token) -> bool:
    """ "At least 40,000 killed in the war", "2,000 arrested since the protests began": a running total over a
    war or a period, not one happening."""
    parse = ctx.parse
    if word(token) not in ctx.words("toll_verbs"):
        return False
    aggregate = ctx.words("aggregate_nouns")
    for prep in kids(parse, token.i, "prep"):
        if prep.lower == "since":
            return True
        if prep.lower in ("in", "during", "throughout", "over") and any(
            word(o) in aggregate for o in kids(parse, prep.i, "pobj")
        ):
            return True
    perfect = any(a.lower in ("has", "have", "had") for a in kids(parse, token.i, "aux", "auxpass"))
    return perfect and any(
        c.lower == "since" for c in parse.tokens[slice(*parse.subtree(token.i))] if c.dep in ("mark", "prep")
    )


def _embedded_question(ctx: TriggerContext, token: Token) -> bool:
    """ "Could not verify who launched the drones", "it is unclear who fired": a clause asking who did it is no
    report that it was done (the happening itself is reported elsewhere)."""
    parse = ctx.parse
    if token.dep not in ("ccomp", "xcomp", "advcl", "acomp") or token.head == token.i:
        return False
    asks = any(
        c.lower in ("who", "whom", "whether", "if")
        for c in parse.children(token.i)
        if c.dep in ("nsubj", "nsubjpass", "mark", "dobj")
    )
    if not asks:
        return False
    governor = head(parse, token.i)
    epistemic = ctx.words("epistemic_verbs")
    return word(governor) in epistemic or any(word(c) in epistemic for c in kids(parse, governor.i, "acomp"))


def _counting_question(parse: Parse, token: Token) -> bool:
    """ "How many people it has killed", "how many soldiers were killed": a clause asking how many is a question
    about a toll, not a report of a happening."""
    for child in parse.children(token.i):
        if child.dep not in ("nsubj", "nsubjpass", "dobj", "attr"):
            continue
        words = [t.lower for t in parse.tokens[slice(*parse.subtree(child.i))]]
        if any(w == "how" and nxt in ("many", "much") for w, nxt in pairwise(words)):
            return True
    return False


def control_chain(parse: Parse, i: int) -> list[Token]:
    """The verbs that govern ``i`` through control ("plans to send": [plans]), innermost first."""
    chain = []
    current = parse.tokens[i]
    while current.dep == "xcomp" and current.head != current.i:
        current = parse.tokens[current.head]
        chain.append(current)
    return chain


def eventive_verb(ctx: TriggerContext, i: int) -> bool:
    """True when verb ``i`` heads a clause that states an event rather than mentions one."""
    parse, token = ctx.parse, ctx.parse.tokens[i]
    if token.dep in BLOCKED_VERB_DEPS:
        return False
    if reduced_relative(parse, i):
        return _dated(parse, i) or _aside_with_agent(parse, i)
    if token.dep in ("amod", "acl") and not misread_main_verb(parse, i):
        return after_perfect_have(parse, i)
    if any(c.dep == "poss" for c in parse.children(i)) or _imperative(parse, token):
        return False
    if token.dep == "pcomp":
        allowed = ctx.lexicon.status.get("gerund_preps_allowed", ())
        return head(parse, i).lower in allowed
    if token.dep == "advcl" and has_aux_to(parse, i):
        return False
    if _embedded_question(ctx, token) or _counting_question(parse, token) or aggregate_toll(ctx, token):
        return False
    if _bare_infinitive(parse, token) and has_aux_to(parse, token.head):
        return False  # "to help Malian forces fight the rebels": a purpose, not a fight that happened
    control = ctx.lexicon.status.get("control", {})
    for governor in control_chain(parse, i):
        value = control.get(word(governor))
        if value is None or value == "drop":
            return False
    return True


# --- nouns ---------------------------------------------------------------------------------------------------------


def noun_lemma(ctx: TriggerContext, token: Token) -> str:
    """The lemma a noun is looked up by: the whole hyphenated word when the lexicon knows it ("sit-in")."""
    joined = hyphenated(ctx.parse, token.i)
    for form in (joined, joined.replace("-", "")) if joined else ():
        if ctx.lexicon.rules_for(form, "NOUN") or form in ctx.words("happening_nouns"):
            return form  # "sit-in"; "walk-out" as "walkout"
    return word(token)


def _noun_trigger(ctx: TriggerContext, token: Token) -> Trigger | None:
    rules = ctx.lexicon.rules_for(noun_lemma(ctx, token), "NOUN")
    if not rules:
        return None
    licence = nominal_licence(ctx, token.i)
    if licence is None:
        return None
    relation, predicate = licence
    for rule in rules:
        if _rule_holds(ctx, rule, token.i, predicate, relation):
            return Trigger(rule=rule, token=token.i, predicate=predicate, relation=relation)
    return None


def nominal_licence(ctx: TriggerContext, noun: int) -> tuple[str, int] | None:
    """How a noun trigger is asserted: ``(relation, predicate token)`` or None for a mere mention."""
    parse = ctx.parse
    base = parse.tokens[noun]
    while base.dep == "conj" and base.head != base.i:
        base = parse.tokens[base.head]
    governor = head(parse, base.i)
    if base.dep == "pobj" and _quantity_of(parse, governor):
        base = head(parse, governor.i)  # "declared a state of emergency", "launched a wave of attacks", "€5m in aid"
        governor = head(parse, base.i)
    light = governor.pos == "VERB" and word(governor) in ctx.words("light_verbs")
    if base.dep in ("dobj", "nsubjpass", "obj") and light:
        if word(governor) in ctx.words("light_prevented") and base.tag == "NNS" and not kids(parse, base.i, "det"):
            return None  # "to prevent attacks on health workers": attacks in general, none that happened
        if _embedded_question(ctx, governor):
            return None  # "it is unclear who carried out the attack": a question about a happening told elsewhere
        if governor.dep == "advcl" and has_aux_to(parse, governor.i):
            return None  # "troops were deployed to repel incursions": a purpose, not a happening
        return "light", governor.i
    if base.dep == "pobj":
        found = _prepositional_licence(ctx, governor)
        if found is not None:
            return found
    if base.dep == "nsubj" and governor.pos in ("VERB", "AUX"):
        verb = word(governor)
        if verb in ctx.words("impact_verbs"):
            return "impact", governor.i
        if verb in ctx.words("occurrence_verbs") and (verb != "be" or kid(parse, governor.i, "expl")):
            return "occurrence", governor.i
    if base.dep == "attr" and word(governor) == "be" and kid(parse, governor.i, "expl"):
        return "occurrence", governor.i
    if any(word(c) in ctx.words("planned_modifiers") for c in kids(parse, noun, "amod")):
        return "planned", noun
    if _called(ctx, parse.tokens[noun], base, governor):
        return "planned", noun  # "unions called a general strike", "called for three days of protests"
    return _relative_impact(ctx, base) or _mention(ctx, base, governor) or _named_happening(ctx, noun)


def _called(ctx: TriggerContext, noun: Token, base: Token, governor: Token) -> bool:
    """A protest or strike someone calls ("called a strike", "called for nationwide protests"): one planned."""
    if word(noun) not in ctx.words("called_happenings"):
        return False
    if base.dep == "pobj" and governor.lower == "for":
        governor = head(ctx.parse, governor.i)
    elif base.dep != "dobj":
        return False
    return (
        governor.pos == "VERB" and word(governor) in ctx.words("call_verbs") and not kid(ctx.parse, governor.i, "neg")
    )


def _named_happening(ctx: TriggerContext, noun: int) -> tuple[str, int] | None:
    """ "Frequent attacks on security forces", "after the explosion", "Arrests of activists have accelerated": a
    noun that names a happening by itself is an event wherever it stands, unless it only names a kind of thing
    ("an attack helicopter"), a fear or a plan ("the threat of an attack"), or sits in a question."""
    parse = ctx.parse
    token = parse.tokens[noun]
    if noun_lemma(ctx, token) not in ctx.words("happening_nouns") or token.dep in ("compound", "amod", "nmod"):
        return None
    if parse.tokens[parse.sentences[token.sent].last - 1].text == "?" or _hypothetical(ctx, token):
        return None
    return "mention", noun


def _hypothetical(ctx: TriggerContext, token: Token) -> bool:
    """The noun's governors make it a fear, threat, plan or protection ("fears of a new attack", "to prevent
    attacks"), a question ("whether the raid…") or a negated report ("could not verify the attack")."""
    parse = ctx.parse
    heads = ctx.words("hypothetical_heads")
    current = token
    for _ in range(HYPOTHETICAL_CLIMB):
        if current.head == current.i:
            break
        governor = head(parse, current.i)
        if word(governor) in heads or governor.lower in heads:
            return True
        if governor.pos in ("VERB", "AUX"):
            return kid(parse, governor.i, "neg") is not None or (
                has_aux_to(parse, governor.i) and current.dep == "dobj"
            )
        current = governor
    return any(c.dep == "amod" and word(c) in ctx.words("planned_modifiers") for c in parse.children(token.i))


def _relative_impact(ctx: TriggerContext, noun: Token) -> tuple[str, int] | None:
    """ "Air strikes on the camps, which the army says killed dozens": the relative clause tells what the act did."""
    parse = ctx.parse
    for clause in trailing_relatives(parse, noun.i):  # also "strikes on X, which…"
        if not any(c.text == "," for c in parse.tokens[noun.i : clause.i]):
            continue
        first, last = parse.subtree(clause.i)
        for token in parse.tokens[first:last]:
            if (
                token.pos == "VERB"
                and word(token) in ctx.words("impact_verbs")
                and not any(c.dep == "neg" for c in parse.children(token.i))
            ):
                return "impact", token.i
    return None


def _first_coordinated_prep(parse: Parse, prep: Token) -> Token:
    """ "Responsibility for an attack on X and for an ambush": the first "for", even when the parser hung the
    second one on a preposition of the first phrase."""
    if prep.dep != "conj":
        return prep
    current = prep
    for _ in range(CLIMB_LIMIT):
        if current.dep != "conj" and current.lower == prep.lower:
            return current
        if current.head == current.i:
            break
        current = head(parse, current.i)
    first = parse.sentences[prep.sent].first
    earlier = [t for t in parse.tokens[first : prep.i] if t.lower == prep.lower and t.dep == "prep"]
    return earlier[-1] if earlier else prep


def _mention(ctx: TriggerContext, noun: Token, governor: Token) -> tuple[str, int] | None:
    """ "Violence that began with the X ambush and included the attack on Y", "claimed responsibility for the
    attack on Y": a past happening named in passing, asserted by the verb that lists or claims it."""
    parse = ctx.parse
    if noun.dep in ("dobj", "conj") and governor.pos == "VERB" and word(governor) in ctx.words("listing_verbs"):
        return "mention", governor.i
    if noun.dep != "pobj":
        return None
    governor = _first_coordinated_prep(parse, governor)
    holder = head(parse, governor.i)
    pair = f"{word(holder)} {governor.lower}"
    if pair in ctx.words("mention_frames"):
        verb = holder if holder.pos == "VERB" else head(parse, holder.i)
        return "mention", verb.i
    return None


def _quantity_of(parse: Parse, prep: Token) -> bool:
    """ "A wave *of* attacks", "€5 million *in* aid": the noun is the content of the phrase it completes."""
    holder = head(parse, prep.i)
    if prep.lower == "of":
        return holder.pos == "NOUN"
    return prep.lower == "in" and (holder.pos == "NUM" or holder.ent_type == "MONEY")


def _prepositional_licence(ctx: TriggerContext, prep: Token) -> tuple[str, int] | None:
    verb = head(ctx.parse, prep.i)
    if verb.pos not in ("VERB", "AUX"):
        return None
    if prep.lower == "under" and word(verb) == "come":
        return "light", verb.i
    if prep.lower == "on" and word(verb) in ("go", "be", "remain", "stay"):
        return "light", verb.i
    if prep.lower in ctx.words("casualty_preps") and word(verb) in ctx.words("casualty_verbs"):
        return "casualty", verb.i
    if prep.lower == "for" and word(verb) in ctx.words("travel_verbs"):
        return "light", verb.i  # "will travel to Rome for talks with X"
    return None


# --- conditions ----------------------------------------------------------------------------------------------------


def _rule_holds(ctx: TriggerContext, rule: TriggerRule, token: int, predicate: int, relation: str) -> bool:
    if rule.particles and not (rule.particles & particles(ctx.parse, token)):
        return False
    if rule.object and not _object_matches(ctx, rule, token):
        return False
    return all(_requirement_holds(ctx, rule, req, token, predicate, relation) for req in rule.requires)


def themes(parse: Parse, rule: TriggerRule, i: int) -> list[Token]:
    """The tokens that may be what a verb acts on or hands over, for the rule's frame."""
    found = []
    if rule.frame in ("give", "with"):
        found += [obj for _, obj in preposition_objects(parse, i, ("with",))]
    direct = theme(parse, i)
    if direct is not None:
        found.append(direct)
    elif parse.tokens[i].dep == "amod":
        found.append(head(parse, i))
    found += [obj for _, obj in preposition_objects(parse, i, tuple(rule.particles))]
    return found


def _object_matches(ctx: TriggerContext, rule: TriggerRule, i: int) -> bool:
    wanted = rule.object or ""
    for candidate in themes(ctx.parse, rule, i):
        words = np_words(ctx.parse, candidate.i)
        if wanted.startswith("@") and words & ctx.words(wanted[1:]):
            return True
        alternatives = set(wanted.split("|"))
        if words & alternatives:
            return True
        if "actor" in alternatives and _names_actor(ctx, candidate):
            return True
    return False


def _names_actor(ctx: TriggerContext, token: Token) -> bool:
    return ctx.actor_kind(token.i) is not None or token.ent_type in ACTOR_ENTITIES


def _is_human(ctx: TriggerContext, token: Token | None) -> bool:
    if token is None:
        return False
    if ctx.actor_kind(token.i) in HUMAN_KINDS or token.ent_type in ("PERSON", "NORP"):
        return True
    if np_words(ctx.parse, token.i) & (ctx.words("human") | ctx.words("armed")):
        return True  # "shot two attackers", "killed three gunmen"
    if token.pos == "NUM" or token.lower in ctx.words("quantity_words"):
        return bool(sentence_words(ctx.parse, token.i) & ctx.words("human"))
    return False


def _is_person_head(ctx: TriggerContext, token: Token) -> bool:
    """The head of a phrase names people ("the activist", "one of the men", "three journalists"), not a thing
    about them ("photos of the suspects")."""
    if token.pos == "NUM" or token.lower in ctx.words("quantity_words") or token.lower == "one":
        members = [o for p in kids(ctx.parse, token.i, "prep") if p.lower == "of" for o in kids(ctx.parse, p.i, "pobj")]
        return any(_is_person_head(ctx, m) for m in members)
    if ctx.actor_kind(token.i) in ("person", "population") or token.ent_type == "PERSON":
        return True
    return word(token) in ctx.words("human") | ctx.words("armed") | ctx.words("captives")


def _is_armed(ctx: TriggerContext, token: Token | None) -> bool:
    if token is None:
        return False
    if ctx.actor_kind(token.i) in ARMED_KINDS or token.ent_type in ("GPE", "NORP"):
        return True
    return bool(np_words(ctx.parse, token.i) & ctx.words("armed"))


def _is_crowd(ctx: TriggerContext, token: Token | None) -> bool:
    if token is None:
        return False
    if ctx.actor_kind(token.i) == "population":
        return True
    return bool(np_words(ctx.parse, token.i) & ctx.words("crowd"))


def _cause_words(ctx: TriggerContext, i: int) -> set[str]:
    words: set[str] = set()
    for _, obj in preposition_objects(ctx.parse, i, ctx.words("cause_preps")):
        words |= np_words(ctx.parse, obj.i)
    return words


def is_violent(ctx: TriggerContext, i: int) -> bool:
    """Whether verb ``i`` ("killed", "attacked") describes political violence rather than an accident or a quarrel."""
    parse = ctx.parse
    doer = actor_of(parse, i)
    doer_words = np_words(parse, doer.i) if doer is not None else set()
    causes = _cause_words(ctx, i)
    weapons = ctx.words("weapons") | ctx.words("weapon_subjects") | ctx.words("attack_nouns")
    if (doer_words | causes) & ctx.words("disaster") and not (doer_words | causes) & weapons:
        return False  # "killed in a storm", not "killed by mortar fire"
    if doer is not None and _modifier_words(parse, doer.i) & ctx.words("accident_words"):
        return False  # "a gas explosion injured four"
    if causes & (ctx.words("attack_nouns") | ctx.words("weapons") | ctx.words("wound_words")):
        return True  # "killed in a strike", "died of gunshot wounds"
    if doer is not None:
        if _is_armed(ctx, doer) or doer_words & ctx.words("attack_nouns"):
            return True
        return word(parse.tokens[i]) in ctx.words("casualty_verbs") and _is_human(ctx, doer)
    sentence = sentence_words(parse, i)
    return bool(sentence & ctx.words("violence_cues")) and not _disaster_words(ctx, i)


def _disaster_words(ctx: TriggerContext, i: int) -> set[str]:
    """Disaster words of the sentence of ``i``, leaving out those a weapon names ("mortar *fire*", "rocket *fire*")."""
    parse = ctx.parse
    weapons = ctx.words("weapons") | ctx.words("weapon_subjects") | ctx.words("violence_cues")
    sentence = parse.sentences[parse.tokens[i].sent]
    return {
        word(t)
        for t in parse.sentence_tokens(sentence)
        if word(t) in ctx.words("disaster") and not _modifier_words(parse, t.i) & weapons
    }


def _labor_cue(ctx: TriggerContext, noun: int, predicate: int) -> bool:
    parse = ctx.parse
    words = np_words(parse, noun) | {word(c) for c in kids(parse, noun, "poss")}
    if words & ctx.words("labor"):
        return True
    if words & (ctx.words("weapons") | ctx.words("attack_nouns") - {"strike"}) or _casualty_context(ctx, noun):
        return False  # "killed in drone strikes": an attack, whoever else is in the sentence
    if parse.tokens[noun].dep == "pobj" and head(parse, noun).lower == "on":
        return True
    return predicate != noun and _is_crowd(ctx, subject(parse, predicate))


def _casualty_context(ctx: TriggerContext, noun: int) -> bool:
    """ "Killed in strikes", "died during the bombing": the noun tells what caused casualties."""
    parse = ctx.parse
    token = parse.tokens[noun]
    if token.dep != "pobj":
        return False
    prep = head(parse, noun)
    return prep.lower in ctx.words("casualty_preps") and word(head(parse, prep.i)) in ctx.words("casualty_verbs")


def _is_territory(ctx: TriggerContext, token: Token) -> bool:
    """A place one can take by force: a named place or a town, base, bridge..."""
    return token.ent_type in ("GPE", "LOC", "FAC") or bool(np_words(ctx.parse, token.i) & ctx.words("territory"))


def _modifier_words(parse: Parse, i: int) -> set[str]:
    """Lemmas of the modifiers of a noun ("heart" in "heart attack", "legal" in "legal battle")."""
    return {word(c) for c in parse.children(i) if c.dep in ("compound", "amod", "nmod", "poss")}


def _violence_near(ctx: TriggerContext, i: int) -> bool:
    """Other words of the sentence speak of armed violence or its victims ("clashes" between armies, not firms)."""
    parse = ctx.parse
    sentence = parse.sentences[parse.tokens[i].sent]
    cues = ctx.words("violence_cues") | ctx.words("casualty_cues") | ctx.words("armed")
    for token in parse.sentence_tokens(sentence):
        if token.i == i:
            continue
        if word(token) in cues or token.lower in cues or ctx.actor_kind(token.i) in ("armed_forces", "armed_group"):
            return True
    return False


def _test_cue(ctx: TriggerContext, i: int) -> bool:
    """A weapons test, not an attack: the sentence says "test", or the missiles fell into the sea."""
    if sentence_words(ctx.parse, i) & ctx.words("test_words"):
        return True
    landing = [o for _, o in preposition_objects(ctx.parse, i, ("into", "in", "off", "toward", "towards"))]
    return any(word(o) in ctx.words("water_targets") for o in landing)


def _accident(ctx: TriggerContext, i: int) -> bool:
    """ "A gas explosion", "the device detonated accidentally", "exploded in a factory fire": no one's act."""
    parse = ctx.parse
    accident = ctx.words("accident_words")
    near = _modifier_words(parse, i) | {word(c) for c in kids(parse, i, "advmod")}
    doer = actor_of(parse, i)
    if doer is not None and doer.i != i:
        near |= np_words(parse, doer.i)
    return bool(near & accident) or bool(_cause_words(ctx, i) & ctx.words("disaster"))


def _commitment(ctx: TriggerContext, rule: TriggerRule, i: int) -> bool:
    """ "Pledged to send aid", "promised Kyiv more weapons": a promise of something PLOVER codes, not of lower taxes."""
    parse = ctx.parse
    for clause in kids(parse, i, "xcomp"):
        if any(_rule_holds(ctx, r, clause.i, clause.i, "verb") for r in ctx.lexicon.rules_for(word(clause), "VERB")):
            return True
    if any(np_words(parse, t.i) & (ctx.words("aid") | ctx.words("economic_words")) for t in themes(parse, rule, i)):
        return True
    return any(_names_actor(ctx, t) for t in kids(parse, i, "dative"))


def _requirement_holds(
    ctx: TriggerContext, rule: TriggerRule, req: str, token: int, predicate: int, relation: str
) -> bool:
    wanted = not req.startswith("!")
    name = req.lstrip("!")
    return _check(ctx, rule, name, token, predicate, relation) == wanted


def _check(ctx: TriggerContext, rule: TriggerRule, name: str, token: int, predicate: int, relation: str) -> bool:
    parse = ctx.parse
    if name.startswith("light:@"):
        return relation == "light" and word(parse.tokens[predicate]) in ctx.words(name[len("light:@") :])
    if name.startswith("cue:@"):
        return bool(sentence_words(parse, token) & ctx.words(name[len("cue:@") :]))
    if name.startswith("mod:@"):
        return bool(_modifier_words(parse, token) & ctx.words(name[len("mod:@") :]))
    object_tokens = themes(parse, rule, token)
    first_object = object_tokens[0] if object_tokens else None
    doer = actor_of(parse, predicate) if relation != "planned" else None
    checks: dict[str, Callable[[], bool]] = {
        "violence": lambda: is_violent(ctx, token),
        "human-object": lambda: any(_is_human(ctx, t) for t in object_tokens),
        "person-object": lambda: any(_is_person_head(ctx, t) for t in object_tokens),
        "actor-object": lambda: any(_names_actor(ctx, t) or _is_human(ctx, t) for t in object_tokens),
        "property-object": lambda: any(np_words(parse, t.i) & ctx.words("property") for t in object_tokens),
        "has-object": lambda: first_object is not None,
        "own-object": lambda: any(
            c.lower in ("its", "their", "his", "her", "our") for t in object_tokens for c in kids(parse, t.i, "poss")
        ),
        "crowd-subject": lambda: _is_crowd(ctx, doer),
        "forces-subject": lambda: doer is not None and bool(np_words(parse, doer.i) & ctx.words("forces")),
        "place-goal": lambda: any(
            o.ent_type in ("GPE", "LOC", "FAC") or np_words(parse, o.i) & ctx.words("border_words")
            for _, o in preposition_objects(parse, token, ctx.lexicon.role_words("goal_preps"))
        ),
        "armed-subject": lambda: _is_armed(ctx, doer),
        "actor-subject": lambda: (
            doer is not None and (_names_actor(ctx, doer) or bool(np_words(parse, doer.i) & ctx.words("agent_nouns")))
        ),
        "territory-object": lambda: any(_is_territory(ctx, t) for t in object_tokens),
        "crowd-near": lambda: bool(sentence_words(parse, token) & ctx.words("crowd")),
        "protest-near": lambda: bool(sentence_words(parse, token) & ctx.words("protest_crowd")),
        "violence-near": lambda: _violence_near(ctx, token),
        "figurative": lambda: bool(_modifier_words(parse, token) & ctx.words("figurative")),
        "no-clause": lambda: kid(parse, token, "ccomp") is None,
        "request-frame": lambda: kid(parse, token, "xcomp") is not None or "for" in particles(parse, token),
        "charge-with": lambda: "with" in particles(parse, token),
        "test-cue": lambda: _test_cue(ctx, token),
        "anonymity": lambda: any(word(t) in ctx.words("anonymity_words") for t in kids(parse, token, "xcomp")),
        "joint-subject": lambda: (
            doer is not None
            and (
                len(joint_members(parse, doer.i)) > 1
                or (doer.tag == "NNS" and word(doer) in ctx.words("meeting_parties"))
            )
        ),
        "joint-cue": lambda: bool(sentence_words(parse, token) & ctx.words("joint_words")),
        "military-cue": lambda: bool(sentence_words(parse, token) & ctx.words("military_words")),
        "labor-cue": lambda: _labor_cue(ctx, token, predicate),
        "commitment": lambda: _commitment(ctx, rule, token),
        "accident": lambda: _accident(ctx, token),
        "prayer": lambda: any(np_words(parse, t.i) & ctx.words("deities") for t in object_tokens),
        "violent-text": lambda: bool(ctx.document_words & ctx.words("violent_text")),
        "weapon-subject": lambda: doer is not None and bool(np_words(parse, doer.i) & ctx.words("weapon_subjects")),
    }
    check = checks.get(name)
    if check is None:
        raise KeyError(f"plover_triggers.tsv line {rule.line}: unknown condition {name!r}")
    return check()


# --- one event per statement -------------------------------------------------------------------------------------


def merge_triggers(ctx: TriggerContext, triggers: list[Trigger]) -> list[Trigger]:
    """Drop duplicate readings of one statement and fold consequence clauses into their event."""
    kept = _one_per_predicate(ctx, triggers)
    kept = _drop_governing_threats(ctx, kept)
    return _fold_consequences(ctx, kept)


def _one_per_predicate(ctx: TriggerContext, triggers: list[Trigger]) -> list[Trigger]:
    control = ctx.lexicon.status.get("control", {})
    by_key: dict[tuple[int, str], Trigger] = {}
    out: list[Trigger] = []
    for trigger in triggers:
        if trigger.relation == "light" and control.get(word(ctx.token(trigger.predicate))) == "drop":
            verb_trigger = any(t.token == trigger.predicate for t in triggers)
            if verb_trigger:
                continue
        key = (trigger.token if trigger.relation == "mention" else trigger.predicate, trigger.type)
        previous = by_key.get(key)
        if previous is None:
            by_key[key] = trigger
            out.append(trigger)
        elif previous.relation == "verb" and trigger.relation != "verb":
            out[out.index(previous)] = trigger
            by_key[key] = trigger
    return out


def _drop_governing_threats(ctx: TriggerContext, triggers: list[Trigger]) -> list[Trigger]:
    """ "Threatened to strike" is one event (a strike, threatened), not also a THREATEN event."""
    governed = {g.i for t in triggers for g in control_chain(ctx.parse, t.predicate)}
    governed |= {t.predicate for t in triggers if t.relation == "light"}
    return [t for t in triggers if not (t.type == "THREATEN" and t.relation == "verb" and t.token in governed)]


def _fold_consequences(ctx: TriggerContext, triggers: list[Trigger]) -> list[Trigger]:
    """ "Shelled the town, killing three" is one event: the participle joins its host clause, and so do
    the casualties of an attack ("14 were killed and 30 wounded when drones struck")."""
    by_predicate = {t.predicate: t for t in triggers}
    by_predicate.update({-t.token - 1: t for t in triggers if t.relation != "verb"})  # noun triggers by their noun
    out = []
    for trigger in triggers:
        host = _consequence_host(ctx, trigger, by_predicate)
        if host is None:
            out.append(trigger)
        else:
            host.merged.append(trigger)
    return out


def _consequence_host(ctx: TriggerContext, trigger: Trigger, by_predicate: dict[int, Trigger]) -> Trigger | None:
    parse = ctx.parse
    if trigger.relation == "mention" and trigger.predicate == trigger.token:
        return _clause_host(ctx, trigger, by_predicate)
    verb = parse.tokens[trigger.predicate]
    cause_of = _casualty_caused(ctx, trigger, by_predicate)
    if cause_of is not None:
        return cause_of  # "the general died after a roadside bomb detonated under his convoy"
    if trigger.relation == "verb" and verb.dep == "relcl":
        named = _nearest_named(parse, verb, trigger.type, by_predicate)
        if named is not None:
            return named  # "an attack on X and an ambush near Gao in which seven soldiers were killed"
    host = by_predicate.get(verb.head)
    governor = parse.tokens[verb.head]
    if host is None and governor.dep == "conj" and verb.dep == "advcl":
        host = by_predicate.get(governor.head)  # "7 were killed and 2 are missing after gunmen attacked"
        if host is not None and host.type != "ASSAULT":
            host = None
    if host is None or host is trigger:
        return None
    same_kind = host.type == trigger.type or (host.rule.frame in SEND_FRAMES and trigger.rule.frame in SEND_FRAMES)
    if not same_kind or verb.dep not in ("advcl", "conj") or has_aux_to(parse, verb.i):
        return None
    casualties = ctx.words("casualty_verbs")
    if host.type == "ASSAULT" and (word(verb) in casualties or word(ctx.token(host.predicate)) in casualties):
        return host
    if kid(parse, verb.i, "nsubj", "nsubjpass") is not None:
        return None
    if verb.dep == "advcl" and verb.tag in ("VBG", "VBN"):
        return host
    both_verbs = trigger.relation == host.relation == "verb"
    if both_verbs and verb.dep == "conj" and kid(parse, host.predicate, "dobj", "obj") is None:
        return host  # "recruit and arm volunteers": one act, its object shared
    return None


def _casualty_caused(ctx: TriggerContext, trigger: Trigger, by_predicate: dict[int, Trigger]) -> Trigger | None:
    """The casualty event whose cause phrase ("died *after* a bomb went off", "killed *in* …") holds this attack
    verb, however the parser hung the clause inside it."""
    parse = ctx.parse
    if trigger.type != "ASSAULT" or trigger.relation != "verb":
        return None
    current = parse.tokens[trigger.predicate]
    for _ in range(HYPOTHETICAL_CLIMB):
        if current.head == current.i:
            return None
        governor = head(parse, current.i)
        if current.pos == "ADP" and current.lower in ctx.words("casualty_preps"):
            host = by_predicate.get(governor.i)
            casualty = host is not None and word(ctx.token(host.predicate)) in ctx.words("casualty_verbs")
            return host if host is not None and casualty and host is not trigger and host.type == "ASSAULT" else None
        if governor.pos == "VERB" and governor.i in by_predicate:
            return None
        current = governor
    return None


def _clause_host(ctx: TriggerContext, trigger: Trigger, by_predicate: dict[int, Trigger]) -> Trigger | None:
    """ "Soldiers were killed in ISIL raids": a happening noun inside the clause of a verb event of its type
    tells that same event (one clause, one event)."""
    parse = ctx.parse
    current = parse.tokens[trigger.token]
    for _ in range(HYPOTHETICAL_CLIMB):
        if current.head == current.i:
            return None
        current = head(parse, current.i)
        if current.pos == "VERB":
            host = by_predicate.get(current.i)
            return host if host is not None and host is not trigger and host.type == trigger.type else None
    return None


def _nearest_named(parse: Parse, verb: Token, event_type: str, by_predicate: dict[int, Trigger]) -> Trigger | None:
    """The event noun a relative clause describes: the nearest one of its type before it in the sentence
    (the parser may hang "in which ..." on an earlier noun of a coordination)."""
    nouns = [
        t
        for key, t in by_predicate.items()
        if key < 0 and t.type == event_type and -key - 1 < verb.i and parse.tokens[-key - 1].sent == verb.sent
    ]
    return max(nouns, key=lambda t: t.token, default=None)


__all__ = [
    "ActorKind",
    "Trigger",
    "TriggerContext",
    "control_chain",
    "eventive_verb",
    "find_triggers",
    "is_violent",
    "merge_triggers",
    "nominal_licence",
    "themes",
]
