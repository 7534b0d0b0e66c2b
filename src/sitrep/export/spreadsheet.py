"""Cells a spreadsheet would run as a formula, made inert.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
programs skip before reading such a sign) is a formula to Excel, LibreOffice and Google Sheets
("=HYPERLINK(...)" in a quoted speaker name would run on opening). Such a cell gets a leading
apostrophe, which the spreadsheet shows as text. Numbers are written as they are.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, or for a text that a spreadsheet would run as a formula, the text behind an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}
