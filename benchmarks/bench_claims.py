"""Measure the claims layer on the gold sets, beside textacy's direct-quotation extractor.

usage: python benchmarks/bench_claims.py [DIR ...] [--no-textacy] [--json FILE]

Runs the whole pipeline (the claims stage needs the actors, places and times before it)
on every gold file of each directory (default: benchmarks/claims, the articles written for
issue 12; ../shared/examples, ../shared/eval/wikinews, ../shared/eval/polnear-dev) and
scores claims and attribution with ``sitrep.evaluate`` (the rules of
../shared/tools/score.py), with stance and factuality accuracy where gold has them, and
the claims stage's time per article as a share of the whole pipeline and of the parse.

In the same run, on the same texts, textacy's ``extract.triples.direct_quotations`` is
scored as a baseline: each quotation it returns is a direct claim whose speaker is an actor
named by its speaker tokens. textacy is a benchmark-only extra (``textacy==0.13.0``); when
it is missing its rows say so and the run goes on. Its quotation marks are normalised with
textacy's own ``normalize.quotation_marks`` (one character for one, so offsets hold).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.evaluate import gold_document, gold_files, score
from sitrep.nlp import load_pipeline, parse_many
from sitrep.pipeline import Timings, analyse

SHARED = Path(__file__).resolve().parents[2] / "shared"
HERE = Path(__file__).resolve().parent
DEFAULT_DIRS = [HERE / "claims", SHARED / "examples", SHARED / "eval" / "wikinews", SHARED / "eval" / "polnear-dev"]
Gold = dict[str, Any]


def load(directory: Path) -> list[Gold]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in gold_files([directory])]


def run_sitrep(golds: list[Gold]) -> tuple[list[dict[str, Any]], Timings]:
    """Predictions of the whole pipeline, with seconds per stage (parse included)."""
    timings = Timings()
    documents = [gold_document(gold) for gold in golds]
    predictions = []
    started = time.perf_counter()
    for document, parsed in zip(documents, parse_many(d.text for d in documents), strict=True):
        timings.add("parse", time.perf_counter() - started)
        predictions.append(analyse(document, parsed, timings).to_dict())
        started = time.perf_counter()
    return predictions, timings


def textacy_available() -> str | None:
    """textacy's version, or None when it is not installed."""
    try:
        from importlib.metadata import version

        import textacy  # noqa: F401
    except ImportError:
        return None
    return version("textacy")


def run_textacy(golds: list[Gold]) -> tuple[list[dict[str, Any]], float, int]:
    """textacy's quotations as sitrep/1 claims; seconds spent extracting; documents it gave up on."""
    from textacy.extract.triples import direct_quotations
    from textacy.preprocessing.normalize import quotation_marks

    nlp = load_pipeline()
    predictions, seconds, gave_up = [], 0.0, 0
    for gold in golds:
        text = gold["document"]["text"]
        normalised = quotation_marks(text)
        doc = nlp(normalised if len(normalised) == len(text) else text)
        started = time.perf_counter()
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # it refuses documents with an odd number of quotation marks
            triples, gave_up = [], gave_up + 1
        seconds += time.perf_counter() - started
        predictions.append(_as_claims(text, triples))
    return predictions, seconds, gave_up


def _as_claims(text: str, triples: list[Any]) -> dict[str, Any]:
    actors: dict[str, dict[str, Any]] = {}
    claims = []
    for triple in triples:
        content = triple.content
        start, end = content.start_char, content.end_char
        while start < end and text[start] in "\"'“”‘’ ":
            start += 1
        while end > start and text[end - 1] in "\"'“”‘’ ,":
            end -= 1
        speaker_span = None
        speaker_id = None
        if triple.speaker:
            speaker_span = [min(t.idx for t in triple.speaker), max(t.idx + len(t) for t in triple.speaker)]
            name = text[speaker_span[0] : speaker_span[1]]
            actor = actors.setdefault(
                name, {"id": f"A{len(actors) + 1}", "name": name, "type": "other", "mentions": []}
            )
            actor["mentions"].append(speaker_span)
            speaker_id = actor["id"]
        claims.append(
            {
                "id": f"C{len(claims) + 1}",
                "speaker": speaker_id,
                "speaker_span": speaker_span,
                "speaker_text": text[speaker_span[0] : speaker_span[1]] if speaker_span else None,
                "content": text[start:end],
                "content_span": [start, end],
                "kind": "direct",
                "stance": None,
                "factuality": None,
            }
        )
    return {"actors": list(actors.values()), "claims": claims}


