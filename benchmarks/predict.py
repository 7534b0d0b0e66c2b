"""Write sitrep predictions for every gold file of a directory, for ../shared/tools/score.py.

usage: python benchmarks/predict.py GOLD_DIR PRED_DIR [--only LAYER]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitrep.model import Document
from sitrep.pipeline import Timings, extract


def main() -> None:
    gold_dir, pred_dir = Path(sys.argv[1]), Path(sys.argv[2])
    pred_dir.mkdir(parents=True, exist_ok=True)
    timings = Timings()
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        meta = gold["document"]
        document = Document(
            text=meta["text"],
            title=meta.get("title"),
            source=meta.get("source"),
            url=meta.get("url"),
            published=meta.get("published"),
        )
        result = extract(document, timings).to_dict()
        name = gold_file.name[: -len(".gold.json")]
        (pred_dir / f"{name}.json").write_text(json.dumps(result), encoding="utf-8")
    print(json.dumps({k: round(v, 3) for k, v in timings.seconds.items()}), file=sys.stderr)


if __name__ == "__main__":
    main()
