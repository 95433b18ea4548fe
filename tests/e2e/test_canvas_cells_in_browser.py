"""Every note of the worked example can be read on its canvas page at projector sizes: no cell
scrolls inside itself or cuts its text, and block titles and the add box's placeholder are whole."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from canvas_core.canvas.specs import canvases
from canvas_core.examples import load_example
from tests.e2e.helpers import _SOCKETS, add_note, by_key, cell, go_to, open_app, running

pytestmark = pytest.mark.e2e

SIZES = [(1280, 720), (1600, 1000), (1920, 1080)]
CANVASES = [("brief", "product_brief"), ("ml-canvas", "ml_canvas"), ("mlops-stack", "mlops_stack")]

# For each cell: its text and every element between it and the canvas that clips its content
# (overflow other than visible) must show all of it, and the text must lie inside the cell.
# Titles and the placeholder must fit their boxes. Returns what is cut, by cell.
_CUT_OFF = """canvas => {
  const cut = [];
  const page = document.documentElement.clientWidth;
  for (const cellEl of canvas.querySelectorAll("[class*='st-key-block-']")) {
    const name = [...cellEl.classList].find(c => c.startsWith('st-key-block-'));
    const box = cellEl.getBoundingClientRect();
    for (const text of cellEl.querySelectorAll("[data-testid='stText'], [data-testid='stCaptionContainer']")) {
      const r = text.getBoundingClientRect();
      if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1
          || r.left < 0 || r.right > page + 1) cut.push(`${name}: text outside its cell`);
      for (let el = text; el && el !== canvas; el = el.parentElement) {
        const style = getComputedStyle(el);
        const clips = v => v !== 'visible';
        if ((clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
            || (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1))
          cut.push(`${name}: ${el.dataset.testid || el.className} hides part of its content`);
      }
    }
    for (const title of cellEl.querySelectorAll("[class*='st-key-open-'] button p")) {
      if (title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1)
        cut.push(`${name}: title cut`);
    }
    for (const input of cellEl.querySelectorAll("input[placeholder]")) {
      const style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (ctx.measureText(input.placeholder).width > room + 1) cut.push(`${name}: placeholder cut`);
    }
  }
  return cut;
}"""


@pytest.mark.parametrize("width, height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("url_path, canvas_id", CANVASES, ids=[c for _, c in CANVASES])
def test_every_note_of_the_worked_example_is_visible_in_its_cell(app_server, page: Page, width, height,
                                                                 url_path, canvas_id):
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, app_server.url)
    with running(page):
        by_key(page, "home-open-example").locator("button:visible").click()
    go_to(page, url_path)
    key = canvas_id.replace("_", "-")
    example = load_example("support_mail_triage").canvas(canvas_id)
    spec = canvases()[canvas_id]
    assert any(example.block(b.id).notes for b in spec.blocks)
    for block in spec.blocks:
        target = cell(page, key, block.id.replace("_", "-"))
        expect(target).to_be_visible()
        for note in example.block(block.id).notes:
            expect(target).to_contain_text(note.text)
    assert by_key(page, f"canvas-{key}").evaluate(_CUT_OFF) == []


def _finished_runs(page: Page, action) -> list[int]:
    """How the runs the action caused ended (ForwardMsg script_finished statuses), in order."""
    ended: list[int] = []

    def record(payload):
        if not isinstance(payload, str):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "script_finished":
                ended.append(message.script_finished)

    socket = _SOCKETS[page]
    socket.on("framereceived", record)
    try:
        with running(page):
            action()
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")
    finally:
        socket.remove_listener("framereceived", record)
    return ended


def test_a_note_added_to_a_cell_reruns_only_that_cell_unless_the_sidebar_changes(app_server, page: Page):
    """The first note of a new plan stores it (its link, the step's completeness in the sidebar):
    the whole page runs. A further note in the same block changes nothing outside the cell: only
    the cell runs, and the note is there."""
    open_app(page, app_server.url)
    go_to(page, "ml-canvas")
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar).to_contain_text("4. ML Canvas · 0%")
    add_note(page, "ml-canvas", "decisions", "Route only sure mails")
    expect(page).to_have_url(re.compile(r"[?&]plan="))
    expect(sidebar).not_to_contain_text("4. ML Canvas · 0%")
    expect(sidebar).to_contain_text("All changes saved")

    box = by_key(page, "add-ml-canvas-decisions").locator("input")
    box.fill("Below 0.8 the dispatcher picks")
    ended = _finished_runs(page, lambda: box.press("Enter"))
    assert ended == [ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY]
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text("Below 0.8 the dispatcher picks")
    expect(box).to_have_value("")
