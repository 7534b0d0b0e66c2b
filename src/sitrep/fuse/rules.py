"""The fusion rules, loaded once from ``resources/fusion.json`` (see docs/fusion.md)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep import resources
from sitrep.errors import ResourceError
from sitrep.keys import EntityRules, SketchRules, SyndicationRules, entity_rules, syndication_rules

RULES_FILE = "fusion.json"


@dataclass(frozen=True)
class ClaimRules(SketchRules):
    min_tokens: int


@dataclass(frozen=True)
class EventRules:
    type_family: dict[str, str]  # PLOVER type -> family shared by compatible types
    symmetric_types: frozenset[str]
    moving_types: frozenset[str]
    status_type: dict[str, str]
    status_group: dict[str, str]
    prospective_horizon: int
    granularity_tolerance: dict[str, int]
    type_tolerance: dict[str, int]
    published_lookback: int
    place_radius_km: dict[str, float]
    text_overlap: float
    weights: dict[str, int]
    min_score: int
    stopwords: frozenset[str]
    follow_up_sentences: int = 1  # a bare report at most this many sentences after another of its article adds to it


@dataclass(frozen=True)
class FigureRules:
    exact_tolerance: float
    approx_tolerance: float
    cumulative_categories: frozenset[str]
    stock_window: int
    uncompared_categories: frozenset[str]
    increment_words: frozenset[str]
    number_words: frozenset[str]
    current_window: int
    noun_classes: dict[str, str]  # counted noun -> the class compared across reports ("troops" -> "forces")


@dataclass(frozen=True)
class FusionRules:
    syndication: SyndicationRules
    claims: ClaimRules
    entities: EntityRules
    events: EventRules
    figures: FigureRules
    recent_days: int
    stopwords: frozenset[str]


def _sketch(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: raw[k] for k in ("num_perm", "seed", "bands", "rows", "jaccard", "containment")}


def _parse(raw: dict[str, Any]) -> FusionRules:
    syn, cl, ent, ev, fig = raw["syndication"], raw["claims"], raw["entities"], raw["events"], raw["figures"]
    if cl["bands"] * cl["rows"] > cl["num_perm"]:
        raise ResourceError(f"{RULES_FILE}: claims bands x rows exceeds num_perm")
    family = {t: group[0] for group in ev["type_families"] for t in group}
    return FusionRules(
        syndication=syndication_rules(syn),
        claims=ClaimRules(**_sketch(cl), min_tokens=cl["min_tokens"]),
        entities=entity_rules(ent),
        events=EventRules(
            type_family=family,
            symmetric_types=frozenset(ev["symmetric_types"]),
            moving_types=frozenset(ev["moving_types"]),
            status_type=dict(ev["status_types"]),
            status_group=dict(ev["status_groups"]),
            prospective_horizon=ev["prospective_horizon_days"],
            granularity_tolerance=dict(ev["granularity_tolerance_days"]),
            type_tolerance=dict(ev["type_tolerance_days"]),
            published_lookback=ev["published_lookback_days"],
            place_radius_km=dict(ev["place_radius_km"]),
            text_overlap=ev["text_overlap"],
            weights=dict(ev["weights"]),
            min_score=ev["min_score"],
            follow_up_sentences=ev.get("follow_up_sentences", 1),
            stopwords=frozenset(raw["stopwords"]),
        ),
        figures=FigureRules(
            exact_tolerance=fig["exact_tolerance"],
            approx_tolerance=fig["approx_tolerance"],
            cumulative_categories=frozenset(fig["cumulative_categories"]),
            stock_window=fig["stock_window_days"],
            uncompared_categories=frozenset(fig["uncompared_categories"]),
            increment_words=frozenset(fig["increment_words"]),
            number_words=frozenset(fig["number_words"]),
            current_window=fig["current_window_days"],
            noun_classes={noun: name for name, nouns in fig["noun_classes"].items() for noun in nouns},
        ),
        recent_days=raw["picture"]["recent_days"],
        stopwords=frozenset(raw["stopwords"]),
    )


@lru_cache(maxsize=1)
def load_rules() -> FusionRules:
    """The bundled fusion rules."""
    data = resources.json_object(RULES_FILE)
    with resources.reading(RULES_FILE):
        return _parse(data)
