"""Fatalities of a fused event by ACLED's rule: the most conservative credible figure its own reports give.

Every report of the event (each member that states it happened) offers its killed counts. A count
is left out when it is not this happening's: an aggregate toll ("40,000 killed in the war", see
``layers/links/tolls.py``), a part of a larger count ("20 killed, including six officers", "12 dead,
three of them children"); or when it is not credible: a figure its speaker denies, or one its own
report says could not be verified ("…killed dozens of assailants, a figure that could not be verified"). Counts of different victims joined in one
phrase ("five soldiers and three civilians were killed") add up to one statement.

The event's fatalities are, for each class of victims (``noun_classes`` of ``fusion.json``: forces,
fighters; everyone else counts as people), the lowest statement, never a sum over reports of one
class; the classes add up ("seven soldiers" and "dozens of assailants" died in one battle), and a
count of people (who may include them) stands when it is larger than that sum. A vague count
("dozens") takes ACLED's number for it ("dozens" 12), and only when no report gives a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.export.acled_report import ExtractionIndex, load_mapping
from sitrep.layers.links.tolls import is_aggregate_toll

SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")
FULL_STOP = re.compile(r"[.!?]\s|\n")
KILLED = "killed"
GENERIC_CLASS = "people"


@dataclass(frozen=True)
class Statement:
    """One credible killed count of one report."""

    value: int
    text: str
    speaker: str | None
    outlet: str | None
    vague: bool
    victims: str | None = None  # class of the counted noun ("forces", "fighters"); None: people in general


def _sentence_of(text: str, position: int) -> int:
    return sum(1 for _ in SENTENCE_BREAK.finditer(text, 0, position))


def vague_number(text: str, mapping: dict[str, Any]) -> int | None:
    table = {k: v for k, v in mapping["vague_fatalities"].items() if not k.startswith("_")}
    folded = f" {' '.join(text.lower().split())} "
    for phrase in sorted(table, key=len, reverse=True):
        if f" {phrase} " in folded:
            return int(table[phrase])
    return None


def figure_count(figure: dict[str, Any], mapping: dict[str, Any]) -> tuple[int, bool] | None:
    """The conservative number a killed figure stands for, and whether it is vague; None when it has none."""
    if figure.get("value") is not None:
        return int(figure["value"]), False
    vague = vague_number(figure.get("text") or "", mapping)
    if vague is not None:
        return vague, True
    if figure.get("low") is not None:
        return int(figure["low"]), figure.get("high") is None
    return None


def _is_part(
    index: ExtractionIndex, figure: dict[str, Any], others: list[dict[str, Any]], mapping: dict[str, Any]
) -> bool:
    """A count inside a larger one of the same sentence ("…, including six officers", "three of them children")."""
    text = index.text
    start, end = figure["span"]
    before = text[max(0, start - 20) : start].lower().rstrip()
    if any(before.endswith(marker) for marker in mapping["subset_markers"]):
        return True
    after = text[end : end + 15].lower().lstrip()
    sentence = _sentence_of(text, start)
    larger_before = [
        o
        for o in others
        if o is not figure
        and o["span"][1] <= start
        and _sentence_of(text, o["span"][0]) == sentence
        and (figure_count(o, mapping) or (0, False))[0] > (figure_count(figure, mapping) or (0, False))[0]
    ]
    if not larger_before:
        return False
    between = " ".join(text[max(o["span"][1] for o in larger_before) : start].lower().split())
    return any(after.startswith(m) for m in mapping["part_markers_after"]) or any(
        re.search(rf"\b{re.escape(m)}\b", between) for m in mapping["subset_markers"]
    )


def _speaker(index: ExtractionIndex, figure: dict[str, Any]) -> tuple[str | None, bool]:
    """Who states the figure (None: the outlet itself) and whether they state it credibly (not denying it)."""
    claim = index.get(figure.get("claim"))
    if claim is None:
        return None, True
    actor = index.get(claim.get("speaker"))
    name = actor["name"] if actor else claim.get("speaker_text")
    return name, claim.get("stance", "assert") in load_mapping()["credible_stances"]


@lru_cache(maxsize=1)
def _unverified_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in load_mapping()["unverified"]["patterns"])


def is_unverified(text: str, figure: dict[str, Any]) -> bool:
    """Whether the figure's own sentence says it could not be verified."""
    end = figure["span"][1]
    stop = FULL_STOP.search(text, end)
    rest = text[end : stop.start() if stop else len(text)]
    return any(p.search(rest) for p in _unverified_patterns())


