"""Measure the fusion layer: accuracy on the demo corpus, cost at scale on synthetic extractions.

usage:
  python benchmarks/bench_fusion.py [demo [--mode pipeline|oracle|both]]   (the default)
  python benchmarks/bench_fusion.py scale [--documents 100000] [--seed 1]

``demo`` fuses the 21 articles of demo/corpus and scores the picture against
demo/truth.json: pairwise precision/recall of syndication groups (document pairs) and
of event clusters (pairs of truth reports, a predicted member matching a truth report
when its span overlaps the report's sentence; recall over every truth pair, and over
the pairs of reports the extraction found at all), and the truth's contradiction pairs
found (expected true) or rightly left alone (expected false). ``--mode pipeline``
fuses what ``sitrep.pipeline.extract`` produces; ``--mode oracle`` fuses a perfect
per-article extraction built from the truth file (the truth's events, actors and
figures, with the pipeline's own times and places), which measures fusion alone.

``scale`` generates synthetic sitrep/1 extractions (``synthetic_extractions``: stories,
syndicated copies, events reported by several outlets, figure series, claims) and
reports the cost of ``Picture.add`` per document, the time of ``to_dict``, peak memory,
and the pairwise precision/recall of syndication and event clusters against the
generator's own truth.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.fuse import Picture, build_picture
from sitrep.fuse.text import fold

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
console = Console(width=200)


# ----------------------------------------------------------------------------------------
# scoring helpers
def pairs_of(groups: list[list[Any]]) -> set[frozenset[Any]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(sorted(set(g), key=str), 2)}


def precision_recall(predicted: set[frozenset[Any]], truth: set[frozenset[Any]]) -> tuple[float, float]:
    hit = len(predicted & truth)
    return (hit / len(predicted) if predicted else 1.0, hit / len(truth) if truth else 1.0)


# ----------------------------------------------------------------------------------------
# demo corpus
def read_corpus() -> dict[str, Any]:
    from sitrep.ingest import read_text_file

    return {path.name: read_text_file(path) for path in sorted((DEMO / "corpus").glob("*.txt"))}


def pipeline_extractions(articles: dict[str, Any]) -> dict[str, dict[str, Any]]:
    from sitrep.model import Document
    from sitrep.pipeline import extract

    out = {}
    for name, a in articles.items():
        document = Document(text=a.text, title=a.title, source=a.source, url=a.url, published=a.published)
        out[name] = extract(document).to_dict()
    return out


# Actor types and countries for the names truth.json uses (the oracle's "actors layer").
ORACLE_ACTORS: dict[str, tuple[str, str | None, str | None]] = {
    "Burkina Faso": ("state", "BFA", None),
    "Government of Burkina Faso": ("state", "BFA", None),
    "Governments of Niger and Burkina Faso": ("organization", None, None),
    "Burkina Faso armed forces": ("armed_forces", "BFA", "Burkina Faso"),
    "Burkina Faso army": ("armed_forces", "BFA", "Burkina Faso"),
    "Burkina Faso defence ministry": ("organization", "BFA", "Burkina Faso"),
    "Niger": ("state", "NER", None),
    "Niger armed forces": ("armed_forces", "NER", "Niger"),
    "Niger army": ("armed_forces", "NER", "Niger"),
    "Niger and Burkina Faso armed forces": ("armed_forces", None, None),
    "Mali": ("state", "MLI", None),
    "Malian defence official": ("person", "MLI", "Mali"),
    "Sirba Liberation Front": ("armed_group", None, None),
    "United Nations": ("organization", None, None),
    "European Union": ("organization", None, None),
    "Dori fuel depot": ("other", "BFA", None),
    "Displaced people around Dori": ("population", "BFA", None),
    "Dori residents": ("population", "BFA", None),
    "Collective of Soum Associations": ("organization", "BFA", None),
    "Sahel Emergency Relief Council": ("organization", "BFA", None),
    "Dori regional hospital records": ("organization", "BFA", None),
}


def _oracle_figure_actor(fig: dict[str, Any]) -> str | None:
    """Whose count a truth figure is (the oracle's reading of each figure phrase)."""
    text, event, category = fig["text"].casefold(), fig.get("refers_to"), fig["category"]
    if category in ("killed", "captured", "missing") and event in ("ev-djibo-ambush", "ev-soldiers-released"):
        return "Burkina Faso armed forces"
    if category == "troops":
        if "volunteer" in text:
            return "Burkina Faso"
        if "nigerien" in text or event == "ev-niger-deployment":
            return "Niger armed forces"
        if event == "ev-mali-battalion":
            return "Mali"
        if "fighters" in text:  # not "between 50 and 200 men": the size of its units, not of the group
            return "Sirba Liberation Front"
    return None


@dataclass
class OracleDoc:
    """Builds one oracle extraction on top of the pipeline's places and times."""

    base: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    extra_times: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.base["document"]["text"]

    def actor(self, name: str | None) -> str | None:
        if not name:
            return None
        for a in self.actors:
            if a["name"] == name:
                return a["id"]
        kind, country, parent = ORACLE_ACTORS.get(name, ("person", None, None))
        item = {
            "id": f"A{len(self.actors) + 1}",
            "name": name,
            "type": kind,
            "country": country,
            "role": None,
            "affiliation": None,
            "mentions": [],
        }
        self.actors.append(item)
        if parent:
            item["affiliation"] = self.actor(parent)
        return item["id"]

    def place_in(self, name: str | None, span: tuple[int, int]) -> str | None:
        from sitrep.fuse.text import fold

        if not name:
            return None
        for p in self.base["places"]:
            inside = any(span[0] <= s and e <= span[1] for s, e in p["mentions"])
            if inside and fold(name) in fold(p["name"]):
                return p["id"]
        return None

    def time_in(self, span: tuple[int, int], day: str | None) -> str | None:
        """The pipeline's time in this sentence that a perfect event extractor would link: the one that
        covers the event's date (a sentence may date two events)."""
        for t in self.base["times"]:
            inside = span[0] <= t["span"][0] and t["span"][1] <= span[1]
            if inside and day and t["start"] and t["start"] <= day <= (t["end"] or t["start"]):
                return t["id"]
        return None

    def sentence_around(self, start: int) -> tuple[int, int]:
        left = max(self.text.rfind(". ", 0, start), self.text.rfind("\n", 0, start))
        right = min(x for x in (self.text.find(". ", start), self.text.find("\n", start), len(self.text)) if x >= 0)
        return (left + 1 if left >= 0 else 0, right)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.base,
            "actors": self.actors,
            "times": self.base["times"] + self.extra_times,
            "figures": self.figures,
            "claims": self.claims,
            "events": self.events,
        }


