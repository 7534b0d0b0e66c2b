"""The places layer: find toponyms, resolve them against the offline gazetteer, write places.

Three steps, each testable alone:

1. :func:`find_toponyms` scans the parse for names the gazetteer knows (the NER's
   GPE/LOC/FAC entities, names the NER mis-typed, and capitalised names it missed),
   with the words around them: an admin word ("Kursk region"), a direction ("eastern
   Russia"), a containing place ("Lebanon, Pa.").
2. :func:`resolve_toponyms` picks one gazetteer entry per name using the document's
   other places and countries, then population; one sense per name and document.
3. :func:`group_places` keeps the literal uses (a country only when some mention is
   locative, a capital not when it stands for its government) and gathers mentions.

``run`` writes the places and leaves the resolved toponyms in ``analysis.toponyms`` for the
actors layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep import resources
from sitrep.analysis import Analysis
from sitrep.geo.fuzzy import transliteration_variants
from sitrep.geo.gazetteer import Gazetteer, GeoEntry, load_gazetteer, name_key
from sitrep.geo.home import outlet_country
from sitrep.geo.lexicon import SHORT_COUNTRY_NAMES, Lexicon, load_lexicon, not_an_outlet
from sitrep.layers.places.counties import coordinated_divisions
from sitrep.layers.places.mentions import repeated_mentions
from sitrep.layers.places.resolve import document_countries, resolve_toponyms
from sitrep.layers.places.toponym import LOCAL_FEATURES, Toponym
from sitrep.model import Place, Span
from sitrep.nlp import Parse, Token
from sitrep.nlp.outlets import find_outlets, inside_outlet

__all__ = [
    "PlaceFinding",
    "Toponym",
    "find_places",
    "find_toponyms",
    "group_places",
    "is_locative",
    "is_metonymic",
    "organisation_names",
    "resolve_toponyms",
    "run",
    "unlisted_features",
]

STOPLIST_FILE = "places_stoplist.tsv"
CONTEXT_FILE = "gazetteer_context.json"
PLACE_LABELS = {"GPE", "LOC", "FAC"}
OTHER_LABELS = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "LAW", "LANGUAGE"}
STRONG_CITY_POPULATION = 100_000
ADMIN2_WORDS = (" County", " Parish", " District", " Borough")
COUNTY_WORDS = {"County", "Parish"}
MAX_NAME_TOKENS = 6
YES, NO, WEAK = "yes", "no", "weak"


@dataclass(frozen=True)
class Context:
    """Words around toponyms (resources/gazetteer_context.json)."""

    admin_words: frozenset[str]
    directions: frozenset[str]
    locative_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    metonymic_roles: frozenset[str]
    city_words: frozenset[str]
    generic_words: frozenset[str]
    literal_verbs: frozenset[str]
    organisation_heads: frozenset[str]
    place_object_verbs: frozenset[str]
    feature_words: dict[str, str]
    modifier_heads: frozenset[str]
    list_words: frozenset[str]
    list_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_context() -> Context:
    raw = resources.json_object(CONTEXT_FILE)
    with resources.reading(CONTEXT_FILE):
        word_sets = {name: frozenset(raw[name]) for name in Context.__dataclass_fields__ if name != "feature_words"}
        return Context(feature_words=dict(raw["feature_words"]), **word_sets)


@lru_cache(maxsize=1)
def load_stoplist() -> dict[str, str]:
    """Name key -> "word" or "person" (resources/places_stoplist.tsv)."""
    return {name_key(row.cells[0]): row.cells[1] for row in resources.rows(STOPLIST_FILE) if len(row.cells) >= 2}


@dataclass
class PlaceFinding:
    """One resolved place and its mentions, ready to be written."""

    name: str
    feature: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    mentions: list[Span]
    key: int | None = None  # the gazetteer entry it comes from


# ---------------------------------------------------------------- finding


def _entity_map(parse: Parse) -> list[int]:
    """Token index -> index of the entity covering it, or -1."""
    owner = [-1] * len(parse.tokens)
    for n, entity in enumerate(parse.entities):
        for k in range(entity.first, entity.last):
            owner[k] = n
    return owner


def _person_words(parse: Parse, lexicon: Lexicon) -> set[str]:
    """Words that are parts of multi-word person names (a "Paris" who is Lena Paris)."""
    words: set[str] = set()
    for entity in parse.entities:
        if entity.label == "PERSON" and entity.last - entity.first > 1:
            words.update(t.text for t in parse.tokens[entity.first : entity.last])
    return words | set(lexicon.first_names)


def _surnames(parse: Parse) -> set[str]:
    """Last words of multi-word person names: a later bare "Paris" is that person."""
    return {parse.tokens[e.last - 1].text for e in parse.entities if e.label == "PERSON" and e.last - e.first > 1}


def _is_strong(entry: GeoEntry) -> bool:
    """A country, division or region, a city of 100,000+, or a county named with its admin word."""
    if entry.feature == "admin2":  # "Laurel County", "Lancashire"; not a small district named like a word
        return entry.name.endswith(ADMIN2_WORDS) or entry.population >= STRONG_CITY_POPULATION
    return entry.feature != "city" or entry.population >= STRONG_CITY_POPULATION


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _part_of_longer_name(parse: Parse, first: int, last: int) -> bool:
    """A capitalised word right before or after: "Street" in "Royal Street", "Kingsley" in "Kingsley Road"."""
    tokens = parse.tokens
    sentence = tokens[first].sent
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last] if last < len(tokens) else None
    for neighbour in (before, after):
        if neighbour is None or neighbour.sent != sentence or not neighbour.text[:1].isupper():
            continue
        named = neighbour.pos == "PROPN" or (neighbour is after and neighbour.pos == "NOUN")
        if named and not (neighbour is before and neighbour.i == parse.sentences[sentence].first):
            return True
    return False


def _modifies_organisation(parse: Parse, first: int, last: int, context: Context) -> bool:
    """A place name before the words of a local body: "Butler County Sheriff's Office", "Oxford Crown Court".

    The name must start the capitalised sequence (not "Royal Oxford ..."), and one of the
    next four capitalised words must be a body's head word (``modifier_heads``).
    """
    tokens = parse.tokens
    if (
        first > 0
        and tokens[first - 1].text[:1].isupper()
        and tokens[first - 1].i != parse.sentences[tokens[first].sent].first
    ):
        return False
    for token in tokens[last : last + 4]:
        if token.sent != tokens[first].sent or not (token.text[:1].isupper() or token.tag == "POS"):
            return False
        if token.text in context.modifier_heads:
            return True
    return False


def _state_abbreviation(text: str, entries: list[GeoEntry]) -> bool:
    """An abbreviation with full stops that names one first-level division only ("S.C.", "Tenn.", "Ga.")."""
    return (
        "." in text
        and len(text) <= 6
        and bool(entries)
        and all(e.feature == "admin1" and e.admin1 == entries[0].admin1 for e in entries)
    )


def _followed_by_container(parse: Parse, last: int, entries: list[GeoEntry], gazetteer: Gazetteer) -> bool:
    """ "X, Kentucky" or "X, Ky.": a comma, then a division or country that holds one of X's senses."""
    tokens = parse.tokens
    if last + 1 >= len(tokens) or tokens[last].text != "," or tokens[last].sent != tokens[last - 1].sent:
        return False
    for width in (2, 1):
        end = last + 1 + width
        if end > len(tokens) or not all(t.text[:1].isupper() for t in tokens[last + 1 : end]):
            continue
        holders = gazetteer.lookup(parse.text[tokens[last + 1].start : tokens[end - 1].end])
        for holder in holders:
            if holder.feature == "admin1" and any(e.admin1 == holder.admin1 and e is not holder for e in entries):
                return True
            if holder.feature == "country" and any(
                e.country == holder.country and e.feature in LOCAL_FEATURES for e in entries
            ):
                return True
    return False


