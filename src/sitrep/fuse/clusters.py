"""Event clusters: reports of the same happening fused into one event.

Two reports are *compatible* when their PLOVER types are in one family, their dates
overlap once each is widened by a tolerance that grows with its granularity and type
(and reaches forward for a planned or possible happening, back for a report dated only
by its publication), their places are not far apart, no known source actor conflicts,
and they share enough positive evidence (a matching source, target or nearby place, a
count they both cite such as "7 killed", or most of their wording). Two reports in one article must also share a place and their
parties or wording, else they are two happenings, unless they come from one sentence or the later one is a
bare follow-up (no place, no date of its own, in the sentence after the other).

Candidates come from buckets keyed by (type family, anchor, date bucket), an anchor
being an actor, a country, the report's sentence, or one of its three lowest word
hashes (a bottom-k sketch of its wording); a report is filed once per anchor, under the bucket where its
date window starts, and looks in every bucket where an overlapping window can start,
so adding a report compares it with a handful of others. Bucket keys use Python's
``hash``: it differs between processes, but a collision only adds a candidate that the
exact test then rejects, so results never depend on it. Compatible pairs are joined in a
union-find; a component whose membership changed is split again, lazily, by canonical
complete linkage (every member of a cluster compatible with every other), which stops
chains of look-alike reports (a strike on the same town every day) from fusing.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sitrep.fuse.entities import actor_relation, anchors, place_relation
from sitrep.fuse.graph import IncrementalClusters, constrained_linkage
from sitrep.fuse.records import EventReport, When
from sitrep.fuse.rules import EventRules
from sitrep.fuse.sketch import KEY_MASK, Buckets
from sitrep.fuse.text import overlap_coefficient

EventRef = tuple[str, str]  # (document id, event id)
KeyFn = Callable[[tuple[Any, ...]], int]
LONG = -1  # the bucket of reports with an unknown or very long window
TIERS = ((21, 7), (400, 30))  # (longest window in days, bucket size in days) for filing reports by date
WORD_ANCHORS = 3  # reports sharing one of their 3 lowest word hashes are compared even without actors


@dataclass(frozen=True, slots=True)
class Window:
    """A report's date interval widened by its tolerance, in day numbers."""

    start: int
    end: int


def tolerance(report: EventReport, rules: EventRules) -> int:
    when = report.when
    by_granularity = rules.granularity_tolerance.get(when.granularity, 3) if when else 0
    return max(by_granularity, rules.type_tolerance.get(report.type, 1))


def window(report: EventReport, rules: EventRules) -> Window | None:
    """When the happening a report describes can lie: its date, widened by its tolerance, reaching
    back ``published_lookback`` days when only the publication date is known, and forward
    ``prospective_horizon`` days when the report announces or speculates (planned, possible)."""
    when = report.when
    if when is None:
        return None
    tol = tolerance(report, rules)
    start = when.start - (rules.published_lookback if when.from_published else 0)
    end = when.end + (rules.prospective_horizon if rules.status_group.get(report.status) == "prospective" else 0)
    return Window(start - tol, end + tol)


def family(report: EventReport, rules: EventRules) -> str:
    """The type family a report is fused within; a threatened happening ("threatened to attack") is a threat,
    never the happening itself."""
    kind = rules.status_type.get(report.status, report.type)
    return rules.type_family.get(kind, kind)


def _roles(a: EventReport, b: EventReport, rules: EventRules) -> tuple[str, str]:
    """The source and target relations of two reports, trying swapped roles for symmetric types."""
    straight = (actor_relation(a.source, b.source), actor_relation(a.target, b.target))
    if a.type not in rules.symmetric_types or b.type not in rules.symmetric_types:
        return straight
    swapped = (actor_relation(a.source, b.target), actor_relation(a.target, b.source))
    rank = {"match": 2, "unknown": 1, "conflict": 0}
    return max(straight, swapped, key=lambda pair: (min(rank[pair[0]], rank[pair[1]]), rank[pair[0]] + rank[pair[1]]))


LINK, WEAK, CONFLICT = "link", "weak", "conflict"


