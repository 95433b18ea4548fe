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
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _, language
from canvas_core.plan import MAX_ITEMS, Plan
from canvas_core.steps import STEPS_BY_ID
from canvas_core.workshop.model import Focus, StickyNote, WorkshopError

ANONYMOUS = N_("Workshop participant")  # written into the plan in the plan's language


def destination(focus: Focus) -> str:
    """Where accepted notes of `focus` go, a whole sentence for the caption over the board."""
    step = STEPS_BY_ID[focus.step_id]
    if step.canvas_id is None:
        return _("Accepted notes go to the open questions on the review step. Tick notes to merge them into one.")
    spec = canvases()[step.canvas_id]
    if focus.block_id is None:
        return _("Accepted notes go to a block of the {canvas} (choose one). Tick notes to merge them into "
                 "one.").format(canvas=shown_title(spec.short_title))
    return _("Accepted notes go to the {block} block. Tick notes to merge them into one.").format(
        block=shown_title(spec.block(focus.block_id).title))


def accept(plan: Plan, notes: Sequence[StickyNote], *, text: str | None = None, block_id: str | None = None,
           show_authors: bool = True, votes: dict[str, int] | None = None) -> str:
    """Put `notes` (one, or several merged into `text`) into the plan; returns the new canvas note's id
    (for open questions: "open-question-<n>"). `block_id` chooses the block when the room's focus is
    a whole canvas. `votes`: each note's total from the room's votes."""
    if not notes:
        raise WorkshopError(_("Choose at least one note."))
    focus = notes[0].focus
    if any(n.focus != focus for n in notes):
        raise WorkshopError(_("Only notes on the same block can be merged."))
    words = (text if text is not None else notes[0].text).strip()
    if not words:
        raise WorkshopError(_("The merged note is empty: write what it says."))
    authors = sorted({n.author for n in notes if n.author}) if show_authors else []
    with language(plan.meta.language):  # what goes into the plan is in the plan's language
        anonymous = _(ANONYMOUS)
        step_title = _(STEPS_BY_ID[focus.step_id].title)
    author = ", ".join(authors) if authors else anonymous
    total = sum((votes or {}).get(n.id, n.votes or 0) for n in notes)
    step = STEPS_BY_ID[focus.step_id]
    if step.canvas_id is None:
        questions = plan.review.open_questions
        if len(questions) >= MAX_ITEMS:
            raise WorkshopError(_("The review already has {count} open questions.").format(count=MAX_ITEMS))
        plan.review.open_questions = [*questions, f"{words} ({author}, {step_title})"]
        return f"open-question-{len(plan.review.open_questions)}"
    block = block_id or focus.block_id
    spec = canvases()[step.canvas_id]
    if block is None or block not in {b.id for b in spec.blocks}:
        raise WorkshopError(_("Choose the block of the {canvas} the note goes to.").format(
            canvas=shown_title(spec.short_title)))
    note = editing.add_note(plan, spec.id, block, words, author=author, votes=total if total else None)
    if note is None:  # pragma: no cover - words are not empty
        raise WorkshopError(_("The note is empty."))
    return note.id