def _before_surname(parse: Parse, first: int, last: int) -> bool:
    """A one-word name right before a word the NER reads as a person's: "Director Florence Adebayo"."""
    tokens = parse.tokens
    if last - first != 1 or last >= len(tokens):
        return False
    after = tokens[last]
    return (
        after.sent == tokens[first].sent
        and tokens[first].space_after
        and after.text[:1].isupper()
        and after.ent_type == "PERSON"
        and tokens[first].ent_type != "PERSON"
    )


def _us_state_team(parse: Parse, last: int, entries: list[GeoEntry]) -> bool:
    """ "Michigan State", "Ohio State": a US state before a capitalised "State" is a university or its team."""
    tokens = parse.tokens
    return (
        last < len(tokens)
        and tokens[last].text == "State"
        and any(e.feature == "admin1" and e.country == "USA" for e in entries)
        and not (last + 1 < len(tokens) and tokens[last + 1].text[:1].isupper())  # "Ohio State Fire Marshal"
    )


def _names_county(parse: Parse, last: int, entries: list[GeoEntry]) -> bool:
    """A name ending in "County" or "Parish" that the gazetteer has as a second-level division."""
    return parse.tokens[last - 1].text.title() in COUNTY_WORDS and any(e.feature == "admin2" for e in entries)


