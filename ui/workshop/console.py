"""The facilitator's console: open a room on the plan, show its code, join link and QR code, lead the
room through the agenda (the focus, the timer, private writing, votes), see how many are done, and
take notes into the plan (accept, merge, discard).

Only the plan's edit link opens it (a view link or a room code cannot). The controls redraw the page
when used; the board (notes, counts, triage) is a keyed fragment redrawn when the room changes, and a
watcher ticks once a second (ui.live). While the merge dialog is open the watcher holds back, so a
new note in the room never closes it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from canvas_core.i18n import _, ngettext
from canvas_core.steps import STEPS, STEPS_BY_ID
from canvas_core.store import StoreUnavailable
from canvas_core.workshop import READY_AGENDAS, AgendaItem, Focus, Room, WorkshopError, WorkshopStore, triage
from canvas_core.workshop.agenda import MAX_MINUTES_PER_STEP
from canvas_core.workshop.model import DEFAULT_BUDGET, MAX_BUDGET, StickyNote
from ui import access, live
from ui.bootstrap import workshop_store
from ui.room_qr import show_join_qr
from ui.state import current_plan, is_stored, markdown_literal, read_only, save_now, show_flash
from ui.workshop.common import (
    blocks_of,
    board,
    focus_title,
    ordered,
    server_now,
    show_timer,
    time_is_up,
)

BOARD, WATCH = "console-board", "console-watch"
_MERGING_KEY = "console-merging"
_CONFIRM_MOVE_KEY = "console-confirm-move"  # the Focus to move to once "move on anyway" is confirmed
_CONFIRM_CLOSE_KEY = "console-confirm-close"
_MESSAGE_KEY = "console-message"
_FOCUS_SEQ_KEY = "console-drawn-focus"


def show() -> None:
    st.title(_("Run a workshop"), anchor=False)
    show_flash()
    if read_only():
        st.warning(_("A workshop is run with the plan's edit link. This tab has the view-only link."))
        return
    if not is_stored():
        st.info(_("Give the plan a name or an answer first (Home or any step): a workshop runs on a saved plan."))
        return
    plan = current_plan()
    try:
        room = workshop_store().open_room_for(plan.id)
    except StoreUnavailable as error:
        st.error(_("The workshop store cannot be read: {error}. Try again in a moment.").format(error=error))
        return
    if room is None:
        _start_form(plan.id)
        return
    _console(room)


# --- opening a room ----------------------------------------------------------------------------


def _start_form(plan_id: str) -> None:
    st.markdown(_("Open a room on this plan: participants join from their laptops with a short code (no "
                  "accounts), follow you through the agenda, add sticky notes to the block in focus and vote. "
                  "You decide what goes into the plan."))
    # The ready agendas' names are their ids (stored nowhere but in this widget): shown translated.
    choice = st.radio(_("Agenda"), list(READY_AGENDAS), horizontal=True, key="start-agenda", format_func=_)
    ready = {item.step_id: item.minutes for item in READY_AGENDAS[choice]}
    with st.form("start-room"):
        st.caption(_("Minutes per step (0 leaves the step out). You can change them while the room runs."))
        columns = st.columns(4)
        for index, step in enumerate(STEPS):
            columns[index % 4].number_input(_(step.title), min_value=0, max_value=MAX_MINUTES_PER_STEP, step=5,
                                            value=ready.get(step.id, 0), key=f"start-minutes-{choice}-{step.id}")
        st.checkbox(_("Private writing: notes stay hidden from the room until you reveal them"), key="start-private")
        st.checkbox(_("Show authors' names on notes"), value=True, key="start-authors")
        st.form_submit_button(_("Open the room"), key="start-room-open", type="primary", icon=":material/meeting_room:",
                              on_click=_open_room, args=(plan_id, choice))


def _open_room(plan_id: str, choice: str) -> None:
    agenda = tuple(AgendaItem(step.id, int(st.session_state.get(f"start-minutes-{choice}-{step.id}") or 0))
                   for step in STEPS)
    try:
        workshop_store().start_room(plan_id, tuple(i for i in agenda if i.minutes > 0),
                                    private_writing=bool(st.session_state.get("start-private")),
                                    show_authors=bool(st.session_state.get("start-authors", True)))
    except (ValueError, StoreUnavailable) as error:
        st.session_state[_MESSAGE_KEY] = _("The room was not opened: {error}").format(error=error)


# --- the running room --------------------------------------------------------------------------


def join_link(code: str) -> str:
    """The participants' link, on the address this browser reached the server at."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}/room?code={code}"


