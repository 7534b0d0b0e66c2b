"""The analyst page in a real browser: Chromium driven by Playwright against ``sitrep serve``
over the demo store. Skips without Chromium; selected with ``-m browser``; screenshots in
test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

pytest_plugins = ["browser_support"]

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def screenshot(page: Any, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def shown_count(page: Any) -> int:
    page.wait_for_function("() => !document.getElementById('status').textContent.includes('loading')")
    return int(re.match(r"(\d+) of", page.locator("#status").inner_text()).group(1))


def test_the_page_draws_every_view(open_page: Any, page_errors: list[str]) -> None:
    page = open_page()
    assert page.locator("#map .land").count() >= 3, "the base map draws the countries in view"
    assert page.locator("#map .place, #map .cluster").count() >= 5
    assert "without a located place" in page.locator("#map .legend").inner_text()
    assert page.locator("#timeline .mark").count() > 20
    assert "occurred" in page.locator("#timeline .legend").inner_text()
    assert page.locator("#network .edge-label").count() > 0
    assert page.locator("#contradictions li.contradiction").count() >= 1
    assert page.locator("#figures .series-chart").count() >= 1
    top = page.locator("#contradictions").bounding_box()
    assert top is not None and top["y"] < 800, "contradictions are on the first screen"
    screenshot(page, "desktop-light")
    screenshot(page, "desktop-light-full", full_page=True)
    assert page_errors == []


def test_events_table_sorts_pages_and_searches(open_page: Any) -> None:
    page = open_page()
    dates = page.locator("#events tr.event td:first-child").all_inner_texts()
    assert dates == sorted(dates), "date order by default"
    assert f"of {shown_count(page)} events" in page.locator("#events .pager").inner_text()
    page.get_by_role("button", name="next").click()
    assert page.locator("#events .pager").inner_text().startswith("21–40")
    page.locator("#events button.sort", has_text="reports / indep.").click()
    sources = [int(t.split("/")[1]) for t in page.locator("#events tr.event td.num").all_inner_texts()]
    assert sources == sorted(sources, reverse=True)
    page.locator("#events .table-search").fill("Dori")
    rows = page.locator("#events tr.event").all_inner_texts()
    assert rows and all("dori" in r.lower() for r in rows)


def test_filters_live_in_the_url_and_back_restores_them(open_page: Any, page_errors: list[str]) -> None:
    page = open_page()
    total = shown_count(page)
    page.select_option("select[name=type]", "ASSAULT")
    page.wait_for_function("() => location.search.includes('type=ASSAULT')")
    assaults = shown_count(page)
    assert 0 < assaults < total
    types = page.locator("#events tr.event td:nth-child(2) strong").all_inner_texts()
    assert set(types) == {"ASSAULT"}
    page.fill("input[name=min_sources]", "2")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_function("() => location.search.includes('min_sources=2')")
    assert shown_count(page) < assaults
    page.go_back()
    page.wait_for_function("() => !location.search.includes('min_sources')")
    assert shown_count(page) == assaults
    assert page.input_value("input[name=min_sources]") == ""
    shared = open_page(f"/?{urlparse(page.url).query}")
    assert shared.input_value("select[name=type]") == "ASSAULT" and shown_count(shared) == assaults
    assert page_errors == []


def test_reset_clears_every_filter(open_page: Any, page_errors: list[str]) -> None:
    everything = shown_count(open_page())
    page = open_page("/?type=ASSAULT&place=Dori&min_sources=2")
    assert shown_count(page) > 0
    page.get_by_role("button", name="Reset", exact=True).click()
    page.wait_for_function("() => location.search === ''")
    assert shown_count(page) == everything
    assert page.input_value("input[name=place]") == "" and page.input_value("select[name=type]") == ""
    assert page_errors == [], "Reset works (no 'form.reset is not a function')"


def test_a_country_name_keeps_everything_inside_it(open_page: Any) -> None:
    by_code = shown_count(open_page("/?place=NER"))
    by_name = shown_count(open_page("/?place=Niger"))
    assert by_code > 0 and by_name == by_code


def test_the_reader_lands_on_a_claims_sentence(open_page: Any) -> None:
    page = open_page()
    link = page.locator("#contradictions li.contradiction button").first
    value = link.inner_text().split(" ")[0]
    link.click()
    reader = page.locator("#reader")
    reader.wait_for(state="visible")
    mark = reader.locator(".article-text mark").first
    mark.wait_for()
    assert value.replace("–", "")[:2] in mark.inner_text() or mark.inner_text()
    box, view = mark.bounding_box(), page.viewport_size
    assert box is not None and 0 <= box["y"] <= view["height"], "the marked sentence is scrolled into view"
    for layer in ("actor", "place", "figure", "claim"):
        assert reader.locator(f".article-text .layer-{layer}").count() > 0, layer
    assert page.evaluate("document.activeElement.id") == "reader"
    screenshot(page, "reader")
    page.keyboard.press("Escape")
    reader.wait_for(state="hidden")


def test_keyboard_enter_on_a_map_place_filters(open_page: Any) -> None:
    page = open_page()
    place = page.locator("#map .place").first
    name = place.get_attribute("aria-label").split(" (")[0]
    place.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('place') === {name!r}")
    assert page.input_value("input[name=place]") == name


def test_timeline_brush_sets_the_dates(open_page: Any) -> None:
    page = open_page()
    chart = page.locator("#timeline svg.timeline")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    y = box["y"] + box["height"] - 12
    page.mouse.move(box["x"] + box["width"] * 0.45, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=5)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('since=') && location.search.includes('until=')")
    since, until = query(page)["since"][0], query(page)["until"][0]
    assert since < until
    assert page.input_value("input[name=since]") == since


def test_map_zooms_and_pans(open_page: Any) -> None:
    page = open_page()
    before = page.locator("#map .land").first.get_attribute("d")
    page.get_by_role("button", name="zoom in").click()
    assert page.locator("#map .land").first.get_attribute("d") != before
    page.get_by_role("button", name="reset the map view").click()


def test_phone_width_fits_and_dark_mode_reads(open_page: Any, page_errors: list[str]) -> None:
    page = open_page(width=390, height=844, scheme="dark")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    sizes = page.evaluate("""[...document.querySelectorAll('#timeline svg text, #map svg text, #network svg text')].map((t) =>
        t.getBoundingClientRect().height).filter((h) => h > 0)""")
    assert sizes and min(sizes) >= 8, "chart labels stay readable on a phone"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(243, 245, 248)", "dark scheme applies"
    screenshot(page, "phone-dark")
    screenshot(page, "phone-dark-full", full_page=True)
    assert page_errors == []


def test_enter_on_a_network_node_filters_by_its_entity_key(open_page: Any) -> None:
    page = open_page()
    node = page.locator("#network .node").first
    node.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => (new URLSearchParams(location.search).get('actor') || '').includes(':')")
    assert shown_count(page) > 0


def event_places(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#events tr.event td:nth-child(4)").all_inner_texts()]


def test_a_regions_name_keeps_every_town_inside_it(open_page: Any, page_errors: list[str]) -> None:
    suggested = open_page().locator("#place-names option").evaluate_all("(options) => options.map((o) => o.value)")
    assert {"Sahel", "Dori", "BFA"} <= set(suggested), "the place box suggests places, their regions, countries"
    by_name_only = shown_count(open_page("/?place=Djibo"))
    page = open_page("/?place=Sahel")
    in_region = shown_count(page)
    assert in_region > by_name_only > 0, "Burkina Faso's Sahel region holds Djibo and Dori as well"
    places = set(event_places(page))
    assert {"Dori", "Djibo"} <= places and "Ouagadougou" not in places
    tillaberi = open_page("/?place=Tillab%C3%A9ri")
    assert "Téra" in event_places(tillaberi), "a Nigerien town inside Tillabéri, the name typed with its accent"
    assert page_errors == []


def test_division_borders_appear_when_zoomed_in_only(open_page: Any) -> None:
    page = open_page()
    chart = page.locator("#map svg.map")
    page.wait_for_function("() => Number(document.querySelector('#map svg.map').dataset.divisions) > 0")
    assert page.locator("#map .division-label").count() > 0, "division names, closer in"
    for _ in range(6):
        page.get_by_role("button", name="zoom out").click()
    assert chart.get_attribute("data-divisions") == "0", "no division borders at a continent's scale"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#map-panel").screenshot(path=str(ARTIFACTS / "map-zoomed-out.png"))


def test_map_marks_by_precision_and_sized_by_fatalities(open_page: Any) -> None:
    page = open_page()
    for precision in ("town", "region", "country"):
        assert page.locator(f"#map .place.precision-{precision}").count() > 0, precision
    dori = page.locator("#map .place[aria-label^='Dori ']")
    assert "killed" in dori.get_attribute("aria-label")
    by_sources = float(dori.get_attribute("r"))
    page.select_option("#map select[name=map-size]", "fatalities")
    dori = page.locator("#map .place[aria-label^='Dori ']")
    assert float(dori.get_attribute("r")) != by_sources
    unplaced = page.evaluate("""async () => {
        const picture = await (await fetch('/api/picture')).json();
        return picture.events.filter((e) => !e.place || typeof e.place.lat !== 'number').length; }""")
    assert page.locator("#map [data-unplaced]").get_attribute("data-unplaced") == str(unplaced)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#map-panel").screenshot(path=str(ARTIFACTS / "map-by-fatalities.png"))


CIRCLES = """(selector) => [...document.querySelectorAll(selector)].map((c) => {
    const box = c.getBoundingClientRect();
    return [box.x + box.width / 2, box.y + box.height / 2, box.width / 2]; })"""


def test_timeline_marks_of_one_day_sit_side_by_side(open_page: Any) -> None:
    page = open_page()
    marks = page.evaluate(CIRCLES, "#timeline circle.mark")
    assert len(marks) > 20
    for i, (x1, y1, r1) in enumerate(marks):
        for x2, y2, r2 in marks[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= max(r1, r2) ** 2, "no mark hides another's centre"


def test_map_marks_cluster_instead_of_covering_each_other(open_page: Any) -> None:
    page = open_page()
    for _ in range(4):
        page.get_by_role("button", name="zoom out").click()
    assert page.locator("#map .cluster").count() >= 1
    marks = page.evaluate(CIRCLES, "#map .cluster circle, #map circle.place")
    for i, (x1, y1, r1) in enumerate(marks):
        for x2, y2, r2 in marks[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= (0.8 * (r1 + r2)) ** 2
