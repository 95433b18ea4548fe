"""The presenter in a real browser: opened from the ML Canvas page with one click, stepped block
by block, and opened through a view-only link without any way to edit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from canvas_core.canvas.specs import canvases
from canvas_core.examples import load_example
from canvas_core.store import SqlPlanStore
from tests.e2e.helpers import by_key, go_to, open_app, running

pytestmark = pytest.mark.e2e


def open_example_on(page: Page, app_server, url_path: str) -> str:
    open_app(page, app_server.url)
    with running(page):
        by_key(page, "home-open-example").locator("button:visible").click()
    go_to(page, url_path)
    return page.url.split("plan=")[1].split("&")[0]


def test_presenter_from_the_ml_canvas_steps_to_the_third_block(app_server, page: Page):
    open_example_on(page, app_server, "ml-canvas")
    with running(page):
        page.get_by_role("link", name="Present").click()
    expect(page).to_have_url(re.compile(r"/present\?.*canvas=ml_canvas"))
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    with running(page):
        page.get_by_role("button", name="One block at a time").click()
    for _ in range(2):
        with running(page):
            page.get_by_role("button", name="Next").click()
    third = canvases()["ml_canvas"].blocks_in_reading_order[2]
    block = by_key(page, "present-block")
    expect(block.locator("h1")).to_have_text(f"{third.number} · {third.title}")
    expect(page.get_by_text(f"3 of {len(canvases()['ml_canvas'].blocks)}")).to_be_visible()
    for note in load_example("support_mail_triage").canvas("ml_canvas").block(third.id).notes:
        expect(block).to_contain_text(note.text)
    expect(page.locator("input, textarea")).to_have_count(0)
    with running(page):
        page.get_by_role("link", name=re.compile("Exit")).click()
    expect(page).to_have_url(re.compile(r"/ml-canvas\?plan="))


def test_presenter_through_a_view_link_is_read_only(app_server, page: Page):
    plan_id = open_example_on(page, app_server, "brief")
    store = SqlPlanStore(f"sqlite:///{app_server.data_dir / 'plans.sqlite3'}")
    try:
        token = store.view_token(plan_id)
    finally:
        store.close()
    viewer = page.context.browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    try:
        open_app(viewer, f"{app_server.url}/present?view={token}&canvas=product_brief")
        canvas = by_key(viewer, "present-canvas")
        for note in load_example("support_mail_triage").canvas("product_brief").block("objectives").notes:
            expect(canvas).to_contain_text(note.text)
        expect(viewer.locator("input, textarea")).to_have_count(0)
        assert plan_id not in viewer.url
        hrefs = viewer.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        assert hrefs and not any(plan_id in href for href in hrefs)
    finally:
        viewer.context.close()
