"""The outlet's home country, read from the document's source when it is a web domain.

"cambridge-news.co.uk" is a British outlet and "lfpress.ca" a Canadian one: their
local news names towns without the country, and the home country is a prior for the
namesakes ("Cambridge", "London"). A ".com" domain, a country-code domain commonly used
for other things (".tv", ".io": ``generic_tlds`` in gazetteer_context.json) or a source
that is not a domain ("Reuters") gives none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep import resources
from sitrep.geo.gazetteer import Gazetteer, load_gazetteer

DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/:].*)?$")
ISO2_EXCEPTIONS = {"uk": "GB"}
CONTEXT_FILE = "gazetteer_context.json"


@lru_cache(maxsize=1)
def _generic_tlds() -> frozenset[str]:
    return frozenset(resources.json_object(CONTEXT_FILE).get("generic_tlds", []))


@lru_cache(maxsize=1)
def _iso3_of_iso2() -> dict[str, str]:
    """ISO2 -> ISO3, from the gazetteer's divisions ("GB.ENG" belongs to GBR)."""
    gazetteer: Gazetteer = load_gazetteer()
    out: dict[str, str] = {}
    for division in gazetteer.divisions():
        if division.admin1 and division.country:
            out.setdefault(division.admin1.split(".")[0], division.country)
    return out


def outlet_country(source: str | None) -> str | None:
    """ISO3 of the country whose code ends the source's domain, or None."""
    if not source:
        return None
    match = DOMAIN.match(source.strip().lower())
    if match is None:
        return None
    labels = match.group(1).split(".")
    tld = labels[-1]
    if len(tld) != 2 or tld in _generic_tlds():
        return None
    return _iso3_of_iso2().get(ISO2_EXCEPTIONS.get(tld, tld.upper()))