def relation(a: EventReport, b: EventReport, rules: EventRules) -> str:
    """How two event reports relate (a symmetric, order-free test): ``conflict`` when they cannot be
    one happening (other type family, dates apart, places far apart, other parties, or one article
    naming two happenings), ``link`` when they share enough evidence to be one, else ``weak``."""
    if a.ref == b.ref:
        return LINK
    if family(a, rules) != family(b, rules):
        return CONFLICT
    wa, wb = window(a, rules), window(b, rules)
    if (wa is None) != (wb is None):
        return CONFLICT  # a report with no date at all is only compared with other undated ones
    if wa is not None and wb is not None and (wa.start > wb.end or wb.start > wa.end):
        return CONFLICT
    place = place_relation(a.place, b.place, rules.place_radius_km)
    if place == "far" and not (a.type in rules.moving_types and b.type in rules.moving_types):
        return CONFLICT  # troops sent, aid delivered, forces withdrawn are reported from either end
    source, target = _roles(a, b, rules)
    if source == "conflict" or (target == "conflict" and place not in ("same", "near")):
        return CONFLICT
    text = _text_weight(a, b, rules)
    if a.document == b.document and a.sentence == b.sentence:
        return LINK  # one sentence telling one happening twice ("were killed after fighters attacked")
    if a.document == b.document and not (
        place in ("same", "near") and ((source == target == "match") or text == rules.weights["text_3_words"])
    ):
        # one article naming two happenings: the same only if at one spot, by the same parties, or a follow-up;
        # two bare details of one article do not rule each other out (both may follow one happening)
        if follow_up(a, b, rules) or follow_up(b, a, rules):
            return LINK
        return WEAK if bare(a) and bare(b) and abs(a.sentence - b.sentence) <= rules.follow_up_sentences else CONFLICT
    w = rules.weights
    score = (
        w["source"] * (source == "match")
        + w["target"] * (target == "match")
        + w["place_near"] * (place in ("same", "near"))
        + w["same_count"] * bool(a.counts & b.counts)
        + text
    )
    return LINK if score >= rules.min_score else WEAK


def bare(report: EventReport) -> bool:
    """A report with no place and no date of its own ("dozens of people had been wounded")."""
    return report.place is None and (report.when is None or report.when.from_published)


def follow_up(first: EventReport, then: EventReport, rules: EventRules) -> bool:
    """``then`` is a bare report a sentence or two after ``first`` in its article, which tells where and when:
    a detail of the same happening ("Fighters attacked the depot in Dori on Thursday, killing 12. Dozens of
    people had been wounded.")."""
    return (
        first.document == then.document
        and bare(then)
        and not bare(first)
        and 0 < then.sentence - first.sentence <= rules.follow_up_sentences
    )


def compatible(a: EventReport, b: EventReport, rules: EventRules) -> bool:
    """Whether two event reports share enough evidence to be one happening."""
    return relation(a, b, rules) == LINK


def _text_weight(a: EventReport, b: EventReport, rules: EventRules) -> int:
    """Evidence from the wording: two or three shared content words making up most of the shorter text."""
    shared, share = overlap_coefficient(a.words, b.words)
    if share < rules.text_overlap or shared < 2:
        return 0
    return rules.weights["text_3_words"] if shared >= 3 else rules.weights["text_2_words"]


def block_anchors(report: EventReport, rules: EventRules) -> list[tuple[str, str]]:
    """The (type family, anchor) blocks a report is filed under: its actors', its country's, its wording's."""
    found: set[str] = set()
    for actor in (report.source, report.target):
        if actor is not None:
            found.update(anchors(actor))
    if report.place is not None and report.place.country:
        found.add(f"c:{report.place.country}")
    found.update(f"w:{w}" for w in report.words[:WORD_ANCHORS])  # a bottom-k sketch of the wording
    found.add(f"s:{report.document}:{report.sentence}")  # reports of one sentence always meet
    found.add(f"d:{report.document}")  # and reports of one article (a bare follow-up meets what it follows)
    fam = family(report, rules)
    return [(fam, anchor) for anchor in sorted(found)]


def process_key(parts: tuple[Any, ...]) -> int:
    """A bucket key from Python's ``hash`` (fast; differs between processes: for in-memory indexes only)."""
    return hash(parts) & KEY_MASK


