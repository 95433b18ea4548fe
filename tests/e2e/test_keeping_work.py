"""Keeping work in a real browser: autosave survives a refresh and a server
restart, two sessions on one plan are merged (or refused with both versions
shown), bad imports change nothing, export/import round-trips, deleted plans
come back, and iterations compare with the plan as it is now."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas_core.plan import Plan
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

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "support_mail_triage.json"
VIEWPORT = {"width": 1600, "height": 1000}
SLOW = 20_000  # ms: uploads, downloads and a restarted server take longer than a click
ALERT = "[data-testid='stAlert']"
PLAN_ROWS = "[class*='st-key-plan-row-']"


# --------------------------------------------------------------------------- helpers


def plan_id(page: Page) -> str | None:
    """The plan id in the address bar (None for a plan not stored yet)."""
    return parse_qs(urlparse(page.url).query).get("plan", [None])[0]


def plan_name(page: Page):
    return by_key(page, "plan-name").locator("input")


def click(page: Page, key: str) -> None:
    """Click the keyed button and wait for the run it starts to finish."""
    button = by_key(page, key).locator("button:visible")
    expect(button).to_be_enabled()
    with running(page):
        button.click()


def stored_plan(page: Page, app_server, canvas: str, block: str, text: str) -> str:
    """Open the app, add a note (which stores the new plan) and return the plan's id."""
    open_app(page, app_server.url)
    go_to(page, canvas)
    add_note(page, canvas, block, text)
    expect(page).to_have_url(re.compile(r"[?&]plan="))
    return plan_id(page)


def open_url(page: Page, url: str) -> None:
    """Open a full address as typed (open_app would add a slash after the query string)."""
    page.goto(url)
    wait_for_app_run(page, timeout=SLOW)


