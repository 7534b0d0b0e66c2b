"""Measure the ACLED export on the demo corpus: one row per true violent or protest event, fatalities that add up.

usage:
  python benchmarks/bench_acled.py [--extractions FILE.json] [--save FILE.json]

Runs the extraction pipeline on the 21 demo articles (or reads extractions saved earlier with
``--save``), fuses them and builds the ACLED rows (``sitrep.export.acled``). It compares them with
``demo/truth.json``: the number of rows against the true ASSAULT and PROTEST events that occurred,
and the fatalities sum against the truth's conservative total, per true event the lowest killed
figure its reports give (a vague one, "dozens of fighters", counted by ACLED's convention only when
the event has no number; the total of numbers alone is shown beside it). A row stands for the true
event most of its fused event's member reports belong to (a member matches a truth report when its
span overlaps the report's sentence); rows that stand for none are listed as extra.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_fusion import pipeline_extractions, read_corpus

from sitrep.export.acled import fused_row
from sitrep.export.acled_report import ExtractionIndex, load_mapping
from sitrep.export.fatalities import vague_number
from sitrep.fuse import build_picture

DEMO = ROOT / "demo"
EXPORTED_TYPES = ("ASSAULT", "PROTEST")
console = Console(width=180)


def truth_events(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in truth["events"] if e["type"] in EXPORTED_TYPES and e["status"] == "occurred"]


def truth_fatalities(truth: dict[str, Any], event_id: str) -> tuple[int, int]:
    """(lowest numeric killed figure, the same with ACLED's number for a vague one when there is no number)."""
    mapping = load_mapping()
    figures = [f for f in truth["figures"] if f.get("refers_to") == event_id and f["category"] == "killed"]
    vague = [v for f in figures if f["value"] is None and (v := vague_number(f["text"], mapping)) is not None]
    numeric = [
        int(f["value"] if f["value"] is not None else f["low"])
        for f in figures
        if f["value"] is not None or (f.get("low") is not None and vague_number(f["text"], mapping) is None)
    ]
    lowest = min(numeric) if numeric else 0
    return lowest, lowest if numeric else (min(vague) if vague else 0)


def truth_spans(truth: dict[str, Any], texts: dict[str, str]) -> list[tuple[str, int, int, str]]:
    spans = []
    for event in truth["events"]:
        for report in event["reports"]:
            start = texts[report["file"]].find(report["sentence"])
            spans.append((report["file"], start, start + len(report["sentence"]), event["id"]))
    return spans


def standing_for(fused: dict[str, Any], spans: list[tuple[str, int, int, str]], names: dict[str, str]) -> str | None:
    """The true event most of a fused event's members report (None when no member matches a truth report)."""
    votes: Counter[str] = Counter()
    for member in fused["members"]:
        file, (start, end) = names[member["document"]], member["span"]
        hits = {e for f, s, t, e in spans if f == file and start < t and s < end}
        votes.update(hits)
    return min(votes, key=lambda e: (-votes[e], e)) if votes else None


def export_rows(extractions: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(fused event, ACLED row) for every row the export writes."""
    picture = build_picture(extractions.values())
    view = picture.to_dict()
    indexes = {x["document"]["id"]: ExtractionIndex(x) for x in extractions.values()}
    originals = {s["id"]: s["original"] for s in view["syndication"]}
    out = []
    for fused in view["events"]:
        row = fused_row(fused, view, indexes, originals)
        if row is not None and row["country"]:
            out.append((fused, row))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--extractions", type=Path, help="read the demo extractions from this JSON file")
    parser.add_argument("--save", type=Path, help="save the demo extractions to this JSON file")
    args = parser.parse_args()
    truth = json.loads((DEMO / "truth.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    if args.extractions:
        extractions = json.loads(args.extractions.read_text(encoding="utf-8"))
    else:
        extractions = pipeline_extractions(read_corpus())
    extract_seconds = time.perf_counter() - started
    if args.save:
        args.save.write_text(json.dumps(extractions), encoding="utf-8")
    names = {x["document"]["id"]: name for name, x in extractions.items()}
    texts = {name: x["document"]["text"] for name, x in extractions.items()}
    started = time.perf_counter()
    rows = export_rows(extractions)
    export_ms = (time.perf_counter() - started) * 1000
    spans = truth_spans(truth, texts)
    wanted = truth_events(truth)
    by_truth: dict[str | None, list[dict[str, Any]]] = {}
    for fused, row in rows:
        by_truth.setdefault(standing_for(fused, spans, names), []).append(row)

    detail = Table(title="ACLED rows per true violent or protest event (demo corpus)")
    for column in (
        "true event",
        "rows",
        "event_type / sub_event_type",
        "fatalities",
        "truth (numbers)",
        "truth (ACLED vague)",
        "sources",
    ):
        detail.add_column(column, justify="right" if column in ("rows", "fatalities") else "left")
    for event in wanted:
        got = by_truth.get(event["id"], [])
        strict, vague = truth_fatalities(truth, event["id"])
        detail.add_row(
            event["id"],
            str(len(got)),
            "; ".join(f"{r['event_type']} / {r['sub_event_type']}" for r in got),
            " + ".join(str(r["fatalities"]) for r in got) or "—",
            str(strict),
            str(vague),
            str(max((len(r["source"].split("; ")) for r in got), default=0)),
        )
    wanted_ids = {e["id"] for e in wanted}
    for key, got in sorted(by_truth.items(), key=lambda kv: str(kv[0])):
        if key in wanted_ids:
            continue
        for r in got:
            detail.add_row(
                f"extra ({key or 'no truth report'})",
                "1",
                f"{r['event_type']} / {r['sub_event_type']}",
                str(r["fatalities"]),
                "",
                "",
                r["notes"][:60],
            )
    console.print(detail)

    total = sum(int(r["fatalities"]) for _, r in rows)
    strict_total = sum(truth_fatalities(truth, e["id"])[0] for e in wanted)
    vague_total = sum(truth_fatalities(truth, e["id"])[1] for e in wanted)
    matched = sum(1 for e in wanted if by_truth.get(e["id"]))
    summary = Table(
        title=f"ACLED export on the demo corpus ({len(extractions)} articles; "
        f"extraction {extract_seconds:.1f} s, export {export_ms:.0f} ms)"
    )
    for column in (
        "rows",
        "true events",
        "true events with a row",
        "duplicate rows",
        "extra rows",
        "fatalities",
        "truth (ACLED vague)",
        "off by",
        "truth (numbers only)",
    ):
        summary.add_column(column, justify="right")
    duplicates = sum(max(0, len(by_truth.get(e["id"], [])) - 1) for e in wanted)
    extra = sum(len(v) for k, v in by_truth.items() if k not in wanted_ids)
    off = f"{(total - vague_total) / vague_total:+.0%}" if vague_total else "—"
    summary.add_row(
        str(len(rows)),
        str(len(wanted)),
        f"{matched}/{len(wanted)}",
        str(duplicates),
        str(extra),
        str(total),
        str(vague_total),
        off,
        str(strict_total),
    )
    console.print(summary)


if __name__ == "__main__":
    main()
