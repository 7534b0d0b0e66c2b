"""``python -m sitrep.store.migrations revision "MESSAGE"``: autogenerate a migration."""

from __future__ import annotations

import argparse

from sitrep.store.migrate import new_revision


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sitrep.store.migrations", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    revision = commands.add_parser("revision", help="autogenerate a migration from the changes in tables.py")
    revision.add_argument("message", help='what it does, e.g. "add events.confidence"')
    args = parser.parse_args(argv)
    if args.command == "revision":
        new_revision(args.message)


if __name__ == "__main__":
    main()