@contextmanager
def second_session(browser: Browser, url: str):
    """Another browser (its own cookies and Streamlit session) on `url`."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        other = context.new_page()
        open_url(other, url)
        yield other
    finally:
        context.close()


def upload(page: Page, path: Path) -> None:
    """Drop `path` into the import box on Home."""
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))


def wait_for_other_plan(page: Page, old_id: str) -> None:
    expect(page).to_have_url(re.compile(r"[?&]plan=(?!" + re.escape(old_id) + r"(&|$))"), timeout=SLOW)
    wait_for_app_run(page)


# --------------------------------------------------------------------------- autosave


def test_note_is_there_after_a_refresh(app_server, page: Page):
    """Type, refresh, find: the URL names the stored plan and reopens it."""
    stored_plan(page, app_server, "ml-canvas", "decisions", "Route only mails the model is sure about")
    page.reload()
    wait_for_app_run(page)
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text("Route only mails the model is sure about")
    expect(page.locator("[data-testid='stSidebar']")).to_contain_text("All changes saved")


def test_note_is_there_after_a_server_restart_and_on_another_computer(app_server, browser, page: Page):
    """Type, restart the server, find: the plan lives in the store, not in the session."""
    stored_plan(page, app_server, "ml-canvas", "decisions", "Survives a restart: Ünïcödé")
    url = page.url
    app_server.restart()
    open_url(page, url)
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text("Survives a restart: Ünïcödé")
    with second_session(browser, url) as other:
        expect(cell(other, "ml-canvas", "decisions")).to_contain_text("Survives a restart: Ünïcödé")


def test_a_bookmarked_step_page_opens_in_the_app_as_the_first_request_after_a_restart(app_server, page: Page):
    """Right after a restart no session has run the app yet; a link to a step page
    must still open inside the app (sidebar, plan), not as a bare page script, and
    without a "Page not found" dialog."""
    pid = stored_plan(page, app_server, "ml-canvas", "decisions", "Bookmarked")
    for url_path in ("workflow-integration", "review-and-report", "iterations-and-compare"):
        app_server.restart()
        open_url(page, f"{app_server.url}/{url_path}?plan={pid}")
        sidebar = page.locator("[data-testid='stSidebar']")
        expect(sidebar).to_contain_text("ML Canvas Studio")
        expect(sidebar).to_contain_text("All changes saved")
        assert plan_id(page) == pid
        expect(page.get_by_text("Page not found")).to_have_count(0)


def test_a_page_file_name_is_no_address_even_right_after_a_restart(app_server, page: Page):
    """The scripts under pages/ are reached only through the app: /<file name> is an
    unknown page that opens Home inside the app, never the bare script."""
    app_server.restart()
    open_url(page, f"{app_server.url}/data_landscape")
    expect(page.get_by_text("Page not found")).to_be_visible()
    expect(page.locator("[data-testid='stSidebar']")).to_contain_text("ML Canvas Studio")


# --------------------------------------------------------------------------- two sessions


def test_two_sessions_editing_different_blocks_both_keep_their_notes(app_server, browser, page: Page):
    """A and B change different blocks of one plan without reloading: the server merges both."""
    pid = stored_plan(page, app_server, "ml-canvas", "decisions", "Shared plan")
    with second_session(browser, f"{app_server.url}/mlops-stack?plan={pid}") as b:
        expect(cell(b, "mlops-stack", "monitoring")).to_be_visible()
        add_note(page, "ml-canvas", "features", "Subject line and first 500 characters")
        add_note(b, "mlops-stack", "monitoring", "Weekly share of re-routed mails")  # B still holds the old version
        for session in (page, b):
            session.reload()
            wait_for_app_run(session)
            go_to(session, "ml-canvas")
            expect(cell(session, "ml-canvas", "features")).to_contain_text("Subject line and first 500 characters")
            go_to(session, "mlops-stack")
            expect(cell(session, "mlops-stack", "monitoring")).to_contain_text("Weekly share of re-routed mails")
        assert plan_id(b) == plan_id(page) == pid


def test_same_note_edited_in_two_sessions_is_refused_showing_the_other_version(app_server, browser, page: Page):
    """A and B edit one note differently: B's save is refused, B sees A's wording and keeps it."""
    stored_plan(page, app_server, "ml-canvas", "decisions", "Forward to the team queue")
    with second_session(browser, page.url) as b:
        for session in (b, page):  # both open the block while the note still has its first wording
            click(session, "open-ml-canvas-decisions")
            expect(session.get_by_role("dialog")).to_be_visible()
        note = "[class*='st-key-note-ml-canvas-decisions-'] textarea"
        expect(b.locator(note).first).to_have_value("Forward to the team queue")

        page.locator(note).first.fill("Forward to the team queue, urgent ones to seniors")
        with running(page):
            page.locator(note).first.press("Control+Enter")

        b.locator(note).first.fill("Forward to the team queue after a spam check")
        with running(b):
            b.locator(note).first.press("Control+Enter")
        expect(b.locator(ALERT).filter(has_text="Not saved").first).to_be_visible()
        expect(b.get_by_text("urgent ones to seniors").first).to_be_visible()  # their version, shown

        b.reload()
        wait_for_app_run(b)
        target = cell(b, "ml-canvas", "decisions")
        expect(target).to_contain_text("Forward to the team queue, urgent ones to seniors")
        expect(target).not_to_contain_text("spam check")
    page.keyboard.press("Escape")
    page.reload()
    wait_for_app_run(page)
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text("urgent ones to seniors")


# --------------------------------------------------------------------------- import / export


def test_bad_imports_leave_the_open_plan_untouched(app_server, page: Page, tmp_path: Path):
    """Not JSON, not a plan, a newer format, too big: each says why and nothing changes."""
    pid = stored_plan(page, app_server, "ml-canvas", "decisions", "Keep me")
    go_to(page, "home")
    name_before = plan_name(page).input_value()
    rows_before = page.locator(PLAN_ROWS).count()
    assert 0 < rows_before < 15, "the plan list shows at most 15 plans; growth would be invisible"

    files = {
        "picture.json": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not JSON"),
        "shopping.json": (json.dumps({"shopping": [1, 2]}).encode(), "not an ML Canvas Studio plan"),
        "future.json": (json.dumps({"schema_version": 99, "meta": {}}).encode(), "newer version"),
    }
    for name, (data, message) in files.items():
        (tmp_path / name).write_bytes(data)
        upload(page, tmp_path / name)
        expect(page.locator(ALERT).filter(has_text=message).first).to_be_visible(timeout=SLOW)
        wait_for_app_run(page)
        assert plan_id(page) == pid, name
        expect(plan_name(page)).to_have_value(name_before)
        expect(page.locator(PLAN_ROWS)).to_have_count(rows_before)

    big = tmp_path / "huge.json"
    big.write_bytes(b'{"schema_version": 2, "meta": {}, "pad": "' + b"x" * (6 * 1024 * 1024) + b'"}')
    upload(page, big)
    # Streamlit's uploader may refuse it in the browser, or the app after the upload: either says "MB".
    size_message = page.locator(f"{ALERT}, [data-testid='stFileUploader']").filter(
        has_text=re.compile(r"or smaller|too large|exceeds|at most 5 MB\. Nothing", re.IGNORECASE))
    expect(size_message.first).to_be_visible(timeout=SLOW)
    wait_for_app_run(page)
    assert plan_id(page) == pid
    expect(plan_name(page)).to_have_value(name_before)
    expect(page.locator(PLAN_ROWS)).to_have_count(rows_before)


def test_a_deeply_nested_file_and_repeated_note_ids_are_refused_in_one_line(app_server, page: Page, tmp_path: Path):
    """Hand-made plan files that once crashed the import (or a page after it) say what is wrong in
    one line, with no traceback, and the plan that was open stays as it was."""
    pid = stored_plan(page, app_server, "ml-canvas", "decisions", "Keep me")
    go_to(page, "home")
    name_before = plan_name(page).input_value()
    rows_before = page.locator(PLAN_ROWS).count()

    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    example["review"]["open_questions"] = "@@"
    nested = json.dumps(example).replace('"@@"', "[" * 900 + "]" * 900)
    example["review"]["open_questions"] = []
    notes = example["canvases"]["ml_canvas"]["blocks"]["data_sources"]["notes"]
    notes[1]["id"] = notes[0]["id"]
    files = {
        "nested.json": (nested, "The file nests lists or objects more than 20 levels deep; an exported plan "
                        "never does, so it is not a plan file. Nothing was imported."),
        "repeated-ids.json": (json.dumps(example), "The plan file is damaged: two notes in ML Canvas › Data "
                              f"Sources share the id '{notes[0]['id']}'. Nothing was imported."),
    }
    for name, (text, message) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        upload(page, tmp_path / name)
        refusal = page.locator(ALERT).filter(has_text=message)
        expect(refusal).to_have_count(1, timeout=SLOW)
        wait_for_app_run(page)
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        expect(page.get_by_text(re.compile("Traceback|RecursionError|DuplicateWidgetID"))).to_have_count(0)
        expect(page).to_have_url(re.compile(rf"[?&]plan={re.escape(pid)}(&|$)"))
        expect(plan_name(page)).to_have_value(name_before)
        expect(page.locator(PLAN_ROWS)).to_have_count(rows_before)
    go_to(page, "ml-canvas")
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text("Keep me")


def export_example(page: Page, base_url: str, folder: Path) -> tuple[Path, str]:
    """Open a copy of the worked example, download its export into `folder`; returns (file, ML cell text)."""
    open_app(page, base_url)
    click(page, "home-open-example")
    go_to(page, "ml-canvas")
    prediction = cell(page, "ml-canvas", "prediction-task").locator("[data-testid='stText']")
    expect(prediction).to_contain_text("classification")
    prediction_text = prediction.inner_text()
    go_to(page, "home")
    with page.expect_download(timeout=SLOW) as download_info:
        by_key(page, "export-json").locator("button:visible").click()
    download = download_info.value
    exported = folder / download.suggested_filename
    download.save_as(exported)
    return exported, prediction_text


def import_in_a_fresh_tab(page: Page, base_url: str, path: Path) -> Page:
    """Upload `path` on Home in a new tab of the same browser (no plan open yet); returns that tab."""
    tab = page.context.new_page()
    open_app(tab, base_url)
    assert plan_id(tab) is None
    upload(tab, path)
    expect(tab).to_have_url(re.compile(r"[?&]plan="), timeout=SLOW)
    wait_for_app_run(tab)
    return tab


def test_export_downloads_the_plan_as_json(app_server, page: Page, tmp_path: Path):
    """Export JSON: a dated, readable file name and a valid plan with the example's notes."""
    exported, prediction_text = export_example(page, app_server.url, tmp_path)
    assert exported.name.startswith("support-mail-triage-") and exported.name.endswith(".json"), exported.name
    plan = Plan.from_json(exported.read_bytes())
    assert plan.id == plan_id(page)
    assert plan.meta.name == "Support mail triage"
    notes = [n.text for n in plan.canvas("ml_canvas").block("prediction_task").notes]
    assert notes and all(text in prediction_text for text in notes)


