"""The workshop's agenda: the journey's steps, each with a timebox, and the time actually spent.

Two ready agendas (about two and about four hours) are starting points; the facilitator edits the
minutes or drops steps. The time spent on a step is read from the room's focus log: from each
move of the focus to the next, or to the room's close (or now, while it is open).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from canvas_core.i18n import N_, _
from canvas_core.steps import STEPS, STEPS_BY_ID

MAX_MINUTES_PER_STEP = 480


@dataclass(frozen=True)
class AgendaItem:
    step_id: str
    minutes: int

    @property
    def title(self) -> str:
        """The step's title as marked (English): shown as `_(item.title)`."""
        return STEPS_BY_ID[self.step_id].title


def _agenda(minutes: dict[str, int]) -> tuple[AgendaItem, ...]:
    return tuple(AgendaItem(step.id, minutes[step.id]) for step in STEPS if step.id in minutes)


# Keyed by their names as marked (English, stable ids): shown as `_(name)`.
READY_AGENDAS: dict[str, tuple[AgendaItem, ...]] = {
    N_("About 2 hours"): _agenda({"brief": 15, "workflow": 20, "costs": 10, "ml_canvas": 30, "data_landscape": 15,
                              "mlops_stack": 15, "review": 15}),
    N_("About 4 hours"): _agenda({"brief": 25, "workflow": 40, "costs": 25, "ml_canvas": 60, "data_landscape": 30,
                              "mlops_stack": 40, "review": 20}),
}


def check_agenda(items: Sequence[AgendaItem]) -> tuple[AgendaItem, ...]:
    """`items` as an agenda, or ValueError saying what is wrong with it."""
    if not items:
        raise ValueError(_("An agenda needs at least one step."))
    seen: set[str] = set()
    for item in items:
        if item.step_id not in STEPS_BY_ID:
            raise ValueError(_("There is no step called {step}.").format(step=repr(item.step_id)))
        if item.step_id in seen:
            raise ValueError(_("{step} is on the agenda twice.").format(step=_(item.title)))
        seen.add(item.step_id)
        if not isinstance(item.minutes, int) or not 1 <= item.minutes <= MAX_MINUTES_PER_STEP:
            raise ValueError(_("{step}: a timebox is a whole number of minutes from 1 to {most}.")
                             .format(step=_(item.title), most=MAX_MINUTES_PER_STEP))
    return tuple(items)


def agenda_from_rows(rows: Iterable[dict]) -> tuple[AgendaItem, ...]:
    return tuple(AgendaItem(str(row["step_id"]), int(row["minutes"])) for row in rows)


def time_spent(moves: Sequence[tuple[datetime, str]], until: datetime) -> dict[str, float]:
    """Seconds spent per step: `moves` are (when, step id) in order, the last one lasting `until`."""
    spent: dict[str, float] = {}
    for (start, step_id), end in zip(moves, [*(m[0] for m in moves[1:]), until], strict=True):
        spent[step_id] = spent.get(step_id, 0.0) + max(0.0, (end - start).total_seconds())
    return spent
