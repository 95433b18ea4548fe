"""Accessible to everyone in the room, checked in a real browser.

axe-core (the copy in tests/e2e/vendor, nothing fetched at test time) audits every page with the
worked example open, an open block dialog and the pages of the view-only link against WCAG 2 A and
AA; a serious or critical violation fails the test with the rule, the elements and their markup.
No rule or element is excused: every violation found was in our own theme or markup.
Then the ML Canvas is used with the keyboard alone: add a note, open its block, close it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import by_key, cell, go_to, open_app, running
from ui.navigation import ALL_PAGES, FULL_SCREEN_PAGES, STEP_PAGES

pytestmark = pytest.mark.e2e

AXE_SOURCE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = ("serious", "critical")

VIEWPORT = {"width": 1600, "height": 1000}  # as the conftest's page
TALLEST_PAGE_PX = 8000

RUN_AXE = """async ({tags, blocking}) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {
    errors: result.incomplete.filter(rule => rule.error).map(rule => `${rule.id}: ${rule.error.message}`),
    violations: result.violations.filter(v => blocking.includes(v.impact)).map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
    })),
  };
}"""


def show_whole_page(page: Page) -> None:
    """Make the window as tall as the page. axe's colour-contrast check cannot run while the main
    area scrolls and the canvas cells scroll inside it ("Element midpoint exceeds the grid bounds",
    dequelabs/axe-core#4253): it skips the rule for the whole page. With nothing to scroll, it runs."""
    for _ in range(5):  # the page may grow with the window (a second look settles it)
        main = page.evaluate("() => { const main = document.querySelector('[data-testid=\"stMain\"]');"
                             " return [main.scrollHeight, main.clientHeight]; }")
        if main[0] <= main[1] + 1 or main[0] > TALLEST_PAGE_PX:
            return
        page.set_viewport_size({"width": VIEWPORT["width"], "height": main[0] + VIEWPORT["height"] - main[1]})


def audit(page: Page) -> list[str]:
    """axe's serious and critical findings on the page as it is now, one readable block each. A rule
    axe could not run is a finding too: an audit that did not run proves nothing."""
    show_whole_page(page)
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate(RUN_AXE, {"tags": ["wcag2a", "wcag2aa"], "blocking": list(BLOCKING)})
    page.set_viewport_size(VIEWPORT)
    found = [f"axe could not run {error}" for error in result["errors"]]
    for violation in result["violations"]:
        for node in violation["nodes"]:
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
                         f"    at {node['target']}\n    {node['html'][:240]}\n"
                         f"    {' '.join(node['summary'].split())[:400]}")
    return found


def wait_until_drawn(page: Page) -> None:
    """Wait for what the page draws after its run: the workflow's flowchart shows a loading placeholder
    first (Streamlit's own, with an aria-label on a div without a role) until Mermaid has drawn it."""
    diagram = by_key(page, "workflow-diagram")
    if diagram.count():
        expect(diagram.locator("[data-testid='stMermaidChart'] img")).to_be_visible()


def report(findings: dict[str, list[str]]) -> str:
    return "\n".join(f"--- {where}: {len(lines)}\n" + "\n".join(lines) for where, lines in findings.items() if lines)


def open_example(page: Page, base_url: str) -> None:
    open_app(page, base_url)
    with running(page):
        by_key(page, "home-open-example").locator("button").click()


def test_every_page_with_the_worked_example_has_no_serious_violation(app_server, page: Page):
    open_example(page, app_server.url)
    findings = {}
    for info in ALL_PAGES:
        if info.step_id in FULL_SCREEN_PAGES:
            continue  # no sidebar there: audited below, reached as a user reaches it
        go_to(page, info.url_path)
        wait_until_drawn(page)
        findings[info.title] = audit(page)
    go_to(page, "ml-canvas")
    with running(page):
        page.get_by_role("link", name="Present").click()
    expect(by_key(page, "present-canvas")).to_be_visible()
    findings["Present: whole canvas"] = audit(page)
    with running(page):
        page.get_by_role("button", name="One block at a time").click()
    expect(page.get_by_text("1 of 10")).to_be_visible()
    findings["Present: one block"] = audit(page)
    assert not any(findings.values()), report(findings)


def test_an_open_block_dialog_has_no_serious_violation(app_server, page: Page):
    open_example(page, app_server.url)
    go_to(page, "ml-canvas")
    with running(page):
        by_key(page, "open-ml-canvas-decisions").locator("button:visible").click()
    expect(page.get_by_role("dialog")).to_contain_text("Questions to answer")
    findings = audit(page)
    assert not findings, report({"Decisions dialog": findings})


def test_the_view_only_link_pages_have_no_serious_violation(app_server, page: Page):
    open_example(page, app_server.url)
    go_to(page, "review-and-report")
    link = by_key(page, "view-link").locator("code")
    expect(link).to_contain_text("?view=")
    open_app(page, link.inner_text().strip())
    findings = {"Home (view link)": audit(page)}
    for info in STEP_PAGES:
        go_to(page, info.url_path)
        wait_until_drawn(page)
        findings[f"{info.title} (view link)"] = audit(page)
    assert not any(findings.values()), report(findings)


# --------------------------------------------------------------------------- keyboard only

TAB_LIMIT = 150  # more than every focusable element before the last canvas cell


def is_focused(target: Locator) -> bool:
    return target.evaluate("element => element === document.activeElement")


def press_until_focused(page: Page, target: Locator, key: str = "Tab") -> None:
    """Press `key` until `target` has the focus, as someone tabbing through the page does."""
    expect(target).to_be_visible()
    for _ in range(TAB_LIMIT):
        if is_focused(target):
            break
        page.keyboard.press(key)
    expect(target).to_be_focused()


def test_a_note_and_its_block_with_the_keyboard_alone(app_server, page: Page):
    open_app(page, app_server.url)
    go_to(page, "ml-canvas")
    add_box = by_key(page, "add-ml-canvas-decisions").locator("input")
    title_button = by_key(page, "open-ml-canvas-decisions").locator("button:visible")
    note = "Typed without a mouse"

    press_until_focused(page, add_box)
    page.keyboard.type(note)
    with running(page):
        page.keyboard.press("Enter")
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text(note)

    press_until_focused(page, title_button, "Shift+Tab")  # the title comes before the box
    with running(page):
        page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Questions to answer")
    # The focus moved into the dialog (onto it or one of its controls), so Escape reaches it.
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('[role=dialog]')")

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text(note)
