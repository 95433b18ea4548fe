"""Triage: what the facilitator takes from the room into the plan.

An accepted sticky note becomes a canvas note in the block in focus, with its author (when the room
shows authors) and its votes; several merged notes become one canvas note with the facilitator's
wording and the sum of their votes. A step that is not a canvas (workflow, costs, data landscape,
review) has no blocks: its notes go to the review's open questions, where the team settles them.
"""

from __future__ import annotations

from collections.abc import Sequence

from canvas_core.canvas import editing
from canvas_core.canvas.specs import canvases
from canvas_core.plan import MAX_ITEMS, Plan
from canvas_core.steps import STEPS_BY_ID
from canvas_core.workshop.model import Focus, StickyNote, WorkshopError

ANONYMOUS = "Workshop participant"


def destination(focus: Focus) -> str:
    """Where accepted notes of `focus` go, in words for the accept button's help."""
    step = STEPS_BY_ID[focus.step_id]
    if step.canvas_id is None:
        return "the open questions on the review step"
    if focus.block_id is None:
        return f"a block of the {canvases()[step.canvas_id].short_title} (choose one)"
    return f"the {canvases()[step.canvas_id].block(focus.block_id).title} block"


def accept(plan: Plan, notes: Sequence[StickyNote], *, text: str | None = None, block_id: str | None = None,
           show_authors: bool = True, votes: dict[str, int] | None = None) -> str:
    """Put `notes` (one, or several merged into `text`) into the plan; returns the new canvas note's id
    (for open questions: "open-question-<n>"). `block_id` chooses the block when the room's focus is
    a whole canvas. `votes`: each note's total from the room's votes."""
    if not notes:
        raise WorkshopError("Choose at least one note.")
    focus = notes[0].focus
    if any(n.focus != focus for n in notes):
        raise WorkshopError("Only notes on the same block can be merged.")
    words = (text if text is not None else notes[0].text).strip()
    if not words:
        raise WorkshopError("The merged note is empty: write what it says.")
    authors = sorted({n.author for n in notes if n.author}) if show_authors else []
    author = ", ".join(authors) if authors else ANONYMOUS
    total = sum((votes or {}).get(n.id, n.votes or 0) for n in notes)
    step = STEPS_BY_ID[focus.step_id]
    if step.canvas_id is None:
        questions = plan.review.open_questions
        if len(questions) >= MAX_ITEMS:
            raise WorkshopError(f"The review already has {MAX_ITEMS} open questions.")
        plan.review.open_questions = [*questions, f"{words} ({author}, {step.title})"]
        return f"open-question-{len(plan.review.open_questions)}"
    block = block_id or focus.block_id
    spec = canvases()[step.canvas_id]
    if block is None or block not in {b.id for b in spec.blocks}:
        raise WorkshopError(f"Choose the block of the {spec.short_title} the note goes to.")
    note = editing.add_note(plan, spec.id, block, words, author=author, votes=total if total else None)
    if note is None:  # pragma: no cover - words are not empty
        raise WorkshopError("The note is empty.")
    return note.id