def _console(room: Room) -> None:
    st.session_state[_FOCUS_SEQ_KEY] = room.focus_seq
    message = st.session_state.pop(_MESSAGE_KEY, None)
    if message:
        st.error(message)
    link = join_link(room.code)
    left, right = st.columns([3, 2])
    with left:
        # ours: the code's alphabet has no markup characters
        st.markdown("## " + _("Room code: {code}").format(code=room.code))
        st.markdown(_("Participants open the link (or Home, *Join a workshop*) and type the code:"))
        st.code(link, language=None)
        if not access.is_shared_server():
            st.warning(_("This server listens on this computer only: other laptops cannot reach the link. "
                         "Start it for the room with `make serve`."), icon=":material/wifi_off:")
        row = st.container(horizontal=True)
        parts = urlsplit(link)
        row.link_button(_("Room screen for the projector"),
                        f"{parts.scheme}://{parts.netloc}/room-screen?code={room.code}", icon=":material/cast:")
        if st.session_state.get(_CONFIRM_CLOSE_KEY):
            st.warning(_("Close the room? Its code stops working; everything written stays in the workshop record."))
            confirm = st.container(horizontal=True)
            confirm.button(_("Close the room"), type="primary", key="close-confirmed", on_click=_close,
                           args=(room.code,))
            confirm.button(_("Keep it open"), key="close-cancelled", on_click=st.session_state.pop,
                           args=(_CONFIRM_CLOSE_KEY, None))
        else:
            row.button(_("Close the room…"), icon=":material/door_front:", key="close-room",
                       on_click=st.session_state.__setitem__, args=(_CONFIRM_CLOSE_KEY, True))
    with right:
        show_join_qr(link, caption=_("Scan to join"))
    st.divider()
    agenda_col, controls_col = st.columns([3, 2])
    with agenda_col:
        _agenda(room)
    with controls_col:
        _timer_controls(room)
        _room_options(room)
        _vote_controls(room)
    st.divider()
    _board(room.code)
    store = workshop_store()  # looked up once: the watcher's tick reads one number and nothing else
    live.watch(WATCH, lambda: _watched(store, room.code), board=BOARD, page_changed=_page_changed,
               paused=lambda: bool(st.session_state.get(_MERGING_KEY)))


def _watched(store: WorkshopStore, code: str):
    """The room's version, and whether its countdown has run out (the board then asks to extend)."""
    version = store.version(code)
    ends = st.session_state.get("console-timer-end")
    return version, ends is not None and ends <= server_now()


def _page_changed(watched) -> bool:
    version, _ = watched
    return version is None or not version[2] or version[1] != st.session_state.get(_FOCUS_SEQ_KEY)


def _close(code: str) -> None:
    st.session_state.pop(_CONFIRM_CLOSE_KEY, None)
    try:
        workshop_store().close_room(code)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state[_MESSAGE_KEY] = _("The room was not closed: {error}").format(error=error)


# --- agenda and focus --------------------------------------------------------------------------


def _agenda(room: Room) -> None:
    st.subheader(_("Agenda"), anchor=False)
    spent = workshop_store().time_spent(room)  # the focus log only, not the whole record
    for item in room.agenda:
        step = STEPS_BY_ID[item.step_id]
        here = room.focus.step_id == item.step_id
        row = st.columns([5, 3, 2], vertical_alignment="center")
        minutes_spent = round(spent.get(item.step_id, 0) / 60)
        title = f"{step.number}. {_(step.title)}"
        if here:
            row[0].markdown(_("**{step}** · {minutes} min · in focus").format(step=title, minutes=item.minutes))
        else:
            row[0].markdown(_("{step} · {minutes} min").format(step=title, minutes=item.minutes))
        row[1].caption(_("{minutes} min spent").format(minutes=minutes_spent) if minutes_spent else _("not started"))
        if not here:
            row[2].button(_("Go here"), key=f"go-{item.step_id}", on_click=_move, args=(room, Focus(item.step_id)))
    blocks = blocks_of(room.focus.step_id)
    if blocks:
        options = [Focus(room.focus.step_id), *blocks]
        st.selectbox(_("Block in focus"), options, index=options.index(room.focus), format_func=focus_title,
                     key=f"focus-block-{room.focus_seq}", on_change=_move_to_selected, args=(room,))
    upcoming = _next_focus(room)
    if upcoming is not None:
        st.button(_("Next: {place}").format(place=focus_title(upcoming)), icon=":material/arrow_forward:", key="move-next",
                  on_click=_move, args=(room, upcoming), type="primary")
    pending = st.session_state.get(_CONFIRM_MOVE_KEY)
    if pending is not None:
        done, joined = workshop_store().done_count(room.code)
        st.warning(ngettext("{count} of {joined} is not done yet. Move on anyway?",
                            "{count} of {joined} are not done yet. Move on anyway?", joined - done)
                   .format(count=joined - done, joined=joined))
        confirm = st.container(horizontal=True)
        confirm.button(_("Move on anyway"), key="move-confirmed", type="primary", on_click=_move,
                       args=(room, pending, True))
        confirm.button(_("Wait"), key="move-cancelled", on_click=st.session_state.pop, args=(_CONFIRM_MOVE_KEY, None))
    with st.expander(_("Edit the agenda"), key="edit-agenda-expander"):
        with st.form("edit-agenda"):
            planned = {item.step_id: item.minutes for item in room.agenda}
            columns = st.columns(4)
            for index, step in enumerate(STEPS):
                columns[index % 4].number_input(_(step.title), min_value=0, max_value=MAX_MINUTES_PER_STEP, step=5,
                                                value=planned.get(step.id, 0), key=f"agenda-{step.id}")
            st.form_submit_button(_("Save the agenda"), key="edit-agenda-save", on_click=_save_agenda,
                                  args=(room.code,))


