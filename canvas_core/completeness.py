"""How complete each step of a plan is, as a share between 0 and 1.

Deliberately simple and explainable: a canvas counts the blocks (or, where a
block has sub-items, the sub-items) that hold at least one note.
"""

from __future__ import annotations

from canvas_core.canvas.specs import CanvasSpec, canvases
from canvas_core.plan import CanvasContent, Plan
from canvas_core.steps import STEPS


def canvas_completeness(spec: CanvasSpec, content: CanvasContent | None) -> float:
    if content is None:
        return 0.0
    parts = 0.0
    for block in spec.blocks:
        stored = content.blocks.get(block.id)
        notes = [n for n in stored.notes if n.text.strip()] if stored else []
        if block.subitems:
            ids = {s.id for s in block.subitems}
            covered = {n.topic for n in notes} & ids
            # A note typed straight into the block belongs to no sub-item; it still
            # answers part of the block, so it counts as one part.
            loose = any(n.topic not in ids for n in notes)
            parts += min(len(ids), len(covered) + loose) / len(ids)
        else:
            parts += 1.0 if notes else 0.0
    return parts / len(spec.blocks)


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def workflow_completeness(plan: Plan) -> float:
    wf = plan.workflow
    integ = wf.integration
    answers = [
        integ.previous_steps,
        integ.use_of_model,
        integ.desired_outcome,
        integ.who_acts,
        integ.fallback,
        integ.systems,
        integ.feedback,
    ]
    ch = wf.characteristics
    return _share(
        [
            len(wf.tasks) >= 2,
            wf.chosen_task_id is not None,
            *(bool(a.text.strip()) for a in answers),
            integ.mode.value is not None,
            ch.data_availability.score is not None,
            ch.accuracy_requirement.score is not None,
            ch.problem_difficulty.score is not None,
        ]
    )


def costs_completeness(plan: Plan) -> float:
    present = {line.category for line in plan.costs.lines}
    wanted = ["staff", "infrastructure", "change_management", "operational_maintenance", "data"]
    return _share([c in present for c in wanted])


def data_landscape_completeness(plan: Plan) -> float:
    assets = plan.data_landscape.assets
    if not assets:
        return 0.0
    return _share([
        len(assets) >= 3,
        all(a.uses for a in assets),  # how the project uses each asset
        any("label" in a.uses for a in assets),  # where the right answers come from
        all(a.owner.strip() and a.location.strip() for a in assets),  # whom to ask, where to look
    ])


def step_completeness(plan: Plan, step_id: str) -> float:
    if step_id == "review":
        return completeness_by_step(plan)["review"]
    specs = canvases()
    for step in STEPS:
        if step.id == step_id and step.canvas_id:
            return canvas_completeness(specs[step.canvas_id], plan.canvases.get(step.canvas_id))
    if step_id == "workflow":
        return workflow_completeness(plan)
    if step_id == "costs":
        return costs_completeness(plan)
    if step_id == "data_landscape":
        return data_landscape_completeness(plan)
    raise KeyError(step_id)


def completeness_by_step(plan: Plan) -> dict[str, float]:
    """Every step's share at once; review is the mean of the others (each computed once)."""
    shares = {step.id: step_completeness(plan, step.id) for step in STEPS if step.id != "review"}
    shares["review"] = sum(shares.values()) / len(shares)
    return shares


def overall_completeness(plan: Plan) -> float:
    """One figure for a plan list: the mean over the steps that hold answers."""
    return completeness_by_step(plan)["review"]