def test_exported_file_imports_as_a_new_plan_with_the_same_content(app_server, page: Page, tmp_path: Path):
    """Round trip: the exported file opens as a new plan (new id) with the same canvas text; as this
    browser already lists a plan of that name, the import's name says it is the imported one, and why."""
    exported, prediction_text = export_example(page, app_server.url, tmp_path)
    tab = import_in_a_fresh_tab(page, app_server.url, exported)
    assert plan_id(tab) != plan_id(page)
    renamed = f"Support mail triage (imported {datetime.now(UTC):%Y-%m-%d})"
    expect(plan_name(tab)).to_have_value(renamed)
    expect(tab.locator(ALERT).filter(has_text=f'Imported as "{renamed}": a plan named "Support mail triage" is '
                                             "already in your list")).to_be_visible()
    expect(tab.locator(f"{PLAN_ROWS} [data-testid='stText']", has_text="(open in this tab)")).to_have_count(1)
    go_to(tab, "ml-canvas")
    expect(cell(tab, "ml-canvas", "prediction-task").locator("[data-testid='stText']")).to_have_text(prediction_text)


def test_v1_plan_file_is_migrated_on_import(app_server, page: Page):
    """A file written by the older schema (v1) opens as a new, migrated plan."""
    tab = import_in_a_fresh_tab(page, app_server.url, FIXTURES / "plan_v1_example.json")
    assert plan_id(tab) != "exampleSupportMailTriage"
    expect(plan_name(tab)).to_have_value("Support mail triage")
    go_to(tab, "ml-canvas")
    expect(cell(tab, "ml-canvas", "prediction-task")).to_contain_text("classification")


