"""Save generated documents into a store, one transaction each, resuming where it stopped.

    python tests/store_writer.py URL COUNT [--statement-delay SECONDS] [--hang-at NUMBER]

Documents ``tiny_extraction(0) .. tiny_extraction(COUNT - 1)`` are saved in order;
ids already stored are skipped, so a killed run can simply be started again. With
``--statement-delay`` every INSERT sleeps first, so that most of the run is spent
inside open transactions and a kill almost surely lands in the middle of one. With
``--hang-at NUMBER`` it stops for good inside the transaction of that document, after
some of its rows are written, and prints ``hanging`` (the place to kill it).
Prints ``saved N skipped M`` when done.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from sqlalchemy import event

from sitrep.store import Store
from store_samples import tiny_extraction


def slow_down_inserts(store: Store, delay: float) -> None:
    """Sleep ``delay`` seconds before every INSERT the store executes."""

    def pause(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            time.sleep(delay)

    event.listen(store.engine, "before_cursor_execute", pause)


def hang_inside(store: Store, document: list[int], number: int) -> None:
    """Block forever when document ``number`` (``document[0]``) starts inserting claims."""

    def hang(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if document[0] == number and statement.startswith("INSERT INTO claims "):
            print("hanging", flush=True)
            time.sleep(3600)

    event.listen(store.engine, "before_cursor_execute", hang)


def write(url: str, count: int, statement_delay: float = 0.0, hang_at: int | None = None) -> tuple[int, int]:
    """Save the first ``count`` generated documents; return (saved, skipped)."""
    saved = skipped = 0
    current = [-1]
    with Store.open(url) as store:
        if statement_delay:
            slow_down_inserts(store, statement_delay)
        if hang_at is not None:
            hang_inside(store, current, hang_at)
        for number in range(count):
            current[0] = number
            if store.save_document(tiny_extraction(number), origin=f"generated:{number}"):
                saved += 1
            else:
                skipped += 1
    return saved, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url", help="database URL")
    parser.add_argument("count", type=int, help="how many documents to write")
    parser.add_argument("--statement-delay", type=float, default=0.0, help="seconds to sleep before each INSERT")
    parser.add_argument("--hang-at", type=int, help="block inside the transaction of this document")
    args = parser.parse_args()
    saved, skipped = write(args.url, args.count, args.statement_delay, args.hang_at)
    print(f"saved {saved} skipped {skipped}", flush=True)


if __name__ == "__main__":
    main()