def _next_focus(room: Room) -> Focus | None:
    blocks = blocks_of(room.focus.step_id)
    if room.focus.block_id is not None and room.focus in blocks:
        at = blocks.index(room.focus)
        if at + 1 < len(blocks):
            return blocks[at + 1]
    elif blocks:
        return blocks[0]
    order = [item.step_id for item in room.agenda]
    if room.focus.step_id in order and order.index(room.focus.step_id) + 1 < len(order):
        return Focus(order[order.index(room.focus.step_id) + 1])
    return None


def _move_to_selected(room: Room) -> None:
    _move(room, st.session_state[f"focus-block-{room.focus_seq}"])


def _move(room: Room, focus: Focus, confirmed: bool = False) -> None:
    """Move the room; with people not done yet, ask once more first."""
    store = workshop_store()
    done, joined = store.done_count(room.code)
    if not confirmed and done < joined and joined:
        st.session_state[_CONFIRM_MOVE_KEY] = focus
        return
    st.session_state.pop(_CONFIRM_MOVE_KEY, None)
    try:
        store.set_focus(room.code, focus)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state[_MESSAGE_KEY] = _("The room did not move: {error}").format(error=error)


def _save_agenda(code: str) -> None:
    agenda = tuple(AgendaItem(step.id, int(st.session_state.get(f"agenda-{step.id}") or 0)) for step in STEPS)
    try:
        workshop_store().set_agenda(code, tuple(item for item in agenda if item.minutes > 0))
    except (ValueError, StoreUnavailable) as error:
        st.session_state[_MESSAGE_KEY] = _("The agenda was not saved: {error}").format(error=error)


# --- timer, options, votes -----------------------------------------------------------------------


def _timer_controls(room: Room) -> None:
    st.subheader(_("Timer"), anchor=False)
    minutes = room.agenda_minutes(room.focus.step_id) or 10
    row = st.container(horizontal=True)
    if room.timer_end_at is None and room.timer_paused_s is None:
        row.button(_("Start {minutes} min").format(minutes=minutes), key="timer-start", icon=":material/timer:",
                   type="primary", on_click=_timer, args=(room.code, "start", minutes * 60))
    elif room.timer_paused_s is not None:
        row.button(_("Resume"), key="timer-resume", icon=":material/play_arrow:", on_click=_timer,
                   args=(room.code, "resume"))
    else:
        row.button(_("Pause"), key="timer-pause", icon=":material/pause:", on_click=_timer, args=(room.code, "pause"))
    if room.timer_end_at is not None or room.timer_paused_s is not None:
        row.button(_("+{minutes} min").format(minutes=1), key="timer-add-1", on_click=_timer, args=(room.code, "add", 60))
        row.button(_("+{minutes} min").format(minutes=5), key="timer-add-5", on_click=_timer,
                   args=(room.code, "add", 300))
        row.button(_("Stop"), key="timer-stop", icon=":material/stop:", on_click=_timer, args=(room.code, "stop"))


def _timer(code: str, action: str, seconds: float = 0) -> None:
    store = workshop_store()
    try:
        {"start": lambda: store.start_timer(code, seconds), "pause": lambda: store.pause_timer(code),
         "resume": lambda: store.resume_timer(code), "add": lambda: store.add_time(code, seconds),
         "stop": lambda: store.stop_timer(code)}[action]()
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state[_MESSAGE_KEY] = _("The timer did not change: {error}").format(error=error)


