"""Speakers: what kind of mention names a claim's source, and which actor stands behind it.

Resolution goes through ``analysis.resolve_actor`` / ``analysis.actor_for`` (the actors
stage's coreference resolver once installed). When that cannot place a pronoun or a
description, :class:`SpeakerResolver` falls back on the claims already read: "He" is
the last person who spoke, "the Secretary General" the earlier speaker or noun phrase
with that title, "the agency" the earlier organisation called an agency. Vague sources
("officials", "a source") and documents ("estimates") get no actor unless the text says
whose they are ("a Pentagon spokesperson", "the ministry's report").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.analysis import Analysis, contains, overlaps
from sitrep.geo.lexicon import load_lexicon
from sitrep.layers.actors.collectives import collective_actor
from sitrep.layers.claims.cues import ClaimWords
from sitrep.model import Actor, Span
from sitrep.nlp import Parse, Token

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
OWNER_PREPS = frozenset({"for", "of", "from", "by", "at"})
SEARCH_BACK_CHARS = 6000
BODY_TYPES = frozenset({"organization", "armed_forces", "armed_group", "media", "state"})
PRONOUN_REACH_SENTENCES = 5


@dataclass
class Mention:
    """A speaker mention classified: ``kind`` is named, pronoun, relative, first_person,
    description, vague, document or proxy; ``owner`` names whose document or spokesperson it is."""

    span: Span
    head: Token
    kind: str
    type: str
    owner: Span | None = None


def classify(parse: Parse, span: Span, head: Token, words: ClaimWords) -> Mention:
    """What kind of speaker mention ``span`` is, and the actor type it suggests."""
    tokens = [t for t in parse.tokens_in(*span) if t.pos not in ("SPACE", "PUNCT")]
    head = _partitive_head(parse, head, words)  # "one of the officials": the officials
    lower = head.lower
    entity = _entity_over(parse, head)
    kind_type = _actor_type(parse, head, entity, words)
    if any(k.dep == "appos" and k.lower in words["person_titles"] for k in parse.children(head.i)):
        kind_type = "person"  # "Lena Paris, a Canadian nurse, ..."
    if words.has("first_person", lower):
        return Mention(span, head, "first_person", "person")
    if head.tag == "WP" or (
        head.dep in ("nsubj", "nsubjpass")
        and lower in words["relative_pronouns"]
        and head.pos == "PRON"
        and lower != "it"
    ):
        return Mention(span, head, "relative", kind_type)
    if head.pos == "PRON":
        kind = (
            "person"
            if lower in words["person_pronouns"]
            else ("other" if lower in words["group_pronouns"] else "organization")
        )
        return Mention(span, head, "pronoun", kind)
    owner = owner_of(parse, head, words)
    if lower in words["document_heads"] and entity is None:
        if owner is not None and _nationality(parse, head, owner):
            owner = None  # "Russian state media", "Iranian media": whose, in kind only
        return Mention(span, head, "document", kind_type, owner)
    if lower in words["proxy_heads"] and entity is None:
        return Mention(span, head, "proxy", "person", owner)
    if lower in words["vague_heads"] and entity is None:
        determiner = tokens[0].lower if tokens else ""
        if owner is not None and not _nationality(parse, head, owner):
            return Mention(span, head, "proxy", "person", owner)
        if head.tag in ("NNS", "NNPS") or determiner in words["vague_determiners"] or len(tokens) == 1:
            kind = "anonymous" if lower in words["anonymous_heads"] else "vague"
            return Mention(span, head, kind, _anonymous_type(head, words))
    if entity is not None or (head.pos == "PROPN" and not _is_title(head, words)):
        return Mention(span, head, "named", kind_type)
    if tokens and tokens[0].lower in DETERMINERS and not any(t.ent_type in NAMED_LABELS for t in tokens):
        return Mention(span, head, "description", kind_type)
    return Mention(span, head, "named", kind_type)


def _demonym_country(parse: Parse, mention: Mention) -> str | None:
    """The country of a demonym modifying the mention's head ("Turkish" in "the Turkish foreign ministry")."""
    lexicon = load_lexicon()
    for token in parse.tokens_in(mention.span[0], mention.head.start):
        if (token.dep == "amod" and token.head == mention.head.i) or token.ent_type == "NORP":
            country = lexicon.country_of_adjective(token.text)
            if country is not None:
                return country
    return None