def oracle_extractions(truth: dict[str, Any], base: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    docs = {name: OracleDoc(base=x) for name, x in base.items()}
    for fig in truth["figures"]:
        doc = docs[fig["file"]]
        start = doc.text.find(fig["text"])
        if start < 0:
            continue
        span = (start, start + len(fig["text"]))
        fid = f"F{len(doc.figures) + 1}"
        time_id = None
        if fig.get("as_of"):
            time_id = f"T{len(doc.base['times']) + len(doc.extra_times) + 1}"
            doc.extra_times.append(
                {
                    "id": time_id,
                    "text": fig["text"],
                    "span": list(span),
                    "start": fig["as_of"],
                    "end": fig["as_of"],
                    "granularity": "day",
                    "relative": False,
                }
            )
        claim_id = None
        if fig.get("speaker"):
            claim_id = f"C{len(doc.claims) + 1}"
            s, e = doc.sentence_around(start)
            doc.claims.append(
                {
                    "id": claim_id,
                    "speaker": doc.actor(fig["speaker"]),
                    "speaker_text": fig["speaker"],
                    "content": doc.text[s:e],
                    "content_span": [s, e],
                    "stance": "assert",
                    "factuality": "fact",
                    "time": None,
                    "figures": [fid],
                    "places": [],
                }
            )
        doc.figures.append(
            {
                "id": fid,
                "text": fig["text"],
                "span": list(span),
                "value": fig["value"],
                "low": fig.get("low"),
                "high": fig.get("high"),
                "qualifier": fig["qualifier"],
                "unit": fig.get("unit"),
                "noun": None,
                "category": fig["category"],
                "actor": doc.actor(_oracle_figure_actor(fig)),
                "place": None,
                "time": time_id,
                "claim": claim_id,
                "_refers_to": fig.get("refers_to"),
            }
        )
    for event in truth["events"]:
        for report in event["reports"]:
            doc = docs[report["file"]]
            start = doc.text.find(report["sentence"])
            span = (start, start + len(report["sentence"]))
            status = {"planned": "planned", "possible": "possible"}.get(report["role"], event["status"])
            tied = [f["id"] for f in doc.figures if f["_refers_to"] == event["id"]]
            doc.events.append(
                {
                    "id": f"E{len(doc.events) + 1}",
                    "type": event["type"],
                    "mode": event.get("mode"),
                    "source": doc.actor(event.get("source")),
                    "target": doc.actor(event.get("target")),
                    "place": doc.place_in(event.get("place"), span),
                    "time": doc.time_in(span, event.get("date")),
                    "status": status,
                    "figures": tied,
                    "claims": [],
                    "text": report["sentence"],
                    "span": list(span),
                }
            )
    return {name: d.to_dict() for name, d in docs.items()}


def sentence_spans(truth: dict[str, Any], texts: dict[str, str]) -> dict[tuple[str, str], list[tuple[int, int, str]]]:
    """For each file, the spans of the truth report sentences and the id of their event."""
    out: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for event in truth["events"]:
        for report in event["reports"]:
            start = texts[report["file"]].find(report["sentence"])
            out.setdefault((report["file"], "events"), []).append(
                (start, start + len(report["sentence"]), f"{report['file']}#{start}")
            )
    return out


def score_demo(picture: Picture, truth: dict[str, Any], names: dict[str, str], texts: dict[str, str]) -> dict[str, Any]:
    data = picture.to_dict()
    name_of = {doc_id: name for name, doc_id in names.items()}
    # syndication: document pairs
    predicted_syn = pairs_of([[name_of[d] for d in g["documents"]] for g in data["syndication"]])
    truth_syn = pairs_of(truth["syndication"])
    syn_p, syn_r = precision_recall(predicted_syn, truth_syn)
    # events: pairs of truth reports
    report_event: dict[tuple[str, int, int, str], dict[str, Any]] = {}  # one sentence may report two events
    for event in truth["events"]:
        for report in event["reports"]:
            start = texts[report["file"]].find(report["sentence"])
            report_event[(report["file"], start, start + len(report["sentence"]), event["id"])] = event

    def truth_report(doc: str, member: dict[str, Any]) -> tuple[str, int, int, str] | None:
        """The truth report a fused member stands for: overlapping sentence, then same type, place, actors."""
        span, best, best_score = member["span"], None, None
        for (file, s, e, event_id), event in report_event.items():
            if file != name_of[doc] or not (span[0] < e and s < span[1]):
                continue
            place = fold(event.get("place") or "")
            member_place = fold((member.get("place") or {}).get("name") or "")
            score = (
                event["type"] == member["type"],
                bool(place and member_place) and place in member_place,  # a sentence naming two happenings
                sum(
                    1
                    for role in ("source", "target")
                    if member[role] and event.get(role) and fold(event[role]) in fold(member[role]["name"] or "")
                ),
                min(e, span[1]) - max(s, span[0]),
            )
            if best_score is None or score > best_score:
                best, best_score = (file, s, e, event_id), score
        return best

    clusters, matched = [], set()
    for event in data["events"]:
        members = [truth_report(m["document"], m) for m in event["members"]]
        members = [m for m in members if m is not None]
        matched.update(members)
        clusters.append(members)
    truth_groups: dict[str, list[Any]] = {}
    for report, event in report_event.items():
        truth_groups.setdefault(event["id"], []).append(report)
    predicted_ev = pairs_of(clusters)
    truth_ev = {p for p in pairs_of(list(truth_groups.values())) if p <= matched}
    ev_p, ev_r = precision_recall(predicted_ev, truth_ev)
    ev_r_all = precision_recall(predicted_ev, pairs_of(list(truth_groups.values())))[1]
    # contradictions
    figure_entry: dict[tuple[str, str], tuple[str, int]] = {}
    for series in data["figures"]:
        for index, entry in enumerate(series["entries"]):
            for r in entry["reports"]:
                figure_entry[(name_of[r["document"]], r["text"].casefold())] = (series["id"], index)
    flagged = {
        (s["id"], min(a, b), max(a, b))
        for s in data["figures"]
        for c in s["contradictions"]
        for a in c["a"]
        for b in c["b"]
    }
    statements = {(s["id"], tuple(c["a"]), tuple(c["b"])) for s in data["figures"] for c in s["contradictions"]}
    outcome = {"true_found": 0, "true_total": 0, "false_kept": 0, "false_total": 0, "unmatched": 0}
    listed = set()
    for clash in truth["contradictions"]:
        sides = []
        for side in clash["sides"]:
            key = next(
                (
                    k
                    for k in figure_entry
                    if k[0] == side["file"]
                    and (side["figure_text"].casefold() in k[1] or k[1] in side["figure_text"].casefold())
                ),
                None,
            )
            sides.append(figure_entry.get(key) if key else None)
        kind = "true" if clash["expected"] else "false"
        outcome[f"{kind}_total"] += 1
        if None in sides:
            outcome["unmatched"] += 1
            hit = False
        else:
            (sa, ia), (sb, ib) = sides  # type: ignore[misc]
            pair = (sa, min(ia, ib), max(ia, ib))
            listed.add(pair)
            hit = sa == sb and pair in flagged
        if clash["expected"] and hit:
            outcome["true_found"] += 1
        if not clash["expected"] and not hit:
            outcome["false_kept"] += 1
    outcome["other_flagged"] = sum(
        1 for sid, a, b in statements if not any((sid, min(i, j), max(i, j)) in listed for i in a for j in b)
    )
    outcome["flagged"] = len(statements)
    return {
        "syndication": (syn_p, syn_r, len(predicted_syn), len(truth_syn)),
        "events": (ev_p, ev_r, ev_r_all, len(matched), len(report_event), len(data["events"])),
        "contradictions": outcome,
        "data": data,
    }


def run_demo(mode: str) -> None:
    truth = json.loads((DEMO / "truth.json").read_text(encoding="utf-8"))
    articles = read_corpus()
    started = time.perf_counter()
    base = pipeline_extractions(articles)
    extract_seconds = time.perf_counter() - started
    texts = {name: x["document"]["text"] for name, x in base.items()}
    names = {name: x["document"]["id"] for name, x in base.items()}
    runs = {"pipeline": base, "oracle": None}
    table = Table(title=f"Fusion on the demo corpus ({len(articles)} articles; extraction {extract_seconds:.1f} s)")
    for column in (
        "mode",
        "syndication P",
        "syndication R",
        "event pairs P",
        "event pairs R",
        "R (pairs of found reports)",
        "reports found",
        "fused events",
        "contradictions true found",
        "false left alone",
        "other flagged",
        "fuse ms/doc",
    ):
        table.add_column(column, justify="right")
    for name in ["pipeline", "oracle"] if mode == "both" else [mode]:
        extractions = runs[name] if name == "pipeline" else oracle_extractions(truth, base)
        started = time.perf_counter()
        picture = build_picture(extractions.values())
        picture.to_dict()
        per_doc = (time.perf_counter() - started) * 1000 / len(extractions)
        result = score_demo(picture, truth, names, texts)
        sp, sr, _, _ = result["syndication"]
        ep, er, er_all, matched, total, fused = result["events"]
        c = result["contradictions"]
        table.add_row(
            name,
            f"{sp:.2f}",
            f"{sr:.2f}",
            f"{ep:.2f}",
            f"{er_all:.2f}",
            f"{er:.2f}",
            f"{matched}/{total}",
            str(fused),
            f"{c['true_found']}/{c['true_total']}",
            f"{c['false_kept']}/{c['false_total']}",
            str(c["other_flagged"]),
            f"{per_doc:.1f}",
        )
    console.print(table)


# ----------------------------------------------------------------------------------------
# synthetic extractions at scale
EVENT_TYPES = (
    "ASSAULT",
    "AID",
    "CONSULT",
    "AGREE",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "COERCE",
    "COOPERATE",
    "SUPPORT",
    "CONCEDE",
    "RETREAT",
)
ACTOR_TYPES = ("state", "state", "armed_forces", "armed_group", "organization", "person", "person", "population")
CATEGORIES = ("killed", "wounded", "displaced", "troops", "captured")
QUALIFIERS = ("exact", "exact", "exact", "approx", "at_least", "more_than", "up_to")


@dataclass
class World:
    """The fixed cast of the synthetic news: actors, places, outlets and a vocabulary."""

    rng: random.Random
    vocabulary: list[str]
    weights: list[float]
    actors: list[dict[str, Any]]
    places: list[dict[str, Any]]
    outlets: list[str]


def make_world(rng: random.Random) -> World:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    syllables = ["ka", "lo", "mi", "ra", "tu", "se", "no", "va", "di", "go", "be", "shi", "an", "or", "el", "um"]
    vocabulary = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(30000)})
    weights = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(len(vocabulary))))
    actors = []
    for i in range(400):
        kind = ACTOR_TYPES[i % len(ACTOR_TYPES)]
        country = "".join(rng.choices(letters, k=3)) if kind in ("state", "armed_forces", "population") else None
        name = " ".join(rng.choice(vocabulary).capitalize() for _ in range(2 if kind == "person" else 1))
        actors.append({"name": name, "type": kind, "country": country})
    places = [
        {
            "name": rng.choice(vocabulary).capitalize(),
            "feature": rng.choice(("city", "city", "admin1")),
            "country": "".join(rng.choices(letters[:8], k=3)),
            "lat": rng.uniform(-40, 60),
            "lon": rng.uniform(-20, 120),
        }
        for _ in range(800)
    ]
    outlets = [
        f"{rng.choice(vocabulary).capitalize()} {rng.choice(('Times', 'Post', 'Wire', 'Herald', 'News'))}"
        for _ in range(300)
    ]
    return World(rng, vocabulary, weights, actors, places, outlets)


