"""The page's search box in a real browser (Chromium via Playwright) over the demo store:
hits with their matches marked, each with its outlet and how it arrived."""

from __future__ import annotations

from typing import Any

import pytest

pytest_plugins = ["browser_support"]
pytestmark = [pytest.mark.browser, pytest.mark.model]


def test_the_search_box_lists_marked_hits_with_outlet_and_origin(open_page: Any, page_errors: list[str]) -> None:
    page = open_page()
    page.locator("#search-form input[name=q]").fill("Dori depot")
    page.locator("#search-form button[type=submit]").click()
    page.wait_for_selector("#search-results li.hit", timeout=20000)
    hits = page.locator("#search-results li.hit")
    assert hits.count() >= 2
    marks = [text.lower() for text in page.locator("#search-results mark").all_inner_texts()]
    assert marks and all(text in ("dori", "depot") for text in marks)
    first = hits.first.inner_text()
    assert "from a file" in first
    assert "of " in page.locator("#search-results .pager").inner_text()
    page.locator("#search-form select[name=kind]").select_option("claim")
    page.locator("#search-form input[name=q]").fill("said")
    page.locator("#search-form button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('#search-results .pager')")
    hits.first.locator("button.link").click()
    page.wait_for_selector("#reader:not([hidden]) #reader-title", timeout=20000)
    assert page_errors == []