def _nationality(parse: Parse, head: Token, owner: Span) -> bool:
    """ "a South Korean official", "U.S. officials": a nationality, not the body the source speaks for."""
    token = parse.token_at(owner[0])
    return (
        token is not None
        and token.i < head.i
        and token.ent_type in ("NORP", "GPE")
        and owner[1] <= head.start
        and not any(t.tag == "POS" for t in parse.tokens_in(owner[0], head.start))
    )


def _partitive_head(parse: Parse, head: Token, words: ClaimWords) -> Token:
    if head.lower not in words["partitives"]:
        return head
    of = next((k for k in parse.children(head.i) if k.dep == "prep" and k.lower == "of"), None)
    target = child_of(parse, of, "pobj")
    return target if target is not None and target.lower in words["anonymous_heads"] else head


def mention_of(parse: Parse, noun: Token) -> Span:
    """The noun phrase of ``noun`` up to the noun itself ("a senior official" of "... who said")."""
    first = parse.subtree(noun.i)[0]
    return parse.tokens[first].start, noun.end


def _anonymous_type(head: Token, words: ClaimWords) -> str:
    if head.lower in words["population_heads"]:
        return "population"
    return "other" if head.tag in ("NNS", "NNPS") else "person"


def owner_of(parse: Parse, head: Token, words: ClaimWords | None = None) -> Span | None:
    """Whose a document or spokesperson is: "the ministry's", "its", "for the ministry", "Pentagon",
    "by the group Save the Children", "conducted by the Forsa institute", "analysts at Rystad"."""
    for kid in parse.children(head.i):
        if kid.dep == "poss":
            return (kid.start, kid.end) if kid.pos == "PRON" else _entity_or_phrase(parse, kid)
        if kid.dep == "prep" and kid.lower in OWNER_PREPS:
            owner = _body_of(parse, child_of(parse, kid, "pobj"), words)
            if owner is not None:
                return owner
        if kid.dep == "acl" and kid.tag == "VBN":  # "a poll conducted by ...", "figures released by ..."
            agent = child_of(parse, kid, "agent")
            owner = _body_of(parse, child_of(parse, agent, "pobj"), words) if agent is not None else None
            if owner is not None:
                return owner
        if kid.dep in ("compound", "amod", "nmod") and kid.ent_type in ("ORG", "GPE", "NORP", "PERSON"):
            return _entity_or_phrase(parse, kid)
    return _owner_after(parse, head)


def child_of(parse: Parse, token: Token | None, dep: str) -> Token | None:
    if token is None:
        return None
    return next((k for k in parse.children(token.i) if k.dep == dep), None)


def _body_of(parse: Parse, target: Token | None, words: ClaimWords | None) -> Span | None:
    """A named owner, or a body named by a common noun ("the group Save the Children", "the office")."""
    if target is None:
        return None
    if target.pos == "PROPN" or target.ent_type in NAMED_LABELS:
        return _entity_or_phrase(parse, target)
    named = next((k for k in parse.children(target.i) if k.dep == "appos" and k.pos == "PROPN"), None)
    if named is not None:
        return _entity_or_phrase(parse, named)
    bodies = words["organization_heads"] if words is not None else frozenset()
    if target.lower in bodies:
        first, last = parse.subtree(target.i)
        tokens = [t for t in parse.tokens[first:last] if t.i <= target.i and t.pos not in ("PUNCT", "SPACE")]
        while tokens and tokens[0].lower in DETERMINERS:
            tokens = tokens[1:]
        if tokens:
            return tokens[0].start, target.end
    return None


def _owner_after(parse: Parse, head: Token) -> Span | None:
    """ "analysts at Rystad" read from the words when the parse lost the preposition."""
    after = parse.tokens[head.i + 1 : head.i + 3]
    if len(after) == 2 and after[0].lower in ("at", "of", "from", "with") and after[1].pos == "PROPN":
        return _name_run_forward(parse, after[1])
    return None


