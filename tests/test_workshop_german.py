"""The workshop in German: with a German plan the facilitator's console, a participant's room page
(joined by code) and the room screen read German, and so do the words handed to the in-page note
board and countdown; a participant who switches the language keeps a half-typed note. The room
pages are reached by a room's code, so tests/test_german_pages.py leaves them to this file."""

from __future__ import annotations

import functools
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.i18n import catalogue, language
from canvas_core.i18n.extract import template
from canvas_core.workshop import Focus, WorkshopStore
from canvas_core.workshop.store import participant_key
from tests.app_driver import APP, open_page, run, store
from tests.english_left import english_left, page_texts
from ui.countdown import timer_words
from ui.note_board import board_words

CONSOLE, ROOM, SCREEN = "pages/workshop_console.py", "pages/workshop_room.py", "pages/workshop_screen.py"


@pytest.fixture
def reads_german():
    """AppTest formats a radio's or a select box's choice in the test's own thread, which has no
    session (and so no session language): the test formats it in the language the page shows."""
    with language("de"):
        yield


def german_plan():
    plan = load_example("support_mail_triage").as_new()
    plan.meta.language = "de"
    return plan


def workshops() -> WorkshopStore:
    return WorkshopStore(store().engine)


def component(at: AppTest, name: str) -> dict:
    [element] = [e for e in at.get("bidi_component") if e.proto.component_name == name]
    return json.loads(element.proto.json)


def open_room(facilitator: AppTest) -> str:
    run(facilitator.button(key="start-room-open").click())
    return workshops().open_room_for(facilitator.session_state["open_plan"].plan.id).code


def room_page(code: str, page: str = ROOM) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["code"] = code
    return run(at.switch_page(page))


def join(code: str, name: str) -> AppTest:
    at = room_page(code)
    at.text_input(key="join-name-typed").input(name)
    return run(at.button(key="join-name-submit").click())


@functools.cache
def _awaiting_translation() -> tuple[re.Pattern, ...]:
    """Marked messages that have no German yet (each as a pattern, its placeholders matching anything).
    Once every catalogue is complete (tests/test_i18n.py asks for that) there are none, and the pages
    are checked whole; until then a message waiting in another area's catalogue (the sidebar's, the
    language switch's, a step's title) does not hide what this area leaves in English."""
    german = catalogue("de")
    waiting = []
    for message in template():
        if not message.id:
            continue
        forms = message.id if isinstance(message.id, tuple) else (message.id,)
        if isinstance(message.id, tuple) and message.id[0] in german.plural:
            continue
        if isinstance(message.id, str) and message.id in german.singular:
            continue
        waiting += [form for form in forms if len(form) > 3]
    return tuple(re.compile(r".+?".join(map(re.escape, re.split(r"\{\w+\}", form))))
                 for form in sorted(waiting, key=len, reverse=True))


def _without_waiting(text: str) -> str:
    for pattern in _awaiting_translation():
        text = pattern.sub(" ", text)
    return text


def assert_german(at: AppTest, plan, where: str, allowed: frozenset[str] = frozenset()) -> None:
    read = [t for t in page_texts(at) if not t.lstrip().startswith("<style")]  # a page's CSS is not read
    left = english_left([_without_waiting(t) for t in read], plan, allowed)
    assert not left, f"{len(left)} texts still English on {where}: " + "\n".join(left[:40])


def test_the_console_of_a_german_plan_reads_german(reads_german):
    plan = german_plan()
    facilitator = open_page(plan, CONSOLE)
    assert facilitator.title[0].value == "Workshop durchführen"
    assert [r.options for r in facilitator.radio] == [["Etwa 2 Stunden", "Etwa 4 Stunden"]]
    assert_german(facilitator, plan, "the console's start form")
    code = open_room(facilitator)
    room_store = workshops()
    ada = join(code, "Ada")
    ada.text_area(key="room-note-text").input("Mails nach Produktlinie")
    run(ada.button(key="room-note-add").click())
    room_store.start_timer(code, 600)
    run(facilitator)
    assert any(m.value == f"## Raumcode: {code}" for m in facilitator.markdown)
    assert any(b.label == "Hierhin" for b in facilitator.button)
    # `make serve` is a command, typed as shown
    assert_german(facilitator, plan, "the running console", allowed=frozenset({"make"}))
    assert component(facilitator, "mlcs_countdown")["words"]["running"] == "Restzeit"