def _joined(index: ExtractionIndex, a: dict[str, Any], b: dict[str, Any], mapping: dict[str, Any]) -> bool:
    """ "five soldiers and three civilians": two counts of different victims in one phrase."""
    gap = index.text[a["span"][1] : b["span"][0]]
    return (
        0 <= len(gap) <= mapping["joined_counts_gap"]
        and re.fullmatch(r"[^.;]*\b(?:and)\b[^.;]*|\s*,\s*", gap) is not None
        and (a.get("noun") or "") != (b.get("noun") or "")
        and not any(re.search(rf"\b{re.escape(m)}\b", gap.lower()) for m in mapping["subset_markers"])
    )


def report_statements(index: ExtractionIndex, event: dict[str, Any]) -> list[Statement]:
    """The credible killed counts one report gives for its event."""
    mapping = load_mapping()
    killed = [
        f
        for f in (index.get(fid) for fid in event.get("figures") or [])
        if f and f.get("category") == KILLED and isinstance(f.get("span"), list) and len(f["span"]) == 2
    ]
    killed.sort(key=lambda f: f["span"][0])
    own = [f for f in killed if not is_aggregate_toll(index.text, f["span"]) and figure_count(f, mapping)]
    kept = [
        f
        for f in own
        if not _is_part(index, f, own, mapping) and _speaker(index, f)[1] and not is_unverified(index.text, f)
    ]
    out: list[Statement] = []
    i = 0
    while i < len(kept):
        group = [kept[i]]
        while i + 1 < len(kept) and _joined(index, group[-1], kept[i + 1], mapping):
            i += 1
            group.append(kept[i])
        counts = [figure_count(f, mapping) for f in group]
        classes = {victim_class(f.get("noun")) for f in group}
        out.append(
            Statement(
                value=sum(c[0] for c in counts if c),
                text=" and ".join(f["text"] for f in group),
                speaker=_speaker(index, group[0])[0],
                outlet=index.document.get("source"),
                vague=any(c[1] for c in counts if c),
                victims=classes.pop() if len(classes) == 1 else None,
            )
        )
        i += 1
    return out


@lru_cache(maxsize=1)
def _classes() -> tuple[dict[str, str], frozenset[str]]:
    from sitrep.fuse.rules import load_rules

    rules = load_rules().figures
    specific = frozenset(rules.noun_classes.values()) - {GENERIC_CLASS}
    return rules.noun_classes, specific


def victim_class(noun: str | None) -> str | None:
    """The class of the counted victims ("soldiers" → forces); None for people in general or an unlisted noun."""
    if not noun:
        return None
    classes, specific = _classes()
    found = classes.get(" ".join(noun.lower().split()))
    return found if found in specific else None


def _lowest(statements: list[Statement]) -> int:
    numeric = [s.value for s in statements if not s.vague]
    vague = [s.value for s in statements if s.vague]
    return min(numeric) if numeric else min(vague) if vague else 0


def conservative(statements: list[Statement]) -> int:
    """ACLED's fatalities: per class of victims the lowest statement (a number before a vague one), the
    classes added up, or the lowest count of people in general when that is larger; 0 when none is stated."""
    by_class: dict[str | None, list[Statement]] = {}
    for statement in statements:
        by_class.setdefault(statement.victims, []).append(statement)
    specific = sum(_lowest(group) for victims, group in by_class.items() if victims is not None)
    return max(specific, _lowest(by_class.get(None, [])))
