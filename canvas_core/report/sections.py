"""The report's sections in journey order: one function per step.

A canvas step needs nothing here (any canvas spec is drawn by the generic grid
renderer); a form step (workflow, costs, data landscape, review) names the one
function that renders it in STEP_SECTIONS. A test checks that every step has a
section, so adding a step means adding its function to that table.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from canvas_core.report.canvas_pages import canvas_section
from canvas_core.report.context import ReportContext
from canvas_core.report.cost_pages import costs_section
from canvas_core.report.landscape_pages import landscape_section
from canvas_core.report.review_pages import review_section
from canvas_core.report.sources_page import sources_section
from canvas_core.report.summary import canvases_in_order
from canvas_core.report.summary_pages import cover, summary_section
from canvas_core.report.workflow_pages import workflow_section
from canvas_core.specs import canvases
from canvas_core.steps import STEPS

Section = Callable[[ReportContext], list[Flowable]]

STEP_SECTIONS: dict[str, Section] = {
    "workflow": workflow_section,
    "costs": costs_section,
    "data_landscape": landscape_section,
    "review": review_section,
}


def _canvas(canvas_id: str) -> Section:
    return lambda ctx: canvas_section(ctx, canvases()[canvas_id])


def report_sections() -> list[Section]:
    """Cover and summary, every step in journey order, canvases no step shows, then the sources."""
    specs = canvases()
    out: list[Section] = [cover, summary_section]
    for step in STEPS:
        if step.canvas_id in specs:
            out.append(_canvas(step.canvas_id))
        elif step.id in STEP_SECTIONS:
            out.append(STEP_SECTIONS[step.id])
    in_steps = {s.canvas_id for s in STEPS}
    out += [_canvas(spec.id) for spec in canvases_in_order() if spec.id not in in_steps]
    out.append(sources_section)
    return out
