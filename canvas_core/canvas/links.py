"""Connected canvases: answers given once, offered wherever a twin asks for them.

A block's twins (declared in the canvas files) are other blocks or step
fields asking for the same thing. Their content is offered as suggestions the
user can take over with one click; nothing is copied behind their back.
"""

from __future__ import annotations

from dataclasses import dataclass

from canvas_core.canvas import editing
from canvas_core.canvas.specs import CanvasSpec
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _
from canvas_core.plan import NoteStatus, Plan
from canvas_core.steps import STEPS_BY_ID

# What a twin reference in a canvas file ("<step id>.<answer>") names, after the step's title.
_ANSWER_LABELS = {
    "workflow.use_of_model": N_("Use of the model"),
    "data_landscape.assets": N_("Assets"),
    "data_landscape.features": N_("Assets used as features"),
    "data_landscape.labels": N_("Sources of labels"),
}


def source_label(ref: str) -> str:
    """e.g. "Workflow integration · Use of the model" for "workflow.use_of_model" (in the current
    language)."""
    return f"{_(STEPS_BY_ID[ref.partition('.')[0]].title)} · {_(_ANSWER_LABELS[ref])}"


@dataclass(frozen=True)
class Suggestion:
    source: str  # human label of where the text comes from
    text: str
    status: NoteStatus | None = None


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def suggestions_for(plan: Plan, specs: dict[str, CanvasSpec], canvas_id: str, block_id: str) -> list[Suggestion]:
    """Texts from the block's twins that the block does not already hold."""
    block = specs[canvas_id].block(block_id)
    stored = plan.canvases.get(canvas_id)
    have = {_normal(n.text) for n in stored.blocks[block_id].notes} if stored and block_id in stored.blocks else set()
    found: list[Suggestion] = []
    for ref in block.twins:
        for suggestion in _texts_at(plan, specs, ref):
            key = _normal(suggestion.text)
            if key and key not in have:
                have.add(key)
                found.append(suggestion)
    return found


def _texts_at(plan: Plan, specs: dict[str, CanvasSpec], ref: str) -> list[Suggestion]:
    if ref == "workflow.use_of_model":
        text = plan.workflow.integration.use_of_model.text.strip()
        return [Suggestion(source_label(ref), text)] if text else []
    if ref.startswith("data_landscape."):
        return _asset_suggestions(plan, ref)
    canvas_id, _dot, block_id = ref.partition(".")
    if canvas_id not in specs:
        return []  # cost refs are outbound only: costs read canvases, not the reverse
    content = plan.canvases.get(canvas_id)
    if not content or block_id not in content.blocks:
        return []
    label = f"{_(specs[canvas_id].short_title)} · {shown_title(specs[canvas_id].block(block_id).title)}"
    return [Suggestion(label, n.text, n.status) for n in content.blocks[block_id].notes]


def _asset_suggestions(plan: Plan, ref: str) -> list[Suggestion]:
    assets = plan.data_landscape.assets
    if ref == "data_landscape.features":
        # Data the model cannot have when it predicts is no feature; the findings say so.
        chosen = [(a, a.contents) for a in assets if "feature" in a.uses and a.at_prediction_time]
    elif ref == "data_landscape.labels":
        chosen = [(a, a.contents) for a in assets if "label" in a.uses]
    else:
        chosen = [(a, a.use) for a in assets]
    return [Suggestion(source_label(ref), f"{a.name}: {detail.strip()}" if detail.strip() else a.name,
                       _asset_status(a.status))
            for a, detail in chosen]


def _asset_status(status: str) -> NoteStatus:
    # "accessible" data exists but is not in hand yet: planned, like a yellow sticky note.
    return {"available": NoteStatus.AVAILABLE, "accessible": NoteStatus.PLANNED,
            "missing": NoteStatus.MISSING, "question": NoteStatus.QUESTION}[status]


def take_over(plan: Plan, canvas_id: str, block_id: str, suggestion: Suggestion, author: str = "") -> None:
    editing.add_note(plan, canvas_id, block_id, suggestion.text, author=author, status=suggestion.status)