def _before_county_word(parse: Parse, last: int) -> bool:
    """The name is followed by "County"/"Parish" (and the longer name was not a known division)."""
    return last < len(parse.tokens) and parse.tokens[last].text.title() in COUNTY_WORDS


def _locative_cue(parse: Parse, first: int) -> bool:
    """A locative word right before a name: "in Lincoln", "near Bell", "the town of Marion"."""
    context = load_context()
    before = [t.lower for t in parse.tokens[max(0, first - 3) : first] if t.pos != "SPACE"]
    if _based(parse, first):
        return True  # "a Kent-based team"
    if not before:
        return False
    if before[-1] in context.locative_prepositions:
        return True
    return len(before) >= 2 and before[-1] == "of" and before[-2] in context.city_words


def _based(parse: Parse, first: int) -> bool:
    """ "X-based": the name is followed by a hyphen and "based" ("Kent-based", "the Washington-based group")."""
    after = [t.lower for t in parse.tokens[first + 1 : first + 4] if t.pos != "SPACE"]
    return after[:2] == ["-", "based"] or after[:1] == ["-based"]


def _acceptable(
    parse: Parse,
    first: int,
    last: int,
    entries: list[GeoEntry],
    entities: list[int],
    person_words: set[str],
    lexicon: Lexicon,
    context: Context,
    gazetteer: Gazetteer,
    surnames: set[str],
) -> tuple[str, str]:
    """Whether tokens [first, last) are a toponym (YES, NO, or WEAK: a small town, if the context says so)."""
    text = parse.text[parse.tokens[first].start : parse.tokens[last - 1].end]
    owner = entities[first]
    label = parse.entities[owner].label if owner >= 0 else ""
    whole_entity = (
        owner >= 0
        and all(entities[k] == owner for k in range(first, last))
        and parse.entities[owner].first == first
        and parse.entities[owner].last == last
    )
    inside_entity = owner >= 0 and not whole_entity and all(entities[k] == owner for k in range(first, last))
    if inside_entity and label not in PLACE_LABELS and first > 0 and parse.tokens[first - 1].lower in {"in", "near"}:
        inside_entity, owner, label = False, -1, ""  # "The Cooper School in Bicester": the town after "in"
    if text in lexicon.demonyms and text not in lexicon.state_names:
        return NO, label
    stop = load_stoplist().get(name_key(text))
    if stop == "word" or (stop == "person" and not _locative_cue(parse, first)):
        return NO, label
    if text in lexicon.entry_names:
        return NO, label
    if len(text) <= 2 and text not in SHORT_COUNTRY_NAMES:
        return NO, label
    if _state_abbreviation(text, entries):
        return YES, label  # "the S.C. Highway Patrol", "S.C. Senate Democrats": the state, inside any name
    if _followed_by_container(parse, last, entries, gazetteer):
        return YES, label  # "GM's Bowling Green, Kentucky facility": the pair says it is a place
    if _before_surname(parse, first, last) or _us_state_team(parse, last, entries):
        return NO, label  # "Florence Adebayo said", "Purdue hosts Ohio State"
    if _names_county(parse, last, entries):
        return YES, label  # "Clark County's trailer", "the Butler County Transportation District"
    if _before_county_word(parse, last):
        return NO, label  # "Butler" in "Butler County ...": the county, not a town called Butler
    if _modifies_organisation(parse, first, last, context):
        entries = [e for e in entries if e.feature in {"admin1", "admin2", "city"} and gazetteer.is_main_name(e, text)]
        if any(_is_strong(e) for e in entries):
            return YES, label  # "the Butler County Sheriff's Office": the county is where the office serves
        return (WEAK if entries else NO), label
    if not whole_entity and _part_of_longer_name(parse, first, last):
        return NO, label
    if last - first == 1 and text in surnames:
        return NO, label
    by_place_label = label in PLACE_LABELS and (whole_entity or inside_entity)
    if not by_place_label:
        if text in context.generic_words or text.title() in context.generic_words:
            return NO, label
        if not _locative_cue(parse, first):  # "left Misrata": an alternate name after a locative cue counts
            entries = [e for e in entries if e.feature not in LOCAL_FEATURES or gazetteer.is_main_name(e, text)]
    if inside_entity:
        return (YES if by_place_label else NO), label
    if by_place_label:
        return YES, label
    strong = (
        YES
        if any(_is_strong(e) for e in entries)
        else (WEAK if any(e.feature in LOCAL_FEATURES for e in entries) else NO)
    )
    if whole_entity and label == "PERSON":
        one_word = " " not in text  # "Djibo", "Gorom-Gorom"; not "Moussa Kane" (but "toward Khan Yunis")
        if not one_word and _locative_cue(parse, first):
            return strong, label
        return (strong if text not in person_words and one_word else NO), label
    if whole_entity:  # a NORP the lexicon does not know as a demonym is a misread town ("Greer")
        return (strong if label != "NORP" else (WEAK if strong != NO else NO)), label
    tokens = parse.tokens[first:last]
    if not all(t.pos == "PROPN" or not t.text[:1].isalpha() or t.lower in {"of", "the", "and"} for t in tokens):
        return NO, label
    return (strong if text not in person_words else NO), label