def test_import_while_a_plan_is_open_switches_to_the_imported_plan(app_server, page: Page, tmp_path: Path):
    """Importing from a tab that already shows a stored plan opens the imported copy in that tab."""
    exported, _ = export_example(page, app_server.url, tmp_path)
    example_id = plan_id(page)
    plan_name(page).fill("Renamed before the import")
    with running(page):
        plan_name(page).press("Enter")
    upload(page, exported)
    wait_for_other_plan(page, example_id)
    expect(plan_name(page)).to_have_value("Support mail triage")
    imported_id = plan_id(page)
    click(page, "duplicate-current")  # the copy opens in this tab too
    wait_for_other_plan(page, imported_id)
    expect(plan_name(page)).to_have_value("Support mail triage (copy)")


# --------------------------------------------------------------------------- delete, restore, iterations


def test_deleted_plan_is_confirmed_then_restored_with_its_notes(app_server, page: Page):
    """Delete asks first; the plan leaves the list, is listed as deleted and comes back on restore."""
    pid = stored_plan(page, app_server, "ml-canvas", "decisions", "Worth restoring")
    go_to(page, "home")
    plan_name(page).fill("Plan to throw away")
    with running(page):
        plan_name(page).press("Enter")
    expect(by_key(page, f"plan-row-{pid}")).to_contain_text("Plan to throw away")

    click(page, "delete-current")
    expect(by_key(page, f"confirm-delete-{pid}")).to_contain_text("Delete this plan?")
    click(page, f"confirm-yes-{pid}")
    expect(by_key(page, f"plan-row-{pid}")).to_have_count(0)
    expect(plan_name(page)).to_have_value("Untitled plan")
    assert plan_id(page) is None

    deleted = page.locator("[data-testid='stExpander']", has_text="Recently deleted")
    deleted.locator("summary").click()
    expect(deleted).to_contain_text("Plan to throw away")
    click(page, f"restore-{pid}")
    expect(page).to_have_url(re.compile(rf"[?&]plan={re.escape(pid)}"))
    expect(plan_name(page)).to_have_value("Plan to throw away")
    expect(by_key(page, f"plan-row-{pid}")).to_be_visible()
    go_to(page, "ml-canvas")
    expect(cell(page, "ml-canvas", "decisions")).to_contain_text("Worth restoring")


def test_iteration_is_compared_with_the_plan_now(app_server, page: Page):
    """Save an iteration, change the plan: the default comparison shows the new note as added."""
    stored_plan(page, app_server, "ml-canvas", "decisions", "before")
    go_to(page, "iterations-and-compare")
    label = by_key(page, "iteration-label").locator("input")
    label.fill("After the first workshop")
    with running(page):
        label.press("Enter")
    click(page, "save-iteration")
    expect(page.get_by_text("Saved iterations")).to_be_visible()

    go_to(page, "ml-canvas")
    add_note(page, "ml-canvas", "decisions", "after")
    go_to(page, "iterations-and-compare")
    expect(by_key(page, "compare-from").locator("input")).to_have_value("Iteration 1: After the first workshop")
    expect(by_key(page, "compare-to").locator("input")).to_have_value("The plan now")
    diff = by_key(page, "diff-ML-Canvas-Decisions")
    expect(diff).to_contain_text("+ after")
    expect(diff).not_to_contain_text("before")