def summarise(golds: list[Gold], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    result = score(zip(golds, predictions, strict=True))
    return {"claims": result["claims"], "attribution": result["attribution"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()
    console = Console(width=150)
    load_pipeline()  # load the model and the lexicons before anything is timed
    run_sitrep([{"document": {"text": 'Warm-up. "It works," she said.'}}])
    textacy_version = None if args.no_textacy else textacy_available()
    table = Table(title="claims layer: sitrep vs textacy direct_quotations")
    for column in (
        "set",
        "system",
        "docs",
        "claims P",
        "R",
        "F1",
        "attrib. P",
        "R",
        "F1",
        "stance",
        "factuality",
        "ms/article",
        "share",
        "of parse",
    ):
        table.add_column(column, justify="left" if column in ("set", "system") else "right")
    report: dict[str, Any] = {}
    for directory in args.dirs:
        golds = load(directory)
        if not golds:
            continue
        predictions, timings = run_sitrep(golds)
        ours = summarise(golds, predictions)
        total = sum(timings.seconds.values())
        claims_seconds = timings.seconds.get("claims", 0.0)
        ours["ms_per_article"] = round(1000 * claims_seconds / len(golds), 2)
        ours["pipeline_ms_per_article"] = round(1000 * total / len(golds), 1)
        ours["share"] = round(claims_seconds / total, 4) if total else None
        parse_seconds = timings.seconds.get("parse", 0.0)
        ours["share_of_parse"] = round(claims_seconds / parse_seconds, 4) if parse_seconds else None
        report[directory.name] = {"sitrep": ours}
        table.add_row(
            directory.name,
            "sitrep",
            str(len(golds)),
            *_cells(ours),
            f"{ours['ms_per_article']:.1f}",
            f"{100 * (ours['share'] or 0):.1f}%",
            f"{100 * (ours['share_of_parse'] or 0):.1f}%",
        )
        if textacy_version is None:
            note = "skipped" if args.no_textacy else "not installed"
            table.add_row("", f"textacy ({note})", *[""] * 12)
            continue
        baseline, seconds, gave_up = run_textacy(golds)
        theirs = summarise(golds, baseline)
        theirs["ms_per_article"] = round(1000 * seconds / len(golds), 2)
        theirs["gave_up_on"] = gave_up
        report[directory.name]["textacy"] = theirs
        label = f"textacy {textacy_version}" + (f" (gave up on {gave_up})" if gave_up else "")
        cells = _cells(theirs)[:6] + ["n/a", "n/a"]  # textacy has no stance or factuality
        table.add_row("", label, str(len(golds)), *cells, f"{theirs['ms_per_article']:.1f}", "", "")
    console.print(table)
    console.print(
        "share: the claims stage's part of the whole pipeline's time (parse included); of parse: the "
        "claims stage's time over the parse's (must stay under 20%); stance/factuality: accuracy over "
        "matched claims whose gold has them."
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


def _cells(numbers: dict[str, Any]) -> list[str]:
    claims, attribution = numbers["claims"] or {}, numbers["attribution"] or {}

    def show(value: Any) -> str:
        return "—" if value is None else f"{value:.3f}"

    return [
        show(claims.get("p")),
        show(claims.get("r")),
        show(claims.get("f1")),
        show(attribution.get("p")),
        show(attribution.get("r")),
        show(attribution.get("f1")),
        show(claims.get("stance_ok")),
        show(claims.get("factuality_ok")),
    ]


if __name__ == "__main__":
    main()
