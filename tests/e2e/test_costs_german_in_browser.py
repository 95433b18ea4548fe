"""The cost step of a German plan in a real browser, read in German: the grid's headings and numbers are
German and a decimal comma typed into a cell is stored as typed; what is typed into the add-a-line form
and not yet sent survives switching the app's language (the field is the same widget in either
language)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import GRID, app_run, by_key, choose, edit_cell, go_to, grid_cell, open_app

pytestmark = pytest.mark.e2e


def test_a_german_plan_read_in_german_takes_a_decimal_comma_and_keeps_a_typed_value(app_server, page: Page):
    open_app(page, app_server.url)
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    with app_run(page):
        choose(page, "plan-language", "Deutsch")
    with app_run(page):
        choose(page, "ui-language", "Deutsch")
    go_to(page, "cost-estimate")
    expect(page.get_by_role("heading", name="3. Kosten")).to_be_visible()
    one_time = page.locator("[data-testid='stMetric']", has_text="Einmalig").locator("[data-testid='stMetricValue']")
    expect(one_time).to_have_text("223.300 EUR")

    grid = page.locator(GRID).first
    expect(grid_cell(grid, "Hoch", 1)).to_have_text("72.000,00")  # German headings, German numbers
    edit_cell(page, "Monate", "12,5", row=1)
    expect(grid_cell(page.locator(GRID).first, "Monate", 1)).to_have_text("12,5")
    expect(page.locator("[data-testid='stAlert']")).to_have_count(0)

    # Typed into the form, not sent: the app's language changes, the text stays.
    expect(by_key(page, "cost-new-category").get_by_role("combobox")).to_have_value("Personal")  # the first
    people = by_key(page, "cost-new-people").locator("input")
    people.fill("0,5")
    by_key(page, "cost-new-label").locator("input").fill("Datenengineer")
    with app_run(page):
        choose(page, "ui-language", "English")
    expect(page.get_by_role("heading", name="3. Costs")).to_be_visible()
    expect(by_key(page, "cost-new-people")).to_contain_text("People")
    expect(people).to_have_value("0,5")
    expect(by_key(page, "cost-new-label").locator("input")).to_have_value("Datenengineer")
    # The plan's numbers stay German whatever the app's language.
    expect(page.locator("[data-testid='stMetric']", has_text="One-time")
           .locator("[data-testid='stMetricValue']")).to_have_text(re.compile(r"^\d{1,3}(\.\d{3})+ EUR$"))