def find_toponyms(
    parse: Parse,
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
    outlets: list[Span] | None = None,
    home: str | None = None,
) -> list[Toponym]:
    """Every gazetteer name in the text, longest first, with its admin word or direction.

    Names inside outlet names ("West Africa Monitor") are skipped; a dateline's town is
    taken as it stands; small towns stay only where :func:`keep_small_towns` finds them
    used as places.
    """
    gazetteer = gazetteer or load_gazetteer()
    lexicon = lexicon or load_lexicon()
    context = load_context()
    entities = _entity_map(parse)
    person_words = _person_words(parse, lexicon)
    surnames = _surnames(parse)
    outlets = outlets or []
    tokens = parse.tokens
    found: list[Toponym] = []
    listed = coordinated_divisions(parse, gazetteer)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not _capitalised(token) or token.pos == "SPACE" or inside_outlet((token.start, token.end), outlets):
            i += 1
            continue
        match = listed.get(i) or _dateline_toponym(parse, i, gazetteer)
        for last in range(min(len(tokens), i + MAX_NAME_TOKENS), i, -1):
            if match is not None:
                break
            if tokens[last - 1].pos in {"PUNCT", "SPACE"} and tokens[last - 1].text not in {"."}:
                continue
            if any(tokens[k].sent != token.sent for k in range(i, last)):
                continue
            if inside_outlet((token.start, tokens[last - 1].end), outlets):
                continue
            text = parse.text[token.start : tokens[last - 1].end]
            entries = gazetteer.lookup(text)
            if not entries:
                continue
            verdict, label = _acceptable(
                parse, i, last, entries, entities, person_words, lexicon, context, gazetteer, surnames
            )
            if verdict != NO:
                match = Toponym(
                    span=(token.start, tokens[last - 1].end),
                    name=text,
                    first=i,
                    last=last,
                    label=label,
                    candidates=entries,
                    weak=verdict == WEAK,
                )
        if match is None:
            match = _variant_toponym(parse, i, entities, gazetteer)
        if match is None:
            i += 1
            continue
        _read_surroundings(parse, match, context)
        found.append(match)
        i = match.last
    return keep_small_towns(found, parse, lexicon, context, home)


