"""A live workshop in real browsers: a facilitator and three participants, each in their own browser
context, on two replicas of the app that share one database (PostgreSQL when `make test` started
one, else one SQLite file, which the test id says). The tests run in order as one workshop does:
join by code, follow, notes appearing live, private writing, a vote, done counts, triage into the
canvas, the room screen, the timer on every screen, closing the room.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Locator, Page, expect

from canvas_core.examples import load_example
from canvas_core.store import SqlPlanStore
from canvas_core.workshop import WorkshopStore
from tests.e2e.conftest import AppServer, _free_port
from tests.e2e.helpers import by_key, go_to, open_app
from tests.e2e.test_accessibility import audit

POSTGRES_URL = os.environ.get("MLCS_TEST_POSTGRES_URL")
NOTE_BOX = "room-note-text"


@dataclass
class Room:
    replicas: tuple[AppServer, AppServer]
    url: str  # the shared database
    plan_id: str
    facilitator: Page
    people: dict[str, Page]
    code: str = ""


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Iterator[str]:
    """A fresh database for the module: a new PostgreSQL database, or an SQLite file."""
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path_factory.mktemp('shared') / 'plans.sqlite3'}"
        return
    name = f"mlcs_room_{secrets.token_hex(4)}"
    admin = sa.create_engine(sa.engine.make_url(POSTGRES_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(sa.text(f"CREATE DATABASE {name}"))
    yield sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as db:
        db.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(scope="module")
def room(database, browser: Browser, tmp_path_factory) -> Iterator[Room]:
    base = tmp_path_factory.mktemp("replicas")
    replicas = tuple(AppServer(_free_port(), base / f"data-{n}", base / f"logs-{n}",
                               env={"MLCS_DATABASE_URL": database}) for n in (1, 2))
    for server in replicas:
        server.data_dir.mkdir()
        server._log_dir.mkdir()
        server.start()
    plans = SqlPlanStore(database)
    plan = load_example("support_mail_triage")
    plans.create(plan)
    plans.close()
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(4)]
    pages = [context.new_page() for context in contexts]
    try:
        yield Room(replicas, database, plan.id, pages[0], dict(zip(("Ada", "Bo", "Cy"), pages[1:], strict=True)))
    finally:
        for context in contexts:
            context.close()
        for server in replicas:
            server.stop()


def test_the_room_spans_two_replicas_on_one_database(room: Room):
    assert room.replicas[0].port != room.replicas[1].port
    kind = sa.engine.make_url(room.url).get_backend_name()
    assert kind == ("postgresql" if POSTGRES_URL else "sqlite")


def board_of(page: Page) -> Locator:
    return by_key(page, "room-board")


def one(target: Locator) -> Locator:
    """`target` once the page shows it exactly once. These pages rerun by themselves every second
    (the watcher), so "a run has finished" says nothing about the run an action started; while a
    full run redraws a page, the element of the last run and its new copy can both be there."""
    expect(target).to_have_count(1)
    return target


def click(page: Page, name: str, scope: Locator | None = None) -> None:
    """Click a button; the caller then waits for what the click should change."""
    one((scope or page).get_by_role("button", name=name, exact=True)).click()


def test_participants_join_by_code_on_either_replica(room: Room):
    first, second = room.replicas
    fac = room.facilitator
    open_app(fac, f"{first.url}/workshop?plan={room.plan_id}")
    click(fac, "Open the room")
    heading = fac.get_by_role("heading", name=re.compile(r"^Room code: "))
    expect(heading).to_be_visible()
    room.code = heading.inner_text().removeprefix("Room code: ").strip()
    assert re.fullmatch(r"[B-Z2-9]{6}", room.code) and not set(room.code) & set("AEIOU01L")
    expect(fac.get_by_text(f"/room?code={room.code}")).to_be_visible()
    expect(fac.get_by_text("Scan to join")).to_be_visible()

    ada = room.people["Ada"]  # from Home, typing the code as heard: lower case, with a space
    open_app(ada, second.url)
    one(by_key(ada, "home-join-code").locator("input")).fill(f"{room.code[:3].lower()} {room.code[3:].lower()}")
    click(ada, "Join")
    for page, server in ((room.people["Bo"], second), (room.people["Cy"], first)):
        open_app(page, f"{server.url}/room?code={room.code}")  # the join link
    for name, page in room.people.items():
        one(page.get_by_label("Your display name")).fill(name)
        click(page, "Join")
        expect(page.get_by_text(f"Workshop room {room.code} · you are {name}")).to_be_visible()
        assert room.plan_id not in page.url
        expect(page.get_by_text(room.plan_id)).to_have_count(0)
    expect(fac.get_by_text("0 of 3")).to_be_visible()  # the facilitator's done count: three joined


def move_on_anyway(fac: Page) -> None:
    """Nobody said "I'm done" yet: moving on asks once more."""
    expect(fac.get_by_text("3 of 3 are not done yet. Move on anyway?")).to_be_visible()
    click(fac, "Move on anyway")


def move_focus_to_block(fac: Page, step_id: str, step_title: str, block: str) -> None:
    """Move the room to a step (its "Go here" button), then to one of its blocks."""
    click(fac, "Go here", by_key(fac, f"go-{step_id}"))
    move_on_anyway(fac)
    expect(fac.get_by_text(re.compile(rf"^{re.escape(step_title)} · \d+ min · in focus$"))).to_be_visible()
    select = one(fac.locator("[data-testid='stSelectbox']").filter(has_text="Block in focus"))
    select.get_by_role("combobox").click()
    select.get_by_role("combobox").fill(block)  # the list is long: type to narrow it, as a user does
    fac.get_by_role("option", name=block, exact=True).click()
    move_on_anyway(fac)


def test_every_screen_follows_the_facilitator_and_a_participant_can_look_around(room: Room):
    fac = room.facilitator
    move_focus_to_block(fac, "ml_canvas", "4. ML Canvas", "ML Canvas · 7 · Data Sources")
    for page in room.people.values():  # nobody clicks: the watcher brings them along
        expect(page.get_by_role("heading", name="Notes on ML Canvas · 7 · Data Sources")).to_be_visible()
        expect(page.get_by_role("heading", name="7 · Data Sources", exact=True)).to_be_visible()
    bo = room.people["Bo"]
    look = one(bo.locator("[data-testid='stSelectbox']").filter(has_text="Look around").get_by_role("combobox"))
    look.click()
    look.fill("ML Canvas · 3 · Decisions")
    bo.get_by_role("option", name="ML Canvas · 3 · Decisions", exact=True).click()
    expect(bo.get_by_text("You are looking at ML Canvas · 3 · Decisions")).to_be_visible()
    expect(bo.get_by_role("heading", name="3 · Decisions", exact=True)).to_be_visible()
    click(bo, "Back to the room")
    expect(bo.get_by_role("heading", name="7 · Data Sources", exact=True)).to_be_visible()
    expect(bo.get_by_text("You are looking at")).to_have_count(0)


def note_box(page: Page) -> Locator:
    return one(page.get_by_label(re.compile("^Your note on")))


def add_note(page: Page, text: str) -> None:
    note_box(page).fill(text)
    click(page, "Add note")


def test_a_note_appears_on_every_screen_and_half_typed_text_is_kept(room: Room):
    ada, bo, cy = room.people.values()
    note_box(bo).fill("half a thought")  # typed, not sent
    add_note(ada, "Call-centre transcripts <b>2019+</b>")
    for page in (bo, cy, room.facilitator):
        expect(page.get_by_text("Call-centre transcripts <b>2019+</b>", exact=True)).to_be_visible()
    expect(note_box(bo)).to_have_value("half a thought")
    click(bo, "Add note")
    expect(ada.get_by_text("half a thought", exact=True)).to_be_visible()


def test_private_writing_hides_notes_until_the_facilitator_reveals_them(room: Room):
    fac, (ada, _bo, cy) = room.facilitator, room.people.values()
    one(fac.get_by_text("Private writing (notes hidden until revealed)")).click()
    expect(cy.get_by_text(re.compile("Private writing: the room sees your notes"))).to_be_visible()
    add_note(cy, "Scanned letters")
    expect(cy.get_by_text("Scanned letters", exact=True)).to_be_visible()  # its author sees it
    try:
        expect(ada.get_by_text("1 note from others, hidden until revealed")).to_be_visible()
    except AssertionError:
        ada.screenshot(path="/tmp/dbg_ada.png", full_page=True)
        room.people["Bo"].screenshot(path="/tmp/dbg_bo.png", full_page=True)
        raise
    expect(ada.get_by_text("Scanned letters", exact=True)).to_have_count(0)
    reveal = fac.get_by_role("button", name="Reveal 1 hidden note")
    expect(reveal).to_be_visible()
    one(reveal).click()
    expect(ada.get_by_text("Scanned letters", exact=True)).to_be_visible()
    one(fac.get_by_text("Private writing (notes hidden until revealed)")).click()


def card(page: Page, text: str) -> Locator:
    """A note's card on a participant's board (one in-page element: ui.note_board)."""
    return by_key(page, "room-notes").locator("li.note").filter(has_text=text)


def press_vote(page: Page, text: str) -> None:
    one(card(page, text).get_by_role("button", name=re.compile(r"^Vote for: "))).click()


def vote(page: Page, text: str, left: int) -> None:
    """Give a note one dot and wait until the page says how many are left."""
    press_vote(page, text)
    expect(page.get_by_text(re.compile(f"you have {left} of 3 votes left"))).to_be_visible()


def test_a_dot_vote_keeps_the_budget_and_shows_results_only_when_closed(room: Room):
    fac, (ada, bo, cy) = room.facilitator, room.people.values()
    click(fac, "Start a vote on ML Canvas · 7 · Data Sources")
    expect(bo.get_by_text(re.compile("you have 3 of 3 votes left"))).to_be_visible()
    transcripts = "Call-centre transcripts <b>2019+</b>"
    vote(bo, transcripts, 2)
    vote(bo, transcripts, 1)
    vote(bo, "Scanned letters", 0)
    press_vote(bo, "half a thought")
    expect(bo.get_by_text("You have used all 3 of your votes.")).to_be_visible()  # the fourth is refused
    expect(card(bo, transcripts)).to_contain_text("your votes: 2")
    vote(ada, transcripts, 2)
    expect(fac.get_by_text("4 of 9")).to_be_visible()  # votes given of votes there are
    for page, notes in ((ada, "room-notes"), (bo, "room-notes"), (cy, "room-notes"), (fac, "console-notes")):
        expect(by_key(page, notes).get_by_text(re.compile(r"\d+ votes?$"))).to_have_count(0)  # no totals yet
    click(fac, "Close the vote and show the results")
    for page in (ada, bo, cy):
        cards = by_key(page, "room-notes").locator("li.note")
        expect(cards.first).to_contain_text(transcripts)  # most votes first
        expect(cards.first).to_contain_text("3 votes")
        expect(cards.filter(has_text="Scanned letters")).to_contain_text("1 vote")


def test_done_signals_count_how_many_and_moving_on_asks_once_more(room: Room):
    fac, (ada, _bo, cy) = room.facilitator, room.people.values()
    click(ada, "I'm done")
    click(cy, "I'm done")
    expect(fac.get_by_text("2 of 3")).to_be_visible()
    expect(ada.get_by_text("2 of 3 done")).to_be_visible()
    click(fac, "Next: ML Canvas · 8 · Building Models")
    expect(fac.get_by_text("1 of 3 is not done yet. Move on anyway?")).to_be_visible()
    click(fac, "Wait")
    expect(ada.get_by_role("heading", name="Notes on ML Canvas · 7 · Data Sources")).to_be_visible()


def test_the_facilitator_accepts_a_note_into_the_canvas_with_its_author_and_votes(room: Room):
    fac, ada = room.facilitator, room.people["Ada"]
    in_console = by_key(fac, "console-notes").locator("[class*='st-key-console-notes-note-']").filter(
        has_text="Call-centre transcripts")
    click(fac, "Accept", in_console)
    expect(in_console).to_contain_text("Accepted into the plan")
    expect(card(ada, "Call-centre transcripts")).to_contain_text("Accepted into the plan")
    discard = by_key(fac, "console-notes").locator("[class*='st-key-console-notes-note-']").filter(
        has_text="half a thought")
    click(fac, "Discard", discard)
    expect(discard).to_contain_text("Discarded (kept in the workshop record)")
    go_to(fac, "ml-canvas")
    expect(by_key(fac, "block-ml-canvas-data-sources")).to_contain_text("Call-centre transcripts <b>2019+</b>")
    plans = SqlPlanStore(room.url)
    try:
        note = plans.get(room.plan_id).plan.canvases["ml_canvas"].blocks["data_sources"].notes[-1]
    finally:
        plans.close()
    assert (note.text, note.author, note.votes) == ("Call-centre transcripts <b>2019+</b>", "Ada", 3)


def test_the_room_screen_shows_the_block_notes_timer_and_done_count_without_inputs(room: Room, browser: Browser):
    fac = room.facilitator
    go_to(fac, "workshop")
    click(fac, "Start 30 min")
    projector = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        screen = projector.new_page()
        open_app(screen, f"{room.replicas[1].url}/room-screen?code={room.code}")
        expect(screen.get_by_role("heading", name="7 · Data Sources", exact=True)).to_be_visible()
        expect(screen.get_by_text("Scanned letters", exact=True)).to_be_visible()
        expect(screen.get_by_text("2 of 3")).to_be_visible()
        expect(screen.locator("input, textarea, button:visible")).to_have_count(0)
        expect(screen.locator("[data-testid='stSidebar']")).to_have_count(0)
        pages = [fac, *room.people.values(), screen]
        timers = [by_key(page, "room-timer").or_(by_key(page, "console-timer")).or_(by_key(page, "screen-timer"))
                  for page in pages]
        for timer in timers:
            expect(timer.locator(".digits")).to_have_text(re.compile(r"^(29|30):\d\d$"))
        shown = [seconds(timer.locator(".digits").text_content() or "") for timer in timers]
        assert max(shown) - min(shown) <= 1, shown  # the same time left on all five screens
        findings = {"room screen": audit(screen), "participant": audit(room.people["Ada"]), "console": audit(fac)}
        assert not any(findings.values()), findings
    finally:
        projector.close()


def seconds(text: str) -> int:
    minutes, secs = text.strip().split(":")
    return int(minutes) * 60 + int(secs)


def test_a_closed_room_ends_on_every_screen_and_its_code_stops_working(room: Room):
    fac, ada = room.facilitator, room.people["Ada"]
    click(fac, "Close the room…")
    click(fac, "Close the room")
    expect(ada.get_by_role("heading", name="This workshop has ended")).to_be_visible()
    latecomer = room.people["Cy"]
    open_app(latecomer, f"{room.replicas[0].url}/room?code={room.code}")
    expect(latecomer.get_by_role("heading", name="This workshop has ended")).to_be_visible()
    plans = SqlPlanStore(room.url)
    try:
        record = WorkshopStore(plans.engine).record(room.code)
    finally:
        plans.close()
    assert record.participants == 3 and record.discarded == 1 and record.closed_at is not None
