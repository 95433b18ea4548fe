"""The workshop pages through the entry point (AppTest): the facilitator opens a room, a participant
joins by code, writes and votes; the facilitator triages into the plan. The browser tests
(tests/e2e/test_workshop_in_browser.py) cover what only several live browsers show."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.store.workshop_tables import rooms_table
from canvas_core.workshop import Focus, WorkshopStore
from canvas_core.workshop.store import participant_key
from tests.app_driver import APP, error_messages, open_page, run, store, stored

CONSOLE, ROOM, SCREEN = "pages/workshop_console.py", "pages/workshop_room.py", "pages/workshop_screen.py"


def workshops() -> WorkshopStore:
    return WorkshopStore(store().engine)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def board_notes(at: AppTest) -> list[dict]:
    """The notes the room's board draws (ui.note_board: one in-page element with plain data)."""
    boards = [e for e in at.get("bidi_component") if e.proto.component_name == "mlcs_note_board"]
    assert len(boards) == 1
    return json.loads(boards[0].proto.json)["notes"]


def open_room(at: AppTest) -> str:
    """Open a room from the console with the two-hour agenda; returns its code."""
    run(button(at, "Open the room").click())
    return workshops().open_room_for(at.session_state["open_plan"].plan.id).code


def participant(code: str, name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["code"] = code
    run(at.switch_page(ROOM))
    at.text_input(key="join-name-typed").input(name)
    return run(button(at, "Join").click())


def test_the_facilitator_opens_a_room_with_a_code_a_join_link_and_the_agenda():
    at = open_page(load_example("support_mail_triage"), CONSOLE)
    code = open_room(at)
    headings = [m.value for m in at.markdown]
    assert f"## Room code: {code}" in headings
    assert any(f"/room?code={code}" in c.value for c in at.code)
    assert [b.label for b in at.button if b.label == "Go here"]  # the other agenda steps
    assert any(b.label == "Start 15 min" for b in at.button)  # the product brief's timebox


def test_a_view_link_cannot_run_a_workshop():
    plan = load_example("support_mail_triage")
    at = open_page(plan, "pages/review.py")
    token = store().view_token(plan.id)
    viewer = AppTest.from_file(APP, default_timeout=30)
    viewer.query_params["view"] = token
    run(viewer)
    run(viewer.switch_page(CONSOLE))
    assert any("edit link" in w.value for w in viewer.warning)
    assert not [b for b in viewer.button if b.label == "Open the room"]
    assert at is not None


def test_a_participant_joins_by_code_writes_a_note_and_sees_no_plan_link():
    facilitator = open_page(load_example("support_mail_triage"), CONSOLE)
    code = open_room(facilitator)
    plan_id = facilitator.session_state["open_plan"].plan.id
    ada = participant(code, "Ada")
    assert ada.text_area(key="room-note-text") is not None
    ada.text_area(key="room-note-text").input("Mails by product line")
    run(next(b for b in ada.button if b.label == "Add note").click())
    notes = workshops().notes(code, include_hidden=True)
    assert [(n.text, n.author) for n in notes] == [("Mails by product line", "Ada")]
    assert plan_id not in str(ada.query_params) and "plan" not in ada.query_params
    assert [(n["text"], n["meta"]) for n in board_notes(ada)] == [("Mails by product line", "Ada")]


def test_a_wrong_code_is_refused_in_plain_words():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["code"] = "BCDFG2"
    run(at.switch_page(ROOM))
    assert any("no workshop room with this code" in m for m in error_messages(at))


def test_accepting_a_note_puts_it_into_the_canvas_block_with_author_and_votes():
    facilitator = open_page(load_example("support_mail_triage"), CONSOLE)
    code = open_room(facilitator)
    room_store = workshops()
    room_store.set_focus(code, Focus("ml_canvas", "data_sources"))
    ada = participant(code, "Ada")
    ada.text_area(key="room-note-text").input("Call-centre transcripts")
    run(next(b for b in ada.button if b.label == "Add note").click())
    room_store.open_vote(code, budget=3)
    run(ada)
    [card] = board_notes(ada)
    assert card["can_vote"] and card["my_votes"] == 0
    room_store.vote(code, participant_key(code, ada.session_state["browser_token"]), card["id"])
    run(ada)
    assert any("2 of 3 votes left" in m.value for m in ada.markdown)
    assert board_notes(ada)[0]["my_votes"] == 1
    room_store.close_vote(code)
    run(facilitator)
    run(next(b for b in facilitator.button if b.key.startswith("accept-")).click())
    note = stored(facilitator).canvases["ml_canvas"].blocks["data_sources"].notes[-1]
    assert (note.text, note.author, note.votes) == ("Call-centre transcripts", "Ada", 1)
    assert [n.status for n in room_store.notes(code)] == ["accepted"]


def test_the_room_screen_has_no_inputs_and_shows_the_room():
    facilitator = open_page(load_example("support_mail_triage"), CONSOLE)
    code = open_room(facilitator)
    screen = AppTest.from_file(APP, default_timeout=30)
    screen.query_params["code"] = code
    run(screen.switch_page(SCREEN))
    assert not screen.text_input and not screen.text_area and not screen.button
    assert any(f"Join: {code}" in m.value for m in screen.markdown)
    assert not screen.sidebar.get("page_link")


def test_at_zero_the_facilitator_is_asked_whether_to_extend():
    facilitator = open_page(load_example("support_mail_triage"), CONSOLE)
    code = open_room(facilitator)
    room_store = workshops()
    room_store.start_timer(code, 60)
    with room_store.engine.begin() as db:  # the minute has passed
        db.execute(rooms_table.update().where(rooms_table.c.code == code)
                   .values(timer_end_at=datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=1)))
    run(facilitator)
    assert any("Time is up" in w.value for w in facilitator.warning)
    run(button(facilitator, "Add 5 minutes").click())
    left = room_store.room(code).timer_remaining(datetime.now(UTC))
    assert 290 <= left <= 300
    assert not any("Time is up" in w.value for w in facilitator.warning)


def test_ticked_notes_merge_into_one_canvas_note_in_the_facilitators_words():
    facilitator = open_page(load_example("support_mail_triage"), CONSOLE)
    code = open_room(facilitator)
    room_store = workshops()
    room_store.set_focus(code, Focus("ml_canvas", "monitoring"))
    ada = participant(code, "Ada")
    for text in ("Drift in topics", "Share of re-routes"):
        ada.text_area(key="room-note-text").input(text)
        run(next(b for b in ada.button if b.label == "Add note").click())
    run(facilitator)
    for note in room_store.notes(code):
        facilitator.checkbox(key=f"pick-{note.id}").check()
    run(facilitator)
    run(button(facilitator, "Merge the 2 ticked notes…").click())
    facilitator.text_area(key="merge-text").input("Watch topic drift and the share of re-routes")
    run(next(b for b in facilitator.button if b.label == "Merge into the plan").click())
    notes = stored(facilitator).canvases["ml_canvas"].blocks["monitoring"].notes
    assert (notes[-1].text, notes[-1].author) == ("Watch topic drift and the share of re-routes", "Ada")
    assert sorted(n.status for n in room_store.notes(code)) == ["merged", "merged"]
