"""Live workshops: a room on a plan that participants join by code, with a shared focus, agenda and
timer, sticky notes, dot votes and done signals.

Workshop contributions are not part of the plan document: they are rows of their own
(canvas_core.workshop.store), written with small conditional updates, so a room voting at once never
fights over the plan's version. Only what the facilitator accepts reaches the plan (triage).
"""

from canvas_core.workshop.agenda import READY_AGENDAS, AgendaItem, agenda_from_rows, check_agenda, time_spent
from canvas_core.workshop.codes import ROOM_ALPHABET, ROOM_CODE_LENGTH, new_room_code, normalise_code
from canvas_core.workshop.model import (
    Focus,
    Participant,
    Room,
    RoomClosed,
    RoomNotFound,
    StickyNote,
    VoteRefused,
    WorkshopError,
    WorkshopRecord,
)
from canvas_core.workshop.store import WorkshopStore

__all__ = [
    "READY_AGENDAS", "ROOM_ALPHABET", "ROOM_CODE_LENGTH", "AgendaItem", "Focus", "Participant", "Room",
    "RoomClosed", "RoomNotFound", "StickyNote", "VoteRefused", "WorkshopError", "WorkshopRecord", "WorkshopStore",
    "agenda_from_rows", "check_agenda", "new_room_code", "normalise_code", "time_spent",
]