@dataclass
class Happening:
    id: int
    type: str
    source: int
    target: int
    place: int
    day: int
    words: list[str]
    figures: list[tuple[str, int, float]]  # (category, actor index, true value)
    statements: list[tuple[int, list[str]]]  # (speaker actor index, content words)


def _words(world: World, n: int) -> list[str]:
    return world.rng.choices(world.vocabulary, cum_weights=world.weights, k=n)


def _happening(world: World, hid: int, day: int) -> Happening:
    rng = world.rng
    source, target = rng.sample(range(len(world.actors)), 2)
    figures = [
        (rng.choice(CATEGORIES), rng.choice((source, target)), float(rng.choice((5, 12, 40, 300, 5000))))
        for _ in range(rng.randint(0, 2))
    ]
    statements = [(rng.choice((source, target, rng.randrange(len(world.actors)))), _words(world, 14)) for _ in range(3)]
    return Happening(
        hid,
        rng.choice(EVENT_TYPES),
        source,
        target,
        rng.randrange(len(world.places)),
        day,
        _words(world, 120),
        figures,
        statements,
    )


class Builder:
    """One synthetic extraction, filled item by item."""

    def __init__(self, world: World, text: str, title: str, outlet: str, day: int) -> None:
        self.world = world
        published = date.fromordinal(day).isoformat()
        self.x: dict[str, Any] = {
            "schema": "sitrep/1",
            "document": {
                "id": hashlib.sha256(text.encode()).hexdigest(),
                "title": title,
                "source": outlet,
                "url": None,
                "published": published,
                "language": "en",
                "text": text,
            },
            "actors": [],
            "places": [],
            "times": [],
            "figures": [],
            "claims": [],
            "events": [],
        }
        self._actor_ids: dict[int, str] = {}
        self._place_ids: dict[int, str] = {}

    def actor(self, index: int) -> str:
        if index not in self._actor_ids:
            a = self.world.actors[index]
            aid = f"A{len(self.x['actors']) + 1}"
            self.x["actors"].append({"id": aid, **a, "role": None, "affiliation": None, "mentions": [[0, 1]]})
            self._actor_ids[index] = aid
        return self._actor_ids[index]

    def place(self, index: int) -> str:
        if index not in self._place_ids:
            pid = f"P{len(self.x['places']) + 1}"
            self.x["places"].append({"id": pid, **self.world.places[index], "geonames_id": None, "mentions": [[0, 1]]})
            self._place_ids[index] = pid
        return self._place_ids[index]

    def time(self, day: int) -> str:
        tid = f"T{len(self.x['times']) + 1}"
        iso = date.fromordinal(day).isoformat()
        self.x["times"].append(
            {"id": tid, "text": iso, "span": [0, 1], "start": iso, "end": iso, "granularity": "day", "relative": False}
        )
        return tid

    def event(self, h: Happening, explicit_time: bool, with_place: bool) -> str:
        eid = f"E{len(self.x['events']) + 1}"
        text = self.x["document"]["text"]
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]  # each event in a paragraph of its own
        start = starts[(len(self.x["events"])) % len(starts)]
        self.x["events"].append(
            {
                "id": eid,
                "type": h.type,
                "mode": None,
                "source": self.actor(h.source),
                "target": self.actor(h.target),
                "place": self.place(h.place) if with_place else None,
                "time": self.time(h.day) if explicit_time else None,
                "status": "occurred",
                "figures": [],
                "claims": [],
                "text": " ".join(h.words[:12]),
                "span": [start, start + 1],
            }
        )
        return eid

    def claim(self, speaker: int, words: list[str]) -> str:
        cid = f"C{len(self.x['claims']) + 1}"
        self.x["claims"].append(
            {
                "id": cid,
                "speaker": self.actor(speaker),
                "speaker_text": None,
                "speaker_span": None,
                "cue": "said",
                "cue_span": None,
                "content": " ".join(words),
                "content_span": [0, 1],
                "kind": "indirect",
                "via": [],
                "stance": "assert",
                "factuality": "fact",
                "time": None,
                "figures": [],
                "places": [],
            }
        )
        return cid

    def figure(
        self, category: str, actor: int, value: float, qualifier: str, claim: str | None, event: str | None
    ) -> None:
        fid = f"F{len(self.x['figures']) + 1}"
        self.x["figures"].append(
            {
                "id": fid,
                "text": f"{value:.0f}",
                "span": [0, 1],
                "value": value,
                "low": None,
                "high": None,
                "qualifier": qualifier,
                "unit": "person",
                "noun": None,
                "category": category,
                "actor": self.actor(actor),
                "place": None,
                "time": None,
                "claim": claim,
            }
        )
        if event:
            self.x["events"][int(event[1:]) - 1]["figures"].append(fid)


