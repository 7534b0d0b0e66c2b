"""A briefing as PDF: the HTML report printed by headless Chromium (found on PATH or $SITREP_CHROMIUM)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sitrep.errors import InputError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ENV = "SITREP_CHROMIUM"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)
TIMEOUT_SECONDS = 120


def find_chromium() -> str | None:
    """The Chromium to print with: $SITREP_CHROMIUM, else the first known browser on PATH."""
    explicit = os.environ.get(CHROMIUM_ENV)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def html_to_pdf(html: str, output: Path) -> None:
    """Print ``html`` to ``output`` with headless Chromium, or raise an InputError saying what is missing."""
    browser = find_chromium()
    if browser is None:
        raise InputError(
            "PDF reports need Chromium: install it (apt-get install chromium) or set "
            f"${CHROMIUM_ENV}; --format html gives the same report without it"
        )
    with tempfile.TemporaryDirectory(prefix="sitrep-report-") as work:
        page = Path(work) / "report.html"
        page.write_text(html, encoding="utf-8")
        command = [
            browser,
            *FLAGS,
            f"--user-data-dir={work}/profile",
            f"--print-to-pdf={output.resolve()}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(f"{browser}: could not print the report ({exc})") from exc
    if done.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
        reason = (done.stderr or "").strip().splitlines()[-1:] or ["no PDF written"]
        raise InputError(f"{browser}: could not print the report to {output} ({reason[0]})")