def _name_run_forward(parse: Parse, first: Token) -> Span:
    last = first.i
    while last + 1 < len(parse.tokens) and parse.tokens[last + 1].pos == "PROPN":
        last += 1
    return first.start, parse.tokens[last].end


def _entity_or_phrase(parse: Parse, token: Token) -> Span:
    entity = _entity_over(parse, token)
    if entity is not None:
        return entity
    first, last = parse.subtree(token.i)
    tokens = [t for t in parse.tokens[first:last] if t.pos not in ("PUNCT", "SPACE") and t.dep != "case"]
    if not tokens:
        return token.start, token.end
    return tokens[0].start, tokens[-1].end


def _entity_over(parse: Parse, token: Token) -> Span | None:
    for entity in parse.entities:
        if entity.first <= token.i < entity.last and entity.label in NAMED_LABELS:
            return entity.start, entity.end
    return None


def _name_run(parse: Parse, head: Token) -> Span:
    """The proper nouns that end at ``head`` and share its entity label ("Lena Paris")."""
    first = head.i
    while first > 0:
        previous = parse.tokens[first - 1]
        joined = previous.text == "-" and first - 2 >= 0 and parse.tokens[first - 2].pos == "PROPN"
        if (
            previous.pos == "PROPN"
            and previous.head == head.i
            and previous.dep == "compound"
            and (previous.ent_type or not head.ent_type)
        ) or joined:
            first -= 1
        else:
            break
    return parse.tokens[first].start, head.end


def _is_title(head: Token, words: ClaimWords) -> bool:
    return head.lower in words["person_titles"] or head.lower in words["organization_heads"]


def _actor_type(parse: Parse, head: Token, entity: Span | None, words: ClaimWords) -> str:
    label = head.ent_type
    if label == "PERSON":
        return "person"
    if label == "GPE":
        return "state"
    if label == "NORP":
        return "population"
    text = parse.text[entity[0] : entity[1]].lower() if entity else head.lower
    if label == "ORG" or head.lower in words["organization_heads"]:
        if any(w in words["media"] for w in re.findall(r"\w+", text)):
            return "media"
        return "organization"
    if head.lower in words["person_titles"] or head.lower in words["person_pronouns"]:
        return "person"
    return "other"


@dataclass
class Spoken:
    """A speaker already resolved, remembered for pronouns and descriptions that follow."""

    span: Span
    actor: str
    type: str
    sentence: int
    kind: str = ""
    lemma: str = ""
    plural: bool = False