def _vary(rng: random.Random, text: str) -> str:
    """A syndicated copy: re-headlined, lightly edited, maybe truncated, with a credit line."""
    paragraphs = text.split("\n")
    if rng.random() < 0.3:
        paragraphs = paragraphs[: max(2, int(len(paragraphs) * 0.7))]
    edited = []
    for p in paragraphs:
        words = p.split(" ")
        for _ in range(rng.randint(0, 1)):
            words[rng.randrange(len(words))] = "reportedly"
        edited.append(" ".join(words))
    return "\n".join(edited) + f"\n(Reporting by staff {rng.randrange(10**9)})"


def synthetic_extractions(n: int, seed: int = 1) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """``n`` synthetic extractions with their truth: (extraction, {"story", "events": {event id: happening}})."""
    rng = random.Random(seed)
    world = make_world(rng)
    first_day = date(2025, 1, 1).toordinal()
    per_day = max(1, n // 365)
    happenings: list[Happening] = []
    recent_docs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for i in range(n):
        day = first_day + i // per_day
        if recent_docs and rng.random() < 0.2:  # a syndicated copy of a recent story
            original, truth = rng.choice(recent_docs[-300:])
            text = _vary(rng, original["document"]["text"])
            copy = json.loads(json.dumps(original))
            copy["document"].update(
                id=hashlib.sha256(text.encode()).hexdigest(),
                text=text,
                source=rng.choice(world.outlets),
                title="Re: " + (original["document"]["title"] or ""),
                published=date.fromordinal(day).isoformat(),
            )
            yield copy, truth
            continue
        if not happenings or happenings[-1].day < day - 0 or rng.random() < 0.35:
            happenings.append(_happening(world, len(happenings), day - rng.randint(0, 1)))
        recent = [h for h in happenings[-400:] if h.day >= day - 10]
        main = rng.choice(recent)
        outlet = rng.choice(world.outlets)
        paragraphs = [" ".join(main.words[k : k + 20]) + " " + " ".join(_words(world, 25)) for k in range(0, 60, 20)]
        paragraphs += [" ".join(_words(world, 45)) for _ in range(rng.randint(3, 6))]
        text = "\n".join(paragraphs)
        builder = Builder(world, text, " ".join(main.words[:8]), outlet, day)
        truth_events: dict[str, int] = {}
        eid = builder.event(main, explicit_time=rng.random() < 0.6, with_place=rng.random() < 0.7)
        truth_events[eid] = main.id
        for other in rng.sample(recent, k=min(len(recent), rng.randint(0, 2))):
            if other.id != main.id:
                truth_events[builder.event(other, explicit_time=rng.random() < 0.3, with_place=rng.random() < 0.4)] = (
                    other.id
                )
        for speaker, words in rng.sample(main.statements, k=rng.randint(1, 3)):
            edited = [w if rng.random() > 0.1 else "indeed" for w in words]
            builder.claim(speaker, edited)
        for category, actor, value in main.figures:
            qualifier = rng.choice(QUALIFIERS)
            noisy = value if rng.random() < 0.7 else value * rng.choice((0.5, 1.1, 2.0))
            claim = builder.claim(rng.choice((main.source, main.target)), _words(world, 8))
            builder.figure(category, actor, noisy, qualifier, claim, eid if rng.random() < 0.7 else None)
        truth = {"story": builder.x["document"]["id"], "events": truth_events}
        recent_docs.append((builder.x, truth))
        if len(recent_docs) > 600:
            del recent_docs[:300]
        yield builder.x, truth


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_scale(documents: int, seed: int) -> None:
    baseline = _rss_mb()
    picture = Picture()
    costs: list[float] = []
    story_of: dict[str, str] = {}
    happening_of: dict[tuple[str, str], int] = {}
    generate_seconds = 0.0
    source = synthetic_extractions(documents, seed)
    while True:
        started = time.perf_counter()
        item = next(source, None)
        generate_seconds += time.perf_counter() - started
        if item is None:
            break
        extraction, truth = item
        doc_id = extraction["document"]["id"]
        started = time.perf_counter()
        picture.add(extraction)
        costs.append(time.perf_counter() - started)
        story_of[doc_id] = truth["story"]
        for eid, hid in truth["events"].items():
            happening_of[(doc_id, eid)] = hid
    add_rss = _rss_mb()
    started = time.perf_counter()
    top = picture.to_dict(limit=20)
    top_seconds = time.perf_counter() - started
    top_rss = _rss_mb()
    started = time.perf_counter()
    data = picture.to_dict()
    assemble_seconds = time.perf_counter() - started
    # accuracy against the generator's truth
    truth_stories: dict[str, list[str]] = {}
    for doc, story in story_of.items():
        truth_stories.setdefault(story, []).append(doc)
    syn_p, syn_r = precision_recall(
        pairs_of([g["documents"] for g in data["syndication"]]), pairs_of(list(truth_stories.values()))
    )
    truth_happenings: dict[int, list[tuple[str, str]]] = {}
    for ref, hid in happening_of.items():
        truth_happenings.setdefault(hid, []).append(ref)
    predicted = pairs_of([[(m["document"], m["event"]) for m in e["members"]] for e in data["events"]])
    ev_p, ev_r = precision_recall(predicted, pairs_of(list(truth_happenings.values())))
    costs_ms = sorted(c * 1000 for c in costs)
    table = Table(title=f"Fusion at scale: {documents:,} synthetic extractions, one core")
    table.add_column("measure")
    table.add_column("value", justify="right")
    rows = [
        ("add: mean ms/document", f"{statistics.fmean(costs_ms):.2f}"),
        (
            "add: median / p95 / max ms",
            f"{costs_ms[len(costs_ms) // 2]:.2f} / {costs_ms[int(len(costs_ms) * 0.95)]:.2f} / {costs_ms[-1]:.1f}",
        ),
        ("add: total s", f"{sum(costs):.1f}"),
        ("to_dict(limit=20), as `sitrep picture` shows it: s", f"{top_seconds:.1f}"),
        ("to_dict() of the whole picture: s", f"{assemble_seconds:.1f}"),
        ("generator: s (not counted)", f"{generate_seconds:.1f}"),
        ("peak RSS after adds: MB (baseline)", f"{add_rss:.0f} ({baseline:.0f})"),
        ("peak RSS after to_dict(limit=20) / to_dict(): MB", f"{top_rss:.0f} / {_rss_mb():.0f}"),
        ("syndication groups / pairs P / R", f"{len(data['syndication']):,} / {syn_p:.3f} / {syn_r:.3f}"),
        ("fused events / event pairs P / R", f"{len(data['events']):,} / {ev_p:.3f} / {ev_r:.3f}"),
        ("figure series / contradictions", f"{len(data['figures']):,} / {data['stats']['contradictions']:,}"),
        ("top-20 picture: events / series shown", f"{len(top['events'])} / {len(top['figures'])}"),
        ("claims (fused)", f"{len(data['claims']):,}"),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo")
    demo.add_argument("--mode", choices=("pipeline", "oracle", "both"), default="both")
    scale = sub.add_parser("scale")
    scale.add_argument("--documents", type=int, default=100_000)
    scale.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.command in (None, "demo"):
        run_demo(getattr(args, "mode", "both"))
    else:
        run_scale(args.documents, args.seed)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