def stored_key(parts: tuple[Any, ...]) -> int:
    """A bucket key that is the same in every process (for indexes kept in the store)."""
    return zlib.crc32(repr(parts).encode("utf-8")) & KEY_MASK


def filing_keys(report: EventReport, rules: EventRules, key: KeyFn = process_key) -> list[int]:
    """Bucket keys a report is filed under: per block, the bucket of its window's start in the first
    tier whose longest window fits it, else the block's long bucket."""
    win = window(report, rules)
    tier = (
        None
        if win is None
        else next((i for i, (longest, _) in enumerate(TIERS) if win.end - win.start <= longest), None)
    )
    if tier is None or win is None:
        return [key((*block, LONG)) for block in block_anchors(report, rules)]
    bucket = win.start // TIERS[tier][1]
    return [key((*block, tier, bucket)) for block in block_anchors(report, rules)]


def query_keys(report: EventReport, rules: EventRules, key: KeyFn = process_key) -> list[int]:
    """Bucket keys where every report whose window meets this one's is filed (see ``filing_keys``)."""
    win = window(report, rules)
    keys = []
    for block in block_anchors(report, rules):
        keys.append(key((*block, LONG)))
        if win is None:
            continue  # an undated report meets only other undated ones, all in the long bucket
        for tier, (longest, days) in enumerate(TIERS):
            keys.extend(
                key((*block, tier, bucket)) for bucket in range((win.start - longest) // days, win.end // days + 1)
            )
    return keys


def _order(report: EventReport, rules: EventRules) -> tuple[Any, ...]:
    """Informative reports first (an explicit date, named parties, a place), so that a fused event forms
    around them and vague mentions ("more than 30 soldiers had been killed") join it, not the reverse."""
    win = window(report, rules)
    vague = (
        report.when is None or report.when.from_published,
        report.source is None,
        report.place is None,
        report.target is None,
    )
    return (sum(vague), win.start if win else 0, win.end if win else 0, report.document, report.id)


class EventClusters:
    """Incremental clustering of event reports: add reports, read fused clusters."""

    def __init__(self, rules: EventRules) -> None:
        self.rules = rules
        self.reports: dict[EventRef, EventReport] = {}
        self._blocks = Buckets()
        self._clusters: IncrementalClusters[EventRef] = IncrementalClusters(self._split)

    def add(self, report: EventReport) -> None:
        if report.ref in self.reports:
            return
        self.reports[report.ref] = report
        self._clusters.add(report.ref)
        for other in self._blocks.candidates(query_keys(report, self.rules)):
            if compatible(report, self.reports[other], self.rules):  # type: ignore[index]
                self._clusters.link(report.ref, other)  # type: ignore[arg-type]
        self._blocks.add(filing_keys(report, self.rules), report.ref)

    def components(self) -> Iterator[list[EventRef]]:
        """The connected components of the relation, as refs (each is split into clusters on reading)."""
        return self._clusters.connected()

    def clusters(self) -> Iterator[list[EventReport]]:
        """Every fused event as its member reports."""
        for refs in self._clusters.clusters():
            yield [self.reports[ref] for ref in refs]

    def _split(self, refs: list[EventRef]) -> list[list[EventRef]]:
        rules = self.rules
        groups = constrained_linkage(
            [self.reports[ref] for ref in refs],
            order=lambda r: _order(r, rules),
            relation=lambda x, y: relation(x, y, rules),
            apart=lambda group, item: _dates_apart(group, item, rules),
        )
        return [[r.ref for r in g] for g in groups]


def _dates_apart(group: list[EventReport], item: EventReport, rules: EventRules) -> bool:
    """True when ``item``'s window misses some member's (a cheap test that the two conflict)."""
    win = window(item, rules)
    if win is None:
        return False
    return any(w is not None and (win.start > w.end or w.start > win.end) for w in (window(m, rules) for m in group))


def when_of_cluster(members: list[EventReport]) -> When | None:
    """The cluster's date: the narrowest explicit date among its reports, else the earliest publication."""
    explicit = [m.when for m in members if m.when is not None and not m.when.from_published]
    if explicit:
        return min(explicit, key=lambda w: (w.end - w.start, w.start, w.end))
    derived = [m.when for m in members if m.when is not None]
    return min(derived, key=lambda w: (w.start, w.end)) if derived else None
