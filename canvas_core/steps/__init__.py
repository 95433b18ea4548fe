"""The journey: the steps of a plan, in the order a team goes through them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    summary: str
    canvas_id: str | None = None  # set when the step is a canvas drawn from data/canvases


STEPS: tuple[Step, ...] = (
    Step("brief", 1, "Product brief", "What to build and why: users, value, objectives, solution, data, metrics, project.", "product_brief"),
    Step("workflow", 2, "Workflow integration", "Where a prediction fits in the business process, who acts on it, and what happens when it is wrong."),
    Step("costs", 3, "Costs", "A back-of-the-envelope estimate: one-time and running costs, a multi-year total and the break-even benefit."),
    Step("ml_canvas", 4, "ML Canvas", "The Machine Learning Canvas: how predictions are made, used, learned and evaluated.", "ml_canvas"),
    Step("data_landscape", 5, "Data landscape", "The data assets the project needs: available, accessible or missing; private, shared or public."),
    Step("mlops_stack", 6, "MLOps Stack", "The MLOps Stack Canvas: the components to run the model, with buy-or-build decisions.", "mlops_stack"),
    Step("review", 7, "Review & report", "Completeness, consistency between canvases, the pre-POC verdict and the exports."),
)

STEPS_BY_ID = {step.id: step for step in STEPS}