def test_a_participants_room_page_reads_the_plans_language(reads_german):
    plan = german_plan()
    facilitator = open_page(plan, CONSOLE)
    code = open_room(facilitator)
    room_store = workshops()
    asked = room_page(code)
    assert asked.title[0].value == "Dem Workshop beitreten"
    assert_german(asked, plan, "the room's name form")
    ada = join(code, "Ada")
    ada.text_area(key="room-note-text").input("Anrufprotokolle")
    run(ada.button(key="room-note-add").click())
    room_store.set_focus(code, Focus("ml_canvas", "data_sources"))
    room_store.open_vote(code, budget=3)
    room_store.start_timer(code, 300)
    run(ada)
    assert any(b.label == "Ich bin fertig" for b in ada.button)
    assert_german(ada, plan, "a participant's room page")
    board = component(ada, "mlcs_note_board")
    with language("de"):
        assert board["words"] == board_words()
        assert component(ada, "mlcs_countdown")["words"] == timer_words()
    assert board["words"]["vote"] == "Punkt geben" and board["label"].startswith("Notizen zu ")
    assert component(ada, "mlcs_countdown")["words"]["units"]["minute"] == ["{count} Minute", "{count} Minuten"]


def test_the_room_screen_reads_the_plans_language(reads_german):
    plan = german_plan()
    facilitator = open_page(plan, CONSOLE)
    code = open_room(facilitator)
    room_store = workshops()
    ada = join(code, "Ada")
    ada.text_area(key="room-note-text").input("Anrufprotokolle")
    run(ada.button(key="room-note-add").click())
    room_store.set_options(code, private_writing=True, show_authors=True)
    room_store.add_note(code, participant_key(code, ada.session_state["browser_token"]), "Verdeckt")
    screen = room_page(code, SCREEN)
    assert any(m.value == f"### Beitreten: {code}" for m in screen.markdown)
    assert any(m.value == "### 1 Notiz geschrieben, verdeckt bis zum Aufdecken" for m in screen.markdown)
    assert not screen.selectbox  # no language switch on the projector
    assert_german(screen, plan, "the room screen")
    board = component(screen, "mlcs_note_board")
    assert board["notes"][0]["meta"] == "Ada" and board["words"]["vote"] == "Punkt geben"
    assert component(screen, "mlcs_countdown")["words"]["none"] == "Kein Timer läuft"


def test_an_english_plans_room_stays_english():
    facilitator = open_page(load_example("support_mail_triage"), CONSOLE)
    code = open_room(facilitator)
    ada = join(code, "Ada")
    assert any(b.label == "I'm done" for b in ada.button)
    assert component(ada, "mlcs_note_board")["words"]["vote"] == "Vote"
    assert component(ada, "mlcs_countdown")["words"]["up"] == "Time is up"


def test_switching_the_language_keeps_a_half_typed_note(reads_german):
    plan = german_plan()
    facilitator = open_page(plan, CONSOLE)
    code = open_room(facilitator)
    ada = join(code, "Ada")
    box = ada.text_area(key="room-note-text")
    box.input("Halb getippt, noch nicht gesendet")
    # A form's box keeps what is typed in the browser until it is sent (AppTest, like the browser,
    # sends nothing of it): it survives as long as the box stays the same element.
    typed_in = (box.id, box.form_id)
    run(ada.selectbox(key="ui-language").select("en"))
    box = ada.text_area(key="room-note-text")
    assert (box.id, box.form_id) == typed_in
    assert box.label.startswith("Your note on ")
    assert any(b.label == "I'm done" for b in ada.button)
    assert component(ada, "mlcs_note_board")["words"]["vote"] == "Vote"
    with language("en"):  # what the page shows now
        run(ada.selectbox(key="ui-language").select("de"))
    box = ada.text_area(key="room-note-text")
    assert (box.id, box.form_id) == typed_in
    assert box.label.startswith("Ihre Notiz zu ")
    box.input("Halb getippt, noch nicht gesendet, jetzt fertig")
    run(ada.button(key="room-note-add").click())
    assert [n.text for n in workshops().notes(code)] == ["Halb getippt, noch nicht gesendet, jetzt fertig"]


def test_a_participant_whose_browser_reads_english_sees_a_german_plans_room_in_english():
    plan = german_plan()
    facilitator = open_page(plan, CONSOLE)
    with language("de"):
        code = open_room(facilitator)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["code"] = code
    at.context["locale"] = "en-GB"
    run(at.switch_page(ROOM))
    assert at.title[0].value == "Join the workshop"
