"""What a workshop room holds, as the app reads it: the room, its participants and sticky notes.

A sticky note written while private writing is on stays hidden from the others until the
facilitator reveals it; its author always sees it. Vote totals are known only once the vote on its
block is closed; while a vote is open each participant sees only their own dots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from canvas_core.store.workshop_tables import MAX_NAME_CHARS
from canvas_core.workshop.agenda import AgendaItem
from canvas_core.workshop.timer import remaining_seconds

__all__ = ["MAX_NAME_CHARS"]  # the limit the tables set, for the app's input boxes

MAX_STICKY_CHARS = 1_000
DEFAULT_BUDGET = 3
MAX_BUDGET = 20


class WorkshopError(ValueError):
    """A workshop action that cannot be done; the message says why in plain words."""


class RoomNotFound(WorkshopError):
    pass


class RoomClosed(WorkshopError):
    pass


class VoteRefused(WorkshopError):
    pass


@dataclass(frozen=True)
class Focus:
    """Where the room is: a step, and on a canvas step optionally one block."""

    step_id: str
    block_id: str | None = None


@dataclass(frozen=True)
class Vote:
    """A dot vote on one block: `round` counts the room's votes, so a new vote starts from zero."""

    round: int
    focus: Focus
    budget: int
    cap: int
    is_open: bool


@dataclass(frozen=True)
class Room:
    code: str
    plan_id: str
    is_open: bool
    version: int  # moves on every change in the room: the one number screens poll
    focus: Focus
    focus_seq: int  # moves when the focus moves (screens then redraw the whole page)
    private_writing: bool
    show_authors: bool
    agenda: tuple[AgendaItem, ...]
    timer_end_at: datetime | None  # while the countdown runs
    timer_paused_s: float | None  # while it is paused: the seconds left
    timer_total_s: float | None  # the length it was started with, plus what was added
    vote: Vote | None  # the latest vote (open or closed), None before the first
    created_at: datetime
    closed_at: datetime | None

    def timer_remaining(self, now: datetime) -> float | None:
        return remaining_seconds(self.timer_end_at, self.timer_paused_s, now)

    def agenda_minutes(self, step_id: str) -> int | None:
        return next((item.minutes for item in self.agenda if item.step_id == step_id), None)


@dataclass(frozen=True)
class Participant:
    key: str  # derived from the browser's token and the room code, never shown
    name: str
    joined_at: datetime
    done: bool  # said "I'm done" since the focus last moved


@dataclass(frozen=True)
class StickyNote:
    id: str
    focus: Focus
    text: str
    author: str
    participant: str  # the writer's key (empty for the facilitator)
    created_at: datetime
    hidden: bool  # written during private writing and not revealed yet
    status: str  # "open", "accepted", "merged" or "discarded"
    canvas_note_id: str | None  # the canvas note it became (accepted or merged)
    votes: int | None = None  # the total, once the vote on its block is closed
    my_votes: int = 0  # the viewer's own dots on it in the current vote


@dataclass(frozen=True)
class StepTime:
    step_id: str
    title: str
    planned_minutes: int | None
    spent_seconds: float


@dataclass(frozen=True)
class WorkshopRecord:
    """A room as the report tells it."""

    code: str
    created_at: datetime
    closed_at: datetime | None
    participants: int
    notes_written: int
    agenda: tuple[StepTime, ...]
    top_voted: tuple[StickyNote, ...] = field(default=())
    accepted: tuple[StickyNote, ...] = field(default=())
    discarded: int = 0
