"""The cost step in a real browser: a figure typed into the lines table moves
the totals, the chart's numbers and the break-even threshold; a bad figure is
refused with a message and changes nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import by_key, edit_cell, go_to, open_app, wait_for_app_run

pytestmark = pytest.mark.e2e

def one_time(page: Page):
    return page.locator("[data-testid='stMetric']", has_text="One-time").locator("[data-testid='stMetricValue']")


def one_time_bar_total(page: Page) -> float:
    """The one-time bar's height in the drawn chart (the sum of its stacked categories)."""
    return page.evaluate(
        "() => document.querySelectorAll('.js-plotly-plot')[0].data"
        ".filter(t => t.x[0] === 'One-time').reduce((sum, t) => sum + t.y[0], 0)"
    )


def test_a_typed_figure_moves_the_totals_and_the_chart(app_server, page: Page):
    open_app(page, app_server.url)
    by_key(page, "home-open-example").locator("button").click()
    wait_for_app_run(page)
    go_to(page, "cost-estimate")
    expect(one_time(page)).to_have_text("EUR 223,300")
    expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(2)
    assert one_time_bar_total(page) == 223300

    # First line (product owner, expected 18,000 of 16,200..20,700): Expected is six columns right.
    edit_cell(page, 5, "20000")
    expect(one_time(page)).to_have_text("EUR 225,300")
    # +2,000 one-time, +400 a year of maintenance (20 %): TCO +3,200 over 3 years, break-even +1,067.
    break_even = page.locator("[data-testid='stMetric']", has_text="break even").locator("[data-testid='stMetricValue']")
    expect(break_even).to_have_text("EUR 156,960")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot')[0].data"
                           ".filter(t => t.x[0] === 'One-time').reduce((s, t) => s + t.y[0], 0) === 225300")

    # Expected above High is refused: message shown, totals keep the last valid state.
    edit_cell(page, 5, "99999")
    expect(page.locator("[data-testid='stAlert']").first).to_contain_text("must go up in that order")
    expect(one_time(page)).to_have_text("EUR 225,300")
    page.reload()
    wait_for_app_run(page)
    expect(one_time(page)).to_have_text("EUR 225,300")  # saved, and the refused figure was not
