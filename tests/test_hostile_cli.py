"""Hostile names and options on the command line: printed as text, never read as markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main, shown


@pytest.mark.parametrize("name", ["odd[/bold].txt", "[red]x[/red].txt", "[link=file:]a.txt", "tab\tbell\a.txt"])
def test_file_names_with_markup_or_controls_do_not_crash_the_progress_display(tmp_path: Path, name: str) -> None:
    bad = tmp_path / name  # "odd[/bold].txt" is a directory "odd[" holding "bold].txt"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"")
    other = tmp_path / "empty.txt"
    other.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(bad), str(other), "--json"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "empty file" in result.output


def test_shown_escapes_markup_and_neutralises_controls_and_overrides() -> None:
    assert shown("[/bold]") == "\\[/bold]"
    assert shown("Daily\u202eswen") == "Daily\\u202eswen"  # a right-to-left override cannot reverse the name
    assert shown("a\x1b[31mb") == "a\\x1b[31mb"  # no escape character reaches the terminal
    assert shown("Kyiv\nPost") == "Kyiv\nPost"


@pytest.mark.parametrize("value", ["2026-03-05garbage", "2026-03-05 not a date", "20260305", "2026-13-01"])
def test_since_must_be_a_strict_date(tmp_path: Path, value: str) -> None:
    result = CliRunner().invoke(main, ["picture", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--since", value])
    assert result.exit_code == 2
    assert "is not a date of the form YYYY-MM-DD" in result.output
