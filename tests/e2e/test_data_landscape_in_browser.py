"""The data landscape in a real browser: a nameless asset is refused inside the
dialog without losing what was typed; an asset added there is drawn in its ring
with its status colour and shows itself on hover; a name typed into the
inventory table redraws the picture and survives a refresh; a yearly cost is
read as the plan's language writes it, or refused with what was typed; the inventory names the cost
line paying for paid data and keeps the plan to get missing data."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    GRID,
    app_run,
    by_key,
    choose,
    edit_cell,
    go_to,
    grid_cell,
    open_app,
    running,
    wait_for_app_run,
)

pytestmark = pytest.mark.e2e

RED = "rgb(224, 71, 76)"  # the "required but missing" colour


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
    with running(page):
        dialog.get_by_role("button", name="Add asset").click()
    expect(dialog).to_contain_text("Give the asset a name")  # refused in place, the owner kept
    expect(by_key(page, "landscape-new-owner").locator("input")).to_have_value("Met office")

    by_key(page, "landscape-new-name").locator("input").fill("Weather feed")
    choose(page, "landscape-new-sharing", "Public")
    choose(page, "landscape-new-status", "Required but missing")
    choose(page, "landscape-new-uses", "Feature")
    page.keyboard.press("Escape")
    cost = by_key(page, "landscape-new-yearly_cost").locator("input")
    cost.fill("12,5")
    dialog.get_by_role("button", name="Add asset").click()
    expect(dialog).to_contain_text('Yearly cost: "12,5" is not a number in an English plan (use 12.5).')
    expect(cost).to_have_value("12,5")  # refused in place, kept for fixing
    cost.fill("")
    with running(page):
        dialog.get_by_role("button", name="Add asset").click()
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

    with running(page):
        page.get_by_role("tab", name="Inventory").click()
    edit_cell(page, "Asset", "Weather feed, hourly")
    with running(page):
        page.get_by_role("tab", name="The landscape and findings").click()
    expect(by_key(page, "landscape-picture").locator(".textpoint text", has_text="hourly")).to_be_visible()
    page.reload()
    wait_for_app_run(page)
    expect(by_key(page, "landscape-picture").locator(".textpoint text", has_text="hourly")).to_be_visible()
    assert drawn_dots(page) == {"Weather feed, hourly": RED}


def open_inventory(page: Page) -> None:
    go_to(page, "data-landscape")
    with app_run(page):
        page.get_by_role("tab", name="Inventory").click()


PAID_ROW = 5  # the worked example's postal address reference data, EUR 4,800 a year
REROUTE_ROW = 7  # the worked example's reason for re-route: required but missing


def test_the_inventory_names_the_line_paying_for_data_and_keeps_the_plan_to_get_it(app_server, page: Page):
    open_app(page, app_server.url)
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    open_inventory(page)
    edit_cell(page, "Plan to get it", "Vendor delivers the button by 30 June", row=REROUTE_ROW)
    expect(page.locator("[data-testid='stAlert']")).to_have_count(0)
    page.reload()
    wait_for_app_run(page)
    with app_run(page):
        page.get_by_role("tab", name="Inventory").click()
    grid = page.locator(GRID).first
    expect(grid_cell(grid, "Plan to get it", REROUTE_ROW)).to_have_text("Vendor delivers the button by 30 June")
    # At the right end of the table, beside the yearly cost:
    expect(grid_cell(grid, "Paid by (cost line)", PAID_ROW)).to_have_text(
        "Postal address reference data licence (per year)")
    expect(grid_cell(grid, "Paid by (cost line)", 0)).to_have_text("")  # owned data costs nothing


REFUSED = [
    ("12,5", "is not a number in an English plan (use 12.5)"),
    ("2.5e1", "is written with an exponent: write the number out (use 25)"),
    ("-1", "is below the minimum of 0"),
    ("1e15", "is written with an exponent: write the number out (use 1000000000000000)"),
    ("5000000000000", "is over the maximum of 1,000,000,000,000"),
    ("99.999", "has more decimals than this column takes (at most 2)"),
]


def test_a_yearly_cost_not_stored_as_typed_is_refused_with_row_column_and_text(app_server, page: Page):
    open_app(page, app_server.url)
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    open_inventory(page)
    grid = page.locator(GRID).first
    expect(grid_cell(grid, "Yearly cost", PAID_ROW)).to_have_text("4,800.00")

    for typed, reason in REFUSED:
        edit_cell(page, "Yearly cost", typed, row=PAID_ROW)
        expect(page.locator("[data-testid='stAlert']").first).to_contain_text(
            f'Row 6, Yearly cost: "{typed}" {reason}. The last valid values were kept.')
        expect(grid_cell(grid, "Yearly cost", PAID_ROW)).to_have_text("4,800.00")

    page.reload()
    wait_for_app_run(page)
    with app_run(page):
        page.get_by_role("tab", name="Inventory").click()
    expect(grid_cell(page.locator(GRID).first, "Yearly cost", PAID_ROW)).to_have_text("4,800.00")  # nothing stored


def test_a_yearly_cost_with_a_decimal_comma_in_a_german_plan_is_stored_as_typed(app_server, page: Page):
    open_app(page, app_server.url)
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    with app_run(page):
        choose(page, "plan-language", "Deutsch")
    open_inventory(page)
    edit_cell(page, "Yearly cost", "12,5", row=PAID_ROW)
    expect(grid_cell(page.locator(GRID).first, "Yearly cost", PAID_ROW)).to_have_text("12,50")
    expect(page.locator("[data-testid='stAlert']")).to_have_count(0)
    # The cost step offers it as a line at the stored amount: twelve euros fifty a year.
    go_to(page, "cost-estimate")
    expect(by_key(page, "cost-from-landscape")).to_contain_text("Postal address reference data (paid, 12,50 EUR a year)")
