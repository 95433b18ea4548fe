"""The canvas pages in a real browser: notes typed into the grid survive page
switches, markup stays text, and the block dialog edits, reorders, deletes,
restores and takes over suggestions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import add_note, by_key, cell, go_to, open_app, running

pytestmark = pytest.mark.e2e

CANVAS_PAGES = [
    ("brief", "product-brief", "objectives"),
    ("ml-canvas", "ml-canvas", "decisions"),
    ("mlops-stack", "mlops-stack", "foundations"),
]


def open_example(page: Page) -> None:
    with running(page):
        by_key(page, "home-open-example").locator("button:visible").click()


@pytest.mark.parametrize("url_path, canvas, block", CANVAS_PAGES)
def test_note_typed_in_a_block_is_there_after_switching_pages(app_server, page: Page, url_path, canvas, block):
    open_app(page, app_server.url)
    go_to(page, url_path)
    text = f"Checked in the browser on {canvas}: Ünïcödé, Ελληνικά, кириллица"
    add_note(page, canvas, block, text)
    expect(cell(page, canvas, block)).to_contain_text(text)
    expect(by_key(page, f"add-{canvas}-{block}").locator("input")).to_have_value("")
    go_to(page, "home")
    go_to(page, "review-and-report")
    go_to(page, url_path)
    expect(cell(page, canvas, block)).to_contain_text(text)


def test_markup_in_a_note_is_shown_as_text(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "ml-canvas")
    hostile = '<img src=x onerror="window.hacked=1"> **not bold** [link](http://x) & S&P 500'
    add_note(page, "ml-canvas", "features", hostile)
    target = cell(page, "ml-canvas", "features")
    expect(target).to_contain_text(hostile)
    note = target.locator("[data-testid='stText']", has_text="not bold")
    expect(note).to_have_count(1)
    expect(note.locator("img, strong, a")).to_have_count(0)
    assert page.evaluate("window.hacked") is None


def test_block_dialog_edits_reorders_deletes_and_restores(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "ml-canvas")
    for text in ("first idea", "second idea"):
        add_note(page, "ml-canvas", "monitoring", text)
    by_key(page, "open-ml-canvas-monitoring").locator("button:visible").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Questions to answer")
    expect(dialog).to_contain_text("An example answer")

    notes = dialog.locator("[class*='st-key-note-ml-canvas-monitoring-'] textarea")
    expect(notes).to_have_count(2)
    notes.nth(0).fill("first idea, refined")
    with running(page):
        notes.nth(0).press("Control+Enter")
    with running(page):
        dialog.locator("[class*='st-key-note-ml-canvas-monitoring-'][class*='-down'] button:visible").first.click()
    expect(notes.nth(0)).to_have_value("second idea")
    expect(notes.nth(1)).to_have_value("first idea, refined")

    with running(page):
        dialog.locator("[class*='st-key-note-ml-canvas-monitoring-'][class*='-delete'] button:visible").first.click()
    expect(notes).to_have_count(1)
    with running(page):
        by_key(page, "undo-ml-canvas-monitoring").locator("button:visible").click()
    expect(notes).to_have_count(2)
    expect(notes.nth(0)).to_have_value("second idea")

    with running(page):
        page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(cell(page, "ml-canvas", "monitoring")).to_contain_text("first idea, refined")


def test_suggestion_from_a_twin_is_taken_over_with_one_click(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "brief")
    add_note(page, "product-brief", "value-proposition", "Dispatchers stop reading routine mail")
    go_to(page, "mlops-stack")
    expect(cell(page, "mlops-stack", "value-proposition")).not_to_contain_text("Dispatchers stop")
    by_key(page, "open-mlops-stack-value-proposition").locator("button:visible").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Product brief · Value proposition")
    with running(page):
        dialog.get_by_role("button", name="Take over").click()
    expect(dialog.get_by_role("button", name="Take over")).to_have_count(0)
    with running(page):
        page.keyboard.press("Escape")
    expect(cell(page, "mlops-stack", "value-proposition")).to_contain_text("Dispatchers stop reading routine mail")


def test_mlops_decisions_are_chosen_in_the_dialog_and_shown_in_the_cell(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "mlops-stack")
    by_key(page, "open-mlops-stack-feature-store").locator("button:visible").click()
    dialog = page.get_by_role("dialog")
    by_key(page, "field-mlops-stack-feature-store-sourcing").click()
    with running(page):
        page.get_by_role("option", name="open source").click()
    tool = by_key(page, "field-mlops-stack-feature-store-tool").locator("input")
    tool.fill("Feast")
    with running(page):
        tool.press("Enter")
    with running(page):
        page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    target = cell(page, "mlops-stack", "feature-store")
    expect(target).to_contain_text("Buy, open source or build: open source")
    expect(target).to_contain_text("Chosen tool: Feast")


def test_worked_example_opens_and_fills_the_canvases(app_server, page: Page):
    open_app(page, app_server.url)
    open_example(page)
    go_to(page, "ml-canvas")
    expect(cell(page, "ml-canvas", "prediction-task")).to_contain_text("classification")
    expect(page.locator("[data-testid='stSidebar']")).to_contain_text("4. ML Canvas · ✓")
