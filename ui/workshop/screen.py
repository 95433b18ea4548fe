"""The room screen for the projector: the block in focus large, the live notes, the timer and the
done count; no sidebar and no inputs. It shows what the room may see (hidden notes only as a count)
and follows the facilitator by itself. Opened with the room code (`/room-screen?code=...`), so it
never carries the plan's link.

It reads in the language of the plan the room runs on, unless the person chose another (or their
browser asks for one the app speaks): there is no switch on the projector.
"""

from __future__ import annotations

import streamlit as st

from canvas_core.i18n import _, ngettext
from canvas_core.store import StoreUnavailable
from canvas_core.workshop import Room, WorkshopError
from ui import language, live
from ui.bootstrap import workshop_store
from ui.note_board import note_board
from ui.presenter import FULL_SCREEN_CSS, PRESENTER_CSS
from ui.room_qr import show_join_qr
from ui.state import show_flash
from ui.workshop.common import (
    cards,
    code_from_link,
    focus_title,
    ordered,
    plan_of,
    seen_by_room,
    show_focus_content,
    show_timer,
)
from ui.workshop.console import join_link

BOARD, WATCH = "screen-board", "screen-watch"
_NO_TOOLBARS = "<style>[data-testid='stElementToolbar'] { display: none; }</style>"  # nothing to click on a projector
_FOCUS_SEQ_KEY = "screen-drawn-focus"


def show() -> None:
    st.html(FULL_SCREEN_CSS)
    st.html(PRESENTER_CSS)
    st.html(_NO_TOOLBARS)
    show_flash()
    code = code_from_link()
    try:
        room = workshop_store().room(code) if code else None
    except WorkshopError:
        room = None
    except StoreUnavailable as error:
        st.error(_("The workshop cannot be reached right now: {error}. Reload this page in a moment.")
                 .format(error=error))
        return
    if room is None:
        st.error(_("There is no workshop room with this code. Open the room screen from the facilitator's console."))
        return
    plan = plan_of(room)  # once per page run (never on the board's ticks): its blocks, and its language
    language.resolve(plan.meta.language if plan is not None else None)
    language.mark_document()
    if not room.is_open:
        st.title(_("This workshop has ended"), anchor=False)
        return
    st.session_state[_FOCUS_SEQ_KEY] = room.focus_seq
    main, side = st.columns([5, 2])
    with main:
        show_focus_content(plan, room.focus)
    with side:
        link = join_link(room.code)
        # ours: the code's alphabet has no markup characters
        st.markdown("### " + _("Join: {code}").format(code=room.code))
        show_join_qr(link, caption=link)
    _board(room.code)
    store = workshop_store()  # looked up once: the watcher's tick reads one number and nothing else
    live.watch(WATCH, lambda: seen_by_room(store.version(room.code)), board=BOARD, page_changed=_page_changed)


def _page_changed(version) -> bool:
    return version is None or not version[2] or version[1] != st.session_state.get(_FOCUS_SEQ_KEY)


@st.fragment(key=BOARD)
def _board(code: str) -> None:
    store = workshop_store()
    version = store.version(code)
    room: Room = store.room(code)
    live.mark_seen(WATCH, seen_by_room(version))
    notes = store.notes(code, room.focus)  # no viewer: what the whole room sees
    hidden = len(store.notes(code, room.focus, include_hidden=True)) - len(notes)
    done, joined = store.done_count(code)
    status = st.columns([3, 2, 3], vertical_alignment="center")
    with status[0]:
        show_timer(room, key="screen-timer", size="large")
    with status[1]:
        st.metric(_("Done"), _("{done} of {joined}").format(done=done, joined=joined))
    with status[2]:
        if room.vote is not None and room.vote.is_open and room.vote.focus == room.focus:
            st.markdown("### " + _("Voting is open"))
        elif hidden:
            st.markdown("### " + ngettext("{count} note written, hidden until revealed",
                                          "{count} notes written, hidden until revealed", hidden).format(count=hidden))
    heading = _("Notes on {place}").format(place=focus_title(room.focus))
    st.subheader(heading, anchor=False)
    note_board(cards(ordered(notes), show_authors=room.show_authors), key="screen-notes", columns=4, large=True,
               label=heading, empty=_("No notes yet."))
