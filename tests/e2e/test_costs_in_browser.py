"""The cost step in a real browser: a staff line's amounts are computed from
the people, months and monthly rates typed; a figure typed into the lines table moves
the totals, the chart's numbers and the break-even threshold; a bad figure is
refused with a message and changes nothing; a number is read as the plan's
language writes it, and refused with what was typed when it would not be
stored exactly as typed. Paid data is linked to the line that pays for it, and
the value of an hour saved is held against the break-even need."""

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

def one_time(page: Page):
    return page.locator("[data-testid='stMetric']", has_text="One-time").locator("[data-testid='stMetricValue']")


def one_time_bar_total(page: Page) -> float:
    """The one-time bar's height in the drawn chart (the sum of its stacked categories)."""
    return page.evaluate(
        "() => document.querySelectorAll('.js-plotly-plot')[0].data"
        ".filter(t => t.x[0] === 'One-time').reduce((sum, t) => sum + t.y[0], 0)"
    )


def refusal(page: Page):
    return page.locator("[data-testid='stAlert']").first


def open_worked_example_costs(page: Page, base_url: str) -> None:
    open_app(page, base_url)
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    go_to(page, "cost-estimate")


def test_a_typed_figure_moves_the_totals_and_the_chart(app_server, page: Page):
    open_worked_example_costs(page, app_server.url)
    expect(one_time(page)).to_have_text("EUR 223,300")
    expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(2)
    assert one_time_bar_total(page) == 223300

    # First line: the product owner, 0.3 people x 6 months x 9,000 / 10,000 / 11,500 a month.
    grid = page.locator(GRID).first
    expect(grid_cell(grid, "Expected")).to_have_text("18,000.00")
    edit_cell(page, "Rate expected", "11000")
    expect(grid_cell(page.locator(GRID).first, "Expected")).to_have_text("19,800.00")  # 0.3 x 6 x 11,000
    expect(one_time(page)).to_have_text("EUR 225,100")
    # +1,800 one-time, +360 a year of maintenance (20 %): TCO +2,880 over 3 years, break-even +960.
    break_even = page.locator("[data-testid='stMetric']", has_text="break even").locator("[data-testid='stMetricValue']")
    expect(break_even).to_have_text("EUR 156,853")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot')[0].data"
                           ".filter(t => t.x[0] === 'One-time').reduce((s, t) => s + t.y[0], 0) === 225100")
    edit_cell(page, "Months", "7")
    expect(grid_cell(page.locator(GRID).first, "Expected")).to_have_text("23,100.00")  # 0.3 x 7 x 11,000
    expect(one_time(page)).to_have_text("EUR 228,400")

    # A computed amount cannot be typed over; a rate above the high one is refused: message shown,
    # totals keep the last valid state.
    edit_cell(page, "Expected", "5000")
    expect(refusal(page)).to_contain_text("Row 1, Expected: this staff line computes its amounts from people × "
                                          "months × monthly rate")
    edit_cell(page, "Rate expected", "99999")
    expect(refusal(page)).to_contain_text("the monthly rates low, expected and high must go up in that order")
    expect(one_time(page)).to_have_text("EUR 228,400")
    page.reload()
    wait_for_app_run(page)
    expect(one_time(page)).to_have_text("EUR 228,400")  # saved, and the refused figures were not


def test_a_staff_line_added_with_the_form_shows_its_computed_amounts(app_server, page: Page):
    open_worked_example_costs(page, app_server.url)
    form = by_key(page, "cost-add-line")
    expect(by_key(page, "cost-new-category").locator("input")).to_have_value("Staff")  # the first category
    for label, typed in (("Item", "Tester"), ("People", "0.5"), ("Months", "4"), ("Monthly rate, low", "6000"),
                         ("Monthly rate, expected", "7000"), ("Monthly rate, high", "8000")):
        form.get_by_label(label, exact=True).fill(typed)
    with running(page):
        form.get_by_role("button", name="Add the line").click()
    expect(one_time(page)).to_have_text("EUR 237,300")  # + 0.5 x 4 x 7,000
    grid = page.locator(GRID).first
    grid.locator(".dvn-scroller").evaluate("scroller => { scroller.scrollTop = scroller.scrollHeight; }")
    expect(grid_cell(grid, "Item", 17)).to_have_text("Tester")
    expect(grid_cell(grid, "Expected", 17)).to_have_text("14,000.00")
    expect(form.get_by_label("Item", exact=True)).to_have_value("")


