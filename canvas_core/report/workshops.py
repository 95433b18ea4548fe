"""The workshops run on a plan, as the report tells them: when, how many took part, the agenda with the
time actually spent per step, the top-voted notes and what was accepted into the plan.

`workshop_facts` turns a room's record into plain words and numbers; the PDF (report.workshop_page)
and the Markdown (`markdown_section`) only lay them out, escaping every note's text. Sticky notes are
shown without their authors: a room may run anonymously, and a note accepted into the plan keeps on
the canvas exactly the author the room let it have. Nothing here reads the database: the caller passes
the records (WorkshopStore.record), so the report stays a pure function of what it is given.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from canvas_core.canvas.specs import canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _, date_text, ngettext
from canvas_core.plan import Plan
from canvas_core.report.markdown_text import cell, table
from canvas_core.steps import STEPS_BY_ID

if TYPE_CHECKING:  # the records come from the store; the report only reads their fields
    from canvas_core.workshop.model import Focus, StepTime, StickyNote, WorkshopRecord

# Declared before any language is known: the facts carry them translated (in the report's language).
NOT_REACHED = N_("not reached")
NOT_PLANNED = N_("not planned")
NO_VOTES = "–"
OPEN_QUESTIONS = N_("Review & report · open questions")


@dataclass(frozen=True)
class AgendaRow:
    step: str
    planned: str  # minutes, or NOT_PLANNED for a step the room went to off the agenda
    spent: str  # minutes, "under 1" or NOT_REACHED


@dataclass(frozen=True)
class NoteRow:
    text: str  # as the participant typed it (user text: escape it)
    votes: str  # a number or NO_VOTES
    where: str  # the block (or step) it was written on, or where it went in the plan (may quote user text)


@dataclass(frozen=True)
class WorkshopFacts:
    heading: str  # "Workshop", or "Workshop 2 of 3" when the plan had several
    when: str
    took_part: str
    notes: str
    agenda: tuple[AgendaRow, ...]
    total: AgendaRow
    top_voted: tuple[NoteRow, ...]
    accepted: tuple[NoteRow, ...]


# --- words and numbers ------------------------------------------------------------------------


def minutes(seconds: float) -> str:
    """Time spent in whole minutes; a step visited for less than half a minute is "under 1", never 0."""
    if seconds <= 0:
        return _(NOT_REACHED)
    whole = int(seconds / 60 + 0.5)
    return str(whole) if whole else _("under 1")


def duration(seconds: float) -> str:
    whole = int(seconds / 60 + 0.5)
    hours, mins = divmod(whole, 60)
    if not hours:
        return _("{minutes} min").format(minutes=mins)
    if mins:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=mins)
    return _("{hours} h").format(hours=hours)


def when(created_at: datetime, closed_at: datetime | None) -> str:
    """"2026-12-02, 09:00–11:05 UTC (2 h 5 min)": times in UTC, the only zone the server knows for sure;
    dates as the report's language writes them."""
    start = f"{date_text(created_at.date())}, {created_at:%H:%M}"
    if closed_at is None:
        return _("{start} UTC, still open").format(start=start)
    took = duration((closed_at - created_at).total_seconds())
    if closed_at.date() == created_at.date():
        return f"{start}–{closed_at:%H:%M} UTC ({took})"
    end = f"{date_text(closed_at.date())}, {closed_at:%H:%M}"
    return _("{start} to {end} UTC ({duration})").format(start=start, end=end, duration=took)


def place(focus: Focus) -> str:
    """The block a note was written on, by its titles ("ML Canvas · Data Sources"), or the step."""
    step = STEPS_BY_ID.get(focus.step_id)
    if step is None:
        return focus.step_id
    spec = canvases().get(step.canvas_id) if step.canvas_id else None
    if spec is None:
        return _(step.title)
    if focus.block_id is None:
        return _("{canvas} · whole canvas").format(canvas=_(spec.short_title))
    title = next((shown_title(b.title) for b in spec.blocks if b.id == focus.block_id), focus.block_id)
    return f"{_(spec.short_title)} · {title}"


def _canvas_note(plan: Plan, note_id: str) -> tuple[str, str, str] | None:
    """(canvas id, block id, text) of the plan's canvas note `note_id`, if it is still there."""
    for canvas_id, canvas in plan.canvases.items():
        for block_id, block in canvas.blocks.items():
            for note in block.notes:
                if note.id == note_id:
                    return canvas_id, block_id, note.text
    return None


