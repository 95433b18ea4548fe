"""A participant's screen: join a room by its code with a display name, follow the facilitator, add
sticky notes to the block in focus, vote, and say "I'm done".

The room code is all a participant holds: it lets them add notes, vote and signal done; the plan is
shown read-only and its link never reaches this screen. The page has three parts: the note entry (a
form outside anything that refreshes, so typing is never reset), the board (a keyed fragment
redrawn when the room changes) and a watcher ticking once a second (ui.live).

The page reads in the participant's language (the switch at its top, kept for this browser, or the
browser's own), else in the language of the plan the room runs on; the board and the watcher run in
the session's language. Every widget's key is independent of the language, so switching it keeps
a half-typed note.
"""

from __future__ import annotations

import time

import streamlit as st

from canvas_core import i18n
from canvas_core.i18n import N_, _, ngettext
from canvas_core.plan import Plan
from canvas_core.store import StoreUnavailable
from canvas_core.workshop import Focus, Room, WorkshopError, normalise_code
from canvas_core.workshop.model import MAX_NAME_CHARS, MAX_STICKY_CHARS
from ui import access, language, live
from ui.bootstrap import workshop_store
from ui.note_board import note_board
from ui.state import markdown_literal, show_flash
from ui.workshop.common import (
    CODE_PARAM,
    cards,
    code_from_link,
    focus_choices,
    focus_title,
    my_key,
    ordered,
    plan_of,
    seen_by_room,
    show_focus_content,
    show_timer,
)

BOARD, WATCH = "room-board", "room-watch"
_LOOKING_KEY = "room-looking-at"  # a Focus while the participant looks around, else absent
_FAILED_KEY = "room-failed-codes"  # times of wrong codes typed in this tab
_MAX_FAILED, _FAILED_WINDOW_S = 5, 60
_FOCUS_SEQ_KEY = "room-drawn-focus"


def show() -> None:
    show_flash()
    access.keep_browser_token()  # the browser's token is who this is in the room; the cookie keeps it
    code = code_from_link()
    if code is None:
        _language_switch()
        _join_by_code(st.query_params.get(CODE_PARAM, ""))
        return
    try:
        room = workshop_store().room(code)
    except WorkshopError:
        _language_switch()
        st.error(_("There is no workshop room with this code. Check the code with the facilitator."))
        _join_by_code("")
        return
    except StoreUnavailable as error:
        st.error(_("The workshop cannot be reached right now: {error}. This page tries again when you reload it.")
                 .format(error=error))
        return
    plan = plan_of(room)  # once per page run (never on the board's ticks): the block shown, and its language
    language.resolve(plan.meta.language if plan is not None else None)
    _language_switch()
    if not room.is_open:
        st.title(_("This workshop has ended"), anchor=False)
        st.info(_("The facilitator closed the room. Thank you for taking part: what the room agreed is in the plan."))
        return
    me = workshop_store().participant(code, my_key(code))
    if me is None:
        _ask_name(room)
        return
    _room_screen(room, me.name, plan)


def _language_switch() -> None:
    """The language switch, tucked into a small button at the top right (the room has no sidebar)."""
    with st.container(horizontal=True, horizontal_alignment="right"):
        with st.popover(i18n.NAMES[language.current()], icon=":material/translate:", key="room-language"):
            language.switch()


# --- joining -------------------------------------------------------------------------------------


def _join_by_code(typed: str) -> None:
    st.title(_("Join a workshop"), anchor=False)
    error = st.session_state.pop("join-error", None)
    if error:
        st.error(_(error))
    st.markdown(_("Type the room code the facilitator shows (six letters and digits). No account is needed."))
    with st.form("join-code"):
        st.text_input(_("Room code"), value=typed, max_chars=12, key="join-code-typed",
                      placeholder=_("e.g. KQ7 X2M"))
        st.form_submit_button(_("Join the room"), key="join-code-submit", type="primary", on_click=_go_to_code)


