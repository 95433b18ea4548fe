"""What every workshop screen shares: the room store, who this browser is in a room, the focus in
words, the sticky-note board and the countdown.

User text (notes, names) is only ever shown through st.text or markdown_literal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import streamlit as st

from canvas_core.canvas.specs import BlockSpec, canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _, ngettext
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
STATUS_WORDS = {"accepted": N_("Accepted into the plan"), "merged": N_("Merged into the plan"),
                "discarded": N_("Discarded (kept in the workshop record)")}


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
    """The place in words, in the reader's language: "2. Workflow", "ML Canvas · 3 · Decisions"."""
    step = STEPS_BY_ID[focus.step_id]
    if step.canvas_id is None:
        return f"{step.number}. {_(step.title)}"
    spec = canvases()[step.canvas_id]
    if focus.block_id is None:
        return _("{number}. {canvas}: the whole canvas").format(number=step.number,
                                                               canvas=shown_title(spec.short_title))
    return f"{shown_title(spec.short_title)} · {block_heading(spec.block(focus.block_id))}"


def block_heading(block: BlockSpec) -> str:
    """A block's heading ("3 · Decisions") with its title in the reader's language."""
    title = shown_title(block.title)
    return f"{block.number} · {title}" if block.number else title


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
    st.caption(_(step.summary))


# --- the timer ----------------------------------------------------------------------------------


def show_timer(room: Room, *, key: str, size: str = "normal") -> None:
    countdown(end_at=room.timer_end_at, paused_remaining=room.timer_paused_s, server_now=server_now(), key=key,
              size=size)  # its words come in the session's language (ui.countdown)


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
        said.append(ngettext("{count} vote", "{count} votes", note.votes).format(count=note.votes))
    if note.hidden:
        said.append(_("hidden until revealed"))
    if note.status in STATUS_WORDS:
        said.append(_(STATUS_WORDS[note.status]))
    return " · ".join(said)


def cards(notes: list[StickyNote], *, show_authors: bool, voting: bool = False) -> list[Card]:
    """The notes as the room's board shows them (ui.note_board)."""
    return [Card(n.id, n.text, facts(n, show_authors=show_authors),
                 can_vote=voting and n.status == "open" and not n.hidden, my_votes=n.my_votes) for n in notes]


def board(notes: list[StickyNote], *, show_authors: bool, key: str, columns: int = 3,
          actions: Callable[[StickyNote], None] | None = None, empty: str | None = None) -> None:
    """The notes as Streamlit cards, `columns` to a row, `actions(note)` drawing a card's buttons:
    the facilitator's board, whose triage needs widgets (the room's screens use ui.note_board)."""
    if not notes:
        st.caption(empty if empty is not None else _("No notes yet."))
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