def went_to(plan: Plan, note: StickyNote) -> str:
    """Where an accepted note is in the plan: its block (found by the canvas note it became, as the
    facilitator may have chosen the block), the open questions, or that it has been removed since."""
    note_id = note.canvas_note_id or ""
    step = STEPS_BY_ID.get(note.focus.step_id)
    if note_id.startswith("open-question-") or (step is not None and step.canvas_id is None):
        return _(OPEN_QUESTIONS)  # the question itself carries its author: not repeated here
    found = _canvas_note(plan, note_id) if note_id else None
    if found is None:
        return _("{place} (no longer in the plan)").format(place=place(note.focus))
    canvas_id, block_id, text = found
    spec = canvases().get(canvas_id)
    title = next((shown_title(b.title) for b in spec.blocks if b.id == block_id), block_id) if spec else block_id
    where = f"{_(spec.short_title) if spec else canvas_id} · {title}"
    if note.status == "merged" and text.strip() != note.text.strip():
        return _("{place}, merged into \u201c{text}\u201d").format(place=where, text=text)
    return where


def _step_title(time: StepTime) -> str:
    """A step of the agenda by its title in the report's language (the record holds the English one)."""
    step = STEPS_BY_ID.get(time.step_id)
    return _(step.title if step is not None else time.title)


def _votes(votes: int | None) -> str:
    return str(votes) if votes else NO_VOTES


def workshop_facts(plan: Plan, record: WorkshopRecord, number: int = 1, of: int = 1) -> WorkshopFacts:
    accepted = sum(n.status == "accepted" for n in record.accepted)
    merged = sum(n.status == "merged" for n in record.accepted)
    left_open = max(0, record.notes_written - accepted - merged - record.discarded)
    counts = {"count": record.notes_written, "accepted": accepted, "merged": merged,
              "discarded": record.discarded, "open": left_open}
    if record.notes_written and left_open:
        notes = _("{count}: {accepted} accepted, {merged} merged, {discarded} discarded, {open} not triaged")
    elif record.notes_written:
        notes = _("{count}: {accepted} accepted, {merged} merged, {discarded} discarded")
    else:
        notes = _("none")
    rows = tuple(AgendaRow(_step_title(t), str(t.planned_minutes) if t.planned_minutes else _(NOT_PLANNED),
                           minutes(t.spent_seconds)) for t in record.agenda)
    planned = sum(t.planned_minutes or 0 for t in record.agenda)
    total = AgendaRow(_("Total"), str(planned), minutes(sum(t.spent_seconds for t in record.agenda)))
    return WorkshopFacts(
        heading=_("Workshop") if of == 1 else _("Workshop {number} of {of}").format(number=number, of=of),
        when=when(record.created_at, record.closed_at),
        took_part=ngettext("{count} person", "{count} people", record.participants).format(
            count=record.participants),
        notes=notes.format(**counts),
        agenda=rows,
        total=total,
        top_voted=tuple(NoteRow(n.text, _votes(n.votes), place(n.focus)) for n in record.top_voted),
        accepted=tuple(NoteRow(n.text, _votes(n.votes), went_to(plan, n)) for n in record.accepted),
    )


def all_facts(plan: Plan, records: Sequence[WorkshopRecord]) -> list[WorkshopFacts]:
    """One entry per room, oldest first (the newest last, nearest the end of the report)."""
    ordered = sorted(records, key=lambda r: r.created_at)
    return [workshop_facts(plan, r, i, len(ordered)) for i, r in enumerate(ordered, start=1)]


# --- Markdown -----------------------------------------------------------------------------------


def markdown_section(plan: Plan, records: Sequence[WorkshopRecord]) -> Iterator[str]:
    """Each room as a section of the Markdown report, as the PDF's workshop pages; nothing without rooms."""
    for facts in all_facts(plan, records):
        yield f"## {facts.heading}"
        yield ""
        yield _("**When:** {when}").format(when=facts.when) + "  "
        yield _("**Took part:** {people}").format(people=facts.took_part) + "  "
        yield _("**Notes written:** {notes}").format(notes=facts.notes)
        yield ""
        yield "### " + _("Agenda and time spent")
        yield ""
        rows = [[cell(r.step), r.planned, r.spent] for r in facts.agenda]
        rows.append([f"**{facts.total.step}**", f"**{facts.total.planned}**", f"**{facts.total.spent}**"])
        yield from table([_("Step"), _("Planned (min)"), _("Spent (min)")], rows, [1, 2])
        yield "### " + _("Top-voted notes")
        yield ""
        if facts.top_voted:
            yield from table([_("Note"), _("Votes"), _("Written on")],
                             ([cell(n.text), n.votes, cell(n.where)] for n in facts.top_voted), [1])
        else:
            yield _("No note got a vote.")
            yield ""
        yield "### " + _("Accepted into the plan")
        yield ""
        if facts.accepted:
            yield from table([_("Note"), _("Votes"), _("Went to")],
                             ([cell(n.text), n.votes, cell(n.where)] for n in facts.accepted), [1])
        else:
            yield _("No note was accepted.")
            yield ""
