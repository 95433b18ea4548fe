"""What every workshop screen shares: the room store, who this browser is in a room, the focus in
words, the sticky-note board and the countdown.

User text (notes, names) is only ever shown through st.text or markdown_literal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import streamlit as st

from canvas_core.canvas.specs import canvases
from canvas_core.plan import Plan
from canvas_core.steps import STEPS, STEPS_BY_ID
from canvas_core.store import PlanNotFound
from canvas_core.workshop import Focus, Room, StickyNote, normalise_code
from canvas_core.workshop.store import RoomVersion, participant_key
from ui import access
from ui.bootstrap import plan_store
from ui.countdown import countdown
from ui.note_board import Card
from ui.presenter import block_view
from ui.state import markdown_literal

CODE_PARAM = "code"
STATUS_WORDS = {"accepted": "Accepted into the plan", "merged": "Merged into the plan",
                "discarded": "Discarded (kept in the workshop record)"}


def code_from_link() -> str | None:
    typed = st.query_params.get(CODE_PARAM)
    return normalise_code(typed) if typed else None


def my_key(code: str) -> str:
    """This browser's key in the room: two tabs of one browser are one participant."""
    return participant_key(code, access.browser_token())


def seen_by_room(version: RoomVersion | None) -> tuple[int, int, bool] | None:
    """The part of a room's version a participant's screen shows (not the dots given meanwhile)."""
    return None if version is None else version.seen_by_room


def server_now() -> datetime:
    return datetime.now(UTC)


# --- the focus in words ------------------------------------------------------------------------


def focus_title(focus: Focus) -> str:
    step = STEPS_BY_ID[focus.step_id]
    if step.canvas_id is None:
        return f"{step.number}. {step.title}"
    spec = canvases()[step.canvas_id]
    if focus.block_id is None:
        return f"{step.number}. {spec.short_title}: the whole canvas"
    return f"{spec.short_title} · {spec.block(focus.block_id).heading}"


def focus_choices() -> list[Focus]:
    """Every place a room can be: each step, and each block of a canvas step in reading order."""
    choices: list[Focus] = []
    for step in STEPS:
        choices.append(Focus(step.id))
        if step.canvas_id is not None:
            choices += [Focus(step.id, b.id) for b in canvases()[step.canvas_id].blocks_in_reading_order]
    return choices


def blocks_of(step_id: str) -> list[Focus]:
    step = STEPS_BY_ID[step_id]
    if step.canvas_id is None:
        return []
    return [Focus(step_id, b.id) for b in canvases()[step.canvas_id].blocks_in_reading_order]


def plan_of(room: Room) -> Plan | None:
    """The room's plan, read-only (a participant never gets its link)."""
    try:
        return plan_store().get(room.plan_id).plan
    except PlanNotFound:
        return None


def show_focus_content(plan: Plan | None, focus: Focus) -> None:
    """What the plan holds at `focus`: a block large, or the step's question."""
    step = STEPS_BY_ID[focus.step_id]
    if step.canvas_id is not None and focus.block_id is not None and plan is not None:
        spec = canvases()[step.canvas_id]
        block_view(plan, spec, spec.block(focus.block_id))
        return
    st.title(focus_title(focus), anchor=False)  # ours
    st.caption(step.summary)


# --- the timer ----------------------------------------------------------------------------------


def show_timer(room: Room, *, key: str, size: str = "normal") -> None:
    countdown(end_at=room.timer_end_at, paused_remaining=room.timer_paused_s, server_now=server_now(), key=key,
              size=size)


def time_is_up(room: Room) -> bool:
    return room.timer_end_at is not None and room.timer_end_at <= server_now()


# --- the board of sticky notes ---------------------------------------------------------------


def ordered(notes: list[StickyNote]) -> list[StickyNote]:
    """Most votes first once a vote is closed, else in the order they were written."""
    if any(n.votes is not None for n in notes):
        return sorted(notes, key=lambda n: (-(n.votes or 0), n.created_at))
    return notes


def facts(note: StickyNote, *, show_authors: bool) -> str:
    """What a card says under a note's text: author, votes, hidden, what became of it."""
    said = []
    if show_authors and note.author:
        said.append(note.author)
    if note.votes is not None:
        said.append(f"{note.votes} vote{'s' if note.votes != 1 else ''}")
    if note.hidden:
        said.append("hidden until revealed")
    if note.status in STATUS_WORDS:
        said.append(STATUS_WORDS[note.status])
    return " · ".join(said)


def cards(notes: list[StickyNote], *, show_authors: bool, voting: bool = False) -> list[Card]:
    """The notes as the room's board shows them (ui.note_board)."""
    return [Card(n.id, n.text, facts(n, show_authors=show_authors),
                 can_vote=voting and n.status == "open" and not n.hidden, my_votes=n.my_votes) for n in notes]


def board(notes: list[StickyNote], *, show_authors: bool, key: str, columns: int = 3,
          actions: Callable[[StickyNote], None] | None = None, empty: str = "No notes yet.") -> None:
    """The notes as Streamlit cards, `columns` to a row, `actions(note)` drawing a card's buttons:
    the facilitator's board, whose triage needs widgets (the room's screens use ui.note_board)."""
    if not notes:
        st.caption(empty)
        return
    with st.container(key=key):
        for start in range(0, len(notes), columns):
            row = st.columns(columns)
            for column, note in zip(row, notes[start:start + columns], strict=False):
                with column, st.container(border=True, key=f"{key}-note-{note.id}"):
                    st.text(note.text)  # user text: plain
                    said = facts(note, show_authors=show_authors)
                    if said:
                        st.caption(markdown_literal(said))
                    if actions is not None:
                        actions(note)