def _go_to_code() -> None:
    recent = [t for t in st.session_state.get(_FAILED_KEY, []) if time.monotonic() - t < _FAILED_WINDOW_S]
    if len(recent) >= _MAX_FAILED:  # guessing codes is slow on purpose
        st.session_state["join-error"] = N_("Too many wrong codes in a row: wait a minute, then try again.")
        return
    code = normalise_code(st.session_state.get("join-code-typed", ""))
    found = False
    if code is not None:
        try:
            found = workshop_store().open_room(code) is not None
        except WorkshopError:
            found = False
    if not found:
        st.session_state[_FAILED_KEY] = [*recent, time.monotonic()]
        st.session_state["join-error"] = N_("That is not the code of an open room. A code has six characters "
                                            "(no 0, O, 1, I or L); check it with the facilitator.")
        return
    st.query_params[CODE_PARAM] = code


def _ask_name(room: Room) -> None:
    error = st.session_state.pop("join-error", None)
    if error:
        st.error(error)
    st.title(_("Join the workshop"), anchor=False)
    # the code's alphabet has no markup characters
    st.markdown(_("Room **{code}**. Pick the name the room sees on your notes (no account needed).")
                .format(code=room.code))
    with st.form("join-name"):
        st.text_input(_("Your display name"), max_chars=MAX_NAME_CHARS, key="join-name-typed",
                      placeholder=_("e.g. Dana from Claims"))
        st.form_submit_button(_("Join"), key="join-name-submit", type="primary", on_click=_join, args=(room.code,))


def _join(code: str) -> None:
    try:
        workshop_store().join(code, my_key(code), st.session_state.get("join-name-typed", ""))
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state["join-error"] = _("Not joined: {error}").format(error=error)


# --- the room ------------------------------------------------------------------------------------


def _room_screen(room: Room, name: str, plan: Plan | None) -> None:
    st.session_state[_FOCUS_SEQ_KEY] = room.focus_seq
    looking = st.session_state.get(_LOOKING_KEY)
    if looking == room.focus:
        looking = None
        st.session_state.pop(_LOOKING_KEY, None)
    top = st.columns([4, 2], vertical_alignment="center")
    with top[0]:
        st.caption(markdown_literal(_("Workshop room {code} · you are {name}").format(code=room.code, name=name)))
    with top[1]:
        # The box shows where this screen is; set before drawing, so that "Back to the room" and the
        # room moving on win over what the browser last sent for it.
        st.session_state["room-look"] = looking or room.focus
        st.selectbox(_("Look around"), focus_choices(), format_func=focus_title,
                     key="room-look", on_change=_look_around, args=(room.focus,),
                     help=_("See another part of the plan; your notes still go to where the room is."))
    if looking is not None:
        st.info(markdown_literal(_("You are looking at {place}; the room is at {room_place}.").format(
            place=focus_title(looking), room_place=focus_title(room.focus))), icon=":material/explore:")
        st.button(_("Back to the room"), icon=":material/my_location:", key="room-back", on_click=_back_to_room,
                  type="primary")
    show_focus_content(plan, looking or room.focus)
    _note_entry(room)
    _board(room.code)
    store = workshop_store()  # looked up once: the watcher's tick reads one number and nothing else
    live.watch(WATCH, lambda: seen_by_room(store.version(room.code)), board=BOARD, page_changed=_page_changed)


def _look_around(room_focus: Focus) -> None:
    chosen = st.session_state["room-look"]
    if chosen == room_focus:
        st.session_state.pop(_LOOKING_KEY, None)
    else:
        st.session_state[_LOOKING_KEY] = chosen


def _back_to_room() -> None:
    st.session_state.pop(_LOOKING_KEY, None)


def _page_changed(version: tuple[int, int, bool] | None) -> bool:
    """The focus moved or the room closed: the whole page follows (not just the board)."""
    return version is None or not version[2] or version[1] != st.session_state.get(_FOCUS_SEQ_KEY)


