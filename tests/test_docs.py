"""The documentation keeps up: every CLI command is in the README's table, every public name in docs/api.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sitrep
from sitrep.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
API_DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| `")]


def documented_commands() -> set[str]:
    found = (re.match(r"\| `sitrep ([a-z-]+)", row) for row in table_rows(README))
    return {match.group(1) for match in found if match}


def documented_names() -> set[str]:
    found = (re.match(r"\| `([A-Za-z_]+)", row) for row in table_rows(API_DOC))
    names = {match.group(1) for match in found if match}
    for row in table_rows(API_DOC):  # rows that list several names: | `Actor`, `Place`, ... |
        first_cell = row.split("|")[1]
        names.update(re.findall(r"`([A-Za-z_]+)`", first_cell))
    return names


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_cli_command_is_in_the_readme_table(command):
    assert command in documented_commands(), f"`sitrep {command}` is missing from the README's command table"


def test_the_readme_table_lists_no_command_that_does_not_exist():
    assert documented_commands() <= set(main.commands)


@pytest.mark.parametrize("name", sorted(sitrep.__all__))
def test_every_public_name_is_in_docs_api(name):
    assert name in documented_names(), f"sitrep.{name} is missing from the table in docs/api.md"


def test_docs_api_documents_no_name_that_is_not_public():
    assert documented_names() <= set(sitrep.__all__)


def test_every_command_help_ends_with_an_example():
    for name, command in main.commands.items():
        assert "Example: sitrep " + name in (command.help or ""), f"`sitrep {name} --help` has no example"