def _variant_toponym(parse: Parse, i: int, entities: list[int], gazetteer: Gazetteer) -> Toponym | None:
    """A place entity the gazetteer lacks that is a transliteration variant of a town it has ("Khan Younes").

    Taken as a small town: kept only where it is used as a place in a country the text names.
    """
    owner = entities[i]
    if owner < 0:
        return None
    entity = parse.entities[owner]
    if entity.label not in PLACE_LABELS or entity.first != i or entity.last - entity.first > 3:
        return None
    text = parse.text[parse.tokens[i].start : entity.end]
    if gazetteer.knows(text):
        return None
    variants = [e for e in transliteration_variants(gazetteer, text) if e.feature in LOCAL_FEATURES]
    if not variants:
        return None
    return Toponym(
        span=(parse.tokens[i].start, entity.end),
        name=text,
        first=i,
        last=entity.last,
        label=entity.label,
        candidates=variants,
        weak=True,
        variant=True,
    )


def _dateline_toponym(parse: Parse, i: int, gazetteer: Gazetteer) -> Toponym | None:
    """The dateline's town ("DJIBO") or country, when token i starts it."""
    dateline = parse.dateline
    if dateline is None:
        return None
    for part in (dateline.place, dateline.country):
        if part is None or parse.tokens[i].start != part[0]:
            continue
        inside = parse.tokens_in(*part)
        if not inside and (token := parse.token_at(part[0])) is not None:
            inside = [token]  # "KY" in the one token "KY--(Marketwire"
        entries = gazetteer.lookup(parse.text[part[0] : part[1]])
        if entries and inside:
            return Toponym(
                span=part,
                name=parse.text[part[0] : part[1]],
                first=inside[0].i,
                last=inside[-1].i + 1,
                label="GPE",
                candidates=entries,
                dateline=True,
            )
    return None


def _locative_use(parse: Parse, toponym: Toponym, context: Context) -> bool:
    """ "in Dori", "near Djibo", "between Dori and Kaya", "south of Djibo", "the town of Dori", "Djibo, a town",
    "left Djibo"."""
    if toponym.dateline or toponym.city_word or toponym.direction:
        return True
    if _modifies_organisation(parse, toponym.first, toponym.last, context):
        return True  # "Monroe Mayor Robert Routson", "Chiefland Police Chief"
    head, governor = _role(parse, toponym.first, toponym.last)
    if head.dep == "pobj":
        if governor.lower in context.locative_prepositions or governor.lower == "between":
            return True
        over = parse.tokens[governor.head]
        return governor.lower == "of" and (
            over.lower in context.directions or over.lower in context.place_nouns or over.lower in context.city_words
        )
    if head.dep == "dobj" and governor.lemma in context.place_object_verbs:
        return True  # "left Djibo at dawn", "captured Kidal"
    if head.dep == "appos" or (toponym.last < len(parse.tokens) and parse.tokens[toponym.last].text == ","):
        return any(t.lower in context.city_words for t in parse.tokens[toponym.last : toponym.last + 4])
    return False


