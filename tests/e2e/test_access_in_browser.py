"""Who sees which plan, in real browsers: on a server started for a room a plan is reachable
only through its link, a view link edits nothing and never reveals the edit link, a server
bound to localhost may list its whole store, and no page fetches anything from another host."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import AppServer, _free_port
from tests.e2e.helpers import (
    add_note,
    by_key,
    cell,
    go_to,
    open_app,
    running,
    wait_for_app_run,
)

pytestmark = pytest.mark.e2e

VIEWPORT = {"width": 1600, "height": 1000}
STEPS = ("brief", "workflow-integration", "cost-estimate", "ml-canvas", "data-landscape", "mlops-stack",
         "review-and-report")
PLAN_ROWS = "[class*='st-key-plan-row-'], [class*='st-key-view-row-']"
MAIN = "[data-testid='stMain']"
SLOW = 20_000


@contextmanager
def browser_profile(browser: Browser) -> Iterator[Page]:
    """Another person's browser: its own cookies, its own sessions."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def plan_id_of(page: Page) -> str:
    found = re.search(r"[?&]plan=([\w-]+)", page.url)
    assert found, page.url
    return found.group(1)


def make_plan(page: Page, base_url: str, name: str, note: str) -> str:
    open_app(page, base_url)
    go_to(page, "ml-canvas")
    add_note(page, "ml-canvas", "decisions", note)
    go_to(page, "home")
    box = by_key(page, "plan-name").locator("input")
    box.fill(name)
    with running(page):
        box.press("Enter")
    return plan_id_of(page)


def editable_inputs(page: Page):
    """What can be typed into or picked on the page, apart from the PDF preview's switch (reading)."""
    return page.locator(f"{MAIN} :is(input, textarea):not([disabled])").filter(
        has_not=page.locator("xpath=ancestor::*[contains(@class, 'st-key-report-preview-on')]"))


def view_link_of(page: Page) -> str:
    go_to(page, "review-and-report")
    code = by_key(page, "view-link").locator("code")
    expect(code).to_contain_text("?view=")
    return code.inner_text().strip()


def test_a_second_browser_never_lists_or_reaches_the_first_browsers_plan(app_server, browser: Browser, page: Page):
    pid = make_plan(page, app_server.url, "Ada's confidential plan", "Only for Ada's team")
    expect(page.locator(PLAN_ROWS)).to_have_count(1)

    with browser_profile(browser) as other:
        open_app(other, app_server.url)
        expect(other.get_by_text("No plans in this browser yet")).to_be_visible()
        expect(other.locator(PLAN_ROWS)).to_have_count(0)
        expect(other.get_by_text("All plans in this store")).to_have_count(0)
        html = other.content()
        assert pid not in html and "Ada's confidential plan" not in html
        for url_path in STEPS:  # no step page leaks it either
            go_to(other, url_path)
            assert pid not in other.content()

        # With the link, the plan opens and is on this browser's list from then on.
        open_app(other, f"{app_server.url}/?plan={pid}")
        expect(by_key(other, "plan-name").locator("input")).to_have_value("Ada's confidential plan")
        expect(by_key(other, f"plan-row-{pid}")).to_be_visible()


def test_the_list_lives_in_the_browser_and_losing_it_loses_no_plan(app_server, browser: Browser, page: Page):
    pid = make_plan(page, app_server.url, "Kept by its link", "Still here")
    page.reload()
    wait_for_app_run(page)
    expect(by_key(page, f"plan-row-{pid}")).to_be_visible()  # a new session, the same browser

    page.context.clear_cookies()
    open_app(page, app_server.url)
    expect(page.locator(PLAN_ROWS)).to_have_count(0)
    open_app(page, f"{app_server.url}/ml-canvas?plan={pid}")
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text("Still here")


def test_a_view_link_shows_every_step_read_only_and_never_the_edit_link(app_server, browser: Browser, page: Page):
    pid = make_plan(page, app_server.url, "Plan for the board", "Route only sure mails")
    for url_path in ("workflow-integration", "ml-canvas"):  # the edit link's pages have inputs
        go_to(page, url_path)
        expect(editable_inputs(page).first).to_be_visible()
    link = view_link_of(page)
    assert urlparse(link).netloc == urlparse(app_server.url).netloc and pid not in link

    with browser_profile(browser) as viewer:
        open_app(viewer, link)
        expect(viewer.get_by_text("view-only link").first).to_be_visible()
        for url_path in ("home", *STEPS):
            if url_path != "home":
                go_to(viewer, url_path)
            assert "plan=" not in viewer.url, viewer.url
            assert pid not in viewer.content(), url_path
            expect(editable_inputs(viewer), f"inputs on {url_path}").to_have_count(0)
        go_to(viewer, "ml-canvas")
        expect(cell(viewer, "ml-canvas", "decisions")).to_contain_text("Route only sure mails")
        expect(by_key(viewer, "add-ml-canvas-decisions")).to_have_count(0)

        go_to(viewer, "review-and-report")
        expect(by_key(viewer, "report-pdf")).to_be_visible()
        expect(by_key(viewer, "report-md")).to_be_visible()
        expect(by_key(viewer, "report-json")).to_have_count(0)
        expect(by_key(viewer, "view-link")).to_have_count(0)
        with viewer.expect_download(timeout=SLOW) as download:
            by_key(viewer, "report-md").locator("button").click()
        markdown = download.value.path().read_text(encoding="utf-8")
        assert "Route only sure mails" in markdown and pid not in markdown

        go_to(viewer, "home")
        expect(viewer.locator("[class*='st-key-view-row-']")).to_contain_text("View only")
        expect(viewer.locator("[class*='st-key-plan-row-']")).to_have_count(0)
        expect(by_key(viewer, "delete-current")).to_have_count(0)
        expect(viewer.locator("[data-testid='stSidebar']")).not_to_contain_text("Iterations")

    # The plan itself is unchanged by the visit.
    go_to(page, "ml-canvas")
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text("Route only sure mails")


def test_a_server_bound_to_localhost_lists_every_plan_in_its_store(tmp_path, browser: Browser):
    data = tmp_path / "data"
    data.mkdir()
    server = AppServer(_free_port(), data, tmp_path, address="127.0.0.1").start()
    try:
        with browser_profile(browser) as first:
            pid = make_plan(first, server.url, "Made in the first browser", "A note")
        with browser_profile(browser) as second:
            open_app(second, server.url)
            expect(second.locator("[class*='st-key-plan-row-']")).to_have_count(0)  # not on its own list
            everything = second.locator("[data-testid='stExpander']", has_text="All plans in this store")
            everything.locator("summary").click()
            expect(by_key(second, f"all-plan-row-{pid}")).to_contain_text("Made in the first browser")
    finally:
        server.stop()


def test_no_page_requests_anything_from_another_host(app_server, page: Page):
    app_host = urlparse(app_server.url).netloc
    foreign: list[str] = []

    def note(request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != app_host:
            foreign.append(request.url)

    page.on("request", note)
    open_app(page, app_server.url)
    with running(page):
        by_key(page, "home-open-example").locator("button").click()
    for url_path in (*STEPS, "iterations-and-compare", "home"):
        go_to(page, url_path)
    go_to(page, "review-and-report")
    by_key(page, "report-preview-on").locator("label").click()
    expect(page.locator("[class*='st-key-report-preview']")).to_be_visible(timeout=SLOW)
    wait_for_app_run(page)
    assert foreign == []
