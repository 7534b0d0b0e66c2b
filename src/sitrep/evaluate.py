"""Score sitrep/1 predictions against hand-made gold files.

Implements the matching rules of ../shared/eval/README.md: per layer, a greedy
one-to-one alignment of gold and predicted items by match score, micro-averaged
precision/recall/F1 over all documents, plus side figures (type, category,
qualifier, stance, factuality, roles and status accuracy) over the aligned pairs.
Gold items marked ``optional`` are neither rewarded nor penalised; a gold file's
``layers`` list limits which layers it is scored on.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.model import Document

Item = dict[str, Any]
SCORED_LAYERS = ("actors", "places", "times", "figures", "claims", "attribution", "events")
ALL_LAYERS = ("actors", "places", "times", "figures", "claims", "events")
_IGNORED_WORDS = frozenset({"the", "a", "an", "of", "s", "'s", "\u2019s"})
_WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    """Lower-cased word tokens without articles and possessive endings."""
    return [w for w in _WORD.findall((text or "").lower()) if w not in _IGNORED_WORDS]


def coverage(a: Any, b: Any) -> float:
    """How much of the shorter of two spans the other one covers (0..1)."""
    if not a or not b:
        return 0.0
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(1, min(a[1] - a[0], b[1] - b[0]))


def word_f1(predicted: str | None, gold: str | None) -> float:
    """Token-multiset F1 between two texts."""
    left, right = words(predicted), words(gold)
    if not left or not right:
        return 0.0
    pool = list(right)
    common = 0
    for word in left:
        if word in pool:
            pool.remove(word)
            common += 1
    if not common:
        return 0.0
    precision, recall = common / len(left), common / len(right)
    return 2 * precision * recall / (precision + recall)


def distance_km(a: Item, b: Item) -> float:
    """Great-circle distance between two items with ``lat``/``lon``."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