@dataclass
class SpeakerResolver:
    """Resolves speaker mentions to actor ids, in text order, remembering who spoke."""

    analysis: Analysis
    words: ClaimWords
    history: list[Spoken] = field(default_factory=list)

    def resolve(self, span: Span, head: Token) -> str | None:
        """The actor id of a speaker mention, or None for vague and unresolvable ones."""
        parse = self.analysis.parse
        mention = classify(parse, span, head, self.words)
        actor = self._actor_of(mention)
        if actor is not None and mention.kind in ("description", "named") and self._other_country(actor, mention):
            wrong = self.analysis.extraction.get(actor)
            if wrong is not None and any(not contains(span, m) for m in wrong.mentions):
                wrong.mentions = [m for m in wrong.mentions if not contains(span, m)]
            actor = self._new_body(mention)  # "the Turkish foreign ministry" is not Russia's ministry
        if actor is not None:
            kind_type = "person" if mention.kind == "proxy" else self._type_of(actor, mention.type)
            plural = mention.head.tag in ("NNS", "NNPS")
            self.history.append(
                Spoken(span, actor, kind_type, head.sent, mention.kind, mention.head.lemma.lower(), plural)
            )
        return actor

    def remember(self, span: Span, actor: str, sentence: int) -> None:
        """Note that ``actor`` spoke at ``span`` (for claims whose speaker was inherited)."""
        self.history.append(Spoken(span, actor, self._type_of(actor, "other"), sentence))

    def _actor_of(self, mention: Mention) -> str | None:
        """Vague sources get none; pronouns and titles prefer a speaker just heard; names go to the resolver."""
        if mention.kind in ("vague", "first_person"):
            return None
        if self._headline_common_noun(mention):
            return self._resolved(mention.span)  # "..., commander says": the lead names them, or nobody
        if mention.kind == "anonymous":
            return self._anonymous(mention)
        if mention.kind in ("document", "proxy"):
            if mention.owner is None:
                return None
            owner = self.analysis.parse.token_at(mention.owner[0])
            if owner is not None and owner.pos == "PRON" and mention.owner == (owner.start, owner.end):
                return self._recent_speaker(
                    Mention(mention.owner, owner, "pronoun", "organization"), bodies=True
                ) or self._resolved(mention.owner)  # "its latest update": the body that spoke last
            return self._named(mention.owner, "organization")
        if mention.kind == "pronoun":
            return (
                self._recent_speaker(mention)
                or self._previous_body(mention)
                or self._resolved(mention.span)
                or self._last_entity_for(mention)
            )
        if mention.kind == "relative":
            return self._resolved(mention.span) or self._relative(mention)
        if mention.kind == "description":
            return (
                self._titled_speaker(mention)
                or self._resolved(mention.span)
                or self._description(mention)
                or self._recent_body(mention)
                or self._named(self._entity_span(mention), mention.type)
            )
        return self._earlier_name(mention) or self._named(self._entity_span(mention), mention.type, whole=mention.span)

    def _headline_common_noun(self, mention: Mention) -> bool:
        """A headline's speaker given by a bare common noun ("hospital says", "commander says")."""
        parse = self.analysis.parse
        if "\n" not in self.analysis.text[: mention.span[0]] and mention.span[0] < self.analysis.text.find("\n"):
            tokens = [t for t in parse.tokens_in(*mention.span) if t.pos not in ("SPACE", "PUNCT")]
            return bool(tokens) and all(t.pos == "NOUN" and not t.ent_type and t.text.islower() for t in tokens)
        return False

    def _anonymous(self, mention: Mention) -> str:
        """ "two U.S. officials", "witnesses", "a senior official who asked not to be named": an actor of
        their own, the same one when "one of the officials" or "the officials" comes back to them."""
        parse = self.analysis.parse
        lemma = mention.head.lemma.lower()
        for spoken in reversed(self.history):
            if (
                spoken.kind == "anonymous"
                and spoken.lemma == lemma
                and (mention.span != spoken.span and self._refers_back(mention))
            ):
                return spoken.actor
        known = self._actor_on_head(mention) or collective_actor(self.analysis, mention.span)
        if known is not None:
            return known  # the actors layer's own actor for these officials or residents: one actor, not two
        tokens = [t for t in parse.tokens_in(*mention.span) if t.pos not in ("SPACE", "PUNCT")]
        while len(tokens) > 1 and tokens[0].lower in DETERMINERS:
            tokens = tokens[1:]
        span = (tokens[0].start, tokens[-1].end) if tokens else mention.span
        return self._new_actor(span, mention.type, mention.span)

    def _actor_on_head(self, mention: Mention) -> str | None:
        """An existing actor with a mention inside this one that holds its head noun ("residents" in "local
        residents and security sources")."""
        head = mention.head
        for actor in self.analysis.extraction.actors:
            if any(m[0] <= head.start and head.end <= m[1] and contains(mention.span, m) for m in actor.mentions):
                return actor.id
        return None

    def _refers_back(self, mention: Mention) -> bool:
        """ "one of the officials", "the official", "the witnesses": a definite or partitive mention."""
        first = next((t for t in self.analysis.parse.tokens_in(*mention.span) if t.pos not in ("SPACE", "PUNCT")), None)
        return first is not None and (
            first.lower in ("the", "these", "those") or first.lower in self.words["partitives"]
        )

    def _earlier_name(self, mention: Mention) -> str | None:
        """A person already heard whose name holds this one ("Paris" after "Lena Paris")."""
        name = self._entity_span(mention)
        found = [w.lower() for w in re.findall(r"[A-Z][\w'’-]+", self.analysis.text[name[0] : name[1]])]
        words = [w for w in found if w not in DETERMINERS | self.words["honorifics"] | self.words["person_titles"]]
        if not words:
            return None
        for spoken in reversed(self.history):
            heard = {w.lower() for w in re.findall(r"[\w'’-]+", self.analysis.text[spoken.span[0] : spoken.span[1]])}
            if spoken.type == "person" and (set(words) <= heard or (len(words) > 2 and set(words[-2:]) <= heard)):
                return spoken.actor
        return None

    def _resolved(self, span: Span) -> str | None:
        """The resolver's answer, unless it matched only part of a longer name ("Paris" in "Lena Paris")."""
        found = self.analysis.resolve_actor(span)
        if found is None or self._part_of_longer_name(found, span):
            return None
        return found

    def _part_of_longer_name(self, actor_id: str, span: Span) -> bool:
        parse = self.analysis.parse
        last = parse.token_at(span[1] - 1) if span[1] > span[0] else None
        actor = self.analysis.extraction.get(actor_id)
        if last is None or actor is None:
            return False
        name = _name_run(parse, last)
        if len(self.analysis.text[name[0] : name[1]].split()) < 2:
            return False
        inside = [m for m in actor.mentions if overlaps(m, name)]
        return bool(inside) and all(contains(name, m) and m != name for m in inside)

    def _named(self, span: Span | None, type_: str, whole: Span | None = None) -> str | None:
        if span is None:
            return None
        found = self._resolved(span)
        if found is None and whole is not None and whole != span:
            found = self._resolved(whole)
        if found is not None and self._owner_only(found, span):
            # "Japan's defence ministry": the resolver knows Japan, the speaker is its ministry
            return self._body_actor(span, found)
        if found is not None:
            return found
        by_name = self._by_name(span)
        if by_name is not None:
            return by_name
        partial = self.analysis.resolve_actor(span)
        if partial is not None:  # the resolver took a part for the whole name
            return self._longer_name_of(partial, span) or self._new_actor(span, type_)
        return self.analysis.actor_for(span, type_)

    def _other_country(self, actor_id: str, mention: Mention) -> bool:
        """The mention's own demonym names another country than the actor's ("the Turkish foreign ministry"
        resolved to Russia's), or the actor is an unnamed body of no country ("ministry")."""
        actor = self.analysis.extraction.get(actor_id)
        country = _demonym_country(self.analysis.parse, mention)
        if actor is None or actor.type == "state" or country is None:
            return False
        return actor.country != country if actor.country is not None else actor.name[:1].islower()

    def _new_body(self, mention: Mention) -> str:
        tokens = [t for t in self.analysis.parse.tokens_in(*mention.span) if t.pos not in ("SPACE", "PUNCT")]
        while len(tokens) > 1 and tokens[0].lower in DETERMINERS:
            tokens = tokens[1:]
        span = (tokens[0].start, tokens[-1].end)
        for actor in self.analysis.extraction.actors:
            if actor.name == self.analysis.text[span[0] : span[1]]:
                return actor.id
        actor_id = self._new_actor(span, mention.type, mention.span)
        created = self.analysis.extraction.get(actor_id)
        if created is not None:
            created.country = _demonym_country(self.analysis.parse, mention)
        return actor_id

    def _longer_name_of(self, actor_id: str, span: Span) -> str | None:
        """A person the actors layer named by the end of this name ("Claude Joseph" for "Marie-Claude
        Joseph"): the same person, now under the whole name."""
        actor = self.analysis.extraction.get(actor_id)
        name = self.analysis.text[span[0] : span[1]]
        if (
            actor is None
            or actor.type != "person"
            or len(actor.name.split()) < 2
            or not re.search(r"[\s-]" + re.escape(actor.name) + r"$", name)
        ):
            return None
        actor.name = name
        if span not in actor.mentions:
            actor.mentions.append(span)
        return actor.id

    def _owner_only(self, actor_id: str, span: Span) -> bool:
        """The actor found for a body's mention is only named in a modifier of it ("Japan's", "UN")."""
        tokens = [t for t in self.analysis.parse.tokens_in(*span) if t.pos not in ("SPACE", "PUNCT")]
        actor = self.analysis.extraction.get(actor_id)
        if not tokens or actor is None or tokens[-1].lower not in self.words["organization_heads"] | {"team"}:
            return False
        head = tokens[-1]
        if len(tokens) < 2 or any(m[0] <= head.start < m[1] for m in actor.mentions):
            return False
        if actor.type == "state" and head.lower in self.words["state_bodies"]:
            return False  # "Yemen's internationally recognised government": the state itself
        if self._named_by_kind(actor, tokens):
            return False  # "the Viv Ansanm gang coalition", "the ... (UKMTO) agency": the named body itself
        return any(t.ent_type in NAMED_LABELS or t.pos == "PROPN" or t.tag == "POS" for t in tokens[:-1])

    def _named_by_kind(self, actor: Actor, tokens: list[Token]) -> bool:
        """The actor's name, then only words for its kind ("gang coalition", "agency"), no possessive."""
        named = [i for i, t in enumerate(tokens) if any(m[0] <= t.start < m[1] for m in actor.mentions)]
        if not named or any(t.tag == "POS" for t in tokens):
            return False
        rest = tokens[named[-1] + 1 : -1]
        return all(t.lower in self.words["body_kinds"] for t in rest)

    def _body_actor(self, span: Span, owner: str) -> str:
        """An actor for a body named after its owner, remembered by its words for later mentions."""
        text = self.analysis.text[span[0] : span[1]]
        for actor in self.analysis.extraction.actors:
            if actor.name == text or span in actor.mentions:
                return actor.id
        owner_actor = self.analysis.extraction.get(owner)
        type_ = (
            "armed_forces"
            if self.analysis.parse.tokens_in(*span)[-1].lower in self.words["military_heads"]
            else "organization"
        )
        actor_id = self._new_actor(span, type_, affiliation=owner)
        actor = self.analysis.extraction.get(actor_id)
        if actor is not None and owner_actor is not None:
            actor.country = owner_actor.country
        return actor_id

    def _new_actor(self, span: Span, type_: str, mention: Span | None = None, affiliation: str | None = None) -> str:
        extraction = self.analysis.extraction
        actor = Actor(
            id=extraction.next_id("actors"),
            name=self.analysis.text[span[0] : span[1]],
            type=type_,
            mentions=[mention or span],
            affiliation=affiliation,
        )
        extraction.actors.append(actor)
        return actor.id

    def _entity_span(self, mention: Mention) -> Span:
        """A named speaker's own name ("Mark Rutte" in "NATO Secretary General Mark Rutte")."""
        parse = self.analysis.parse
        holder = self._title_holder(mention.head)
        if holder is not None:
            return _name_run(parse, holder)
        entity = _entity_over(parse, mention.head)
        name = _name_run(parse, mention.head)
        if mention.head.ent_type == "PERSON" or (mention.head.pos == "PROPN" and entity is None):
            return self._without_titles(name)
        if entity is None:
            return self._without_titles(mention.span)
        span = name if name[0] <= entity[0] and entity[1] <= name[1] else entity
        return self._without_titles(span)

    def _title_holder(self, head: Token) -> Token | None:
        """The name after a title parsed as its object: "Volodymyr Zelenskyy" in "President of Ukraine V. Z."."""
        if head.lower not in self.words["person_titles"]:
            return None
        parse = self.analysis.parse
        for prep in parse.children(head.i):
            if prep.dep == "prep" and prep.lower == "of":
                target = next((k for k in parse.children(prep.i) if k.dep == "pobj"), None)
                if target is not None and target.pos == "PROPN" and target.i == parse.subtree(head.i)[1] - 1:
                    return target
        return None

    def _without_titles(self, span: Span) -> Span:
        """ "Ana Ruiz" of "Mayor Ana Ruiz": leading titles and honorifics are not part of a name."""
        tokens = [t for t in self.analysis.parse.tokens_in(*span) if t.pos != "SPACE"]
        titles = self.words["person_titles"] | self.words["honorifics"]
        while len(tokens) > 1 and tokens[0].lower in titles:
            tokens = tokens[1:]
        return (tokens[0].start, tokens[-1].end) if tokens else span

    def _by_name(self, span: Span) -> str | None:
        """An existing actor whose name holds every capitalised word of the mention ("Rutte")."""
        text = self.analysis.text[span[0] : span[1]]
        names = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", text)} - DETERMINERS
        if not names:
            return None
        for actor in reversed(self.analysis.extraction.actors):
            actor_words = {w.lower() for w in re.findall(r"[\w'’-]+", actor.name)}
            if names <= actor_words:
                return actor.id
        return None

    def _type_of(self, actor_id: str, fallback: str) -> str:
        actor = self.analysis.extraction.get(actor_id)
        return actor.type if actor is not None and actor.type != "other" else fallback

    def _recent_speaker(self, mention: Mention, bodies: bool = False) -> str | None:
        """The last speaker a pronoun can refer to, within a few sentences (``bodies``: not a person)."""
        lower = mention.head.lower
        wants_person = lower in self.words["person_pronouns"] and not bodies
        wants_group = lower in self.words["group_pronouns"]
        sentence = mention.head.sent
        for spoken in reversed(self.history):
            if sentence - spoken.sentence > PRONOUN_REACH_SENTENCES:
                break
            is_person = spoken.type == "person" or self._bare_name(spoken)
            if wants_person and spoken.plural:
                continue  # "she" is not "her aides"
            if wants_person == is_person or (wants_group and not is_person):
                return spoken.actor
        return None

    def _previous_body(self, mention: Mention) -> str | None:
        """ "The ministry issued a warning. In a statement carried by IRNA, it said ...": "it" is the body
        that was the previous sentence's subject, not a name inside its own sentence."""
        if mention.head.lower not in self.words["thing_pronouns"] or mention.head.sent == 0:
            return None
        parse = self.analysis.parse
        previous = parse.sentences[mention.head.sent - 1]
        if "\n\n" in self.analysis.text[previous.end : mention.span[0]]:
            return None  # a paragraph away
        root = parse.root_of(previous)
        subject = next((k for k in parse.children(root.i) if k.dep in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        span = mention_of(parse, subject)
        earlier = classify(parse, span, subject, self.words)
        if earlier.kind not in ("named", "description") or earlier.type == "person":
            return None
        forms = {subject.lower, subject.lemma.lower()}
        body_words = self.words["organization_heads"] | self.words["state_bodies"] | self.words["group_heads"]
        if not (subject.ent_type in ("ORG", "GPE", "NORP") or forms & body_words):
            return None
        return self._actor_of(earlier)

    def _bare_name(self, spoken: Spoken) -> bool:
        """ "Vogt" after "Karin Vogt": a lone name the actors layer left untyped is most likely a person."""
        if spoken.type != "other" or spoken.kind != "named" or spoken.plural:
            return False
        tokens = [t for t in self.analysis.parse.tokens_in(*spoken.span) if t.pos not in ("SPACE", "PUNCT")]
        return bool(tokens) and all(t.pos == "PROPN" and t.ent_type in ("", "PERSON") for t in tokens)

    def _recent_body(self, mention: Mention) -> str | None:
        """ "Hezbollah did not ... In a statement, the group said": a body's description after it spoke."""
        if mention.head.lower not in self.words["group_heads"] or mention.head.tag != "NN":
            return None
        for spoken in reversed(self.history):
            if mention.head.sent - spoken.sentence > 2:
                break
            if spoken.kind in ("named", "description") and self._is_body(spoken):
                return spoken.actor
        return None

    def _is_body(self, spoken: Spoken) -> bool:
        if spoken.type in BODY_TYPES:
            return True
        tokens = [t for t in self.analysis.parse.tokens_in(*spoken.span) if t.pos not in ("SPACE", "PUNCT")]
        titles = self.words["person_titles"] | self.words["honorifics"]
        return (
            spoken.type == "other"
            and bool(tokens)
            and not any(t.ent_type == "PERSON" or t.lower in titles for t in tokens)
        )

    def _last_entity_for(self, mention: Mention) -> str | None:
        wants_person = mention.head.lower in self.words["person_pronouns"]
        labels = ("PERSON",) if wants_person else ("ORG", "GPE", "NORP")
        return self._last_entity(mention.span[0], labels)

    def _last_entity(self, before: int, labels: tuple[str, ...]) -> str | None:
        parse = self.analysis.parse
        for entity in reversed(parse.entities):
            if entity.end <= before and entity.label in labels and before - entity.end < SEARCH_BACK_CHARS // 4:
                return self._named((entity.start, entity.end), "person" if entity.label == "PERSON" else "organization")
        return None

    def _relative(self, mention: Mention) -> str | None:
        """ "Kaine, who said ...": the noun the relative clause hangs on."""
        parse = self.analysis.parse
        clause = parse.tokens[mention.head.head]
        if clause.dep != "relcl":
            return None
        noun = parse.tokens[clause.head]
        entity = _entity_over(parse, noun)
        if entity is None and noun.pos != "PROPN":
            # "a letter that said", "the feud, which ...": a common noun is no actor; a source noun is
            antecedent = classify(parse, mention_of(parse, noun), noun, self.words)
            return self._actor_of(antecedent) if antecedent.kind in ("anonymous", "document", "proxy") else None
        span = entity or (noun.start, noun.end)
        return self._named(span, _actor_type(parse, noun, entity, self.words))

    def _title_words(self, mention: Mention) -> list[Token]:
        parse = self.analysis.parse
        return [t for t in parse.tokens_in(*mention.span) if t.pos in ("NOUN", "PROPN") and t.i <= mention.head.i]

    def _titled_speaker(self, mention: Mention) -> str | None:
        """An earlier speaker introduced with the title of a description ("the Secretary General")."""
        title = self._title_words(mention)
        if not title:
            return None
        phrase = " ".join(t.lower for t in title[-2:])
        for spoken in reversed(self.history):
            if phrase in self.analysis.text[spoken.span[0] : spoken.span[1]].lower():
                return spoken.actor
        return None

    def _description(self, mention: Mention) -> str | None:
        """ "the Secretary General", "the agency": an earlier noun phrase with the same title."""
        title = self._title_words(mention)
        if not title:
            return None
        return self._earlier_phrase(mention, title[-2:]) or (
            self._earlier_phrase(mention, title[-1:]) if len(title) > 1 else None
        )

    def _earlier_phrase(self, mention: Mention, title: list[Token]) -> str | None:
        parse = self.analysis.parse
        text = self.analysis.text
        pattern = re.compile(r"\b" + r"\s+".join(re.escape(t.text) for t in title) + r"\b", re.IGNORECASE)
        start = max(0, mention.span[0] - SEARCH_BACK_CHARS)
        hits = [
            m
            for m in pattern.finditer(text, start, mention.span[0])
            if not overlaps((m.start(), m.end()), mention.span)
        ]
        for hit in reversed(hits):
            token = parse.token_at(hit.end() - 1)
            if token is None:
                continue
            head = token
            while head.dep == "compound" and head.head != head.i:
                head = parse.tokens[head.head]
            entity = _entity_over(parse, head)
            if entity is None and head.i != token.i:
                entity = _entity_over(parse, token) if token.ent_type else None
            if entity is not None:
                return self._named(entity, _actor_type(parse, head, entity, self.words))
            first, _ = parse.subtree(head.i)
            words = [t for t in parse.tokens[first : head.i + 1] if t.pos not in ("PUNCT", "SPACE")]
            while words and words[0].lower in DETERMINERS:
                words = words[1:]
            if words and any(t.ent_type in NAMED_LABELS for t in words):
                return self._named((words[0].start, head.end), _actor_type(parse, head, None, self.words))
        return None
