"""The report's sections in journey order: one function per step.

A canvas step needs nothing here (any canvas spec is drawn by the generic grid
renderer); a form step (workflow, costs, data landscape, review) names the one
function that renders it in STEP_SECTIONS. A test checks that every step has a
section, so adding a step means adding its function to that table.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from canvas_core.canvas.pdf import canvas_section
from canvas_core.canvas.specs import CanvasSpec
from canvas_core.report.context import ReportContext
from canvas_core.report.sources_page import sources_section
from canvas_core.report.summary import body_in_order
from canvas_core.report.summary_pages import cover, summary_section
from canvas_core.steps.costs.pdf import costs_section
from canvas_core.steps.data_landscape.pdf import landscape_section
from canvas_core.steps.review.pdf import review_section
from canvas_core.steps.workflow.pdf import workflow_section

Section = Callable[[ReportContext], list[Flowable]]

STEP_SECTIONS: dict[str, Section] = {
    "workflow": workflow_section,
    "costs": costs_section,
    "data_landscape": landscape_section,
    "review": review_section,
}


def _canvas(spec: CanvasSpec) -> Section:
    return lambda ctx: canvas_section(ctx, spec)


def report_sections() -> list[Section]:
    """Cover and summary, every step in journey order, canvases no step shows, then the sources."""
    body = [_canvas(part) if isinstance(part, CanvasSpec) else STEP_SECTIONS[part]
            for part in body_in_order() if isinstance(part, CanvasSpec) or part in STEP_SECTIONS]
    return [cover, summary_section, *body, sources_section]
