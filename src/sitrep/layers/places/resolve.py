"""Resolving toponyms: one gazetteer entry per name, read in the document's context.

A first reading scores each candidate by a feature prior, its population, the countries
and divisions the document names without doubt, capital status and whether the name is
its main name; "X, Y" pairs keep only the X inside Y, and "Kursk region" is the division.
A second reading (:func:`_resolve_in_context`) scores every name again near the points of
the document's other places (local news clusters) and inside the divisions they lie in.
One sense per name and document, except where a container placed a mention explicitly
("Tripoli, Libya").
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.geo.gazetteer import Gazetteer, GeoEntry, load_gazetteer, name_key
from sitrep.geo.lexicon import Lexicon, load_lexicon
from sitrep.layers.places.hints import embedded_divisions
from sitrep.layers.places.toponym import LOCAL_FEATURES, Toponym
from sitrep.nlp import Parse

VARIANT_MAX_KM = 300.0
WIDE_AREA_POPULATION = 10_000_000  # seas and regions have no population: "the Atlantic" outranks Atlantic, Iowa
PROXIMITY_BONUS = ((60.0, 4.0), (200.0, 3.0), (500.0, 1.5))
FEATURE_PRIOR = {"country": 5.0, "admin1": 3.0, "water": 5.0, "region": 5.0, "city": 0.0, "admin2": 1.0, "other": 0.0}
AMBIGUOUS_WEIGHT = 0.5  # a neighbour that could be elsewhere is weaker evidence
SMALL_COUNTRY_POPULATION = 15_000_000  # a small country's point says where the text is ("Israel", "Lebanon")
NAMESAKE_KM = 150.0  # a candidate farther than this from the chosen one is another place
TOSS_UP_MARGIN = 0.5  # the chosen sense must beat every far namesake by this much ...
UNSUPPORTED_MARGIN = 1.0  # ... or by this much when no other place of the text lies near it

STRAY_POPULATION = 100_000
DIVISION_NAMESAKE_BONUS = 1.0
BARE_ADMIN2_POPULATION = 300_000
ADMIN2_NAME_WORDS = (" County", " Parish", " District", " Borough", " Raion", " Rayon")
HOME_VOTES = 2  # the outlet's home country weighs like a country the text names
Point = tuple[float, float]  # (lat, lon)


def document_countries(toponyms: list[Toponym], parse: Parse, lexicon: Lexicon, home: str | None = None) -> Counter:
    """ISO3 codes the document names without doubt: countries and demonyms (and the outlet's ``home`` country)."""
    counts: Counter = Counter()
    if home:
        counts[home] += HOME_VOTES
    for toponym in toponyms:
        top = toponym.candidates[0] if toponym.candidates else None
        if top is not None and top.feature == "country" and not any(c.feature == "admin1" for c in toponym.candidates):
            counts[top.country] += 2
        elif len({c.country for c in toponym.candidates}) == 1 and toponym.candidates[0].country:
            if home and _small_abroad(toponym.candidates, home):
                continue  # a British outlet's "Chesterton" the gazetteer knows only in Indiana
            counts[toponym.candidates[0].country] += 1
    for token in parse.tokens:
        iso3 = lexicon.demonyms.get(token.text)
        if iso3 and token.text[:1].isupper():
            counts[iso3] += 1
    return counts


def _small_abroad(candidates: list[GeoEntry], home: str) -> bool:
    """Every candidate a town or county of under 100,000 outside the outlet's home country."""
    return all(
        c.feature in LOCAL_FEATURES and c.country != home and c.population < STRAY_POPULATION for c in candidates
    )


def _home_filter(toponym: Toponym, candidates: list[GeoEntry], countries: Counter, home: str | None) -> list[GeoEntry]:
    """Without small towns abroad in countries the text does not name: for a local outlet they are gaps at home."""
    if not home or toponym.dateline:
        return candidates
    return [c for c in candidates if not (_small_abroad([c], home) and not countries.get(c.country))]


def _pairs(toponyms: list[Toponym], parse: Parse) -> dict[int, Toponym]:
    """ "Lebanon, Pa." and "Kyiv, Ukraine": the toponym that contains the one before it."""
    pairs = {}
    for left, right in itertools.pairwise(toponyms):
        between = parse.text[left.span[1] : right.span[0]]
        if between.strip() == "," or between.strip() == "(":
            pairs[id(left)] = right
    return pairs


def _contains(outer: GeoEntry, inner: GeoEntry) -> bool:
    if outer.feature == "country":
        return inner.country == outer.country and inner is not outer
    if outer.feature == "admin1":
        return inner.admin1 == outer.admin1 and inner.feature != "admin1"
    return False


@dataclass
class DocumentContext:
    """Where the document is: countries and divisions it names, and the points of its other places."""

    countries: Counter
    divisions: dict[str, float]  # admin1 code -> votes; a place's own division gets half a vote
    points: list[tuple[str, Point, float]] = field(default_factory=list)  # (name key, point, weight)

    def nearest_km(self, entry: GeoEntry, own_key: str) -> float | None:
        """Distance to the closest point of another name in the document."""
        point = entry.point
        if point is None:
            return None
        found = [_km(point, other) for key, other, _ in self.points if key != own_key]
        return min(found) if found else None

    def proximity(self, entry: GeoEntry, own_key: str) -> float:
        """The bonus for lying near another place; a place the text leaves no doubt about counts in full."""
        point = entry.point
        if point is None:
            return 0.0
        return max(
            (weight * _proximity_bonus(_km(point, other)) for key, other, weight in self.points if key != own_key),
            default=0.0,
        )


def _km(a: Point, b: Point) -> float:
    """Great-circle distance between two points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _proximity_bonus(km: float | None) -> float:
    """Near another place of the document: the nearer, the likelier (local news clusters)."""
    if km is None:
        return 0.0
    for limit, bonus in PROXIMITY_BONUS:
        if km <= limit:
            return bonus
    return 0.0


def _score(
    entry: GeoEntry,
    toponym: Toponym,
    countries: Counter,
    divisions: Mapping[str, float],
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    main_name_elsewhere: bool,
    context: DocumentContext | None = None,
) -> float:
    population = entry.population or (WIDE_AREA_POPULATION if entry.feature in {"water", "region"} else 0)
    if entry.feature == "admin2" and not entry.name.endswith(ADMIN2_NAME_WORDS):
        population = min(population, BARE_ADMIN2_POPULATION)  # summed from towns: "Cambridge" (WA) holds Perth
    score = FEATURE_PRIOR.get(entry.feature, 0.0) + math.log10(population + 10)
    if countries.get(entry.country):
        score += 1.5 + min(1.5, 0.5 * countries[entry.country])
    votes = divisions.get(entry.admin1, 0.0) if entry.admin1 is not None else 0.0  # for the place's division
    if entry.feature in LOCAL_FEATURES and votes:
        score += 4.0
    elif entry.feature == "admin1" and votes >= 1:
        score += 3.0  # "Georgia" among Atlanta, Savannah and Macon is the state
    if context is not None:
        score += context.proximity(entry, name_key(toponym.name))
    if entry.feature == "city" and lexicon.capitals.get(entry.name) == entry.country:
        score += 2.5
    if entry.feature == "city" and _names_its_division(entry, toponym, gazetteer):
        score += DIVISION_NAMESAKE_BONUS  # Geneva in the canton of Geneva, Kursk in Kursk Oblast
    if not gazetteer.is_main_name(entry, toponym.name):
        score -= 2.0 if main_name_elsewhere else 1.0
    return score


def _one_division(toponym: Toponym) -> bool:
    """A name whose only sense is one first-level division ("Wash.", "Tenn.", "Kursk Oblast")."""
    return bool(toponym.candidates) and all(
        c.feature == "admin1" and c.key == toponym.candidates[0].key for c in toponym.candidates
    )


def _names_its_division(entry: GeoEntry, toponym: Toponym, gazetteer: Gazetteer) -> bool:
    """The city lies in a first-level division of its own name: the division's main city."""
    division = gazetteer.division(entry.admin1)
    return division is not None and gazetteer.is_main_name(division, toponym.name)


def _admin_filter(toponym: Toponym, candidates: list[GeoEntry], explicit_divisions: set[int]) -> list[GeoEntry]:
    """ "Kursk region" is the division; bare "Kursk" the city, unless the text named the region."""
    divisions = [c for c in candidates if c.feature == "admin1"]
    if toponym.admin:
        return divisions or candidates
    cities = [c for c in candidates if c.feature == "city"]
    if toponym.city_word and cities:
        return cities  # "the northern city of Gao"
    named = [c for c in divisions if c.key in explicit_divisions]
    if named and not toponym.city_word:
        return named
    kept = [c for c in candidates if not (c.feature == "admin1" and _shadowed_by_city(c, cities))]
    return kept or candidates


def _shadowed_by_city(division: GeoEntry, cities: list[GeoEntry]) -> bool:
    """A division named after its main city ("Kursk"): the bare name means the city."""
    return any(
        c.country == division.country
        and (
            c.population >= 300_000  # "Kyiv" beside Kyiv Oblast
            or c.population >= division.population  # a town bigger than the whole division
            or (c.admin1 == division.admin1 and c.population >= 0.1 * division.population)  # "Kursk"
        )
        for c in cities
    )


def resolve_toponyms(
    toponyms: list[Toponym],
    parse: Parse,
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
    home: str | None = None,
) -> list[Toponym]:
    """Set ``entry`` on every toponym; one sense per name within the document (``home``: the outlet's country)."""
    gazetteer = gazetteer or load_gazetteer()
    lexicon = lexicon or load_lexicon()
    countries = document_countries(toponyms, parse, lexicon, home)
    pairs = _pairs(toponyms, parse)
    explicit = {c.key for t in toponyms if t.admin for c in t.candidates if c.feature == "admin1"}
    explicit |= {t.candidates[0].key for t in toponyms if _one_division(t)}  # "Wash.", "Ga.": the state itself
    divisions: Counter = Counter()
    for toponym in toponyms:
        admins = [c for c in toponym.candidates if c.feature == "admin1"]
        if admins and (toponym.admin or len({c.admin1 for c in toponym.candidates}) == 1):
            divisions[admins[0].admin1] += 1
    divisions.update(embedded_divisions(parse, toponyms, gazetteer, countries))
    candidates_of = {}
    placed: set[int] = set()
    for toponym in toponyms:
        candidates = _admin_filter(toponym, toponym.candidates, explicit)
        candidates = _home_filter(toponym, candidates, countries, home)
        if not candidates:
            continue
        if toponym.admin and not any(c.feature == "admin1" for c in candidates):
            # "Soum province" is a division the gazetteer lacks, not a town of that name abroad
            own = 1 if len({c.country for c in toponym.candidates}) == 1 else 0  # its own vote
            candidates = [c for c in candidates if countries.get(c.country, 0) > own]
            if not candidates:
                continue
        container = pairs.get(id(toponym))
        if container is not None:
            inside = [c for c in candidates if any(_contains(o, c) for o in container.candidates)]
            candidates = inside or candidates
            container.container = bool(inside)
            if inside:
                placed.add(id(toponym))
                holders = [o for o in container.candidates if any(_contains(o, c) for c in inside)]
                container.candidates = holders  # "Spokane, Washington": the state, not the capital
        candidates_of[id(toponym)] = candidates
        main_elsewhere = any(gazetteer.is_main_name(c, toponym.name) for c in candidates)
        toponym.entry = max(
            candidates, key=lambda e: _score(e, toponym, countries, divisions, gazetteer, lexicon, main_elsewhere)
        )
    _one_sense_per_name(toponyms, placed)
    _resolve_in_context(toponyms, candidates_of, countries, divisions, gazetteer, lexicon)
    _one_sense_per_name(toponyms, placed)
    _drop_toss_ups(
        toponyms,
        candidates_of,
        placed,
        countries,
        _document_context(toponyms, countries, divisions),
        gazetteer,
        lexicon,
    )
    return toponyms


def _document_context(toponyms: list[Toponym], countries: Counter, divisions: Counter) -> DocumentContext:
    """The first reading's places as context: their countries, their divisions, their points."""
    context = DocumentContext(countries=Counter(countries), divisions=dict(divisions))
    seen = set()
    for toponym in toponyms:
        entry = toponym.entry
        key = name_key(toponym.name)
        if entry is None or key in seen:
            continue
        seen.add(key)
        if entry.feature in LOCAL_FEATURES | {"admin1"} and entry.admin1:
            context.divisions[entry.admin1] = context.divisions.get(entry.admin1, 0.0) + 0.5
        small_country = entry.feature == "country" and entry.population < SMALL_COUNTRY_POPULATION
        point = entry.point
        if point is not None and (entry.feature in LOCAL_FEATURES | {"admin1"} or small_country):
            sure = toponym.dateline or (not toponym.weak and len({c.admin1 for c in toponym.candidates}) == 1)
            context.points.append((key, point, 1.0 if sure else AMBIGUOUS_WEIGHT))
    return context


def _resolve_in_context(
    toponyms: list[Toponym],
    candidates_of: dict[int, list[GeoEntry]],
    countries: Counter,
    divisions: Counter,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
) -> None:
    """A second reading: each name again, now near the document's other places and in their divisions."""
    context = _document_context(toponyms, countries, divisions)
    for toponym in toponyms:
        if toponym.variant and toponym.entry is not None:
            near = context.nearest_km(toponym.entry, name_key(toponym.name))
            if near is None or near > VARIANT_MAX_KM:
                toponym.entry = None  # a spelling variant must lie near the document's other places
                continue
        candidates = candidates_of.get(id(toponym))
        if not candidates or len(candidates) == 1 or toponym.container:
            continue
        own = _own_divisions(context, toponym.entry)  # a place is no evidence for its own division
        main_elsewhere = any(gazetteer.is_main_name(c, toponym.name) for c in candidates)
        toponym.entry = max(
            candidates, key=lambda e: _score(e, toponym, countries, own, gazetteer, lexicon, main_elsewhere, context)
        )


def _own_divisions(context: DocumentContext, entry: GeoEntry | None) -> dict[str, float]:
    """The document's divisions, less the half vote a place gives its own division."""
    own = context.divisions.copy()
    if entry is not None and entry.admin1:
        own[entry.admin1] = own.get(entry.admin1, 0.0) - 0.5
    return {k: v for k, v in own.items() if v > 0}


def toss_up_margin(
    toponym: Toponym,
    candidates: list[GeoEntry],
    countries: Counter,
    context: DocumentContext,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
) -> float | None:
    """How far the chosen sense outscores its best namesake elsewhere (None: no namesake far away)."""
    chosen = toponym.entry
    if chosen is None or (chosen_point := chosen.point) is None:
        return None
    rivals = [c for c in candidates if (point := c.point) is not None and _km(point, chosen_point) > NAMESAKE_KM]
    if not rivals:
        return None
    divisions = _own_divisions(context, chosen)
    main_elsewhere = any(gazetteer.is_main_name(c, toponym.name) for c in candidates)

    def score(entry: GeoEntry) -> float:
        return _score(entry, toponym, countries, divisions, gazetteer, lexicon, main_elsewhere, context)

    return score(chosen) - max(score(r) for r in rivals)


def _drop_toss_ups(
    toponyms: list[Toponym],
    candidates_of: dict[int, list[GeoEntry]],
    placed: set[int],
    countries: Counter,
    context: DocumentContext,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
) -> None:
    """A town or county the text does not place is left out when a namesake elsewhere is about as likely.

    ``context``: the document's places as finally read.
    Local news names "Columbus" or "Butler County" without the state; a point on the
    wrong namesake misleads more than no point. Datelines, "X, Y" pairs, admin words and
    national capitals are kept; a sense near another place of the text needs a smaller lead.
    """
    verdicts: dict[str, bool] = {}
    for toponym in toponyms:
        entry = toponym.entry
        if entry is None or entry.feature not in LOCAL_FEATURES or toponym.admin:
            continue
        key = name_key(toponym.name)
        if toponym.dateline or id(toponym) in placed or lexicon.capitals.get(entry.name) == entry.country:
            verdicts[key] = True
            continue
        if key in verdicts:
            continue
        margin = toss_up_margin(toponym, candidates_of.get(id(toponym), []), countries, context, gazetteer, lexicon)
        near = context.proximity(entry, key) > 0
        verdicts[key] = margin is None or margin >= (TOSS_UP_MARGIN if near else UNSUPPORTED_MARGIN)
    for toponym in toponyms:
        entry = toponym.entry
        if (
            entry is not None
            and entry.feature in LOCAL_FEATURES
            and not toponym.admin
            and not verdicts.get(name_key(toponym.name), True)
        ):
            toponym.entry = None


def _one_sense_per_name(toponyms: list[Toponym], explicit: set[int] | None = None) -> None:
    """A bare name keeps the sense it has where the text is explicit about it.

    ``explicit``: toponyms a container placed ("Tripoli, Libya"); they keep their own sense,
    and the first of them gives the name's sense to its bare mentions.
    """
    explicit = explicit or set()
    chosen: dict[str, GeoEntry] = {}
    for toponym in sorted(toponyms, key=lambda t: id(t) not in explicit):
        if toponym.entry is not None and not toponym.admin:
            chosen.setdefault(name_key(toponym.name), toponym.entry)
    for toponym in toponyms:
        if not toponym.admin and toponym.entry is not None and id(toponym) not in explicit:
            toponym.entry = chosen.get(name_key(toponym.name), toponym.entry)
