"""ACLED's codes for a row: disorder type, inter codes and interaction, civilian targeting, ISO number, region.

All the tables are in ``resources/plover_acled.json`` (documented in docs/acled.md).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitrep.export.acled_report import load_mapping


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ "Political violence", "Demonstrations", both, or "Strategic developments"."""
    table = load_mapping()["disorder_types"]
    return table["by_sub_event_type"].get(sub_event_type) or table["by_event_type"].get(event_type, "")


def inter_code(actor: dict[str, Any] | None, side: str, event_type: str, event_country: str | None) -> int | None:
    """ACLED's inter code of actor1 (``side`` "source") or actor2 ("target"); an unnamed actor2 is civilians."""
    table = load_mapping()["inter"]
    if event_type in ("Protests", "Riots") and side == "source":
        return table["rioters"] if event_type == "Riots" else table["protesters"]
    if actor is None:
        if side == "source":
            return table["unknown_perpetrator"]
        return int(table["unknown_victims"])
    kind = actor.get("type") or "other"
    if kind in table["state_types"] and event_country and actor.get("country") and actor["country"] != event_country:
        return int(table["foreign_state_code"])
    return int(table[side].get(kind, table[side]["other"]))


def interaction(inter1: int | None, inter2: int | None) -> str:
    """The two inter codes, lower first ("17"); a sole actor's code followed by 0 ("60")."""
    if inter1 is None:
        return ""
    if inter2 is None:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def civilian_targeting(event_type: str, inter2: int | None) -> str:
    """ACLED's "Civilian targeting" when civilians are the target of violence, else empty."""
    rule = load_mapping()["civilian_targeting"]
    return rule["label"] if inter2 == rule["inter"] and event_type in rule["event_types"] else ""


def iso_number(iso3: str | None) -> str:
    """ISO 3166-1 numeric code (ACLED's ``iso``), without leading zeros; empty when unknown."""
    if not iso3:
        return ""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return str(int(country.numeric)) if country is not None else ""


@lru_cache(maxsize=1)
def _region_of() -> dict[str, str]:
    return {iso3: region for region, codes in load_mapping()["regions"].items() for iso3 in codes}


def region(iso3: str | None) -> str:
    """ACLED's region of a country ("Western Africa", "Middle East", ...)."""
    return _region_of().get(iso3 or "", "")