def is_same_actor(predicted: Item | None, gold: Item | None) -> bool:
    """Whether a predicted actor is the gold actor (both missing counts as the same)."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    gold_spans = {tuple(m) for m in gold.get("mentions", [])}
    if gold.get("mention_only"):
        return any(coverage(g, p) > 0.5 for g in gold_spans for p in predicted.get("mentions", []))
    p_words, g_words = set(words(predicted.get("name"))), set(words(gold.get("name")))
    if p_words and g_words and (p_words <= g_words or g_words <= p_words):
        return True
    if (
        gold.get("type") == "state" == predicted.get("type")
        and predicted.get("country")
        and predicted.get("country") == gold.get("country")
    ):
        return True
    shares_mention = bool(gold_spans & {tuple(m) for m in predicted.get("mentions", [])})
    return shares_mention and bool(p_words & g_words)


@dataclass
class LayerScore:
    """Counts for one layer, summed over documents, and side-figure observations."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    annotated: bool = False
    sides: dict[str, list[bool]] = field(default_factory=dict)

    def note(self, name: str, ok: bool) -> None:
        self.sides.setdefault(name, []).append(ok)

    def prf(self) -> tuple[float, float, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return round(precision, 3), round(recall, 3), round(f1, 3)

    def summary(self) -> dict[str, Any] | None:
        if not self.annotated:
            return None
        precision, recall, f1 = self.prf()
        out: dict[str, Any] = {"p": precision, "r": recall, "f1": f1}
        for name, seen in self.sides.items():
            out[name] = round(sum(seen) / len(seen), 3) if seen else None
        return out


@dataclass
class Alignment:
    pairs: list[tuple[Item, Item]]
    missed: list[Item]
    spurious: list[Item]

    def required_pairs(self) -> list[tuple[Item, Item]]:
        return [(g, p) for g, p in self.pairs if not g.get("optional")]

    def required_missed(self) -> int:
        return sum(1 for g in self.missed if not g.get("optional"))


def align(gold: list[Item], predicted: list[Item], score: Callable[[Item, Item], float]) -> Alignment:
    """Greedy one-to-one alignment, best-scoring candidate pairs first."""
    candidates = sorted(
        ((s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if (s := score(g, p))),
        reverse=True,
    )
    gold_used: set[int] = set()
    pred_used: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in gold_used and pi not in pred_used:
            gold_used.add(gi)
            pred_used.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    missed = [g for i, g in enumerate(gold) if i not in gold_used]
    spurious = [p for i, p in enumerate(predicted) if i not in pred_used]
    return Alignment(pairs, missed, spurious)


def _tally(layer: LayerScore, alignment: Alignment) -> None:
    layer.tp += len(alignment.required_pairs())
    layer.fp += len(alignment.spurious)
    layer.fn += alignment.required_missed()


def absorbed(gold: Item, gold_spans: Iterable[Any], pred_spans: Iterable[Any]) -> float:
    """An optional gold item takes any prediction overlapping it: a half score, neither reward nor penalty."""
    pred_spans = list(pred_spans)
    if gold.get("optional") and any(coverage(g, p) > 0 for g in gold_spans for p in pred_spans if g and p):
        return 0.5
    return 0.0


def is_toponym_set(annotated: set[str], gold_places: list[Item]) -> bool:
    """A file annotating only places, each gold place one occurrence: scored per occurrence."""
    return annotated == {"places"} and all(len(g["mentions"]) == 1 for g in gold_places)


def per_occurrence(places: list[Item]) -> list[Item]:
    """One item per mention of each predicted place."""
    return [dict(place, mentions=[mention]) for place in places for mention in place.get("mentions", [])]


def _place_score(gold: Item, pred: Item) -> float:
    if not any(coverage(g, p) > 0 for g in gold["mentions"] for p in pred.get("mentions", [])):
        return 0.0
    return 1.0 if _right_spot(gold, pred) else absorbed(gold, gold["mentions"], pred.get("mentions", []))


def _right_spot(gold: Item, pred: Item) -> bool:
    if gold.get("tolerance_km") and gold["lat"] is not None:
        return _within_tolerance(gold, pred)
    if gold["lat"] is None or pred.get("lat") is None or gold["feature"] == "country":
        return gold["lat"] is None or gold.get("country") == pred.get("country")
    limit = 150 if gold["feature"] in ("admin1", "region", "country") else 50
    return distance_km(gold, pred) <= limit


def _within_tolerance(gold: Item, pred: Item) -> bool:
    """A toponym-set gold point: countries by feature, provinces and large areas at their own size."""
    fcode = gold.get("fcode") or ""
    feature = pred.get("feature")
    if fcode.startswith("PCL"):
        return feature == "country" and (not gold.get("country") or gold["country"] == pred.get("country"))
    if pred.get("lat") is None:
        return False
    if fcode == "ADM1" and feature == "admin1":
        return distance_km(gold, pred) <= max(500, gold["tolerance_km"])
    if not fcode and feature in ("country", "admin1"):
        return distance_km(gold, pred) <= (2500 if feature == "country" else 500)
    return distance_km(gold, pred) <= gold["tolerance_km"]


def calendar_day(value: Any, last: bool) -> Any:
    """A year or a month ('2017', '2017-03') as its first (or last) day; other values unchanged."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        return value
    if len(value) == 4:
        return f"{value}-12-31" if last else f"{value}-01-01"
    if len(value) == 7:
        if not last:
            return f"{value}-01"
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value


def _time_score(gold: Item, pred: Item) -> float:
    same_value = calendar_day(gold["start"], False) == calendar_day(pred.get("start"), False) and calendar_day(
        gold["end"], True
    ) == calendar_day(pred.get("end"), True)
    if coverage(gold["span"], pred.get("span")) > 0 and same_value:
        return 1.0
    return absorbed(gold, [gold["span"]], [pred.get("span")])


def _figure_score(gold: Item, pred: Item) -> float:
    if coverage(gold["span"], pred.get("span")) <= 0:
        return 0.0
    numbers = lambda item: {item.get("value"), item.get("low"), item.get("high")} - {None}  # noqa: E731
    return 1.0 if numbers(gold) & numbers(pred) else absorbed(gold, [gold["span"]], [pred.get("span")])


def _claim_score(gold: Item, pred: Item) -> float:
    f1 = word_f1(gold["content"], pred.get("content"))
    if coverage(gold["content_span"], pred.get("content_span")) > 0 and f1 >= 0.5:
        return f1
    return absorbed(gold, [gold["content_span"]], [pred.get("content_span")]) * 0.9


def _event_score(gold: Item, pred: Item) -> float:
    shared = coverage(gold["span"], pred.get("span"))
    if gold["type"] == pred.get("type") and shared > 0:
        return 1.0 + shared
    return absorbed(gold, [gold["span"]], [pred.get("span")])


def _actor_score(gold: Item, pred: Item) -> float:
    if is_same_actor(pred, gold):
        return 1.0
    return absorbed(gold, gold.get("mentions", []), pred.get("mentions", []))


class Scorer:
    """Accumulates scores over documents; ``summary()`` gives the per-layer table."""

    def __init__(self) -> None:
        self.layers = {name: LayerScore() for name in SCORED_LAYERS}
        self.documents = 0

    def add(self, gold: dict[str, Any], predicted: dict[str, Any]) -> None:
        """Score one document's prediction against its gold file."""
        self.documents += 1
        annotated = set(gold.get("layers") or ALL_LAYERS)
        if "claims" in annotated:
            annotated.add("attribution")
        for name in annotated:
            self.layers[name].annotated = True
        layer = {name: (self.layers[name] if name in annotated else LayerScore()) for name in SCORED_LAYERS}
        gold_actors = {a["id"]: a for a in gold["actors"]}
        pred_actors = {a["id"]: a for a in predicted.get("actors", [])}

        layer["actors"].sides.setdefault("type_ok", [])
        actors = align(gold["actors"], predicted.get("actors", []), _actor_score)
        _tally(layer["actors"], actors)
        for g, p in actors.required_pairs():
            layer["actors"].note("type_ok", g["type"] == p.get("type"))

        pred_places = predicted.get("places", [])
        if is_toponym_set(annotated, gold["places"]):
            pred_places = per_occurrence(pred_places)
        _tally(layer["places"], align(gold["places"], pred_places, _place_score))
        _tally(layer["times"], align(gold["times"], predicted.get("times", []), _time_score))

        figures = align(gold["figures"], predicted.get("figures", []), _figure_score)
        _tally(layer["figures"], figures)
        for g, p in figures.required_pairs():
            layer["figures"].note("category_ok", g["category"] == p.get("category"))
            layer["figures"].note("qualifier_ok", g["qualifier"] == p.get("qualifier"))

        claims = align(gold["claims"], predicted.get("claims", []), _claim_score)
        _tally(layer["claims"], claims)
        self._attribution(layer["attribution"], claims, gold_actors, pred_actors)
        for g, p in claims.required_pairs():
            if g.get("stance"):
                layer["claims"].note("stance_ok", g["stance"] == p.get("stance"))
            if g.get("factuality"):
                layer["claims"].note("factuality_ok", g["factuality"] == p.get("factuality"))

        events = align(gold["events"], predicted.get("events", []), _event_score)
        _tally(layer["events"], events)
        for g, p in events.required_pairs():
            roles = is_same_actor(pred_actors.get(p.get("source")), gold_actors.get(g["source"])) and is_same_actor(
                pred_actors.get(p.get("target")), gold_actors.get(g["target"])
            )
            layer["events"].note("roles_ok", roles)
            layer["events"].note("status_ok", g["status"] == p.get("status"))

    @staticmethod
    def _attribution(layer: LayerScore, claims: Alignment, gold_actors: dict, pred_actors: dict) -> None:
        """A detected claim counts for attribution only with the right speaker."""

        def right_speaker(g: Item, p: Item) -> bool:
            gold_speaker = gold_actors.get(g["speaker"])
            if (
                gold_speaker
                and gold_speaker.get("mention_only")
                and coverage(g.get("speaker_span"), p.get("speaker_span")) > 0.5
            ):
                return True
            return is_same_actor(pred_actors.get(p.get("speaker")), gold_speaker)

        required = claims.required_pairs()
        wrong = sum(1 for g, p in required if not right_speaker(g, p))
        layer.tp += len(required) - wrong
        layer.fp += len(claims.spurious) + wrong
        layer.fn += claims.required_missed() + wrong

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"documents": self.documents}
        out.update({name: self.layers[name].summary() for name in SCORED_LAYERS})
        return out


def score(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Score (gold, prediction) pairs; the result has one entry per layer (None if unannotated)."""
    scorer = Scorer()
    for gold, predicted in pairs:
        scorer.add(gold, predicted)
    return scorer.summary()


def gold_files(directories: Iterable[Path]) -> list[Path]:
    """Every ``*.gold.json`` under the given directories (recursively), sorted."""
    found: list[Path] = []
    for directory in directories:
        found.extend(sorted(Path(directory).rglob("*.gold.json")))
    return found


def gold_document(gold: dict[str, Any]) -> Document:
    """The document a gold file annotates, with its metadata."""
    meta = gold["document"]
    return Document(
        text=meta["text"],
        title=meta.get("title"),
        source=meta.get("source"),
        url=meta.get("url"),
        published=meta.get("published"),
        language=meta.get("language") or "en",
    )


def run_eval(directories: list[Path], predictions: Path | None = None, console: Any = None) -> dict[str, Any]:
    """Extract every gold document under ``directories`` and score it, per set and overall.

    A set is the folder a gold file lies in. With ``predictions``, each prediction is also
    written there as ``SET/NAME.json`` (the layout ../shared/tools/score.py reads).
    """
    import json

    from rich.progress import track

    from sitrep.pipeline import extract

    files = gold_files(directories)
    overall = Scorer()
    per_set: dict[str, Scorer] = {}
    for path in track(files, description="evaluating", console=console, disable=console is None):
        gold = json.loads(path.read_text(encoding="utf-8"))
        predicted = extract(gold_document(gold)).to_dict()
        set_name = path.parent.name
        per_set.setdefault(set_name, Scorer()).add(gold, predicted)
        overall.add(gold, predicted)
        if predictions is not None:
            target = predictions / set_name / (path.name[: -len(".gold.json")] + ".json")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(predicted), encoding="utf-8")
    sets = {name: scorer.summary() for name, scorer in sorted(per_set.items())}
    if len(sets) > 1:
        sets["all"] = overall.summary()
    return {"documents": overall.documents, "sets": sets, "layers": overall.summary()}