def keep_small_towns(
    toponyms: list[Toponym], parse: Parse, lexicon: Lexicon, context: Context, home: str | None = None
) -> list[Toponym]:
    """Keep a small town's name only where the text uses it as a place, in a country the text names.

    The small model reads unfamiliar towns as people or organisations; a town is taken
    when one of its mentions is locative ("in Dori", "the town of Dori"; also one the NER
    took as a place), and one of its gazetteer senses lies in a country the document names
    (when it names none, a name found in one country only will do). Its other mentions follow ("... from Hounslow. The Hounslow resident ...").
    """
    countries = document_countries([t for t in toponyms if not t.weak], parse, lexicon, home)
    used_as_place = {name_key(t.name) for t in toponyms if _locative_use(parse, t, context)}
    kept = []
    for toponym in toponyms:
        if toponym.weak:
            if name_key(toponym.name) not in used_as_place:
                continue
            local = [c for c in toponym.candidates if c.feature in LOCAL_FEATURES and countries.get(c.country)]
            if not countries and not local:
                local = _in_one_country([c for c in toponym.candidates if c.feature in LOCAL_FEATURES])
            if not local:
                continue
            toponym.candidates = local
        kept.append(toponym)
    return kept


def _in_one_country(candidates: list[GeoEntry]) -> list[GeoEntry]:
    """The candidates when they all lie in one country ("Bicester"), else none."""
    return candidates if len({c.country for c in candidates}) == 1 else []


def _read_surroundings(parse: Parse, toponym: Toponym, context: Context) -> None:
    """Admin word, direction and "city of" around a toponym; widen its span over an admin word."""
    tokens = parse.tokens
    after = tokens[toponym.last] if toponym.last < len(tokens) else None
    if after is not None and after.lower in context.admin_words and after.sent == tokens[toponym.first].sent:
        toponym.admin = True
        toponym.span = (toponym.span[0], after.end)
    before = tokens[toponym.first - 1] if toponym.first > 0 else None
    before2 = tokens[toponym.first - 2] if toponym.first > 1 else None
    if before is not None and before.lower == "of" and before2 is not None:
        before3 = tokens[toponym.first - 3] if toponym.first > 2 else None
        determined = before3 is None or before3.lower in {"the", "a", "this", "that"} or before3.pos == "PUNCT"
        if before2.lower in context.admin_words and determined:  # "the province of X", not "border territory of X"
            toponym.admin = True
        elif before2.lower in context.city_words:
            toponym.city_word = True
    if (
        before is not None
        and before.lower in context.directions
        and before.sent == tokens[toponym.first].sent
        and before.text[:1].islower()
    ):
        toponym.direction = before.text


# ---------------------------------------------------------------- grouping


def _head(parse: Parse, first: int, last: int) -> Token:
    """The token of [first, last) whose head lies outside the span."""
    for k in range(last - 1, first - 1, -1):
        head = parse.tokens[k].head
        if head < first or head >= last or head == k:
            return parse.tokens[k]
    return parse.tokens[last - 1]


def _role(parse: Parse, first: int, last: int) -> tuple[Token, Token]:
    """The mention's head and its governor, seen through coordination ("London and Amsterdam")."""
    head = _head(parse, first, last)
    while head.dep == "conj" and head.head != head.i:
        head = parse.tokens[head.head]
    return head, parse.tokens[head.head]


def is_locative(parse: Parse, toponym: Toponym, context: Context | None = None) -> bool:
    """Whether a mention names the place as a location ("in Russia", "Russia's Kursk region")."""
    context = context or load_context()
    if toponym.direction or toponym.dateline or toponym.container:
        return True
    head, governor = _role(parse, toponym.first, toponym.last)
    if head.dep == "pobj" and governor.lower in context.locative_prepositions:
        return True
    if (
        head.dep == "pobj"
        and governor.lower in context.list_words
        and parse.tokens[governor.head].lower in context.list_nouns
    ):
        return True  # "countries including Chile, Peru and Bolivia"
    possessive = toponym.last < len(parse.tokens) and parse.tokens[toponym.last].tag == "POS"
    if head.dep == "poss" or possessive:
        return governor.lower in context.place_nouns or governor.ent_type in PLACE_LABELS
    if head.dep in {"appos", "npadvmod"} and (governor.ent_type in PLACE_LABELS or governor.lemma == "base"):
        return True
    if head.dep == "compound" and governor.lower in context.place_nouns:
        return True
    return head.dep == "ROOT" or head.i == head.head


