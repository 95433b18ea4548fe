"""The data landscape in a real browser: a nameless asset is refused inside the
dialog without losing what was typed; an asset added there is drawn in its ring
with its status colour and shows itself on hover; a name typed into the
inventory table redraws the picture and survives a refresh."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import by_key, edit_cell, go_to, open_app, wait_for_app_run

pytestmark = pytest.mark.e2e

RED = "rgb(224, 71, 76)"  # the "required but missing" colour


def choose(page: Page, key: str, option: str) -> None:
    """Pick an option of a select box or multiselect by typing it, as a keyboard user does."""
    box = by_key(page, key).get_by_role("combobox")
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).wait_for()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # let the list close before the next widget is used


def drawn_dots(page: Page) -> dict[str, str]:
    """Name beside each dot in the drawn SVG -> the dot's fill colour."""
    return page.evaluate("""() => {
        const found = {};
        for (const trace of document.querySelectorAll('.st-key-landscape-picture .scatterlayer .trace')) {
            const points = trace.querySelectorAll('path.point');
            const texts = trace.querySelectorAll('.textpoint text');
            texts.forEach((t, i) => { if (points[i]) found[t.textContent] = points[i].style.fill; });
        }
        return found;
    }""")


def metric(page: Page, label: str):
    return page.locator("[data-testid='stMetric']", has_text=label).locator("[data-testid='stMetricValue']")


def test_an_added_asset_appears_in_the_picture_and_a_table_edit_redraws_it(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "data-landscape")
    by_key(page, "landscape-add").locator("button").click()
    dialog = page.get_by_role("dialog")
    by_key(page, "landscape-new-owner").locator("input").fill("Met office")
    dialog.get_by_role("button", name="Add asset").click()
    wait_for_app_run(page)
    expect(dialog).to_contain_text("Give the asset a name")  # refused in place, the owner kept
    expect(by_key(page, "landscape-new-owner").locator("input")).to_have_value("Met office")

    by_key(page, "landscape-new-name").locator("input").fill("Weather feed")
    choose(page, "landscape-new-sharing", "Public")
    choose(page, "landscape-new-status", "Required but missing")
    choose(page, "landscape-new-uses", "Feature")
    page.keyboard.press("Escape")
    dialog.get_by_role("button", name="Add asset").click()
    wait_for_app_run(page)
    expect(dialog).to_be_hidden()

    expect(metric(page, "Missing")).to_have_text("1")
    expect(by_key(page, "landscape-picture").locator(".textpoint text", has_text="Weather feed")).to_be_visible()
    assert drawn_dots(page) == {"Weather feed": RED}
    expect(by_key(page, "landscape-finding-missing")).to_contain_text("Weather feed (as feature)")

    trace = by_key(page, "landscape-picture").locator(".scatterlayer .trace", has_text="Weather feed")
    dot = trace.locator("path.point").first
    box = dot.bounding_box()
    # plotly listens on a layer above its dots: move the mouse there, as a user's pointer does
    page.mouse.move(box["x"] + box["width"] / 2 - 20, box["y"] + box["height"] / 2 - 20)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    expect(page.locator(".hoverlayer .hovertext")).to_contain_text("Used as: Feature")

    page.get_by_role("tab", name="Inventory").click()
    wait_for_app_run(page)
    edit_cell(page, 0, "Weather feed, hourly")
    page.get_by_role("tab", name="The landscape and findings").click()
    wait_for_app_run(page)
    expect(by_key(page, "landscape-picture").locator(".textpoint text", has_text="hourly")).to_be_visible()
    page.reload()
    wait_for_app_run(page)
    expect(by_key(page, "landscape-picture").locator(".textpoint text", has_text="hourly")).to_be_visible()
    assert drawn_dots(page) == {"Weather feed, hourly": RED}
