"""The workflow step in a real browser: tasks typed in order, a cell edited
in the task table, a candidate picked and chosen, the flowchart drawn."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    GRID,
    app_run,
    by_key,
    edit_cell,
    go_to,
    grid_cell,
    open_app,
    running,
    wait_for_app_run,
)

pytestmark = pytest.mark.e2e


def add_task(page: Page, name: str, actor: str) -> None:
    by_key(page, "workflow-new-name").locator("input").fill(name)
    by_key(page, "workflow-new-actor").locator("input").fill(actor)
    with app_run(page):  # the run also draws the task table anew
        page.get_by_role("button", name="Add task").click()


def diagram_nodes(page: Page) -> list[tuple[str, str]]:
    """(classes, text) of every node in the drawn flowchart.

    Streamlit shows the Mermaid chart as an image of an SVG; read that SVG."""
    image = by_key(page, "workflow-diagram").locator("img").first
    expect(image).to_be_visible()
    svg = page.evaluate("async (url) => await (await fetch(url)).text()", image.get_attribute("src"))
    nodes = []
    for part in re.split(r'(?=<g class="node )', svg)[1:]:
        classes = re.match(r'<g class="([^"]*)"', part).group(1)
        nodes.append((classes, " ".join(re.sub(r"<[^>]+>", " ", part).split())))
    return nodes


def expect_node(page: Page, name: str, style: str, timeout_ms: int = 15_000) -> None:
    """Wait until the flowchart draws the node whose label starts with `name` (words may
    wrap) in `style`: a rerun redraws the chart a moment after the page is idle again."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        nodes = diagram_nodes(page)
        if any(text.startswith(name) and style in classes for classes, text in nodes):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{name!r} is not drawn as {style!r}: {nodes}")
        page.wait_for_timeout(100)


def open_section(page: Page, name: str) -> None:
    with running(page):
        page.get_by_role("tab", name=name).click()


def test_decompose_pick_and_see_the_diagram(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "workflow-integration")
    for name, actor in [("Receive mail", "Mail gateway"), ("Classify topic", "Dispatcher"),
                        ("Forward to team", "Dispatcher")]:
        add_task(page, name, actor)
    for name in ("Receive mail", "Classify topic", "Forward to team"):
        expect_node(page, name, "other")

    open_section(page, "2 · Where a prediction could help")
    by_key(page, "workflow-candidates").click()
    page.get_by_role("option", name="Classify topic").click()
    with running(page):
        page.keyboard.press("Escape")
    with running(page):
        by_key(page, "workflow-chosen").get_by_text("Classify topic").click()
    open_section(page, "3 · How it fits the work")
    expect(page.get_by_text("For the chosen task: Classify topic")).to_be_visible()
    # The chosen task is highlighted, with the steps before and after it in their own styles.
    expect_node(page, "Classify topic", "chosen")
    expect_node(page, "Receive mail", "previous")
    expect_node(page, "Forward to team", "following")

    by_key(page, "workflow-use_of_model").locator("textarea").fill("Dispatcher confirms the proposed team")
    with running(page):
        by_key(page, "workflow-use_of_model").locator("textarea").press("Control+Enter")
    go_to(page, "ml-canvas")
    by_key(page, "open-ml-canvas-decisions").locator("button:visible").click()
    expect(page.get_by_role("dialog")).to_contain_text("Dispatcher confirms the proposed team")


def test_a_cell_typed_into_the_task_table_is_saved(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "workflow-integration")
    add_task(page, "Receive mail", "")
    edit_cell(page, "Who does it today", "Mail gateway")
    page.reload()
    wait_for_app_run(page)
    expect_node(page, "Receive mail · Mail gateway", "other")  # saved, and drawn after a refresh


def test_counts_typed_into_the_task_table_are_stored_as_typed_or_refused(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "workflow-integration")
    add_task(page, "Receive mail", "")
    grid = page.locator(GRID).first
    edit_cell(page, "Cases per month", "60,000")
    expect(grid_cell(grid, "Cases per month")).to_have_text("60,000")
    edit_cell(page, "Cases per month", "2.5")
    expect(page.locator("[data-testid='stAlert']").first).to_contain_text(
        'Row 1, Cases per month: "2.5" is not a whole number. The last valid values were kept.')
    edit_cell(page, "Minutes per case", "1,5")
    expect(page.locator("[data-testid='stAlert']").first).to_contain_text(
        'Row 1, Minutes per case: "1,5" is not a number in an English plan (use 1.5).')
    page.reload()
    wait_for_app_run(page)
    expect(grid_cell(page.locator(GRID).first, "Cases per month")).to_have_text("60,000")
    expect(grid_cell(page.locator(GRID).first, "Minutes per case")).to_have_text("")