def is_metonymic(parse: Parse, toponym: Toponym, context: Context | None = None) -> bool:
    """Whether a mention stands for the people who govern the place ("Moscow said", "supplied Moscow")."""
    context = context or load_context()
    if is_locative(parse, toponym, context):
        return False
    head, governor = _role(parse, toponym.first, toponym.last)
    if head.dep == "poss":
        return True
    return head.dep in context.metonymic_roles and governor.lemma not in context.literal_verbs


def _display_name(toponym: Toponym, entry: GeoEntry) -> str:
    return f"{toponym.direction} {entry.name}" if toponym.direction else entry.name


def group_places(toponyms: list[Toponym], parse: Parse, lexicon: Lexicon | None = None) -> list[PlaceFinding]:
    """One finding per resolved entry (and per "eastern X" region of a country), literal uses only.

    A direction within a state or province ("eastern Kentucky") is that division: a region
    without a point would add nothing the division does not say.
    """
    lexicon = lexicon or load_lexicon()
    context = load_context()
    by_entry: dict[int, list[Toponym]] = {}
    for toponym in toponyms:
        if toponym.entry is not None:
            by_entry.setdefault(toponym.entry.key, []).append(toponym)
    findings: list[PlaceFinding] = []
    regions: dict[tuple[str, int], PlaceFinding] = {}
    for group in by_entry.values():
        entry = group[0].entry
        assert entry is not None
        literal = [t for t in group if not _stands_for_state(parse, t, entry, lexicon, context)]
        if entry.feature == "country" and not any(is_locative(parse, t, context) for t in group):
            literal = []
        for toponym in literal:
            if toponym.direction and entry.feature == "country":  # "eastern Kentucky" is Kentucky
                key = (toponym.direction.lower(), entry.key)
                region = regions.get(key)
                direction_span = (parse.tokens[toponym.first - 1].start, toponym.span[1])
                if region is None:
                    region = regions[key] = PlaceFinding(
                        name=_display_name(toponym, entry),
                        feature="region",
                        country=entry.country,
                        lat=None,
                        lon=None,
                        geonames_id=None,
                        mentions=[],
                    )
                    findings.append(region)
                region.mentions.append(direction_span)
        if literal:
            mentions = [t.span for t in (group if entry.feature == "country" else literal)]
            findings.append(
                PlaceFinding(
                    name=entry.name,
                    feature=entry.feature,
                    country=entry.country,
                    lat=entry.lat,
                    lon=entry.lon,
                    geonames_id=entry.geonames_id,
                    mentions=sorted(set(mentions)),
                    key=entry.key,
                )
            )
    return findings


def _stands_for_state(parse: Parse, toponym: Toponym, entry: GeoEntry, lexicon: Lexicon, context: Context) -> bool:
    """A capital used for its government ("Pyongyang has supplied Moscow")."""
    if entry.feature != "city" or lexicon.capitals.get(toponym.name) != entry.country:
        return False
    return is_metonymic(parse, toponym, context)


# ---------------------------------------------------------------- writing


def organisation_names(parse: Parse, gazetteer: Gazetteer | None = None) -> list[Span]:
    """ "Centre for Sahel Security Studies", "Collective of Soum Associations": names whose place words are not places.

    "University of Oxford" or "Bank of England", where a place alone follows, stay places.
    """
    gazetteer = gazetteer or load_gazetteer()
    heads = load_context().organisation_heads
    tokens = parse.tokens
    found = []
    for i, token in enumerate(tokens[:-2]):
        if token.text not in heads or tokens[i + 1].lower not in {"for", "of", "on"}:
            continue
        last = i + 2
        while (
            last < len(tokens)
            and tokens[last].sent == token.sent
            and (tokens[last].text[:1].isupper() or tokens[last].lower in {"and", "the", "of", "for"})
        ):
            last += 1
        while last > i + 2 and not tokens[last - 1].text[:1].isupper():
            last -= 1
        rest = parse.text[tokens[i + 2].start : tokens[last - 1].end] if last > i + 2 else ""
        if rest and not gazetteer.knows(rest) and not gazetteer.knows(rest.removeprefix("the ")):
            found.append((token.start, tokens[last - 1].end))
    return found


