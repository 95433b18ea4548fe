"""The app's language in a real browser: it follows the browser's own language, the switch
overrides it for this browser (remembered by cookie, in a new tab too), typed text survives the
switch, and the page tells screen readers its language (<html lang>)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import by_key, choose, open_app, running

pytestmark = pytest.mark.e2e


def _context(browser, locale: str):
    return browser.new_context(viewport={"width": 1400, "height": 900}, locale=locale)


def _switch_label(page):
    return page.locator("[data-testid='stSidebar']").get_by_text("Sprache der App", exact=True)


def test_a_german_browser_reads_german_and_an_english_one_english(app_server, browser):
    german = _context(browser, "de-DE")
    english = _context(browser, "en-US")
    try:
        de_page = open_app(german.new_page(), app_server.url)
        en_page = open_app(english.new_page(), app_server.url)
        expect(_switch_label(de_page)).to_be_visible()
        expect(de_page.locator("html[lang='de']")).to_be_attached()
        expect(en_page.locator("[data-testid='stSidebar']").get_by_text("Language of the app", exact=True)) \
            .to_be_visible()
        expect(en_page.locator("html[lang='en']")).to_be_attached()
    finally:
        german.close()
        english.close()


def test_the_switch_keeps_typed_text_and_is_remembered_in_a_new_tab(app_server, browser):
    context = _context(browser, "en-US")
    try:
        page = open_app(context.new_page(), app_server.url)
        name = by_key(page, "plan-name").locator("input")
        expect(name).to_be_visible()
        with running(page):
            name.fill("Ein Plan <b>mit</b> Markup")
            name.press("Tab")
        choose(page, "ui-language", "Deutsch")
        expect(_switch_label(page)).to_be_visible()
        expect(page.locator("html[lang='de']")).to_be_attached()
        expect(by_key(page, "plan-name").locator("input")).to_have_value("Ein Plan <b>mit</b> Markup")
        again = open_app(context.new_page(), app_server.url)  # the cookie: this browser chose German
        expect(_switch_label(again)).to_be_visible()
        expect(again.locator("html[lang='de']")).to_be_attached()
    finally:
        context.close()