def _room_options(room: Room) -> None:
    st.subheader(_("Room"), anchor=False)
    st.toggle(_("Private writing (notes hidden until revealed)"), value=room.private_writing,
              key=f"opt-private-{room.version}", on_change=_options, args=(room, "private"))
    st.toggle(_("Show authors' names"), value=room.show_authors, key=f"opt-authors-{room.version}",
              on_change=_options, args=(room, "authors"))


def _options(room: Room, which: str) -> None:
    private = st.session_state[f"opt-private-{room.version}"] if which == "private" else room.private_writing
    authors = st.session_state[f"opt-authors-{room.version}"] if which == "authors" else room.show_authors
    try:
        workshop_store().set_options(room.code, private_writing=private, show_authors=authors)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state[_MESSAGE_KEY] = _("Not changed: {error}").format(error=error)


def _vote_controls(room: Room) -> None:
    st.subheader(_("Dot voting"), anchor=False)
    vote = room.vote
    if vote is not None and vote.is_open:
        st.caption(markdown_literal(ngettext(
            "A vote is open on {place}: {count} vote each, at most {cap} on one note. Results stay hidden until "
            "you close it.",
            "A vote is open on {place}: {count} votes each, at most {cap} on one note. Results stay hidden until "
            "you close it.", vote.budget).format(place=focus_title(vote.focus), count=vote.budget, cap=vote.cap)))
        st.button(_("Close the vote and show the results"), key="vote-close", type="primary",
                  icon=":material/how_to_vote:", on_click=_close_vote, args=(room.code,))
        return
    row = st.columns(2)
    row[0].number_input(_("Votes per person"), min_value=1, max_value=MAX_BUDGET, value=DEFAULT_BUDGET, step=1,
                        key="vote-budget")
    row[1].number_input(_("Most votes on one note"), min_value=1, max_value=MAX_BUDGET, value=DEFAULT_BUDGET, step=1,
                        key="vote-cap")
    st.button(_("Start a vote on {place}").format(place=focus_title(room.focus)), key="vote-open",
              icon=":material/how_to_vote:", on_click=_open_vote, args=(room.code,))


def _open_vote(code: str) -> None:
    try:
        workshop_store().open_vote(code, budget=int(st.session_state["vote-budget"]),
                                   cap=int(st.session_state["vote-cap"]))
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state[_MESSAGE_KEY] = _("No vote was started: {error}").format(error=error)


def _close_vote(code: str) -> None:
    try:
        workshop_store().close_vote(code)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state[_MESSAGE_KEY] = _("The vote was not closed: {error}").format(error=error)


# --- the live board and triage ---------------------------------------------------------------------


@st.fragment(key=BOARD)
def _board(code: str) -> None:
    store = workshop_store()
    version = store.version(code)
    room = store.room(code)
    st.session_state["console-timer-end"] = room.timer_end_at
    live.mark_seen(WATCH, (version, time_is_up(room)))
    notes = ordered(store.notes(code, room.focus, include_hidden=True))
    done, joined = store.done_count(code)
    status = st.columns([2, 2, 3], vertical_alignment="center")
    with status[0]:
        show_timer(room, key="console-timer")
    with status[1]:
        st.metric(_("Done"), _("{done} of {joined}").format(done=done, joined=joined),
                  help=_("How many said they are done with this part; never who."))
    with status[2]:
        if room.vote is not None and room.vote.is_open:
            given, total = store.voters(code)
            st.metric(_("Votes given"), _("{given} of {total}").format(given=given, total=total))
        hidden = sum(n.hidden for n in notes)
        if hidden:
            st.button(ngettext("Reveal {count} hidden note", "Reveal {count} hidden notes", hidden).format(count=hidden),
                      key="reveal", type="primary",
                      icon=":material/visibility:", on_click=_reveal, args=(code, room.focus))
    if time_is_up(room):
        st.warning(_("Time is up. Need more time?"), icon=":material/alarm:")
        row = st.container(horizontal=True)
        row.button(_("Add 5 minutes"), key="time-up-add", on_click=_timer, args=(code, "add", 300))
        upcoming = _next_focus(room)
        if upcoming is not None:
            row.button(_("Move on: {place}").format(place=focus_title(upcoming)), key="time-up-next", on_click=_move,
                       args=(room, upcoming))
        row.button(_("Stop the timer"), key="time-up-stop", on_click=_timer, args=(code, "stop"))
    message = st.session_state.pop("console-board-message", None)
    if message:
        st.error(message)
    st.subheader(_("Notes on {place}").format(place=focus_title(room.focus)), anchor=False)
    open_notes = [n for n in notes if n.status == "open"]
    target = None
    step = STEPS_BY_ID[room.focus.step_id]
    if step.canvas_id is not None and room.focus.block_id is None and open_notes:
        blocks = blocks_of(room.focus.step_id)
        target = st.selectbox(_("Accept into the block"), blocks, format_func=focus_title, key="accept-into")
    st.caption(triage.destination(room.focus))
    board(notes, show_authors=room.show_authors, key="console-notes",
          actions=lambda note: _triage_buttons(room, note, target), empty=_("No notes yet."))
    picked = [n for n in open_notes if st.session_state.get(f"pick-{n.id}")]
    if len(picked) >= 2:
        st.button(ngettext("Merge the {count} ticked note…", "Merge the {count} ticked notes…", len(picked))
                  .format(count=len(picked)), key="merge", icon=":material/merge:",
                  on_click=st.session_state.__setitem__, args=(_MERGING_KEY, [n.id for n in picked]))
    if st.session_state.get(_MERGING_KEY):
        _merge_dialog(room, [n for n in notes if n.id in st.session_state[_MERGING_KEY]], target)