def unlisted_features(
    parse: Parse, toponyms: list[Toponym], skipped: list[Span], gazetteer: Gazetteer | None = None
) -> list[PlaceFinding]:
    """Rivers, lakes, valleys and forests the gazetteer lacks ("the Sirba River"): places without a point.

    A later "along the Sirba" after a locative preposition is the same place.
    """
    gazetteer = gazetteer or load_gazetteer()
    context = load_context()
    taken = [t.span for t in toponyms] + skipped
    found: dict[str, PlaceFinding] = {}
    bases: dict[str, PlaceFinding] = {}
    for entity in parse.entities:
        if entity.label not in PLACE_LABELS:
            continue
        first = entity.first + (parse.tokens[entity.first].lower == "the")
        words = [t.text for t in parse.tokens[first : entity.last]]
        if len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        feature = context.feature_words.get(words[-1])
        span = (parse.tokens[first].start, entity.end)
        name = parse.text[span[0] : span[1]]
        if feature is None or gazetteer.knows(name) or inside_outlet(span, taken):
            continue
        finding = found.setdefault(
            name,
            PlaceFinding(name=name, feature=feature, country=None, lat=None, lon=None, geonames_id=None, mentions=[]),
        )
        finding.mentions.append(span)
        bases[name_key(" ".join(words[:-1]))] = finding
    for token in parse.tokens:
        base = bases.get(name_key(token.text))
        if base is None or any(m[0] <= token.start < m[1] for m in base.mentions) or token.ent_type == "ORG":
            continue
        toponym = Toponym(span=(token.start, token.end), name=token.text, first=token.i, last=token.i + 1)
        head, governor = _role(parse, token.i, token.i + 1)
        if (
            head.dep == "pobj"
            and governor.lower in context.locative_prepositions
            and not inside_outlet(toponym.span, taken)
            and token.i > 0
            and parse.tokens[token.i - 1].lower == "the"
        ):
            base.mentions.append(toponym.span)
    return [f for f in found.values() if f.mentions]


def find_places(parse: Parse, source: str | None = None) -> tuple[list[Toponym], list[PlaceFinding]]:
    """Toponyms with their gazetteer entries, and the places they make (``source``: the document's outlet)."""
    skipped = sorted(find_outlets(parse, source, not_an_outlet) + organisation_names(parse))
    home = outlet_country(source)
    toponyms = resolve_toponyms(find_toponyms(parse, outlets=skipped, home=home), parse, home=home)
    findings = group_places(toponyms, parse) + unlisted_features(parse, toponyms, skipped)
    repeated_mentions(parse, findings, toponyms, skipped, load_lexicon())
    return toponyms, findings


def run(analysis: Analysis) -> None:
    """Append the document's places; keep the resolved toponyms for the actors layer; note the dateline's place."""
    toponyms, findings = find_places(analysis.parse, analysis.document.source)
    analysis.toponyms = toponyms
    dateline_keys = [t.entry.key for t in toponyms if t.dateline and t.entry is not None]
    for finding in findings:
        place = Place(
            id=analysis.extraction.next_id("places"),
            name=finding.name,
            feature=finding.feature,
            country=finding.country,
            lat=finding.lat,
            lon=finding.lon,
            geonames_id=finding.geonames_id,
            mentions=list(finding.mentions),
        )
        analysis.extraction.places.append(place)
        if dateline_keys and finding.key == dateline_keys[0]:
            analysis.dateline_place = place.id
