"""A German plan's workshop room in a real browser: a participant whose browser asks for a language
the app does not speak reads the room in the plan's language (German), the in-page countdown and
note board write German words, and switching the language at the top of the room keeps the note
being typed (the box is the same element in both languages)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from canvas_core.examples import load_example
from canvas_core.store import SqlPlanStore
from canvas_core.workshop import READY_AGENDAS, Focus, WorkshopStore
from canvas_core.workshop.store import FACILITATOR
from tests.e2e.conftest import AppServer, _free_port
from tests.e2e.helpers import by_key, choose, open_app

pytestmark = pytest.mark.e2e


@dataclass
class GermanRoom:
    server: AppServer
    rooms: WorkshopStore
    code: str
    plan_without_room: str


@pytest.fixture(scope="module")
def german_room(tmp_path_factory) -> Iterator[GermanRoom]:
    base = tmp_path_factory.mktemp("german_room")
    url = f"sqlite:///{base / 'plans.sqlite3'}"
    (base / "data").mkdir()
    (base / "logs").mkdir()
    plans = SqlPlanStore(url)
    plan = load_example("support_mail_triage").as_new()
    plan.meta.language = "de"
    plans.create(plan)
    rooms = WorkshopStore(plans.engine)
    room = rooms.start_room(plan.id, READY_AGENDAS["About 2 hours"])
    rooms.set_focus(room.code, Focus("ml_canvas", "data_sources"))
    other = load_example("support_mail_triage").as_new()
    other.meta.language = "de"
    plans.create(other)
    server = AppServer(_free_port(), base / "data", base / "logs", env={"MLCS_DATABASE_URL": url}).start()
    try:
        yield GermanRoom(server, rooms, room.code, other.id)
    finally:
        server.stop()
        plans.close()


@pytest.fixture
def french_browser(browser: Browser) -> Iterator[Page]:
    """A browser asking for French, which the app does not speak: the plan's language wins."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 1000})
    try:
        yield context.new_page()
    finally:
        context.close()


def one(target: Locator) -> Locator:
    expect(target).to_have_count(1)
    return target


def test_a_german_room_reads_german_and_switching_keeps_the_note_being_typed(german_room: GermanRoom,
                                                                              french_browser: Page):
    page, code, rooms = french_browser, german_room.code, german_room.rooms
    open_app(page, f"{german_room.server.url}/room?code={code}")
    expect(page.get_by_role("heading", name="Dem Workshop beitreten")).to_be_visible()
    one(page.get_by_label("Ihr Anzeigename")).fill("Ada")
    one(page.get_by_role("button", name="Beitreten", exact=True)).click()
    expect(page.get_by_text(f"Workshop-Raum {code} · Sie sind Ada")).to_be_visible()
    status = by_key(page, "room-timer").locator(".status")  # inside the element's shadow root
    expect(status).to_have_text("Kein Timer läuft")

    rooms.add_note(code, FACILITATOR, "Anrufprotokolle", author="Moderation")
    rooms.open_vote(code)
    rooms.start_timer(code, 600)
    expect(status).to_have_text("Restzeit")  # the watcher brings the room's changes
    expect(by_key(page, "room-timer").locator(".timer")).to_have_attribute("aria-label", re.compile(r"^Restzeit: \d"))
    expect(page.get_by_role("button", name="Punkt geben für: Anrufprotokolle")).to_be_visible()

    box = one(page.get_by_label(re.compile("^Ihre Notiz zu ")))
    box.fill("halb getippt, nicht gesendet")
    one(by_key(page, "room-language").get_by_role("button")).click()
    choose(page, "ui-language", "English")
    expect(page.get_by_label(re.compile("^Your note on "))).to_have_value("halb getippt, nicht gesendet")
    expect(status).to_have_text("Time left")
    expect(page.get_by_role("button", name="Vote for: Anrufprotokolle")).to_be_visible()
    expect(page.get_by_text(f"Workshop room {code} · you are Ada")).to_be_visible()


def test_the_agenda_chosen_stays_chosen_when_the_facilitator_switches_the_language(german_room: GermanRoom,
                                                                                  french_browser: Page):
    page = french_browser
    open_app(page, f"{german_room.server.url}/workshop?plan={german_room.plan_without_room}")
    expect(page.get_by_role("heading", name="Workshop durchführen")).to_be_visible()
    one(by_key(page, "start-agenda").get_by_text("Etwa 4 Stunden", exact=True)).click()
    minutes = by_key(page, "start-minutes-About 4 hours-ml_canvas").locator("input")
    expect(minutes).to_have_value("60")
    choose(page, "ui-language", "English")
    expect(page.get_by_role("heading", name="Run a workshop")).to_be_visible()
    expect(by_key(page, "start-agenda").get_by_role("radio", name="About 4 hours")).to_be_checked()
    expect(minutes).to_have_value("60")
