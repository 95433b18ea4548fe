"""Small Playwright helpers for the e2e tests (modelled on Streamlit's own e2e suite).

Import them as ``from tests.e2e.helpers import open_app, wait_for_app_run, by_key``.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

# Streamlit 1.67 sets these attributes on the app root (`[data-testid='stApp']`):
#   data-test-script-state:     initial | running | notRunning | rerunRequested | ...
#   data-test-connection-state: CONNECTED | ...
APP_ROOT = "[data-testid='stApp']"
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
APP_CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"


def wait_for_app_run(page: Page, timeout: int = 15000) -> None:
    """Wait until the current script run has finished.

    The short sleep first gives the frontend time to flip the state to
    `running` after an interaction, so we do not see the previous idle state.
    """
    page.wait_for_timeout(150)
    page.wait_for_selector(APP_CONNECTED, timeout=timeout, state="attached")
    page.wait_for_selector(APP_IDLE, timeout=timeout, state="attached")


def open_app(page: Page, base_url: str, path: str = "", timeout: int = 15000) -> Page:
    """Navigate to `base_url/path`, wait for the app root and the first script run."""
    url = base_url.rstrip("/") + "/" + path.lstrip("/") if path else base_url  # a full URL may carry ?plan=
    page.goto(url, timeout=timeout)
    page.wait_for_selector(APP_ROOT, timeout=timeout)
    wait_for_app_run(page, timeout=timeout)
    return page


def key_class(key: str) -> str:
    """CSS class Streamlit gives a keyed element (same sanitising as the frontend)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def by_key(page: Page, key: str) -> Locator:
    """Locator for the element created with `key=...`."""
    return page.locator(f".{key_class(key)}")


def sidebar_link(page: Page, url_path: str) -> Locator:
    """The sidebar link to a page; links are relative and may carry ?plan=..."""
    href = "" if url_path == "home" else url_path
    return page.locator(
        f"[data-testid='stSidebar'] a[href='{href}'], [data-testid='stSidebar'] a[href^='{href}?']"
    ).first


def go_to(page: Page, url_path: str) -> None:
    """Switch pages the way a user does: the sidebar link (same session)."""
    sidebar_link(page, url_path).click()
    wait_for_app_run(page)
    assert page.locator("[data-testid='stException']").count() == 0, page.locator(
        "[data-testid='stException']").all_inner_texts()


def add_note(page: Page, canvas: str, block: str, text: str) -> None:
    """Type a note into a canvas cell's box and press Enter (keys use dashes: ml-canvas, data-sources)."""
    box = by_key(page, f"add-{canvas}-{block}").locator("input")
    box.fill(text)
    box.press("Enter")
    wait_for_app_run(page)


def cell(page: Page, canvas: str, block: str) -> Locator:
    return by_key(page, f"block-{canvas}-{block}")


GRID_ROW_HEIGHT = 35  # Streamlit's data grid rows and header


def edit_cell(page: Page, steps_right: int, text: str, row: int = 0) -> None:
    """Type `text` into the first data grid's cell on `row`, `steps_right` columns right of
    the first one, as a user would: select, step, open the editor, type over, commit."""
    grid = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    # Click past the narrow row-marker column into the first column.
    page.mouse.click(grid["x"] + 120, grid["y"] + GRID_ROW_HEIGHT * (1.5 + row))
    for key in ["ArrowRight"] * steps_right + ["Enter"]:
        page.wait_for_timeout(300)  # the canvas grid handles one key per frame
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    page.keyboard.press("Control+A")
    page.wait_for_timeout(200)  # keys typed before the cell's editor has focus are lost
    page.keyboard.type(text, delay=20)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    wait_for_app_run(page)