# Typed into the second line (data scientist: 1 person, 6 months, 57,000 / 63,000 / 72,000):
# what a tester saw saved as 125, 2.5, 1 or 10000 before, and is refused now.
REFUSED = [
    ("Months", "12,5", "is not a number in an English plan (use 12.5)"),
    ("Months", "2.5e1", "is written with an exponent: write the number out (use 25)"),
    ("People", "-1", "is below the minimum of 0"),
    ("Months", "99999999", "is over the maximum of 1,200"),
    ("People", "99999999", "is over the maximum of 10,000"),
    ("High", "1e15", "is written with an exponent: write the number out (use 1000000000000000)"),
    ("Months", "**5** :smile:", "is not a number"),  # quoted as typed: no bold, no emoji
]
SHOWN_BEFORE = {"People": "1", "Months": "6", "High": "72,000.00"}


def test_a_figure_not_stored_as_typed_is_refused_with_row_column_and_text(app_server, page: Page):
    open_worked_example_costs(page, app_server.url)
    grid = page.locator(GRID).first
    for column, shown in SHOWN_BEFORE.items():
        expect(grid_cell(grid, column, 1)).to_have_text(shown)

    for column, typed, reason in REFUSED:
        edit_cell(page, column, typed, row=1)
        expect(refusal(page)).to_contain_text(
            f'Row 2, {column}: "{typed}" {reason}. The last valid values were kept.')
        expect(grid_cell(grid, column, 1)).to_have_text(SHOWN_BEFORE[column])  # the table shows what is kept
    expect(one_time(page)).to_have_text("EUR 223,300")

    page.reload()
    wait_for_app_run(page)
    grid = page.locator(GRID).first
    for column, shown in SHOWN_BEFORE.items():  # nothing refused was stored
        expect(grid_cell(grid, column, 1)).to_have_text(shown)
    expect(one_time(page)).to_have_text("EUR 223,300")


def test_a_decimal_comma_in_a_german_plan_is_stored_as_typed(app_server, page: Page):
    open_app(page, app_server.url)
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    with app_run(page):
        choose(page, "plan-language", "Deutsch")
    go_to(page, "cost-estimate")
    grid = page.locator(GRID).first
    expect(grid_cell(grid, "High", 1)).to_have_text("72.000,00")  # numbers are written the German way

    edit_cell(page, "Months", "12,5", row=1)
    expect(grid_cell(grid, "Months", 1)).to_have_text("12,5")
    expect(page.locator("[data-testid='stAlert']")).to_have_count(0)
    edit_cell(page, "Months", "12.5", row=1)  # a decimal point is what an English plan takes
    expect(refusal(page)).to_contain_text('Row 2, Months: "12.5" is not a number in a German plan (use 12,5).')

    page.reload()
    wait_for_app_run(page)
    expect(grid_cell(page.locator(GRID).first, "Months", 1)).to_have_text("12,5")
    # The same plan in English shows the stored number: twelve and a half, not 125.
    go_to(page, "home")
    with app_run(page):
        choose(page, "plan-language", "English")
    go_to(page, "cost-estimate")
    expect(grid_cell(page.locator(GRID).first, "Months", 1)).to_have_text("12.5")


LICENCE = "Postal address reference data licence (per year)"


def test_paid_data_is_unlinked_and_linked_again_to_its_line_and_an_hour_saved_is_priced(app_server, page: Page):
    open_worked_example_costs(page, app_server.url)
    paid = by_key(page, "cost-from-landscape")
    expect(paid).to_contain_text(f"Paid by: {LICENCE}")
    with running(page):
        paid.get_by_role("button", name="Unlink").click()
    expect(paid.get_by_role("button", name="Add as a line")).to_be_visible()
    link = by_key(page, "cost-link-asset-d-address").get_by_role("combobox")
    link.click()
    with running(page):
        page.get_by_role("option", name=f"{LICENCE} (Data, EUR 4,800)").click()
    expect(paid).to_contain_text(f"Paid by: {LICENCE}")
    expect(paid.get_by_role("button", name="Add as a line")).to_have_count(0)
    expect(one_time(page)).to_have_text("EUR 223,300")

    check = by_key(page, "cost-value-check")
    value = by_key(page, "cost-value-per-hour").locator("input")
    expect(value).to_have_value("38.00")
    expect(check).to_contain_text("The value is larger")
    value.fill("12,5")
    with running(page):
        value.press("Enter")
    expect(refusal(page)).to_contain_text('Value of an hour saved: "12,5" is not a number in an English plan '
                                          "(use 12.5). The last valid value was kept.")
    expect(value).to_have_value("38.00")
    value.fill("12.5")
    with running(page):
        value.press("Enter")
    expect(check).to_contain_text("The hours saved are worth EUR 108,000 a year at EUR 12.50 an hour; breaking "
                                  "even needs EUR 155,893 a year. The need is larger, by EUR 47,893 a year")
    page.reload()
    wait_for_app_run(page)
    expect(by_key(page, "cost-value-per-hour").locator("input")).to_have_value("12.50")
