"""The review step in a real browser: the verdict with its reasons, a reason's link to the page
where it is fixed, and an override that needs a reason and reaches the report."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import app_run, by_key, choose, go_to, open_app, running, wait_for_app_run

pytestmark = pytest.mark.e2e

SLOW = 20_000


def open_review_of_the_example(page: Page, base_url: str) -> None:
    open_app(page, base_url)
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    go_to(page, "review-and-report")


def open_override(page: Page) -> None:
    """Open the "Override the verdict" expander (it stays open across reruns once opened)."""
    choice = by_key(page, "verdict-override-choice").get_by_role("combobox")
    if not choice.is_visible():
        page.get_by_text("Override the verdict").click()
    expect(choice).to_be_visible()


def test_a_reason_links_to_the_page_where_it_is_fixed(app_server, page: Page):
    open_review_of_the_example(page, app_server.url)
    expect(by_key(page, "screening-verdict")).to_contain_text("Verdict: Redesign first")
    reason = by_key(page, "reason-features-after-prediction")
    expect(reason).to_contain_text("Agents' closing notes")
    expect(reason).to_contain_text("source:")
    with running(page):
        reason.get_by_role("link", name=re.compile("Fix in Data landscape")).click()
    expect(page).to_have_url(re.compile(r"/data-landscape\?plan="))
    expect(page.get_by_role("heading", name=re.compile("Data landscape"))).to_be_visible()


def test_an_override_needs_a_reason_and_is_kept_beside_the_computed_verdict(app_server, page: Page):
    open_review_of_the_example(page, app_server.url)
    open_override(page)
    choose(page, "verdict-override-choice", "Go with conditions")
    with running(page):
        by_key(page, "verdict-override-submit").locator("button").click()
    expect(page.locator("[data-testid='stAlert']").filter(has_text="Say why the verdict is overridden").first
           ).to_be_visible()
    expect(by_key(page, "screening-verdict")).to_contain_text("Verdict: Redesign first")

    # the refused override keeps its choice, so only the reason is added
    open_override(page)
    expect(by_key(page, "verdict-override-choice").get_by_role("combobox")).to_have_value("Go with conditions")
    by_key(page, "verdict-override-reason").locator("textarea").fill("The missing gold set is <b>bought</b> in March.")
    with running(page):
        by_key(page, "verdict-override-submit").locator("button").click()
    verdict = by_key(page, "screening-verdict")
    expect(verdict).to_contain_text("Verdict: Go with conditions")
    expect(verdict).to_contain_text("the screening said Redesign first")
    expect(verdict).to_contain_text("The missing gold set is <b>bought</b> in March.")

    page.reload()
    wait_for_app_run(page)
    expect(by_key(page, "screening-verdict")).to_contain_text("Verdict: Go with conditions")
    with page.expect_download(timeout=SLOW) as download:
        by_key(page, "report-md").locator("button").click()
    markdown = download.value.path().read_text(encoding="utf-8")
    assert "### Verdict: Go with conditions" in markdown
    assert "the screening said Redesign first" in markdown and r"\<b\>bought\</b\>" in markdown


def test_the_portfolio_compares_two_plans_of_this_browser(app_server, page: Page):
    open_app(page, app_server.url)
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    name = by_key(page, "plan-name").locator("input")
    name.fill("Mail triage, second idea")
    with running(page):
        name.press("Enter")
    with app_run(page):
        by_key(page, "home-open-example").locator("button").click()
    go_to(page, "portfolio-of-ideas")
    table = page.locator("[data-testid='stDataFrame']").first
    expect(table).to_be_visible()
    choose(page, "portfolio-compare", "Mail triage, second idea")
    choose(page, "portfolio-compare", "Support mail triage")
    review = page.locator("[data-testid='stExpander']", has_text="7. Review & report")
    expect(review).to_contain_text("Verdict (computed): Redesign first")
    costs = page.locator("[data-testid='stExpander']", has_text="3. Costs")
    costs.locator("summary").click()
    expect(costs.get_by_text("One-time: EUR 223,300")).to_have_count(2)
