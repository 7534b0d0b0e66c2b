"""Figure series and contradictions.

A *subject* is whose and what: (actor key, category, unit) for a figure with an actor;
without one, the fused event that cites the figure, else (category, unit, place), else
its story (syndication group). Every reported figure of a subject, with its speaker,
date and qualifier, forms its series in time order; reports of one value by one
speaker for one date are one *entry* with several carriers.

Each entry stands for an interval of possible true values (``bounds``): exact ±5%,
approx ±20%, ``at_least``/``more_than`` v → [v(1-5%), ∞), ``up_to``/``at_most``/
``less_than`` v → [0, v(1+5%)], a range [low, high] loosened by 5%. Two entries
*disagree* when their intervals are disjoint ("10,000" vs "20,000"; not "up to 10,000"
vs "11,000", whose loosened intervals meet) and they are comparable:
- both cited by one fused event: one happening's count, whatever the report dates;
- neither cited by an event: for stocks (troops, weapons, money, other) dates at most
  ``stock_window`` days apart; for running totals (killed, displaced, ...) the same date
  (overlapping date intervals of similar length), since such counts grow;
- one cited and the other not, or cited by different events: never (not one quantity).
Figures of category ``other``, and series scoped to a story only, are never compared.
For running totals not cited by events, a later entry whose upper bound is below an
earlier entry's lower bound is a ``decrease``. An entry stated by the same speaker in the
same sentence as a larger one counts a part of it ("several hundred soldiers crossed,
the first of 1,200") and is compared with nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sitrep.fuse.records import FigureReport, When
from sitrep.fuse.rules import FigureRules
from sitrep.fuse.text import words

SubjectKey = tuple[str | None, str, str | None, str | None, str | None]  # actor, category, unit, place, noun class
LOWER_QUALIFIERS = frozenset({"exact", "approx", "at_least", "more_than", "range"})
UPPER_QUALIFIERS = frozenset({"exact", "approx", "at_most", "up_to", "less_than", "range"})


def subject_key(report: FigureReport, rules: FigureRules) -> SubjectKey:
    """(actor, category, unit, place, noun class): the place, and the class of the counted noun, only tell
    subjects apart when no actor is known ("5,000 fighters" and "1,200 troops" in one country are two things)."""
    actor = report.actor.key if report.actor else None
    place = report.place.key if report.place and actor is None else None
    kind = noun_class(report.noun, rules) if place is not None else None
    return (actor, report.category, report.unit, place, kind)


def noun_class(noun: str | None, rules: FigureRules) -> str | None:
    """The class of a counted noun ("troops" and "soldiers" are "forces"); an unlisted noun is its own class."""
    if not noun or not noun.strip():
        return None
    word = " ".join(words(noun))
    return rules.noun_classes.get(word, word)


def speaker_id(report: FigureReport) -> str | None:
    if report.speaker is not None:
        return report.speaker.key
    if report.speaker_text:
        return "t:" + " ".join(words(report.speaker_text))
    return None


@dataclass
class Entry:
    """One value stated by one speaker for one date, with every report that carries it."""

    reports: list[FigureReport]
    events: frozenset[str] = frozenset()  # fused event ids that cite it

    @property
    def first(self) -> FigureReport:
        return self.reports[0]

    @property
    def when(self) -> When | None:
        return self.first.when


def stated_bounds(report: FigureReport) -> tuple[float | None, float | None]:
    """The lower and upper values as stated (None where the qualifier leaves a side open)."""
    q, v = report.qualifier, report.value
    if q == "range" or v is None:
        return (report.low if report.low is not None else v, report.high if report.high is not None else v)
    return (v if q in LOWER_QUALIFIERS else None, v if q in UPPER_QUALIFIERS else None)


def is_increment(report: FigureReport, rules: FigureRules) -> bool:
    """Whether the figure counts an addition ("3,000 more", "10,000 additional volunteers"), not a total."""
    tokens = words(report.text)
    numeric = [i for i, t in enumerate(tokens) if any(c.isdigit() for c in t) or t in rules.number_words]
    return bool(numeric) and any(t in rules.increment_words for t in tokens[numeric[-1] + 1 :])


def bounds(report: FigureReport, rules: FigureRules) -> tuple[float, float] | None:
    """The interval of true totals compatible with the figure, or None if it says nothing about one."""
    if is_increment(report, rules):
        return None
    low, high = stated_bounds(report)
    if low is None and high is None:
        return None
    loose = rules.approx_tolerance if report.qualifier == "approx" else rules.exact_tolerance
    lo = 0.0 if low is None else low * (1 - loose)
    hi = math.inf if high is None else high * (1 + loose)
    return (lo, hi)


def same_date(a: When | None, b: When | None) -> bool:
    """Overlapping date intervals of similar length (a day is not compared with a month)."""
    if a is None or b is None:
        return False
    if a.start > b.end or b.start > a.end:
        return False
    la, lb = a.end - a.start + 1, b.end - b.start + 1
    return max(la, lb) <= 2 * min(la, lb) + 1


@dataclass
class Contradiction:
    """Two incompatible statements; each side is every entry stating one value."""

    kind: str  # "disagree" or "decrease"
    a: tuple[int, ...]  # entry indexes: the side stated first (for a decrease, the earlier, higher one)
    b: tuple[int, ...]


@dataclass
class Series:
    key: SubjectKey
    scope: str | None  # fused event id or story label of an unscoped subject
    entries: list[Entry]
    story: bool = False  # scoped to a story only: shown, never checked for contradictions
    contradictions: list[Contradiction] = field(default_factory=list)


def entry_order(entry: Entry) -> tuple[Any, ...]:
    w = entry.when
    r = entry.first
    return (
        w.start if w else 0,
        w.end if w else 0,
        r.value if r.value is not None else -1.0,
        r.qualifier,
        speaker_id(r) or "",
        r.document,
        r.id,
    )


def group_entries(reports: list[FigureReport], events_of: Callable[[FigureReport], frozenset[str]]) -> list[Entry]:
    """Reports of one value by one speaker for one date become one entry; entries in time order."""
    grouped: dict[tuple[Any, ...], list[FigureReport]] = {}
    for r in reports:
        w = r.when
        key = (speaker_id(r), r.value, r.low, r.high, r.qualifier, w.start if w else None, w.end if w else None)
        grouped.setdefault(key, []).append(r)
    entries = []
    for members in grouped.values():
        members.sort(key=lambda r: (r.document, r.id))
        tied: frozenset[str] = frozenset().union(*(events_of(r) for r in members))
        entries.append(Entry(reports=members, events=tied))
    entries.sort(key=entry_order)
    return entries


def parts(entries: list[Entry], spans: list[tuple[float, float] | None]) -> set[int]:
    """Entries that count a part of another entry's number: stated by the same speaker in the same
    sentence, and wholly below it ("several hundred soldiers crossed, the first of 1,200")."""
    by_sentence: dict[tuple[str, int, str | None], set[int]] = {}
    for i, entry in enumerate(entries):
        if spans[i] is not None:
            for r in entry.reports:
                by_sentence.setdefault((r.document, r.sentence, speaker_id(entry.first)), set()).add(i)
    found = set()
    for together in by_sentence.values():
        for i in together:
            if any(spans[i][1] < spans[j][0] for j in together):  # type: ignore[index]
                found.add(i)
    return found


def _disjoint(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def find_contradictions(entries: list[Entry], category: str, rules: FigureRules) -> list[Contradiction]:
    """Every pair of entries that cannot both be true (see the module docstring)."""
    spans = [bounds(e.first, rules) for e in entries]
    for i in parts(entries, spans):
        spans[i] = None
    pairs: set[tuple[int, int, str]] = set()
    by_event: dict[str, list[int]] = {}
    unlinked: list[int] = []
    for i, entry in enumerate(entries):
        if spans[i] is None:
            continue
        for event in entry.events:
            by_event.setdefault(event, []).append(i)
        if not entry.events:
            unlinked.append(i)
    for indexes in by_event.values():  # one happening's counts: any two must agree, whatever their dates
        for x, i in enumerate(indexes):
            for j in indexes[x + 1 :]:
                if _disjoint(spans[i], spans[j]):  # type: ignore[arg-type]
                    pairs.add((i, j, "disagree"))
    cumulative = category in rules.cumulative_categories
    reach = 0 if cumulative else rules.stock_window
    for x, i in enumerate(unlinked):  # sorted by start date: stop at the first entry out of reach
        a = entries[i]
        if a.when is None:
            continue
        for j in unlinked[x + 1 :]:
            b = entries[j]
            if b.when is None or b.when.start > a.when.end + reach:
                break
            near = same_date(a.when, b.when) if cumulative else True
            if near and _disjoint(spans[i], spans[j]):  # type: ignore[arg-type]
                pairs.add((i, j, "disagree"))
    if cumulative:
        pairs.update((i, j, "decrease") for i, j in _decreases(entries, spans, unlinked))
    return _by_statement(entries, pairs)


def _statement(entry: Entry) -> tuple[Any, ...]:
    r = entry.first
    return tuple((x is None, x or 0.0) for x in (r.value, r.low, r.high)) + (r.qualifier,)


def _by_statement(entries: list[Entry], pairs: set[tuple[int, int, str]]) -> list[Contradiction]:
    """Pairs of entries grouped into pairs of statements: "1,200 vs 3,000" once, however many carry each."""
    sides: dict[tuple[Any, ...], tuple[set[int], set[int]]] = {}
    for i, j, kind in pairs:
        first, second = _statement(entries[i]), _statement(entries[j])
        if kind == "disagree" and second < first:
            first, second, i, j = second, first, j, i
        a, b = sides.setdefault((kind, first, second), (set(), set()))
        a.add(i)
        b.add(j)
    out = []
    for (kind, _, _), (a, b) in sides.items():
        if kind == "disagree" and min(b) < min(a):
            a, b = b, a
        out.append(Contradiction(kind, tuple(sorted(a)), tuple(sorted(b))))
    out.sort(key=lambda c: (c.a, c.b, c.kind))
    return out


def _decreases(
    entries: list[Entry], spans: list[tuple[float, float] | None], indexes: list[int]
) -> list[tuple[int, int]]:
    """Running totals that fall: each entry whose upper bound is below the highest lower bound stated on an
    earlier date, paired with the entry that stated it."""
    found = []
    best: int | None = None  # earlier entry (strictly earlier date) with the highest lower bound
    pending: list[int] = []
    for i in indexes:
        when = entries[i].when
        if when is None:
            continue
        for k in [k for k in pending if entries[k].when.end < when.start]:  # type: ignore[union-attr]
            pending.remove(k)
            if best is None or spans[k][0] > spans[best][0]:  # type: ignore[index]
                best = k
        if best is not None and spans[i][1] < spans[best][0]:  # type: ignore[index]
            found.append((best, i))
        pending.append(i)
    return found


@dataclass
class CurrentRange:
    low: float | None
    high: float | None
    as_of: int | None
    entries: int
    contested: bool


def current_range(series: Series, rules: FigureRules) -> CurrentRange | None:
    """The span of stated values among the entries of the latest ``current_window`` days."""
    dated = [(i, e) for i, e in enumerate(series.entries) if e.when is not None]
    if not dated:
        return None
    latest = max(e.when.end for _, e in dated)  # type: ignore[union-attr]
    recent = [(i, e) for i, e in dated if e.when.end >= latest - rules.current_window]  # type: ignore[union-attr]
    lows = [lo for _, e in recent if (lo := stated_bounds(e.first)[0]) is not None]
    highs = [hi for _, e in recent if (hi := stated_bounds(e.first)[1]) is not None]
    indexes = {i for i, _ in recent}
    contested = any(indexes & set(c.a) and indexes & set(c.b) for c in series.contradictions)
    return CurrentRange(
        low=min(lows) if lows else None,
        high=max(highs) if highs else None,
        as_of=latest,
        entries=len(recent),
        contested=contested,
    )


def build_series(
    reports: list[FigureReport],
    scope_of: Callable[[FigureReport], str],
    events_of: Callable[[FigureReport], frozenset[str]],
    rules: FigureRules,
) -> list[Series]:
    """Every series of these reports, with their contradictions.

    A figure with an actor belongs to (actor, category, unit); one without to the fused
    event that cites it, else to (category, unit, place), else to its story (``scope_of``).
    """
    by_subject: dict[tuple[SubjectKey, str | None], list[FigureReport]] = {}
    for r in reports:
        key = subject_key(r, rules)
        scope = None
        if key[0] is None:
            tied = sorted(events_of(r))
            if tied:
                key, scope = (None, key[1], key[2], None, None), tied[0]
            elif key[3] is None:
                scope = scope_of(r)
        by_subject.setdefault((key, scope), []).append(r)
    out = []
    for (key, scope), members in by_subject.items():
        entries = group_entries(members, events_of)
        series = Series(key=key, scope=scope, entries=entries, story=story_scoped(key, scope))
        if not series.story and key[1] not in rules.uncompared_categories:
            series.contradictions = find_contradictions(entries, key[1], rules)
        out.append(series)
    return out


def story_scoped(key: SubjectKey, scope: str | None) -> bool:
    """A series that knows neither whose, nor where, nor which event: its figures need not count one thing."""
    return key[0] is None and key[3] is None and scope is not None and not scope.startswith("ev_")