def _triage_buttons(room: Room, note: StickyNote, target: Focus | None) -> None:
    row = st.container(horizontal=True, vertical_alignment="center")
    if note.status == "open":
        row.button(_("Accept"), key=f"accept-{note.id}", icon=":material/check:", on_click=_accept,
                   args=(room, [note.id], None, target))
        row.button(_("Discard"), key=f"discard-{note.id}", icon=":material/delete:", on_click=_set_status,
                   args=(room.code, [note.id], "discarded"))
        row.checkbox(_("merge"), key=f"pick-{note.id}")
    elif note.status == "discarded":
        row.button(_("Restore"), key=f"restore-{note.id}", icon=":material/undo:", on_click=_set_status,
                   args=(room.code, [note.id], "open"))


def _reveal(code: str, focus: Focus) -> None:
    try:
        workshop_store().reveal(code, focus)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state["console-board-message"] = _("Not revealed: {error}").format(error=error)


def _set_status(code: str, note_ids: list[str], status: str) -> None:
    try:
        workshop_store().set_status(code, note_ids, status)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state["console-board-message"] = _("Not changed: {error}").format(error=error)


def _accept(room: Room, note_ids: list[str], text: str | None, target: Focus | None) -> None:
    """Put the notes into the plan and save it; only then mark them accepted (or merged) in the room."""
    store = workshop_store()
    notes = [n for n in store.notes(room.code, include_hidden=True) if n.id in note_ids and n.status == "open"]
    if not notes:
        st.session_state["console-board-message"] = _("Those notes were already taken care of.")
        return
    try:
        canvas_note = triage.accept(current_plan(), notes, text=text, show_authors=room.show_authors,
                                    block_id=target.block_id if target else None)
    except ValueError as error:
        st.session_state["console-board-message"] = _("Not accepted: {error}").format(error=error)
        return
    outcome = save_now()
    if outcome.status not in ("saved", "merged"):
        st.session_state["console-board-message"] = _("Not accepted: {error}").format(error=outcome.message)
        return
    try:
        store.set_status(room.code, [n.id for n in notes], "merged" if len(notes) > 1 else "accepted", canvas_note)
    except (WorkshopError, StoreUnavailable) as error:
        st.session_state["console-board-message"] = _("In the plan, but not marked in the room: {error}").format(
            error=error)
    for note in notes:
        st.session_state.pop(f"pick-{note.id}", None)


def _stop_merging() -> None:
    st.session_state.pop(_MERGING_KEY, None)


def _merge_dialog(room: Room, notes: list[StickyNote], target: Focus | None) -> None:
    # The dialog's title is in the session's language: the decorator runs when it is drawn.
    st.dialog(_("Merge notes into one"), on_dismiss=_stop_merging)(_merge_form)(room, notes, target)


def _merge_form(room: Room, notes: list[StickyNote], target: Focus | None) -> None:
    st.caption(_("The merged note goes into the plan with every author and the sum of their votes; the "
                 "originals stay in the workshop record."))
    for note in notes:
        st.text(f"• {note.text}")  # user text: plain
    with st.form("merge-form"):
        st.text_area(_("The merged note"), value="\n".join(n.text for n in notes), key="merge-text", height=120)
        submitted = st.form_submit_button(_("Merge into the plan"), key="merge-submit", type="primary")
    if submitted:
        _accept(room, [n.id for n in notes], st.session_state.get("merge-text", ""), target)
        st.session_state.pop(_MERGING_KEY, None)
        st.rerun(scope="app")
