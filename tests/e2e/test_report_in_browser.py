"""The review step's exports in a real browser: the PDF and the Markdown are built
on click and arrive as real files that read back; the preview shows the report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.helpers import by_key, go_to, open_app, running

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def open_review_of_the_example(page: Page, url: str) -> None:
    open_app(page, url)
    with running(page):
        by_key(page, "home-open-example").locator("button").click()
    go_to(page, "review-and-report")


def download(page: Page, key: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=30_000) as info:
        by_key(page, key).locator("button").click()
    file = info.value
    return file.suggested_filename, Path(file.path()).read_bytes()


def test_pdf_and_markdown_downloads_are_the_real_report(app_server, page: Page):
    open_review_of_the_example(page, app_server.url)
    expect(by_key(page, "report-pdf")).to_be_visible()

    name, data = download(page, "report-pdf")
    assert name.startswith("support-mail-triage-report-") and name.endswith(".pdf")
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 1
    assert "Support mail triage" in reader.pages[0].extract_text()
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4 by default

    name, data = download(page, "report-md")
    assert name.endswith(".md")
    text = data.decode("utf-8")
    assert text.startswith("# Support mail triage\n") and "## Sources, licences and attributions" in text

    name, data = download(page, "report-json")
    assert name.startswith("support-mail-triage-") and b'"schema_version"' in data
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_letter_size_and_the_preview(app_server, page: Page):
    open_review_of_the_example(page, app_server.url)
    with running(page):
        by_key(page, "report-page-size").get_by_text("Letter").click()
    _, data = download(page, "report-pdf")
    assert round(float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width)) == 612

    with running(page):
        by_key(page, "report-preview-on").locator("label").click()
    viewer = by_key(page, "report-preview")
    expect(viewer).to_be_visible(timeout=20_000)
    # The viewer draws each page on a canvas (pdf.js, bundled: nothing is fetched from outside).
    expect(viewer.locator("canvas").nth(1)).to_be_attached(timeout=20_000)  # more than one page drawn
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "review-export.png"), full_page=True)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