@st.fragment(key="room-entry")
def _note_entry(room: Room) -> None:
    """The note box: a fragment of its own, so adding a note redraws the box and the board, not the
    whole page (thirty people writing must not cost thirty page runs a minute each)."""
    kept = st.session_state.pop("room-note-keep", None)
    if kept:  # a note that was refused: back in the box, to fix and send again
        st.session_state["room-note-text"] = kept
    with st.form("room-note", clear_on_submit=True, border=True):
        st.text_area(_("Your note on {place}").format(place=focus_title(room.focus)), key="room-note-text",
                     max_chars=MAX_STICKY_CHARS, height=90, placeholder=_("One idea per note"))
        hint = _("Only you see your notes until the facilitator reveals them.") if room.private_writing else ""
        st.form_submit_button(_("Add note"), key="room-note-add", type="primary", icon=":material/sticky_note_2:",
                              on_click=_add_note, args=(room.code,), help=hint or None)
    message = st.session_state.pop("room-note-message", None)
    if message:
        st.error(message)


def _add_note(code: str) -> None:
    text = st.session_state.get("room-note-text", "")
    try:
        workshop_store().add_note(code, my_key(code), text)
        live.rerun_fragment(BOARD)  # the writer sees the note at once, not at the next tick
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state["room-note-message"] = _("Not added: {error}").format(error=error)
        # clear_on_submit empties the box: keep what was typed so nothing is lost
        st.session_state["room-note-keep"] = text


@st.fragment(key=BOARD)
def _board(code: str) -> None:
    store = workshop_store()
    version = store.version(code)
    room = store.room(code)
    live.mark_seen(WATCH, seen_by_room(version))
    me = my_key(code)
    everything = store.notes(code, room.focus, viewer=me, include_hidden=True)
    notes = ordered([n for n in everything if not n.hidden or n.participant == me])
    hidden_from_me = len(everything) - len(notes)
    done, joined = store.done_count(code)
    mine = store.participant(code, me)
    i_am_done = bool(mine and mine.done)
    status = st.columns([2, 2, 3], vertical_alignment="center")
    with status[0]:
        show_timer(room, key="room-timer")
    with status[1]:
        st.button(_("I'm not done yet") if i_am_done else _("I'm done"), key="room-done",
                  icon=":material/undo:" if i_am_done else ":material/check_circle:",
                  on_click=_set_done, args=(code, not i_am_done), type="secondary" if i_am_done else "primary")
        st.caption(_("{done} of {joined} done").format(done=done, joined=joined))
    vote = room.vote
    voting = vote is not None and vote.is_open and vote.focus == room.focus
    with status[2]:
        if voting:
            left = store.votes_left(code, me)
            st.markdown(ngettext("**Vote open:** you have {left} of {count} vote left (at most {cap} on one note).",
                                 "**Vote open:** you have {left} of {count} votes left (at most {cap} on one note).",
                                 vote.budget).format(left=left, count=vote.budget, cap=vote.cap))
        elif room.private_writing:
            st.caption(_("Private writing: the room sees your notes when the facilitator reveals them."))
        if hidden_from_me:
            st.caption(ngettext("{count} note from others, hidden until revealed",
                                "{count} notes from others, hidden until revealed", hidden_from_me)
                       .format(count=hidden_from_me))
    error = st.session_state.pop("room-vote-message", None)
    if error:
        st.error(error)
    heading = _("Notes on {place}").format(place=focus_title(room.focus))
    st.subheader(heading, anchor=False)
    note_board(cards(notes, show_authors=room.show_authors, voting=voting), key="room-notes",
               label=heading, empty=_("No notes here yet: add the first one above."),
               on_vote=lambda note_id, change: _vote(code, note_id, change))


def _vote(code: str, note_id: str, direction: int) -> None:
    store = workshop_store()
    try:
        if direction > 0:
            store.vote(code, my_key(code), note_id)
        else:
            store.unvote(code, my_key(code), note_id)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state["room-vote-message"] = str(error)


def _set_done(code: str, done: bool) -> None:
    try:
        workshop_store().set_done(code, my_key(code), done)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state["room-vote-message"] = str(error)
