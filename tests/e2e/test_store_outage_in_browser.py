"""A plan store that cannot be written: the tab says so in plain words, keeps what was typed,
and once the store is writable again "Try saving again" saves it, without a server restart."""

from __future__ import annotations

import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from canvas_core.store import SqlPlanStore
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

SIDEBAR = "[data-testid='stSidebar']"
READ_ONLY = "cannot be written (it is read-only)"


def _immutable(path: Path, on: bool) -> None:
    subprocess.run(["chattr", "+i" if on else "-i", str(path)], check=True, capture_output=True)


@contextmanager
def read_only(path: Path):
    """The database file cannot be opened for writing, even by root (the immutable attribute)."""
    _immutable(path, True)
    try:
        yield
    finally:
        _immutable(path, False)


@pytest.fixture
def database(app_server) -> Path:
    path = app_server.data_dir / "plans.sqlite3"
    probe = app_server.data_dir / "probe"
    probe.write_text("x")
    try:
        if not shutil.which("chattr"):
            pytest.skip("chattr is not installed: cannot make the store read-only")
        try:
            _immutable(probe, True)
            _immutable(probe, False)
        except subprocess.CalledProcessError as error:
            pytest.skip(f"this file system or user cannot set the immutable attribute: {error.stderr!r}")
    finally:
        probe.unlink()
    return path


def notes(path: Path, plan_id: str) -> list[str]:
    store = SqlPlanStore(f"sqlite:///{path}")
    try:
        return [n.text for n in store.get(plan_id).plan.canvas("ml_canvas").block("decisions").notes]
    finally:
        store.close()


def test_a_read_only_store_is_reported_and_recovers_without_a_restart(app_server, database, page: Page):
    open_app(page, app_server.url)
    go_to(page, "ml-canvas")
    add_note(page, "ml-canvas", "decisions", "Written before")
    plan_id = re.search(r"plan=([\w-]+)", page.url).group(1)
    with read_only(database):
        app_server.restart()  # every connection the server opens now is read-only
        page.reload()
        wait_for_app_run(page)
        add_note(page, "ml-canvas", "decisions", "Typed while the store was read-only")
        sidebar = page.locator(SIDEBAR)
        expect(sidebar).to_contain_text("Not saved")
        expect(sidebar).to_contain_text(READ_ONLY)
        expect(sidebar).not_to_contain_text("All changes saved")
        expect(cell(page, "ml-canvas", "decisions")).to_contain_text("Typed while the store was read-only")
        by_key(page, "retry-save").locator("button").click()  # still read-only: still says so
        wait_for_app_run(page)
        expect(sidebar).to_contain_text(READ_ONLY)
    with running(page):
        by_key(page, "retry-save").locator("button").click()
    expect(page.locator(SIDEBAR)).to_contain_text("All changes saved")
    assert notes(database, plan_id) == ["Written before", "Typed while the store was read-only"]
    add_note(page, "ml-canvas", "decisions", "And the next one")
    expect(page.locator(SIDEBAR)).to_contain_text("All changes saved")
    assert notes(database, plan_id)[-1] == "And the next one"


def test_a_new_plan_in_a_read_only_store_does_not_claim_it_will_be_saved(app_server, database, page: Page):
    open_app(page, app_server.url)
    go_to(page, "ml-canvas")
    add_note(page, "ml-canvas", "decisions", "Makes sure the store exists")
    with read_only(database):
        app_server.restart()
        open_app(page, app_server.url)
        with running(page):
            by_key(page, "home-open-example").locator("button").click()
        sidebar = page.locator(SIDEBAR)
        expect(sidebar).to_contain_text(READ_ONLY)
        expect(page.get_by_text("saved as soon as you add something")).to_have_count(0)
