"""Smoke test: the real app.py starts under `streamlit run` and renders without an exception."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import open_app

pytestmark = pytest.mark.e2e


def test_app_loads_without_exception(app_server, page):
    open_app(page, app_server.url)
    expect(page.locator("[data-testid='stApp']")).to_be_visible()
    exceptions = page.locator("[data-testid='stException']")
    assert exceptions.count() == 0, "app shows an exception:\n" + "\n---\n".join(
        exceptions.all_inner_texts()
    )
