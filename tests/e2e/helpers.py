"""Small Playwright helpers for the e2e tests (modelled on Streamlit's own e2e suite).

Import them as ``from tests.e2e.helpers import open_app, wait_for_app_run, by_key``.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Locator, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

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
    _follow_socket(page)
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
    """Switch pages the way a user does: the sidebar link (same session). Returns once the
    address names the page and its run has finished, without an exception on the page."""
    with running(page):
        sidebar_link(page, url_path).click()
    if url_path != "home":
        expect(page).to_have_url(re.compile(rf"/{re.escape(url_path)}(\?|$)"))
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def add_note(page: Page, canvas: str, block: str, text: str) -> None:
    """Type a note into a canvas cell's box and press Enter (keys use dashes: ml-canvas, data-sources)."""
    box = by_key(page, f"add-{canvas}-{block}").locator("input")
    box.fill(text)
    with running(page):
        box.press("Enter")


def cell(page: Page, canvas: str, block: str) -> Locator:
    return by_key(page, f"block-{canvas}-{block}")


def choose(page: Page, key: str, option: str) -> None:
    """Pick an option of a select box or multiselect by typing it, as a keyboard user does;
    returns once the widget shows the choice (a select box in its box, a multiselect as a tag)."""
    widget = by_key(page, key)
    box = widget.get_by_role("combobox")
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).wait_for()
    page.keyboard.press("Enter")
    chosen = widget.locator(f"input[role='combobox'][aria-expanded='false'][value='{option}'], "
                            f"[data-tag][aria-label='{option}']")
    expect(chosen.first).to_be_attached()


# --------------------------------------------------------------------------- data grids
#
# Streamlit's data grid (glide-data-grid) draws its cells on a canvas, but keeps an
# accessible table of the visible cells beside it: a header cell per column
# (role=columnheader, its aria-colindex) and a cell per row (tr[aria-rowindex], row 0
# of the data is aria-rowindex 2). Focusing such a cell selects it in the grid; Enter
# opens the cell's editor in Streamlit's portal. Every step waits for what it needs.

GRID = "[data-testid='stDataFrame']"
CELL_EDITOR = "[data-testid='portal'] [id^='gdg-overlay-'] :is(textarea, input)"


def grid_cell(grid: Locator, column: str, row: int = 0) -> Locator:
    """The cell of `grid` under the header `column` on data row `row` (0 is the first).

    Only the columns in view are in the accessible table: a column not in view at the
    left is looked for at the right end of the grid."""
    headers = grid.locator("th[role='columnheader']")
    expect(headers.first).to_be_attached()
    header = headers.filter(has_text=re.compile(f"^{re.escape(column)}$"))
    if header.count() == 0:
        grid.locator(".dvn-scroller").evaluate("scroller => { scroller.scrollLeft = scroller.scrollWidth; }")
    expect(header).to_have_count(1)
    index = header.get_attribute("aria-colindex")
    return grid.locator(f"tr[aria-rowindex='{row + 2}'] td[role='gridcell'][aria-colindex='{index}']")


def edit_cell(page: Page, column: str, text: str, row: int = 0, grid: Locator | None = None) -> None:
    """Type `text` into a data grid's cell, as a user does: select the cell, Enter opens
    its editor, type over, Enter commits. Returns when the app has run with the edit:
    every edit, applied or refused, shows the table afresh under a new key (ui.tables),
    so the grid under the old key is gone, and then the run ends.
    `grid` defaults to the page's first data grid."""
    grid = grid or page.locator(GRID).first
    editor = _open_cell_editor(page, grid, grid_cell(grid, column, row))
    shown_as = grid.evaluate("g => [...g.closest('[data-testid=stElementContainer]').classList]"
                             ".find(c => c.startsWith('st-key-'))")
    assert shown_as, "edit_cell needs a data editor with a key"
    editor.fill(text)
    expect(editor).to_have_value(text)
    editor.press("Enter")
    expect(page.locator(f".{shown_as}")).to_have_count(0)
    page.wait_for_selector(APP_IDLE, state="attached")  # the run that drew the new table has finished


def _open_cell_editor(page: Page, grid: Locator, cell: Locator, attempts: int = 3) -> Locator:
    """Select `cell` and open its editor. A run still drawing the page can draw the grid
    anew in between (the selection is then gone): select again, a few times at most."""
    editor = page.locator(CELL_EDITOR)
    for _ in range(attempts - 1):
        try:
            _select_and_press_enter(grid, cell, editor)
            return editor
        except AssertionError:
            pass  # drawn anew meanwhile
    _select_and_press_enter(grid, cell, editor)  # the last try fails with what it waited for
    return editor


def _select_and_press_enter(grid: Locator, cell: Locator, editor: Locator) -> None:
    grid.locator("[data-testid='data-grid-canvas']").focus()  # the grid first: its own focus selects no cell
    cell.focus()
    expect(cell).to_have_attribute("aria-selected", "true", timeout=5000)
    cell.press("Enter")
    expect(editor).to_be_visible(timeout=5000)


# --------------------------------------------------------------------------- app runs
#
# The app's state attribute (APP_IDLE) can skip "running" when a short run's messages are
# drawn at once, so a run is recognised by its message on the page's socket instead.

_SOCKETS: weakref.WeakKeyDictionary[Page, WebSocket] = weakref.WeakKeyDictionary()
_FOLLOWED: weakref.WeakSet[Page] = weakref.WeakSet()
_RUN_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


def _follow_socket(page: Page) -> None:
    """Remember the page's app socket, also the new one after a reload."""
    if page not in _FOLLOWED:
        _FOLLOWED.add(page)
        page.on("websocket", lambda socket: _SOCKETS.__setitem__(page, socket))


def _is_run_finished(payload: str | bytes) -> bool:
    if isinstance(payload, str):
        return False
    message = ForwardMsg.FromString(payload)
    return message.WhichOneof("type") == "script_finished" and message.script_finished in _RUN_DONE


@contextmanager
def running(page: Page, timeout: int = 15000) -> Iterator[None]:
    """Around an action that makes the app run: waits for that run's end message when the
    page was opened with open_app, else for the app to be idle again."""
    if _SOCKETS.get(page) is None:
        yield
        wait_for_app_run(page, timeout)
        return
    with app_run(page, timeout):
        yield


@contextmanager
def app_run(page: Page, timeout: int = 15000) -> Iterator[None]:
    """Around an action that makes the app run (a page opened with open_app): returns once
    a run has finished after the action started, however fast or slow the machine is."""
    socket = _SOCKETS.get(page)
    assert socket is not None, "app_run needs a page opened with open_app"
    with socket.expect_event("framereceived", predicate=_is_run_finished, timeout=timeout):
        yield
